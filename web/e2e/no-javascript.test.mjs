// With JavaScript off, signing in, listing, searching and paging learners still work.

import assert from 'node:assert/strict';
import { test } from 'node:test';

import { ACCOUNTS, assertVisible, browserTest, startSession } from './harness.mjs';
import { LearnersPage, fold, partOfName, signInAs } from './pages.mjs';

test('sign-in and the learners list work with JavaScript disabled', browserTest, async (t) => {
  const session = await startSession(t, { javaScriptEnabled: false });
  await signInAs(session, ACCOUNTS.alnco);

  const learners = new LearnersPage(session);
  assert.equal(await learners.open(), 200, 'GET /learners status');
  await assertVisible(learners.table(), 'the learners table');
  const listed = await learners.learnerNames();
  assert.ok(listed.length > 0, 'learners are listed without JavaScript');

  const part = partOfName(listed[0]);
  assert.equal(await learners.search(part), 200, 'search results status');
  const found = await learners.learnerNames();
  assert.ok(found.includes(listed[0]), `"${listed[0]}" is found by "${part}"`);
  assert.ok(found.every((n) => fold(n).includes(fold(part))), 'every result matches the search');

  // Page through the full list when it has more than one page.
  await learners.open('', 'learners list again');
  const status = await learners.nextPage();
  if (status !== null) {
    assert.equal(status, 200, 'second page status');
    const second = await learners.learnerNames();
    assert.ok(second.length > 0, 'the second page lists learners');
    assert.ok(!second.includes(listed[0]), 'the second page shows other learners');
  }

  await session.finish();
});
