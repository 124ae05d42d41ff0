// Signing in with a wrong password shows the GOV.UK error summary, in either language.

import assert from 'node:assert/strict';
import { test } from 'node:test';

import { ACCOUNTS, assertVisible, browserTest, startSession } from './harness.mjs';
import { SignInPage } from './pages.mjs';

test('a wrong password shows the error summary on the sign-in page', browserTest, async (t) => {
  const session = await startSession(t);
  const signIn = await new SignInPage(session).open();
  assert.equal(await signIn.lang(), 'en');

  const status = await signIn.signIn(ACCOUNTS.alnco, 'not-the-password', 'wrong password');
  assert.ok(status >= 200 && status < 500, `wrong password answers a page, not ${status}`);
  assert.equal(new URL(session.page.url()).pathname, '/sign-in', 'stays on /sign-in');
  await assertVisible(signIn.errorSummary(), 'the error summary (.govuk-error-summary)');
  await assertVisible(signIn.username(), 'the username field');
  assert.equal(await signIn.password().inputValue(), '', 'the password is not sent back');

  await session.finish();
});

test('the Welsh sign-in page shows its error summary in Welsh', browserTest, async (t) => {
  const session = await startSession(t);
  const signIn = await new SignInPage(session).open();
  assert.equal(await signIn.switchLanguage(), 200, 'Welsh sign-in page status');
  assert.equal(await signIn.lang(), 'cy');
  await assertVisible(await signIn.submitButton(), 'the Mewngofnodi button');

  await signIn.signIn(ACCOUNTS.alnco, 'not-the-password', 'wrong password in Welsh');
  assert.equal(await signIn.lang(), 'cy', 'the error page stays in Welsh');
  await assertVisible(signIn.errorSummary(), 'the error summary (.govuk-error-summary)');

  await session.finish();
});
