// An ALN case from the concern to the notice, as the ALNCo of Ysgol Gymraeg Bryn Derw: raising a
// concern about a learner who has no case yet (first with nothing filled in), deciding the
// two-step test (first with nothing answered), checking and recording the decision, downloading
// the notice in English and Welsh and recording it as given, which stops the decision clock. Then
// the same case in Welsh. The harness checks every page with axe and screenshots it.

import assert from 'node:assert/strict';
import { test } from 'node:test';

import { ACCOUNTS, assertVisible, browserTest, startSession } from './harness.mjs';
import {
  CasePage,
  ConcernFormPage,
  DecisionCheckPage,
  DecisionFormPage,
  LearnerRecordCases,
  LearnersPage,
  NO_CASES_EN,
  NoticeFormPage,
  fetchDocument,
  followNavigation,
  formatDateEn,
  learnerWithoutCase,
  signInAs,
  todayInWales,
} from './pages.mjs';

/** The ALNCo's school in the demo data, which decides for its learners. */
const SCHOOL = 'Ysgol Gymraeg Bryn Derw';

const EN = Object.freeze({
  learners: 'Learners',
  cases: 'ALN cases',
  caseTitle: 'ALN case',
  awaitingDecision: 'Waiting for a decision',
  noticeDue: 'Notice due',
  noticeGiven: 'Notice given',
  decide: 'Decide whether the learner has ALN (the two-step test)',
  giveNotice: 'Give the notice of the decision',
  schoolDecision: 'School decides whether the learner has ALN',
  parent: 'A parent or carer',
  toSchool: 'The school or college',
  onTrack: 'On track',
  atRisk: 'At risk',
  met: 'Met',
  idpNotice: 'IDP notice (has ALN)',
  noAppeal: 'No tribunal appeal: the family may ask the local authority to reconsider',
});

const CY = Object.freeze({
  cases: 'Achosion ADY',
  caseTitle: 'Achos ADY',
  noticeGiven: "Hysbysiad wedi'i roi",
  notices: 'Hysbysiadau',
  idpNotice: 'Hysbysiad CDU (mae ganddo ADY)',
  met: "Wedi'i fodloni",
});

/** What the journey enters. */
const CONCERN = Object.freeze({
  source: EN.parent,
  raisedBy: 'Mrs Catrin Hughes (mother)',
  broughtTo: EN.toSchool,
  description:
    'Finds number work much harder than classmates since the start of term; ' +
    'small-group support for six weeks has not helped (browser test).',
});

const DECISION = Object.freeze({
  greaterDifficulty: 'Yes',
  greaterDifficultyEvidence:
    'Standardised maths score 72; progress slower than peers after six weeks of support.',
  disability: 'No',
  evidence: ['Teacher assessment', 'The views of parents or carers'],
  progress: ['Progress significantly slower than that of peers starting from the same baseline'],
  languageOnly: 'No',
  callsForAlp: 'Yes',
  alp: 'Structured numeracy programme, 3 sessions of 30 minutes a week in a group of 2.',
  areas: ['Cognition and learning'],
  types: ['Dyscalculia'],
  taHours: 5,
});

/** The case the English journey opened, for the Welsh test: { learner, learnerId, caseId }. */
let opened = null;

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

/** Fetches a notice PDF and checks it is one. */
async function assertPdf(session, href, what) {
  const doc = await fetchDocument(session, href);
  assert.equal(doc.status, 200, `${what} (${href}) status`);
  assert.match(doc.contentType, /^application\/pdf\b/, `${what} content-type`);
  assert.equal(doc.body.subarray(0, 5).toString('latin1'), '%PDF-', `${what} is a PDF`);
  assert.match(doc.disposition, /^attachment;/, `${what} is offered as a download`);
  return doc;
}

const JOURNEY = 'an ALNCo raises a concern, decides the learner has ALN and gives the notice';

