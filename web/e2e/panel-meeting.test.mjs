// An ALN panel meeting from the agenda to the minutes, as the LA officer: the 3-11 panel is
// opened from the list of panels; a meeting is added for today (on a day that is not a school day
// first refused, then added with the lead officer's agreement); the waiting "managed move"
// referral goes on its agenda; the chair, the educational psychologist and the inclusion officer
// are marked present, so the panel is quorate, until the psychologist leaves and it is not; a
// decision is then refused for want of "an educational psychologist"; with the psychologist back
// the decision is recorded, the meeting closed and the minutes distributed today, on time, their
// PDF downloadable. Then the meeting in Welsh. The harness checks every page with axe and
// screenshots it.
//
// The journey changes the demo data (it adds a meeting for today and decides the one waiting
// referral), so it runs once against a freshly loaded demo database, as scripts/test loads it.

import assert from 'node:assert/strict';
import { test } from 'node:test';

import { ACCOUNTS, assertVisible, browserTest, startSession } from './harness.mjs';
import {
  PanelDecisionFormPage,
  PanelMeetingFormPage,
  PanelMeetingPage,
  PanelMinutesFormPage,
  PanelPage,
  PanelsPage,
  fetchDocument,
  formatDateEn,
  isoWeekday,
  signInAs,
  todayInWales,
} from './pages.mjs';

/** The demo's panel for ages 3 to 11 and its standing members. */
const PANEL = 'ALN panel, ages 3 to 11';
const PANEL_CY = 'Panel ADY, oedran 3 i 11';
const CHAIR = 'Gwen Davies';
const EP = 'Dr Helen Price';
const INCLUSION = 'Rhian Jenkins';
const SCHOOL_REP = 'Eleri Prosser';
const MEMBERS = Object.freeze([
  [CHAIR, 'Chair (lead officer for inclusion)'],
  ['Dr Aled Hughes', 'Acting chair (principal educational psychologist)'],
  [EP, 'Educational psychologist'],
  [INCLUSION, 'Inclusion officer'],
  [SCHOOL_REP, 'School representative'],
  ['Sioned Lewis', 'Parental representative (SNAP Cymru)'],
  ['Mark Evans', 'Administrator'],
  ['Carys Thomas', 'Looked-after children co-ordinator'],
]);

const EN = Object.freeze({
  panels: 'ALN panels',
  managedMove: 'Managed move between schools',
  addMeeting: 'Add a meeting',
  meeting: 'Panel meeting',
  scheduled: 'Scheduled',
  held: 'Held',
  holiday: 'Holiday meeting',
  notSchoolDay:
    "That day is not a school day. Choose a school day, or record the lead officer's agreement " +
    'to meet in the holiday.',
  quorate: 'Quorate',
  notQuorate: 'Not quorate',
  quorateText:
    'The panel is quorate: the chair, an educational psychologist and an inclusion officer are ' +
    'present.',
  present: 'Present',
  absent: 'Not present',
  agendaEmpty: 'Nothing is on the agenda yet.',
  missingEp: 'an educational psychologist',
  decision: 'Record the decision',
  agreed: 'Agreed',
  minutes: 'Distribute the minutes',
});

const CY = Object.freeze({
  meeting: 'Cyfarfod y panel',
  held: "Wedi'i gynnal",
  sentOnTime: "Wedi'u hanfon mewn pryd",
});

