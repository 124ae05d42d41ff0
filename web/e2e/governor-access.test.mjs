// A governor sees counts on the home page and may not list learners.

import assert from 'node:assert/strict';
import { test } from 'node:test';

import { ACCOUNTS, assertVisible, browserTest, startSession } from './harness.mjs';
import { LearnersPage, signInAs } from './pages.mjs';

test('a governor gets 403 Forbidden from /learners', browserTest, async (t) => {
  const session = await startSession(t);
  const home = await signInAs(session, ACCOUNTS.governor);
  await assertVisible(home.heading(), 'the home page heading');

  const learners = new LearnersPage(session);
  assert.equal(await learners.open('', 'learners forbidden'), 403, 'GET /learners as governor');
  await assertVisible(learners.heading(), 'a heading on the 403 page');
  assert.equal(await learners.learnerLinks().count(), 0, 'no learner is listed');

  await session.finish();
});