test(JOURNEY, browserTest, async (t) => {
  const session = await startSession(t);
  await signInInEnglish(session, ACCOUNTS.alnco);
  const today = todayInWales();
  const todayText = formatDateEn(today);
  t.diagnostic(`today ${today}`);

  // The learners list, then a learner at the school with no ALN case yet.
  assert.equal(await followNavigation(session, EN.learners), 200, 'learners status');
  const learners = new LearnersPage(session);
  await learners.settingSelect().selectOption({ label: SCHOOL });
  assert.equal(await learners.search(''), 200, `learners at ${SCHOOL} status`);
  const chosen = await learnerWithoutCase(learners, SCHOOL);
  assert.ok(chosen, `a learner at ${SCHOOL} has no ALN case and the school would decide`);
  const name = chosen.name;
  t.diagnostic(`learner ${name} (${chosen.href})`);
  assert.equal(await learners.openLearner(name), 200, 'learner record status');
  const record = new LearnerRecordCases(session);
  const learnerId = record.learnerId();
  assert.equal(await record.headingText(), name);
  await assertVisible(record.sectionHeading(EN.cases), 'the "ALN cases" section');
  await assertVisible(session.page.getByText(NO_CASES_EN, { exact: true }), 'no case yet');
  const letterLanguage = (await record.summaryValue('Language for letters').innerText()).trim();

  // The concern form, submitted empty.
  assert.equal(await record.raiseConcern(), 200, 'concern form status');
  const concern = new ConcernFormPage(session);
  assert.equal(new URL(session.page.url()).pathname, `/learners/${learnerId}/concerns/new`);
  assert.equal(await concern.headingText(), 'Raise a concern about additional learning needs');
  assert.equal((await concern.caption().innerText()).trim(), name, 'the learner is named');
  const intro = await concern.introTexts();
  assert.ok(
    intro.some((p) => p.startsWith(`Today ${SCHOOL} would decide`)),
    `the form says who would decide: ${JSON.stringify(intro)}`,
  );
  assert.equal(await concern.raise('raise an empty concern'), 422, 'empty concern status');
  const concernErrors = await concern.errorSummaryLinks().evaluateAll((as) =>
    as.map((a) => `${a.getAttribute('href')} ${a.textContent.trim()}`),
  );
  t.diagnostic(`concern errors: ${JSON.stringify(concernErrors)}`);
  assert.deepEqual(
    await concern.checkErrorSummary(),
    ['#source', '#raised_by', '#brought_on-day', '#description'],
    'who raised it, their name, the date and the description are needed',
  );
  assert.deepEqual(concernErrors, [
    '#source Choose who raised the concern',
    '#raised_by Enter the name of the person or body who raised the concern',
    '#brought_on-day Enter the date, for example 27 3 2026',
    '#description Describe the concern',
  ]);

  // Filled in and raised: the case waits for the school's decision, its clock running.
  await concern.fill({ ...CONCERN, date: today });
  assert.equal(await concern.raise(), 200, 'status after raising the concern');
  const kase = new CasePage(session);
  const caseId = kase.caseId();
  t.diagnostic(`case ${caseId}`);
  await assertVisible(kase.banner(), 'the success banner');
  assert.match(await kase.banner().innerText(), /Concern raised and the decision clock started/);
  assert.match(await kase.headingText(), new RegExp(`^${EN.caseTitle}\\b`));
  assert.equal((await kase.caption().innerText()).trim(), name);
  assert.equal(await kase.stage(), EN.awaitingDecision, 'the stage tag');
  assert.equal(await kase.stageText(), `${SCHOOL} must decide whether the learner has ALN.`);
  assert.equal(await kase.summaryText('case-who', 'Deciding body'), SCHOOL, 'the school decides');
  assert.equal(await kase.summaryText('case-concern', 'Who raised the concern?'), EN.parent);
  assert.equal(
    await kase.summaryText('case-concern', 'Name of the person or body'),
    CONCERN.raisedBy,
  );
  assert.equal(
    await kase.summaryText('case-concern', "When was it brought to the body's attention?"),
    todayText,
  );
  assert.equal(await kase.summaryText('case-concern', 'What is the concern?'), CONCERN.description);
  const running = await kase.clocks();
  t.diagnostic(`clocks: ${JSON.stringify(running)}`);
  assert.equal(running.length, 1, 'the case has one clock');
  const [clock] = running;
  assert.equal(clock.timescale, EN.schoolDecision, 'the school-decision clock');
  assert.match(clock.href, /^\/clocks\/\d+$/, 'the clock links to its page');
  assert.equal(clock.rule, `35 school days after ${todayText} (Code 12.12)`);
  assert.ok(
    ['on_track', 'at_risk'].includes(clock.statusCode),
    `the clock is running: ${clock.statusCode}`,
  );
  assert.ok([EN.onTrack, EN.atRisk].includes(clock.status), `its tag: "${clock.status}"`);
  const steps = await kase.stepNames();
  assert.ok(steps.includes(EN.decide), `the decision is a next step: ${JSON.stringify(steps)}`);

  // The two-step test, submitted with nothing answered.
  assert.equal(await kase.followStep(EN.decide), 200, 'decision form status');
  const decision = new DecisionFormPage(session);
  assert.equal(new URL(session.page.url()).pathname, `/cases/${caseId}/decision`);
  assert.equal(await decision.headingText(), 'Decide whether the learner has ALN');
  assert.equal(await decision.continue('continue with nothing answered'), 422, 'empty test status');
  assert.deepEqual(
    await decision.checkErrorSummary(),
    ['#greater_difficulty', '#disability', '#evidence', '#decided_on-day'],
    'test 1 (a) and (b), the evidence and the date are needed',
  );

  // Answered: the check page says the learner has ALN.
  await decision.fill({ ...DECISION, date: today });
  assert.equal(await decision.continue(), 200, 'check page status');
  const check = new DecisionCheckPage(session);
  assert.equal(await check.headingText(), 'Check the decision before you record it');
  assert.equal(
    (await check.outcome().innerText()).trim(),
    `From your answers, ${name} has additional learning needs.`,
  );
  assert.deepEqual(await check.values('Evidence relied on'), DECISION.evidence);
  assert.deepEqual(await check.values('Areas of need'), DECISION.areas);
  assert.deepEqual(await check.values('Types of need'), DECISION.types);
  assert.deepEqual(await check.values('Reasons'), [
    'Test 1 (a): the learner has significantly greater difficulty in learning than the majority ' +
      'of others of the same age.',
    'Test 2: the learning difficulty or disability calls for additional learning provision.',
  ]);
  assert.deepEqual(await check.values('Date of the decision'), [todayText]);
  assert.deepEqual(await check.values('Who maintains the IDP'), [
    'The school (or college) prepares and maintains the IDP',
  ]);

  // Recorded: the notice is due.
  assert.equal(await check.record(), 200, 'status after recording the decision');
  assert.equal(new URL(session.page.url()).pathname, `/cases/${caseId}`);
  await assertVisible(kase.banner(), 'the success banner');
  assert.match(await kase.banner().innerText(), /Decision recorded\. Now give the notice\./);
  assert.equal(await kase.stage(), EN.noticeDue, 'the stage tag');
  assert.equal(
    await kase.summaryText('case-decision-1', 'Decision'),
    'Has additional learning needs',
  );

  // The notice: the drafts in both languages, then recorded as given by email today.
  assert.equal(await kase.followStep(EN.giveNotice), 200, 'notice form status');
  const notice = new NoticeFormPage(session);
  assert.equal(new URL(session.page.url()).pathname, `/cases/${caseId}/notice`);
  assert.equal(await notice.headingText(), EN.giveNotice);
  const drafts = await notice.draftLinks();
  assert.equal(drafts.english, `/cases/${caseId}/notices/0.pdf?lang=en`);
  assert.equal(drafts.welsh, `/cases/${caseId}/notices/0.pdf?lang=cy`);
  const draftEn = await assertPdf(session, drafts.english, 'the draft notice in English');
  const draftCy = await assertPdf(session, drafts.welsh, 'the draft notice in Welsh');
  assert.ok(!draftEn.body.equals(draftCy.body), 'the English and Welsh drafts differ');
  assert.equal(await notice.checkedLanguage(), letterLanguage, "the family's language is chosen");
  await notice.fill({ method: 'By email', date: today });
  assert.equal(await notice.give(), 200, 'status after giving the notice');

  // Notice given: the notices table, and the clock stopped in time.
  assert.equal(new URL(session.page.url()).pathname, `/cases/${caseId}`);
  await assertVisible(kase.banner(), 'the success banner');
  assert.match(await kase.banner().innerText(), /Notice recorded as given/);
  assert.equal(await kase.stage(), EN.noticeGiven, 'the stage tag');
  const notices = await kase.notices();
  t.diagnostic(`notices: ${JSON.stringify(notices)}`);
  assert.equal(notices.length, 1, 'one notice');
  assert.equal(notices[0].kind, EN.idpNotice);
  assert.equal(notices[0].given, `${todayText} (By email)`);
  // A school's decision is not appealed to the tribunal: the family may ask the LA to reconsider.
  assert.equal(notices[0].appealBy, EN.noAppeal);
  assert.deepEqual(
    notices[0].documents.map((d) => [d.href, d.hreflang]),
    [
      [`/cases/${caseId}/notices/1.pdf?lang=en`, 'en'],
      [`/cases/${caseId}/notices/1.pdf?lang=cy`, 'cy'],
    ],
  );
  for (const doc of notices[0].documents) await assertPdf(session, doc.href, `notice ${doc.text}`);
  const stopped = await kase.clocks();
  t.diagnostic(`clocks: ${JSON.stringify(stopped)}`);
  assert.equal(stopped.length, 1, 'still one clock');
  assert.equal(stopped[0].href, clock.href, 'the same clock');
  assert.equal(stopped[0].statusCode, 'met', 'the clock is no longer running');
  assert.equal(stopped[0].status, EN.met);
  assert.ok(!(await kase.stepNames()).includes(EN.giveNotice), 'the notice is given only once');

  // The learner's record lists the case.
  assert.equal(await kase.backToLearner(), 200, 'learner record status');
  assert.equal(new URL(session.page.url()).pathname, `/learners/${learnerId}`);
  assert.deepEqual(await record.caseRowData(caseId), {
    opened: todayText,
    source: EN.parent,
    stage: EN.noticeGiven,
    stageCode: 'notice_given',
  });
  assert.equal(await session.page.getByText(NO_CASES_EN, { exact: true }).count(), 0);
  const clockRow = session.page
    .locator('#learner-clocks tbody tr')
    .filter({ has: session.page.locator(`a[href="${clock.href}"]`) });
  assert.equal(await clockRow.count(), 1, "the record lists the case's clock");
  assert.equal(await clockRow.getAttribute('data-status'), 'met', 'as met');

  opened = { learner: name, learnerId, caseId };
  await session.finish();
});

