// Statutory clocks: the ALNCo's due dates (in English and in Welsh), a school's calendar with its
// bank holidays and INSET days, and an LA officer starting a clock and recording that its
// timescale cannot be met. The demo data (relative to today) gives the ALNCo's school an overdue
// and an at-risk school-decision clock, an on-track one, a waived LA-decision clock and a met one.
// The harness checks every page with axe and screenshots it.

import assert from 'node:assert/strict';
import { test } from 'node:test';

import { ACCOUNTS, assertVisible, browserTest, startSession } from './harness.mjs';
import {
  ClockFormPage,
  ClockPage,
  ClockWaiverPage,
  DuePage,
  LearnerRecordActions,
  LearnersPage,
  SchoolCalendarPage,
  SettingsPage,
  academicYearLabel,
  academicYearOf,
  addDaysIso,
  christmasBankHoliday,
  followNavigation,
  signInAs,
  todayInWales,
} from './pages.mjs';

/** The ALNCo's school in the demo data. */
const SCHOOL = 'Ysgol Gymraeg Bryn Derw';

const EN = Object.freeze({
  due: 'Due dates',
  overdue: 'Overdue',
  atRisk: 'At risk',
  waived: 'Waived',
  onTrack: 'On track',
  settings: 'Schools and settings',
  learners: 'Learners',
  clocks: 'Statutory clocks',
  schoolDecision: 'School decides whether the learner has ALN',
  concernRaised: 'A concern was raised (the possibility of ALN)',
});

const CY = Object.freeze({
  due: 'Dyddiadau dyledus',
  overdue: 'Yn hwyr',
  atRisk: 'Mewn perygl',
  waived: "Wedi'i hepgor",
  onTrack: 'Ar y trywydd iawn',
});

/**
 * Signs in and makes sure the pages are in English: switching language while signed in is saved
 * with the account, so a test that failed half-way in Welsh would leave it in Welsh.
 */
async function signInInEnglish(session, username) {
  const home = await signInAs(session, username);
  if ((await home.lang()) !== 'en') {
    assert.equal(await home.switchLanguage(), 200, 'home in English status');
  }
  assert.equal(await home.lang(), 'en');
  return home;
}

