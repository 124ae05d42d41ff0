// An LA administrator lists users, adds one (after the empty form's errors) and disables them,
// and searches the audit of access to records, including a search the service refuses. The
// harness checks every page with axe.

import assert from 'node:assert/strict';
import { test } from 'node:test';

import { assertVisible, browserTest, startSession } from './harness.mjs';
import { AuditPage, UserFormPage, UsersPage, signInAs, upnCheckLetter } from './pages.mjs';

const LA_ADMIN = 'la.admin';

test('an LA administrator adds a teacher and disables them', browserTest, async (t) => {
  const session = await startSession(t);
  await signInAs(session, LA_ADMIN);

  const users = new UsersPage(session);
  assert.equal(await users.open(), 200, 'GET /admin/users status');
  assert.equal(await users.headingText(), 'Users');
  await assertVisible(users.table(), 'the users table');
  assert.equal(await users.row(LA_ADMIN).count(), 1, 'the LA administrator is listed');
  assert.equal(await users.banner().count(), 0, 'no banner before a change');

  assert.equal(await users.addUser(), 200, 'GET /admin/users/new status');
  const form = new UserFormPage(session);
  assert.equal(await form.headingText(), 'Add a user');

  // Submitted empty. The role is checked first, so it is the error reported.
  assert.equal(await form.save(), 422, 'empty user form status');
  const hrefs = await form.checkErrorSummary();
  assert.ok(hrefs.includes('#role-la_admin'), `the summary links to the first role: ${hrefs}`);

  const username = `e2e.teacher.${Date.now()}`;
  const settingLabel = await form.firstSettingLabel();
  await form.fill({
    username,
    displayName: 'Athro Prawf Porwr',
    role: 'Teacher',
    settingLabel,
    password: 'correct-horse-battery',
  });
  assert.equal(await form.save(), 200, 'the users list after adding a user');
  const url = new URL(session.page.url());
  assert.equal(url.pathname, '/admin/users');
  assert.equal(url.searchParams.get('added'), '1');
  await assertVisible(users.banner(), 'the success banner');
  assert.match(await users.banner().innerText(), /User added/);
  const row = users.row(username);
  assert.equal(await row.count(), 1, `${username} is listed`);
  await assertVisible(row.getByRole('cell', { name: 'Teacher', exact: true }), 'the Teacher role');
  await assertVisible(row.getByText('Active', { exact: true }), 'the Active status');

  // Disabling the new user: the banner, and the row's status.
  assert.equal(await users.disable(username), 200, 'the users list after disabling');
  assert.equal(new URL(session.page.url()).searchParams.get('disabled'), '1');
  await assertVisible(users.banner(), 'the success banner');
  assert.match(await users.banner().innerText(), /User disabled/);
  await assertVisible(users.row(username).getByText('Disabled', { exact: true }), 'Disabled');
  assert.equal(await users.row(username).getByRole('button').count(), 0, 'no Disable button');

  await session.finish();
});

test('an LA administrator searches the audit of access', browserTest, async (t) => {
  const session = await startSession(t);
  await signInAs(session, LA_ADMIN);

  const audit = new AuditPage(session);
  assert.equal(await audit.open(), 200, 'GET /admin/audit status');
  assert.equal(await audit.headingText(), 'Audit of access to records');
  assert.equal(await audit.errorSummary().count(), 0, 'no errors before a search');

  // By username: this test's own sign-in is in the audit, so there is at least one row.
  assert.equal(await audit.search({ username: LA_ADMIN }), 200, 'search by username status');
  assert.equal(await audit.usernameInput().inputValue(), LA_ADMIN, 'the search is kept');
  await assertVisible(audit.table(), 'the audit table');
  const usernames = await audit.column('Username');
  assert.ok(usernames.length > 0, 'the LA administrator has audit entries');
  assert.deepEqual(
    [...new Set(usernames)],
    [LA_ADMIN],
    'every row found by username is that user',
  );

  // By a learner Cynnal does not hold (a well-formed UPN no demo or test learner has): the error
  // summary, and no results table.
  const unknown = `${upnCheckLetter('999999999999')}999999999999`;
  assert.equal(await audit.search({ learner: unknown }, 'search unknown learner'), 422);
  assert.deepEqual(await audit.checkErrorSummary(), ['#learner']);
  assert.equal(await audit.learnerInput().inputValue(), unknown, 'the learner typed is kept');
  assert.equal(await audit.table().count(), 0, 'no results table for a refused search');

  await session.finish();
});