/** What the journey enters. */
const MEETING = Object.freeze({
  time: '16:00',
  location: 'Civic Centre, Committee Room 2 (browser test)',
});
const AGREEMENT = Object.freeze({
  leadOfficer: CHAIR,
  reason: 'To decide the managed move before the statutory deadline (browser test).',
});
const DECISION = Object.freeze({
  outcome: EN.agreed,
  agreed: 'A managed move to Ysgol Nant y Wern, with a review after six weeks (browser test).',
  reasons: 'Both schools and the family agree; the move gives a fresh start with support.',
  hoursPerWeek: '12.5',
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

/** The path of the page the session is on. */
function pathname(session) {
  return new URL(session.page.url()).pathname;
}

/** The meeting the English journey held, for the Welsh test: { href }. */
let held = null;

const JOURNEY =
  'an LA officer holds a panel meeting: agenda, attendance and quorum, the decision, the minutes';

test(JOURNEY, browserTest, async (t) => {
  const session = await startSession(t);
  await signInInEnglish(session, ACCOUNTS.laOfficer);
  const today = todayInWales();
  const todayText = formatDateEn(today);
  t.diagnostic(`today ${today} (ISO weekday ${isoWeekday(today)})`);

  // The list of panels, then the 3-11 panel.
  const panels = new PanelsPage(session);
  assert.equal(await panels.open(), 200, '/panels status');
  assert.equal(await panels.headingText(), EN.panels);
  const listed = await panels.rows();
  t.diagnostic(`panels: ${JSON.stringify(listed)}`);
  const row = listed.find((p) => p.name === PANEL);
  assert.ok(row, `the list has "${PANEL}"`);
  assert.equal(row.ages, 'Ages 3 to 11');
  assert.equal(row.members, String(MEMBERS.length), 'its active members are counted');
  assert.equal(await panels.openPanel(PANEL), 200, 'panel page status');

  const panel = new PanelPage(session);
  const panelId = panel.panelId();
  assert.equal(await panel.headingText(), PANEL);
  assert.equal((await panel.caption().innerText()).trim(), 'Ages 3 to 11');
  assert.equal(
    await panel.backLink().getAttribute('href'),
    '/panels',
    "the panel page's back link goes back to the list of panels",
  );
  const members = await panel.members();
  assert.deepEqual(
    members.map((m) => [m.name, m.role]),
    MEMBERS,
    'the standing members in their roles',
  );
  assert.ok(members.every((m) => m.status === 'Active'), 'all are active');
  const waiting = await panel.awaiting();
  t.diagnostic(`waiting: ${JSON.stringify(waiting)}`);
  const move = waiting.find((w) => w.type === EN.managedMove);
  assert.ok(move, 'a managed move is waiting for a meeting');
  const learner = move.learner;
  const referralId = move.href.match(/^\/panel-referrals\/(\d+)$/)?.[1];
  assert.ok(referralId, `the waiting referral links to its page: ${move.href}`);
  t.diagnostic(`referral ${referralId} for ${learner}`);

  // A meeting for today. The demo's fortnightly schedule may already have one today (a Wednesday
  // in term): the panel meets only once a day, so that one is used.
  const existing = (await panel.meetings()).find((m) => m.date === todayText);
  const meeting = new PanelMeetingPage(session);
  let holiday = false;
  if (existing) {
    t.diagnostic(`the schedule has a meeting today already: ${existing.href}`);
    assert.equal(existing.state, EN.scheduled, "today's scheduled meeting");
    assert.equal(await panel.openMeeting(existing.href), 200, 'meeting page status');
  } else {
    assert.equal(await panel.addMeeting(), 200, 'add a meeting form status');
    const form = new PanelMeetingFormPage(session);
    assert.equal(pathname(session), `/panels/${panelId}/meetings`);
    assert.equal(await form.headingText(), EN.addMeeting);
    assert.equal((await form.caption().innerText()).trim(), PANEL);
    await form.fill({ date: today, ...MEETING });
    const status = await form.add('add a meeting for today without agreement');
    if (status === 422) {
      // Not a school day: refused until the lead officer's agreement is recorded.
      holiday = true;
      t.diagnostic('today is not a school day: the lead officer must agree');
      assert.deepEqual(await form.checkErrorSummary(), ['#date-day'], 'the date is refused');
      assert.deepEqual(
        await form.errorSummaryLinks().allInnerTexts(),
        [EN.notSchoolDay],
        'because it is not a school day',
      );
      await form.fill({ date: today, ...MEETING });
      await form.fillAgreement({ ...AGREEMENT, agreedOn: today });
      assert.equal(await form.add('add the holiday meeting'), 200, 'status after adding');
    } else {
      assert.equal(status, 200, 'status after adding the meeting on a school day');
      assert.ok(isoWeekday(today) <= 5, 'a weekend day is never a school day');
    }
    await assertVisible(meeting.banner(), 'the success banner');
    assert.match(await meeting.banner().innerText(), /Meeting added/);
  }
  const meetingId = meeting.meetingId();
  const meetingPath = `/panel-meetings/${meetingId}`;
  t.diagnostic(`meeting ${meetingId}`);
  assert.equal(await meeting.headingText(), `${EN.meeting}: ${todayText}`);
  assert.equal((await meeting.caption().innerText()).trim(), PANEL);
  assert.equal(await meeting.state(), EN.scheduled);
  if (!existing) {
    assert.equal(await meeting.detail('Time'), MEETING.time);
    assert.equal(await meeting.detail('Where'), MEETING.location);
    const agreement = await meeting.detail(EN.holiday);
    if (holiday) {
      assert.equal(
        agreement,
        `${AGREEMENT.leadOfficer} agreed on ${todayText} that the panel meets on a day that is ` +
          `not a school day: ${AGREEMENT.reason}`,
        'the holiday agreement is shown',
      );
    } else {
      assert.equal(agreement, null, 'a school-day meeting needs no agreement');
    }
  }
  // Nobody is present yet.
  assert.equal((await meeting.quorumText()).tag, EN.notQuorate, 'not quorate before anyone comes');
  assert.equal(await meeting.attendance(CHAIR), EN.absent);

  // The waiting referral goes on the agenda; the school's representative is excused from it.
  if (!existing) {
    await assertVisible(session.page.getByText(EN.agendaEmpty, { exact: true }), 'empty agenda');
  }
  assert.equal(await meeting.addToAgenda(learner), 200, 'status after adding to the agenda');
  assert.equal(pathname(session), meetingPath);
  await assertVisible(meeting.banner(), 'the success banner');
  assert.match(await meeting.banner().innerText(), /Added to the agenda/);
  const card = meeting.agendaCard(learner);
  assert.equal(await card.count(), 1, `the agenda has one card for ${learner}`);
  assert.equal(await card.getAttribute('id'), `item-${referralId}`);
  assert.match(
    (await card.locator('.govuk-summary-card__title').innerText()).trim(),
    new RegExp(`^\\d+\\. ${learner} – ${EN.managedMove}$`),
  );
  assert.equal(
    await meeting.cardValue(learner, 'Excused'),
    `${SCHOOL_REP} (School representative): excused as the representative of the learner's school`,
  );
  assert.equal(
    await meeting.itemLink(learner, 'Declare an interest').count(),
    1,
    'an interest can be declared',
  );
  if ((await meeting.agendaSelect().count()) > 0) {
    const still = await meeting.waitingOptions();
    assert.ok(!still.some((o) => o.startsWith(`${learner} – `)), 'no longer offered to add');
  }

  // The chair, the psychologist and the inclusion officer arrive: quorate.
  for (const name of [CHAIR, EP, INCLUSION]) {
    assert.equal(await meeting.markAttendance(name, true), 200, `status after ${name} arrives`);
    assert.equal(pathname(session), meetingPath);
    assert.equal(await meeting.attendance(name), EN.present, `${name} is present`);
  }
  await assertVisible(meeting.banner(), 'the success banner');
  assert.match(await meeting.banner().innerText(), /Attendance recorded/);
  assert.deepEqual(await meeting.quorumText(), {
    tag: EN.quorate,
    text: `${EN.quorate} ${EN.quorateText}`,
  });

  // The psychologist leaves: not quorate, for want of an educational psychologist.
  assert.equal(await meeting.markAttendance(EP, false), 200, 'status after the EP leaves');
  assert.equal(await meeting.attendance(EP), EN.absent);
  const inquorate = await meeting.quorumText();
  assert.equal(inquorate.tag, EN.notQuorate);
  assert.ok(
    inquorate.text.endsWith(`Missing: ${EN.missingEp}.`),
    `the quorum box names what is missing: "${inquorate.text}"`,
  );

  // A decision now is refused, naming what is missing.
  assert.equal(await meeting.recordDecision(learner), 200, 'decision form status');
  const decision = new PanelDecisionFormPage(session);
  assert.equal(pathname(session), `${meetingPath}/items/${referralId}/decision`);
  assert.equal(await decision.headingText(), EN.decision);
  assert.equal((await decision.caption().innerText()).trim(), `${learner} – ${todayText}`);
  await decision.fill(DECISION);
  const refused = await decision.record('record a decision without quorum');
  const refusal = (await session.page.locator('main').innerText()).replace(/\s+/g, ' ');
  t.diagnostic(`refusal (${refused}): ${refusal}`);
  assert.equal(refused, 409, 'a decision without quorum is refused as a conflict');
  // The form comes back with the refusal in its error summary and what was typed kept.
  assert.equal(await decision.headingText(), EN.decision);
  assert.equal(
    (await session.page.locator('.govuk-error-summary').count()) > 0,
    true,
    'the refusal is in an error summary',
  );
  assert.equal(await session.page.locator('#reasons').inputValue(), DECISION.reasons);
  assert.ok(
    refusal.includes(`Missing: ${EN.missingEp}.`),
    `the refusal names "${EN.missingEp}": "${refusal}"`,
  );

  // The psychologist comes back, and the decision is recorded.
  assert.equal(await session.goto(meetingPath, 'back to the meeting'), 200, 'meeting status');
  assert.equal(await meeting.markAttendance(EP, true), 200, 'status after the EP returns');
  assert.equal((await meeting.quorumText()).tag, EN.quorate);
  assert.equal(await meeting.recordDecision(learner), 200, 'decision form status');
  await decision.fill(DECISION);
  assert.equal(await decision.record(), 200, 'status after recording the decision');
  assert.equal(pathname(session), meetingPath);
  await assertVisible(meeting.banner(), 'the success banner');
  assert.match(await meeting.banner().innerText(), /Decision recorded/);
  assert.equal(await meeting.cardValue(learner, 'Decision'), EN.agreed);
  assert.equal(
    await meeting.cardValue(learner, 'Provision, placement or level of support agreed'),
    DECISION.agreed,
  );
  assert.equal(await meeting.cardValue(learner, 'Hours of support a week'), DECISION.hoursPerWeek);
  assert.equal(await meeting.cardValue(learner, 'Reasons'), DECISION.reasons);
  assert.equal(await meeting.cardValue(learner, 'Decided on'), todayText);
  assert.equal(
    await meeting.itemLink(learner, 'Record the decision').count(),
    0,
    'a decided item is decided once',
  );

  // Closed: held, the minutes clock running.
  assert.equal(await meeting.close(), 200, 'status after closing the meeting');
  assert.equal(pathname(session), meetingPath);
  await assertVisible(meeting.banner(), 'the success banner');
  assert.match(await meeting.banner().innerText(), /Meeting closed: the minutes clock has started/);
  assert.equal(await meeting.state(), EN.held);
  const due = await meeting.detail('Minutes');
  t.diagnostic(`minutes: ${due}`);
  assert.match(due ?? '', /^Due by \d{1,2} \w+ \d{4}$/, 'the minutes are due');
  const dueDate = due.replace(/^Due by /, '');
  assert.equal(await meeting.attendanceTable().count(), 0, 'attendance is no longer taken');
  const links = await meeting.minutesLinks();
  assert.equal(links.english, `${meetingPath}/minutes.pdf?lang=en`);
  assert.equal(links.welsh, `${meetingPath}/minutes.pdf?lang=cy`);

  // The minutes, distributed today to the default recipients (every active member).
  assert.equal(await meeting.distributeMinutes(), 200, 'minutes form status');
  const minutes = new PanelMinutesFormPage(session);
  assert.equal(pathname(session), `${meetingPath}/minutes`);
  assert.equal(await minutes.headingText(), EN.minutes);
  const intro = await minutes.introTexts();
  assert.ok(
    intro.some((p) => p.startsWith(`The minutes are due by ${dueDate}`)),
    `the form says when the minutes are due: ${JSON.stringify(intro)}`,
  );
  const recipients = await minutes.recipientChoices();
  t.diagnostic(`recipients: ${JSON.stringify(recipients)}`);
  assert.deepEqual(
    recipients.map((r) => r.label.replace(/ <.*>$/, '')),
    MEMBERS.map(([name]) => name),
    'each active member is offered',
  );
  assert.ok(recipients.every((r) => r.checked), 'and chosen by default');
  await minutes.fill({ date: today });
  assert.equal(await minutes.record(), 200, 'status after distributing the minutes');
  assert.equal(pathname(session), meetingPath);
  await assertVisible(meeting.banner(), 'the success banner');
  assert.match(await meeting.banner().innerText(), /Minutes recorded as sent/);
  assert.equal(await meeting.detail('Minutes'), `Sent on time (due ${dueDate})`);
  const sent = await meeting.detail('Minutes sent');
  assert.ok(sent?.startsWith(`${todayText} to ${CHAIR} <`), `sent today to the members: ${sent}`);
  assert.equal(
    await session.page.locator('main').getByRole('link', { name: EN.minutes }).count(),
    0,
    'the minutes are distributed once',
  );

  // The minutes in English, as a PDF.
  const pdf = await fetchDocument(session, links.english);
  assert.equal(pdf.status, 200, `the English minutes (${links.english}) status`);
  assert.match(pdf.contentType, /^application\/pdf\b/, 'the English minutes content-type');
  assert.equal(pdf.body.subarray(0, 5).toString('latin1'), '%PDF-', 'the English minutes');

  // The panel lists the meeting as held, its minutes sent on time.
  assert.equal(await meeting.backToPanel(), 200, 'panel page status');
  assert.equal(pathname(session), `/panels/${panelId}`);
  const listedMeeting = (await panel.meetings()).find((m) => m.href === meetingPath);
  assert.ok(listedMeeting, 'the panel lists the meeting');
  assert.equal(listedMeeting.state, EN.held);
  assert.equal(listedMeeting.minutes, `Sent on time (due ${dueDate})`);
  assert.ok(
    !(await panel.awaiting()).some((w) => w.learner === learner),
    'the decided referral no longer waits',
  );

  held = { href: meetingPath };
  await session.finish();
});

test('the panel meeting in Welsh', browserTest, async (t) => {
  if (held === null) {
    t.skip('the English journey did not hold a meeting');
    return;
  }
  const session = await startSession(t);
  await signInInEnglish(session, ACCOUNTS.laOfficer);
  const meeting = new PanelMeetingPage(session);
  assert.equal(await session.goto(held.href, 'the held meeting'), 200, 'meeting status');
  assert.equal(await meeting.state(), EN.held);

  assert.equal(await meeting.switchLanguage(), 200, 'Welsh meeting status');
  try {
    assert.equal(await meeting.lang(), 'cy', '<html lang="cy"> after switching');
    assert.match(await meeting.headingText(), new RegExp(`^${CY.meeting}: `));
    assert.equal((await meeting.caption().innerText()).trim(), PANEL_CY);
    assert.equal(await meeting.state(), CY.held, 'the Welsh state');
    const minutes = (await session.page.locator('#minutes-due').innerText()).trim();
    assert.ok(minutes.startsWith(CY.sentOnTime), `the minutes in Welsh: "${minutes}"`);
  } finally {
    // Leave the account in English, as it was.
    assert.equal(await meeting.switchLanguage(), 200, 'English page status');
  }
  assert.equal(await meeting.lang(), 'en');

  await session.finish();
});