test('an ALNCo sees overdue and at-risk clocks on the due dates list', browserTest, async (t) => {
  const session = await startSession(t);
  await signInInEnglish(session, ACCOUNTS.alnco);

  assert.equal(await followNavigation(session, EN.due), 200, 'due dates status');
  const due = new DuePage(session);
  assert.equal(new URL(session.page.url()).pathname, '/due', 'the navigation leads to /due');
  assert.equal(await due.headingText(), EN.due);
  await assertVisible(
    session.page.locator('.govuk-service-navigation__item--active').getByText(EN.due),
    'the "Due dates" navigation item marked as the current page',
  );

  // The count cards.
  const overdue = await due.count('overdue');
  const atRisk = await due.count('at-risk');
  t.diagnostic(`counts: overdue ${overdue}, at risk ${atRisk}`);
  assert.ok(overdue >= 1, `at least one clock is overdue: ${overdue}`);
  assert.ok(atRisk >= 1, `at least one clock is at risk: ${atRisk}`);
  assert.equal(await due.countLabel('overdue'), EN.overdue);
  assert.equal(await due.countLabel('at-risk'), EN.atRisk);

  // The list: overdue first, each row with its rule and where the rule comes from.
  await assertVisible(due.table(), 'the due dates table');
  const rows = await due.rowData();
  t.diagnostic(`rows: ${JSON.stringify(rows.map((r) => [r.learner, r.status, r.rule]))}`);
  assert.equal(await due.rowsWithStatus(EN.overdue).count(), overdue, 'one row per overdue clock');
  assert.equal(await due.rowsWithStatus(EN.atRisk).count(), atRisk, 'one row per at-risk clock');
  const firstOverdue = rows.findIndex((r) => r.status === EN.overdue);
  const firstAtRisk = rows.findIndex((r) => r.status === EN.atRisk);
  assert.equal(firstOverdue, 0, 'the first row is an overdue clock');
  assert.ok(firstOverdue < firstAtRisk, 'the overdue row comes before the at-risk row');
  for (const row of [rows[firstOverdue], rows[firstAtRisk]]) {
    assert.equal(row.timescale, EN.schoolDecision, `${row.learner}: the timescale`);
    assert.match(row.rule, /\d+ school days after /, `${row.learner}: the rule "${row.rule}"`);
    assert.match(row.rule, /\(Code 12\.12\)$/, `${row.learner}: the rule's source "${row.rule}"`);
    assert.match(row.href, /^\/clocks\/\d+$/, `${row.learner}: links to the clock`);
  }
  assert.match(rows[firstOverdue].daysLeft, /overdue/i, 'the overdue row says how late it is');
  for (const row of rows) {
    assert.match(row.rule, /\(.+\)$/, `every row names the source of its rule: "${row.rule}"`);
  }

  // The at-risk clock's own page.
  const atRiskRow = rows[firstAtRisk];
  assert.equal(await due.openFirstWithStatus(EN.atRisk), 200, 'clock page status');
  const clock = new ClockPage(session);
  assert.equal(new URL(session.page.url()).pathname, atRiskRow.href, 'the row links to its clock');
  assert.equal(await clock.headingText(), atRiskRow.timescale, 'headed by its timescale');
  assert.equal((await clock.caption().innerText()).trim(), atRiskRow.learner, 'the learner named');
  assert.equal(await clock.statusText(), EN.atRisk, 'the clock shows its status');
  assert.equal(await clock.summaryText('Rule'), atRiskRow.rule, 'the clock shows its rule');
  assert.match(await clock.summaryText('Days left'), /^School days left: \d+$/);
  await assertVisible(
    session.page.getByRole('button', { name: 'Stop the clock', exact: true }),
    'the "Stop the clock" button',
  );

  await session.finish();
});

test('the due dates list in Welsh', browserTest, async (t) => {
  const session = await startSession(t);
  await signInInEnglish(session, ACCOUNTS.alnco);

  assert.equal(await followNavigation(session, EN.due), 200, 'due dates status');
  const due = new DuePage(session);
  assert.equal(await due.switchLanguage(), 200, 'Welsh due dates status');
  assert.equal(await due.lang(), 'cy', '<html lang="cy"> after switching');
  assert.equal(new URL(session.page.url()).pathname, '/due', 'the language switch stays on /due');
  try {
    assert.equal(await due.headingText(), CY.due, 'the Welsh heading');
    await assertVisible(
      session.page.locator('.govuk-service-navigation').getByRole('link', { name: CY.due }),
      'the navigation item in Welsh',
    );
    assert.equal(await due.countLabel('overdue'), CY.overdue);
    assert.equal(await due.countLabel('at-risk'), CY.atRisk);
    assert.equal(await due.countLabel('waived'), CY.waived);
    assert.equal(await due.countLabel('on-track'), CY.onTrack);
    assert.ok((await due.count('overdue')) >= 1, 'an overdue clock');
    assert.ok((await due.count('at-risk')) >= 1, 'an at-risk clock');

    const rows = await due.rowData();
    const tags = rows.map((r) => r.status);
    t.diagnostic(`Welsh tags: ${JSON.stringify(tags)}`);
    assert.ok(tags.includes(CY.overdue), `a row tagged "${CY.overdue}": ${JSON.stringify(tags)}`);
    assert.ok(tags.includes(CY.atRisk), `a row tagged "${CY.atRisk}": ${JSON.stringify(tags)}`);
    for (const english of [EN.overdue, EN.atRisk, EN.waived, EN.onTrack]) {
      assert.ok(!tags.includes(english), `no English tag "${english}" on the Welsh page`);
    }
    const overdueRow = rows.find((r) => r.status === CY.overdue);
    assert.match(overdueRow.rule, /\(Code 12\.12\)$/, 'the Welsh rule still names its source');
    assert.doesNotMatch(overdueRow.rule, /school days after/, `in Welsh: "${overdueRow.rule}"`);
  } finally {
    // Leave the account in English, as it was.
    assert.equal(await due.switchLanguage(), 200, 'English due dates status');
  }
  assert.equal(await due.lang(), 'en');
  assert.equal(await due.headingText(), EN.due);

  await session.finish();
});

