// An LA officer looks at schools and settings, adds a learner (the empty form's errors, the
// check-answers page, changing answers, saving) and uses the forms behind a learner's record:
// change details (with its errors and an edit conflict), add a registration, add a parent or
// carer, end a registration. Every page, error states included, is checked with axe by the
// harness.

import assert from 'node:assert/strict';
import { test } from 'node:test';

import { ACCOUNTS, assertVisible, browserTest, startSession } from './harness.mjs';
import {
  FamilyFormPage,
  LearnerCheckPage,
  LearnerFormPage,
  LearnerRecordActions,
  RegistrationEndPage,
  RegistrationFormPage,
  SettingsPage,
  freshUpn,
  signInAs,
  successBanner,
} from './pages.mjs';

const DOB = Object.freeze({ day: '14', month: '3', year: '2015' });
const START = Object.freeze({ day: '1', month: '9', year: '2020' });
const BEFORE_START = Object.freeze({ day: '31', month: '8', year: '2020' });
const AFTER_START = Object.freeze({ day: '31', month: '7', year: '2021' });

/** A new learner's answers, unique to this run: a timestamped surname and a fresh UPN. */
function newLearner(settingValue) {
  return {
    firstName: 'Prawf',
    lastName: `Porwr ${Date.now().toString(36)}`,
    preferredName: '',
    dob: { ...DOB },
    upn: freshUpn(),
    homeLanguage: 'Cymraeg',
    letterLanguage: 'cy',
    welshMedium: true,
    settingValue,
    start: { ...START },
  };
}

/**
 * Fills the add-a-learner form and continues to the check page. The UPN's last three digits are
 * random, so a re-run against the same database may pick one already held: then it picks again.
 */
async function continueToCheck(form, learner, t) {
  for (let attempt = 1; ; attempt += 1) {
    await form.fill(learner);
    const status = await form.continue(`continue (attempt ${attempt})`);
    if (status === 200) return;
    assert.equal(status, 422, 'the filled-in form either continues or shows its errors');
    const hrefs = await form.checkErrorSummary();
    assert.deepEqual(hrefs, ['#upn'], 'the only error on a filled-in form is a UPN already held');
    assert.ok(attempt < 5, 'found an unused UPN within 5 attempts');
    learner.upn = freshUpn();
    t.diagnostic(`UPN taken, trying ${learner.upn}`);
  }
}

/** Adds a learner through the form; leaves the session on the new record. */
async function addLearner(session, t) {
  const form = new LearnerFormPage(session);
  assert.equal(await form.open(), 200, 'GET /learners/new status');
  const setting = await form.firstSetting();
  const learner = newLearner(setting.value);
  await continueToCheck(form, learner, t);
  assert.equal(await new LearnerCheckPage(session).saveLearner(), 200, 'the saved record');
  return { learner, setting, record: new LearnerRecordActions(session) };
}

test('an LA officer sees the schools and settings and a setting page', browserTest, async (t) => {
  const session = await startSession(t);
  await signInAs(session, ACCOUNTS.laOfficer);

  const settings = new SettingsPage(session);
  assert.equal(await settings.open(), 200, 'GET /settings status');
  assert.equal(await settings.headingText(), 'Schools and settings');
  await assertVisible(settings.table(), 'the settings table');
  const names = (await settings.settingLinks().allInnerTexts()).map((s) => s.trim());
  assert.ok(names.length > 0, 'the LA officer sees at least one setting');

  assert.equal(await settings.openSetting(names[0]), 200, 'GET /settings/{id} status');
  assert.match(new URL(session.page.url()).pathname, /^\/settings\/\d+$/);
  assert.equal(await settings.headingText(), names[0], 'the setting page is headed with its name');
  await assertVisible(session.page.locator('.govuk-summary-list'), 'the setting details');
  await assertVisible(
    session.page.getByRole('table', { name: /learners/i }),
    'the learners-by-year-group table',
  );

  await session.finish();
});

const ADD_A_LEARNER = 'an LA officer adds a learner: errors, check answers, change, save';

