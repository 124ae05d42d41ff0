// An ALNCo finds a learner by part of their name, opens the record and reads it in Welsh.

import assert from 'node:assert/strict';
import { test } from 'node:test';

import { ACCOUNTS, assertVisible, browserTest, startSession } from './harness.mjs';
import { LearnerRecordPage, LearnersPage, TEXT, fold, partOfName, signInAs } from './pages.mjs';

test('an ALNCo finds a learner by name and reads the record in Welsh', browserTest, async (t) => {
  const session = await startSession(t);
  const home = await signInAs(session, ACCOUNTS.alnco);
  // Switching language while signed in is saved with the account, so a previous run of this test
  // leaves the ALNCo's pages in Welsh: start from English.
  if ((await home.lang()) !== 'en') {
    assert.equal(await home.switchLanguage(), 200, 'home in English status');
  }

  const learners = new LearnersPage(session);
  assert.equal(await learners.open(), 200, 'GET /learners status');
  assert.equal(await learners.lang(), 'en');
  await assertVisible(learners.searchInput(), 'the search box (#q)');
  await assertVisible(learners.settingSelect(), 'the setting filter (#setting)');
  await assertVisible(learners.yearGroupSelect(), 'the year group filter (#year_group)');
  await assertVisible(learners.table(), 'the learners table');

  const listed = await learners.learnerNames();
  assert.ok(listed.length > 0, 'the ALNCo sees at least one learner');
  const name = listed[0];
  const part = partOfName(name);
  t.diagnostic(`searching for "${part}" to find "${name}"`);

  assert.equal(await learners.search(part), 200, 'search results status');
  assert.equal(await learners.searchInput().inputValue(), part, 'the search box keeps the query');
  const found = await learners.learnerNames();
  assert.ok(found.includes(name), `"${name}" is among the results: ${JSON.stringify(found)}`);
  for (const other of found) {
    assert.ok(fold(other).includes(fold(part)), `result "${other}" matches "${part}"`);
  }

  assert.equal(await learners.openLearner(name), 200, 'learner record status');
  const record = new LearnerRecordPage(session);
  assert.match(new URL(session.page.url()).pathname, /^\/learners\/[^/]+\/?$/);
  assert.equal(await record.headingText(), name, 'the record is headed with the learner name');
  const en = TEXT.en;
  for (const key of [en.dateOfBirth, en.upn, en.yearGroup]) {
    await assertVisible(record.summaryKey(key), `summary list key "${key}"`);
  }
  await assertVisible(record.sectionHeading(en.registrations), 'the Registrations section');
  await assertVisible(record.sectionHeading(en.family), 'the Family section');
  await assertVisible(await record.signOutButton(), 'the Sign out button');

  assert.equal(await record.switchLanguage(), 200, 'Welsh record status');
  assert.equal(await record.lang(), 'cy', '<html lang="cy"> after switching');
  assert.equal(await record.headingText(), name, 'the Welsh record is the same learner');
  const cy = TEXT.cy;
  for (const key of [cy.dateOfBirth, cy.upn, cy.yearGroup]) {
    await assertVisible(record.summaryKey(key), `summary list key "${key}"`);
  }
  await assertVisible(record.sectionHeading(cy.registrations), 'the Cofrestriadau section');
  await assertVisible(record.sectionHeading(cy.family), 'the Teulu section');
  await assertVisible(await record.signOutButton(), 'the Allgofnodi button');
  await assertVisible(await record.languageSwitchLink(), 'the switch back to English');

  // Leave the account in English, as it was.
  assert.equal(await record.switchLanguage(), 200, 'English record status');
  assert.equal(await record.lang(), 'en');

  await session.finish();
});