test('an ALNCo reads the school calendar and adds an INSET day', browserTest, async (t) => {
  const session = await startSession(t);
  await signInInEnglish(session, ACCOUNTS.alnco);
  const today = todayInWales();
  const year = academicYearOf(today);
  t.diagnostic(`today ${today}, academic year ${academicYearLabel(year)}`);

  assert.equal(await followNavigation(session, EN.settings), 200, 'settings status');
  const settings = new SettingsPage(session);
  assert.equal(await settings.openSetting(SCHOOL), 200, 'setting page status');
  const calendar = new SchoolCalendarPage(session);
  assert.equal(await calendar.openFromSetting(), 200, 'school calendar status');
  assert.match(new URL(session.page.url()).pathname, /^\/settings\/\d+\/calendar$/);
  assert.equal(
    await calendar.headingText(),
    `School calendar ${academicYearLabel(year)}`,
    'the calendar opens on the current academic year',
  );
  assert.equal((await session.page.locator('main .govuk-caption-l').innerText()).trim(), SCHOOL);

  // A bank holiday of this year's autumn term.
  const christmas = christmasBankHoliday(year);
  assert.equal(await calendar.dayType(christmas), 'bank_holiday', `${christmas} is a bank holiday`);

  // The next school day after today, which may be in the next academic year (in the summer).
  let day = await calendar.nextSchoolDayAfter(today);
  if (day === null) {
    assert.equal(await calendar.nextYear(), 200, 'next academic year status');
    day = await calendar.nextSchoolDayAfter(today);
  }
  assert.ok(day, 'a school day after today is on the calendar');
  t.diagnostic(`adding an INSET day on ${day}`);
  assert.equal(await calendar.dayType(day), 'school_day');

  const label = 'Staff training (browser test)';
  await calendar.fillDay({ date: day, kind: 'INSET day', label });
  assert.equal(await calendar.addDay('add an INSET day'), 200, 'status after adding the day');
  await assertVisible(calendar.banner(), 'the success banner');
  assert.match(await calendar.banner().innerText(), /Day added to the school calendar/);
  assert.equal(await calendar.dayType(day), 'inset', `${day} is now an INSET day`);
  await assertVisible(
    calendar.ownDays().locator('tbody tr').filter({ hasText: label }),
    'the new day in the table of INSET and closure days',
  );

  // The same form with no date.
  await calendar.fillDay({ date: null, kind: 'INSET day' });
  assert.equal(await calendar.addDay('add a day without a date'), 422, 'status with no date');
  await assertVisible(calendar.errorSummary(), 'the error summary');
  const links = await calendar.errorSummaryLinks().evaluateAll((as) =>
    as.map((a) => ({ href: a.getAttribute('href'), text: a.textContent.trim() })),
  );
  t.diagnostic(`error summary: ${JSON.stringify(links)}`);
  assert.ok(
    links.some((l) => /^#day_date(-day)?$/.test(l.href)),
    `the error summary links to the date field (#day_date-day): ${JSON.stringify(links)}`,
  );
  const hrefs = await calendar.checkErrorSummary();
  assert.deepEqual(hrefs, ['#day_date-day'], 'the only error is the missing date');

  await session.finish();
});

const LA_OFFICER_CLOCK = 'an LA officer starts a statutory clock and records that it cannot be met';

test(LA_OFFICER_CLOCK, browserTest, async (t) => {
  const session = await startSession(t);
  await signInInEnglish(session, ACCOUNTS.laOfficer);
  const today = todayInWales();

  // A learner registered at the school.
  assert.equal(await followNavigation(session, EN.learners), 200, 'learners status');
  const learners = new LearnersPage(session);
  await learners.settingSelect().selectOption({ label: SCHOOL });
  assert.equal(await learners.search(''), 200, 'learners at the school status');
  const names = await learners.learnerNames();
  assert.ok(names.length > 0, `learners are registered at ${SCHOOL}`);
  const name = names[0];
  assert.equal(await learners.openLearner(name), 200, 'learner record status');
  const record = new LearnerRecordActions(session);
  const learnerId = record.learnerId();
  assert.equal(await record.headingText(), name);
  await assertVisible(record.sectionHeading(EN.clocks), 'the Statutory clocks section');

  // Start a clock.
  await record.follow(
    session.page.getByRole('link', { name: 'Start a statutory clock', exact: true }),
    'start a statutory clock',
  );
  const form = new ClockFormPage(session);
  assert.equal(await form.headingText(), 'Start a statutory clock');
  await form.fill({
    timescale: EN.schoolDecision,
    event: EN.concernRaised,
    date: today,
    setting: SCHOOL,
  });
  assert.equal(await form.start(), 200, 'status after starting the clock');
  const clock = new ClockPage(session);
  const clockId = clock.clockId();
  await assertVisible(clock.banner(), 'the success banner');
  assert.match(await clock.banner().innerText(), /Clock started/);
  assert.equal(await clock.headingText(), EN.schoolDecision);
  assert.equal((await clock.caption().innerText()).trim(), name);
  assert.match(await clock.summaryText('Rule'), /^35 school days after .+ \(Code 12\.12\)$/);
  assert.equal(await clock.summaryText('What started it'), EN.concernRaised);
  assert.equal(await clock.summaryText('School whose calendar counts the school days'), SCHOOL);
  const status = await clock.statusText();
  t.diagnostic(`new clock ${clockId}: ${status}`);
  assert.ok(
    [EN.onTrack, EN.atRisk].includes(status),
    `a clock started today is on track (or at risk just before a holiday): "${status}"`,
  );

  // The timescale cannot be met: first with nothing filled in.
  assert.equal(await clock.cannotBeMet(), 200, 'waiver form status');
  const waiver = new ClockWaiverPage(session);
  assert.equal(new URL(session.page.url()).pathname, `/clocks/${clockId}/waive`);
  assert.equal(await waiver.headingText(), 'Record why the timescale cannot be met');
  assert.equal(await waiver.record('record an empty exception'), 422, 'empty waiver status');
  const hrefs = await waiver.checkErrorSummary();
  assert.deepEqual(hrefs, ['#reason', '#new_target-day'], 'a reason and a target date are needed');

  const target = addDaysIso(today, 90);
  await waiver.fill({
    reason: 'Waiting for information from an NHS body or another agency',
    details: 'The health board has not yet sent its report (browser test).',
    target,
  });
  assert.equal(await waiver.record(), 200, 'status after recording the exception');
  assert.equal(new URL(session.page.url()).pathname, `/clocks/${clockId}`, 'back on the clock');
  await assertVisible(clock.banner(), 'the success banner');
  assert.match(await clock.banner().innerText(), /Exception recorded/);
  assert.equal(await clock.statusText(), EN.waived, 'the clock shows "Waived"');
  assert.equal(
    await clock.summaryText('Why the timescale cannot be met'),
    'Waiting for information from an NHS body or another agency',
  );
  assert.equal(
    await clock.summaryText('Details and evidence'),
    'The health board has not yet sent its report (browser test).',
  );
  assert.equal(
    await session.page.getByRole('link', { name: 'The timescale cannot be met' }).count(),
    0,
    'an exception is recorded only once',
  );

  // The learner's record lists the clock as waived.
  assert.equal(await clock.back(), 200, 'learner record status');
  assert.equal(new URL(session.page.url()).pathname, `/learners/${learnerId}`);
  const row = session.page
    .locator('#learner-clocks tbody tr')
    .filter({ has: session.page.locator(`a[href="/clocks/${clockId}"]`) });
  assert.equal(await row.count(), 1, 'the record lists the new clock');
  assert.equal((await row.locator('.govuk-tag').innerText()).trim(), EN.waived);

  await session.finish();
});
