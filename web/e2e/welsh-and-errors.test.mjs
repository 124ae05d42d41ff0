// A Welsh-speaking parent: the home page and a child's record in Welsh, then the 404 and 403
// pages in Welsh. The harness checks every page with axe.

import assert from 'node:assert/strict';
import { test } from 'node:test';

import { ACCOUNTS, assertVisible, browserTest, startSession } from './harness.mjs';
import {
  ErrorPage,
  HomePage,
  LearnerRecordPage,
  LearnersPage,
  SignInPage,
  TEXT,
} from './pages.mjs';

const cy = TEXT.cy;

const WELSH_PARENT = 'a parent uses the service in Welsh, and gets its error pages in Welsh';

test(WELSH_PARENT, browserTest, async (t) => {
  const session = await startSession(t);

  const signIn = await new SignInPage(session).open();
  assert.equal(await signIn.switchLanguage(), 200, 'Welsh sign-in page status');
  assert.equal(await signIn.lang(), 'cy');
  // The sign-in page as someone whose session ended sees it, with its notice.
  assert.equal(await session.goto('/sign-in?expired=1', 'sign-in after session ended'), 200);
  assert.equal(await signIn.lang(), 'cy');
  await assertVisible(
    session.page.locator('.govuk-inset-text').getByText(/^Cawsoch eich allgofnodi/),
    'the session-ended notice in Welsh',
  );
  assert.equal(await signIn.signIn(ACCOUNTS.parent), 200, 'home status after signing in');
  assert.equal(new URL(session.page.url()).pathname, '/');

  const home = new HomePage(session);
  assert.equal(await home.lang(), 'cy', 'the home page is in Welsh');
  assert.match(await home.headingText(), /^Croeso, /);
  await assertVisible(await home.signOutButton(), 'the Allgofnodi button');

  // A child's record.
  const learners = new LearnersPage(session);
  const link = session.page.locator('main').getByRole('link', { name: /dysgwyr/ });
  assert.equal(await session.navigate(() => link.click(), 'learners from home'), 200);
  assert.equal(await learners.lang(), 'cy');
  const children = await learners.learnerNames();
  assert.ok(children.length > 0, 'the parent sees their children');
  assert.equal(await learners.openLearner(children[0]), 200, 'child record status');
  const record = new LearnerRecordPage(session);
  assert.equal(await record.lang(), 'cy', 'the record is in Welsh');
  assert.equal(await record.headingText(), children[0]);
  for (const key of [cy.dateOfBirth, cy.upn, cy.yearGroup]) {
    await assertVisible(record.summaryKey(key), `summary list key "${key}"`);
  }
  await assertVisible(record.sectionHeading(cy.registrations), 'the Cofrestriadau section');
  assert.equal(
    await session.page.getByRole('link', { name: /^Newid manylion/ }).count(),
    0,
    'a parent may not change the record',
  );

  // A page that does not exist.
  const error = new ErrorPage(session);
  assert.equal(await session.goto('/dim-tudalen', 'page not found'), 404, 'GET /dim-tudalen');
  assert.equal(await error.lang(), 'cy', 'the 404 page is in Welsh');
  assert.equal(await error.headingText(), "Heb ddod o hyd i'r dudalen");
  await assertVisible(error.homeLink(), 'the link to the home page');
  await assertVisible(error.reference(), 'the error reference');

  // A page the parent may not see.
  assert.equal(await session.goto('/admin/users', 'forbidden'), 403, 'GET /admin/users as parent');
  assert.equal(await error.lang(), 'cy', 'the 403 page is in Welsh');
  assert.equal(await error.headingText(), 'Nid oes gennych fynediad');
  await assertVisible(error.homeLink(), 'the link to the home page');
  assert.equal(await session.page.locator('table').count(), 0, 'no users are listed');

  await session.finish();
});

// The 404 page follows the signed-in person's own language, as every other page does.
test(
  'a Welsh parent who never used the language switch gets the 404 page in Welsh',
  browserTest,
  async (t) => {
    const session = await startSession(t);
    const signIn = await new SignInPage(session).open();
    assert.equal(await signIn.lang(), 'en', 'the sign-in page starts in English');
    assert.equal(await signIn.signIn(ACCOUNTS.parent), 200, 'home status after signing in');
    const home = new HomePage(session);
    assert.equal(await home.lang(), 'cy', "the parent's account is Welsh, so home is in Welsh");

    const error = new ErrorPage(session);
    assert.equal(await session.goto('/dim-tudalen', 'page not found'), 404, 'GET /dim-tudalen');
    assert.equal(await error.lang(), 'cy', 'the 404 page is in the account language');
    await assertVisible(await error.signOutButton(), 'the Allgofnodi button on the 404 page');

    await session.finish();
  },
);