test(ADD_A_LEARNER, browserTest, async (t) => {
  const session = await startSession(t);
  await signInAs(session, ACCOUNTS.laOfficer);

  const form = new LearnerFormPage(session);
  assert.equal(await form.open(), 200, 'GET /learners/new status');
  assert.equal(await form.headingText(), 'Add a learner');

  // Submitted empty: every required field is reported, and each summary link reaches its field.
  assert.equal(await form.continue('continue with an empty form'), 422, 'empty form status');
  const hrefs = await form.checkErrorSummary();
  for (const href of [
    '#legal_first_name',
    '#legal_last_name',
    '#dob-day',
    '#upn',
    '#home_language',
    '#letter_language',
    '#registration_setting',
    '#registration_start-day',
  ]) {
    assert.ok(hrefs.includes(href), `the error summary links to ${href}: ${JSON.stringify(hrefs)}`);
  }

  // Filled in correctly: the check page shows the answers.
  const setting = await form.firstSetting();
  const learner = newLearner(setting.value);
  await continueToCheck(form, learner, t);
  const check = new LearnerCheckPage(session);
  assert.equal(await check.headingText(), "Check the learner's details before saving");
  assert.equal(
    (await check.summaryValue('Legal name').innerText()).trim(),
    `${learner.firstName} ${learner.lastName}`,
  );
  assert.equal((await check.summaryValue('UPN').innerText()).trim(), learner.upn);
  assert.equal((await check.summaryValue('Date of birth').innerText()).trim(), '14 March 2015');
  assert.equal((await check.summaryValue('School or setting').innerText()).trim(), setting.label);

  // "Change answers" goes back to the form with every answer kept.
  assert.equal(await check.changeAnswers(), 200, 'change answers status');
  assert.equal(await form.headingText(), 'Add a learner');
  assert.equal(await form.errorSummary().count(), 0, 'no errors when changing answers');
  assert.deepEqual(await form.values(), learner, 'the form keeps the answers');

  await continueToCheck(form, learner, t);
  assert.equal(await check.saveLearner(), 200, 'the saved record status');
  const record = new LearnerRecordActions(session);
  const url = new URL(session.page.url());
  assert.match(url.pathname, /^\/learners\/\d+$/, 'saving leads to the new record');
  assert.equal(url.searchParams.get('created'), '1');
  await assertVisible(record.banner(), 'the success banner');
  assert.match(await record.banner().innerText(), /Learner added/);
  assert.equal(await record.headingText(), `${learner.firstName} ${learner.lastName}`);
  assert.equal((await record.summaryValue('UPN').innerText()).trim(), learner.upn);

  await session.finish();
});

test('an LA officer uses the forms behind a learner record', browserTest, async (t) => {
  const session = await startSession(t);
  await signInAs(session, ACCOUNTS.laOfficer);
  const { learner, record } = await addLearner(session, t);
  const recordPath = `/learners/${record.learnerId()}`;

  // Change details: the edit form, filled in with the record.
  assert.equal(await record.changeDetails(), 200, 'edit form status');
  const edit = new LearnerFormPage(session);
  assert.equal(new URL(session.page.url()).pathname, `${recordPath}/edit`);
  assert.equal(await edit.headingText(), "Change a learner's details");
  assert.equal(await edit.field('legal_first_name').inputValue(), learner.firstName);
  assert.equal(await edit.field('upn').inputValue(), learner.upn);
  assert.equal(await edit.settingSelect().count(), 0, 'the edit form has no registration');

  // Add a registration, submitted empty.
  assert.equal(await session.goto(recordPath, 'back to the record'), 200);
  assert.equal(await record.addRegistration(), 200, 'registration form status');
  const registration = new RegistrationFormPage(session);
  assert.equal(await registration.headingText(), 'Add a registration');
  assert.equal(await registration.save(), 422, 'empty registration status');
  assert.deepEqual(
    await registration.checkErrorSummary(),
    ['#registration_setting', '#registration_start-day'],
    'an empty registration lacks a setting and a start date',
  );

  // Add a parent or carer: an invalid email first, then a valid one.
  assert.equal(await session.goto(recordPath, 'back to the record again'), 200);
  assert.equal(await record.addFamilyMember(), 200, 'family form status');
  const family = new FamilyFormPage(session);
  assert.equal(await family.headingText(), 'Add a parent or carer');
  const member = {
    fullName: `Rhiant ${learner.lastName}`,
    relationship: 'mother',
    parentalResponsibility: true,
    phone: '',
    email: 'not-an-email',
    language: 'cy',
  };
  await family.fill(member);
  assert.equal(await family.save('save with an invalid email'), 422, 'invalid email status');
  assert.deepEqual(await family.checkErrorSummary(), ['#email']);
  assert.equal(await session.page.locator('#email').inputValue(), member.email, 'email kept');
  assert.equal(await session.page.locator('#full_name').inputValue(), member.fullName);

  await family.fill({ ...member, email: 'rhiant@example.com' });
  assert.equal(await family.save(), 200, 'the record after adding a parent');
  assert.equal(new URL(session.page.url()).pathname, recordPath);
  await assertVisible(record.banner(), 'the success banner');
  assert.match(await record.banner().innerText(), /Changes saved/);
  assert.deepEqual(await record.familyNames(), [member.fullName]);

  await session.finish();
});