test('the ALN case in Welsh', browserTest, async (t) => {
  if (opened === null) {
    t.skip('the English journey did not open a case');
    return;
  }
  const session = await startSession(t);
  await signInInEnglish(session, ACCOUNTS.alnco);
  const record = new LearnerRecordCases(session);
  assert.equal(await session.goto(`/learners/${opened.learnerId}`, 'learner record'), 200);
  assert.equal(await record.headingText(), opened.learner);

  assert.equal(await record.switchLanguage(), 200, 'Welsh learner record status');
  try {
    assert.equal(await record.lang(), 'cy', '<html lang="cy"> after switching');
    await assertVisible(record.sectionHeading(CY.cases), 'the "Achosion ADY" section');
    const row = await record.caseRowData(opened.caseId);
    assert.equal(row.stage, CY.noticeGiven, 'the Welsh stage in the cases table');

    assert.equal(await record.openCase(opened.caseId), 200, 'Welsh case status');
    const kase = new CasePage(session);
    assert.equal(kase.caseId(), opened.caseId);
    assert.equal(await kase.lang(), 'cy');
    assert.match(await kase.headingText(), new RegExp(`^${CY.caseTitle}\\b`));
    assert.equal(await kase.stage(), CY.noticeGiven, 'the Welsh stage tag');
    assert.notEqual(await kase.stage(), EN.noticeGiven);
    await assertVisible(
      session.page.getByRole('heading', { name: CY.notices, exact: true }),
      'the notices in Welsh',
    );
    const notices = await kase.notices();
    assert.equal(notices.length, 1, 'one notice');
    assert.equal(notices[0].kind, CY.idpNotice, 'the notice kind in Welsh');
    const clocks = await kase.clocks();
    assert.equal(clocks.length, 1, 'one clock');
    assert.equal(clocks[0].statusCode, 'met');
    assert.equal(clocks[0].status, CY.met, 'the clock status in Welsh');
  } finally {
    // Leave the account in English, as it was.
    assert.equal(await record.switchLanguage(), 200, 'English page status');
  }
  assert.equal(await record.lang(), 'en');

  await session.finish();
});