test('an LA officer ends a registration from the learner record', browserTest, async (t) => {
  const session = await startSession(t);
  await signInAs(session, ACCOUNTS.laOfficer);
  const { setting, record } = await addLearner(session, t);
  const recordPath = `/learners/${record.learnerId()}`;

  const link = record.endLink(setting.label);
  assert.equal(await link.count(), 1, `one "End" link for ${setting.label}`);
  assert.equal(
    await link.getAttribute('href'),
    `${recordPath}/registrations/0/end`,
    'the "End" link leads to the end form of the first registration',
  );
  assert.equal(await record.endRegistration(setting.label), 200, 'end form status');
  const end = new RegistrationEndPage(session);
  assert.equal(await end.headingText(), 'End a registration');
  await end.fillEnd(AFTER_START);
  assert.equal(await end.save(), 200, 'the record after ending the registration');
  assert.equal(new URL(session.page.url()).pathname, recordPath);
  await assertVisible(record.banner(), 'the success banner');
  await assertVisible(
    record.registrationsTable().getByRole('cell', { name: '31 July 2021', exact: true }),
    'the end date in the registrations table',
  );
  await assertVisible(
    record.registrationsTable().getByRole('cell', { name: 'Ended', exact: true }),
    'the registration shown as ended',
  );

  await session.finish();
});

test('the end-a-registration form rejects an end before the start', browserTest, async (t) => {
  const session = await startSession(t);
  await signInAs(session, ACCOUNTS.laOfficer);
  const { setting, record } = await addLearner(session, t);
  const recordPath = `/learners/${record.learnerId()}`;

  const end = new RegistrationEndPage(session);
  assert.equal(await record.endRegistration(setting.label), 200, 'end form status');
  assert.equal(new URL(session.page.url()).pathname, `${recordPath}/registrations/0/end`);
  assert.equal(await end.headingText(), 'End a registration');
  assert.equal(
    (await session.page.locator('.govuk-caption-l').innerText()).trim(),
    setting.label,
    'the end form names the setting',
  );
  await end.fillEnd(BEFORE_START);
  assert.equal(await end.save('save an end before the start'), 422, 'end before start status');
  assert.deepEqual(await end.checkErrorSummary(), ['#registration_end-day']);
  await assertVisible(
    end.errorMessages().getByText('End date must be the same as or after the start date'),
    'the end-before-start message',
  );
  assert.equal(await end.headingText(), 'End a registration', 'still on the end form');
  assert.deepEqual(
    [
      await session.page.locator('#registration_end-day').inputValue(),
      await session.page.locator('#registration_end-month').inputValue(),
      await session.page.locator('#registration_end-year').inputValue(),
    ],
    [BEFORE_START.day, BEFORE_START.month, BEFORE_START.year],
    'the end date typed is kept',
  );
  assert.equal(
    (await session.page.locator('.govuk-caption-l').innerText()).trim(),
    setting.label,
    'the end form still names the setting',
  );

  await session.finish();
});

const CHANGE_DETAILS =
  'the change-details form shows its errors, and a conflict with a change saved meanwhile';

test(CHANGE_DETAILS, browserTest, async (t) => {
  const session = await startSession(t);
  await signInAs(session, ACCOUNTS.laOfficer);
  const { learner, record } = await addLearner(session, t);
  const editPath = `/learners/${record.learnerId()}/edit`;

  // Invalid changes: no first name, a UPN too short.
  assert.equal(await record.changeDetails(), 200, 'edit form status');
  const edit = new LearnerFormPage(session);
  await edit.field('legal_first_name').fill('');
  await edit.field('upn').fill('X123');
  assert.equal(await edit.continue('save invalid changes'), 422, 'invalid changes status');
  assert.deepEqual(await edit.checkErrorSummary(), ['#legal_first_name', '#upn']);
  assert.equal(await edit.headingText(), "Change a learner's details");
  assert.equal(await edit.field('upn').inputValue(), 'X123', 'the UPN typed is kept');

  // Someone else saves a change while this form is open: the form answers with a conflict.
  assert.equal(await session.goto(editPath, 'edit form again'), 200);
  const other = await startSession(t, {}, 'second officer');
  await signInAs(other, ACCOUNTS.laOfficer);
  const otherEdit = new LearnerFormPage(other);
  assert.equal(await other.goto(editPath, 'edit form'), 200);
  await otherEdit.field('preferred_name').fill('Twm');
  assert.equal(await otherEdit.continue('save a preferred name'), 200, 'the other save');
  assert.match(await successBanner(other.page).innerText(), /Changes saved/);
  await other.finish();

  await edit.field('home_language').fill('Saesneg');
  assert.equal(await edit.continue('save over the other change'), 409, 'conflict status');
  assert.deepEqual(await edit.checkErrorSummary(), ['#legal_first_name']);
  await assertVisible(edit.conflict(), 'what the other person saved (#conflict)');
  await assertVisible(edit.conflict().getByText('Twm', { exact: true }), 'their preferred name');
  assert.equal(await edit.field('home_language').inputValue(), 'Saesneg', 'this change is kept');
  assert.equal(await edit.field('legal_first_name').inputValue(), learner.firstName);

  await session.finish();
});
