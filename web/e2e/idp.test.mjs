// An individual development plan from the start to the plan in force, as the ALNCo of Ysgol
// Gymraeg Bryn Derw: starting a plan for a learner who has none; the quality checks the finalise
// page lists while they remain, with the reasons it then asks for; every section filled in
// through the task list (the first with an impossible date), with the autosave of "Details and
// contacts" kept across a reload; one element of provision in full; then the plan checked,
// finalised and given by email, with its versions, documents and review date. The harness checks
// every page with axe and screenshots it.

import assert from 'node:assert/strict';
import { test } from 'node:test';

import { ACCOUNTS, assertVisible, browserTest, startSession } from './harness.mjs';
import {
  LearnerRecordPlans,
  LearnersPage,
  NO_PLANS_EN,
  PlanElementFormPage,
  PlanFinalisePage,
  PlanPage,
  PlanSectionPage,
  PlanStartFormPage,
  addDaysIso,
  addMonthsIso,
  fetchDocument,
  followNavigation,
  formatDateEn,
  learnerWithoutPlan,
  signInAs,
  todayInWales,
} from './pages.mjs';

/** The ALNCo's school in the demo data, which maintains the plan. */
const SCHOOL = 'Ysgol Gymraeg Bryn Derw';

const SECTIONS = Object.freeze({
  about: 'Details and contacts',
  profile: 'One Page Profile (About me)',
  needs: 'Description of additional learning needs',
  provision: 'Additional learning provision',
  nhs: 'Provision by an NHS body',
  place: 'School or institution named',
  information: 'Record of information used',
  timeline: 'Timeline of key events',
  transition: 'Transition and transport',
});

const EN = Object.freeze({
  learners: 'Learners',
  plans: 'Plans and profiles',
  startTitle: 'Start an individual development plan',
  beingWritten: 'Being written',
  inForce: 'In force',
  notStarted: 'Not yet started',
  completed: 'Completed',
  notNeeded: 'Not needed',
  finalise: 'Check and finalise the plan',
  draftEn: 'Draft plan (English, PDF)',
  draftCy: 'Draft plan (Welsh, PDF)',
  sectionSaved: 'The section has been saved.',
  allChecksMet: 'Every quality check is met: the plan can be finalised.',
  savedAt: /^Saved at \d{1,2}:\d{2}/,
});

/** What the plan says. */
const ABOUT = Object.freeze({
  'Who co-ordinates the plan': 'Mrs Eleri Pritchard',
  'Their role': 'Additional learning needs co-ordinator',
  'How to contact them': 'eleri.pritchard@bryn-derw.example (browser test)',
});
const COMMUNICATION = 'By email in Welsh; Mam prefers a phone call after 3pm (autosaved).';
const PROFILE = Object.freeze({
  'What people like and admire about me': 'Kind, funny and always ready to help younger pupils.',
  'What is important to me': 'Football at break, my dog Mot, and knowing what happens next.',
  'How best to support me': 'Show me a worked example first and let me use counters.',
  'Who helped write it': 'Me, Mam and Mrs Pritchard',
});
const NEEDS = Object.freeze({
  areas: ['Cognition and learning'],
  types: ['Dyscalculia'],
  description: 'Significant difficulty with number sense and recalling number facts.',
});
const INFORMATION = Object.freeze({
  title: 'Educational psychologist report',
  from: 'Gwasanaeth Seicoleg Addysg',
});
const EVENT = 'Plan meeting with the family';
const TRANSITION = Object.freeze({
  'Transition arrangements': 'Extra visits to the secondary school in the summer term.',
  'Transport arrangements': 'None needed: walks to school with a sibling.',
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

/** Fetches a plan PDF and checks it is one. */
async function assertPdf(session, href, what) {
  const doc = await fetchDocument(session, href);
  assert.equal(doc.status, 200, `${what} (${href}) status`);
  assert.match(doc.contentType, /^application\/pdf\b/, `${what} content-type`);
  assert.equal(doc.body.subarray(0, 5).toString('latin1'), '%PDF-', `${what} is a PDF`);
  return doc;
}

/** Saves a section and checks the plan page says so; returns the plan page. */
async function saveSection(session, section, name) {
  assert.equal(await section.save(`save ${name}`), 200, `status after saving ${name}`);
  const plan = new PlanPage(session);
  await assertVisible(plan.banner(), 'the success banner');
  const banner = await plan.banner().innerText();
  assert.ok(banner.includes(EN.sectionSaved), `the banner says "${EN.sectionSaved}": "${banner}"`);
  assert.equal(await plan.taskStatus(name), EN.completed, `"${name}" is completed`);
  return plan;
}

const JOURNEY = 'an ALNCo writes an individual development plan, finalises it and gives it';

test(JOURNEY, browserTest, async (t) => {
  const session = await startSession(t);
  await signInInEnglish(session, ACCOUNTS.alnco);
  const page = session.page;
  const today = todayInWales();
  const todayText = formatDateEn(today);
  t.diagnostic(`today ${today}`);

  // A learner at the school with no plan or profile.
  assert.equal(await followNavigation(session, EN.learners), 200, 'learners status');
  const learners = new LearnersPage(session);
  await learners.settingSelect().selectOption({ label: SCHOOL });
  assert.equal(await learners.search(''), 200, `learners at ${SCHOOL} status`);
  const chosen = await learnerWithoutPlan(learners, SCHOOL);
  assert.ok(chosen, `a learner at ${SCHOOL} has no plan and one may be started`);
  const name = chosen.name;
  t.diagnostic(`learner ${name} (${chosen.href})`);
  assert.equal(await learners.openLearner(name), 200, 'learner record status');
  const record = new LearnerRecordPlans(session);
  const learnerId = record.learnerId();
  assert.equal(await record.headingText(), name);
  await assertVisible(record.sectionHeading(EN.plans), 'the "Plans and profiles" section');
  await assertVisible(page.getByText(NO_PLANS_EN, { exact: true }), 'no plan yet');

  // The plan started, maintained by the school.
  assert.equal(await record.startPlan(), 200, 'start form status');
  const start = new PlanStartFormPage(session);
  assert.equal(new URL(page.url()).pathname, `/learners/${learnerId}/idps/new`);
  assert.equal(await start.headingText(), EN.startTitle);
  assert.equal((await start.caption().innerText()).trim(), name, 'the learner is named');
  await start.fill({ body: 'The school', setting: SCHOOL });
  assert.equal(await start.start(), 200, 'status after starting the plan');
  const plan = new PlanPage(session);
  const planId = plan.planId();
  t.diagnostic(`plan ${planId}`);
  await assertVisible(plan.banner(), 'the success banner');
  assert.match(await plan.banner().innerText(), /The plan has been started/);
  assert.equal((await plan.caption().innerText()).trim(), name);
  assert.equal(await plan.status(), EN.beingWritten, 'the status tag');
  assert.equal(await plan.maintainer(), `Maintained by the school: ${SCHOOL}`);
  assert.equal(await plan.reviewDue().count(), 0, 'no review date before the plan is given');
  const started = await plan.tasks();
  t.diagnostic(`tasks: ${JSON.stringify(started)}`);
  assert.deepEqual(
    started.map((x) => x.name),
    Object.values(SECTIONS),
    'the task list has the sections of the plan, in order',
  );
  const task = (key) => started.find((x) => x.name === SECTIONS[key]);
  for (const key of ['about', 'profile', 'needs', 'provision', 'information', 'timeline']) {
    assert.equal(task(key).href, `/idps/${planId}/sections/${key}`, `"${SECTIONS[key]}" links`);
  }
  assert.equal(task('about').status, EN.notStarted);
  assert.equal(task('provision').status, EN.notStarted);
  assert.equal(task('place').status, EN.notNeeded, 'a school plan names no school');
  assert.equal(task('place').href, '', 'a section not needed has no link');
  assert.equal(task('nhs').status, EN.notNeeded, 'no provision by an NHS body yet');
  for (const key of ['profile', 'needs', 'provision']) {
    assert.equal(task(key).hint, '1 to check', `"${SECTIONS[key]}" has a quality check to meet`);
  }
  assert.match(await plan.flagCount(), /^3 quality checks are not met yet\./);
  const steps = await plan.stepNames();
  for (const step of [EN.finalise, EN.draftEn, EN.draftCy]) {
    assert.ok(steps.includes(step), `the step "${step}": ${JSON.stringify(steps)}`);
  }

  // Finalising now lists the checks not met, with the Code, and needs the reasons to go on.
  assert.equal(await plan.followStep(EN.finalise), 200, 'finalise page status');
  const finalise = new PlanFinalisePage(session);
  assert.equal(new URL(page.url()).pathname, `/idps/${planId}/finalise`);
  assert.equal(await finalise.headingText(), EN.finalise);
  const flagged = await finalise.introTexts();
  t.diagnostic(`finalise with flags: ${JSON.stringify(flagged)}`);
  assert.match(flagged[0], /^3 quality checks are not met\./);
  assert.deepEqual(flagged.slice(1, 4), [
    `${SECTIONS.profile} – The One Page Profile is not complete: all three parts are needed. ` +
      '(IDP form section 1)',
    `${SECTIONS.needs} – Describe the learner's additional learning needs and choose at least ` +
      'one area of need. (Act s.10(1)(a))',
    `${SECTIONS.provision} – Add at least one element of additional learning provision. ` +
      '(Act s.10(1)(b))',
  ]);
  await assertVisible(finalise.overrideReasons(), 'the reasons for giving it as it is');
  assert.equal(await finalise.back(), 200, 'plan status');
  assert.equal(await plan.status(), EN.beingWritten, 'the plan was not finalised');

  // Details and contacts: what is typed is saved as it is typed, and kept on reload.
  assert.equal(await plan.openSection(SECTIONS.about), 200, 'details section status');
  const about = new PlanSectionPage(session);
  assert.equal(new URL(page.url()).pathname, `/idps/${planId}/sections/about`);
  assert.equal(await about.headingText(), SECTIONS.about);
  assert.equal((await about.caption().innerText()).trim(), name);
  assert.equal(await about.autosaveForm().count(), 1, 'the form saves as it is typed');
  assert.equal(await about.autosaveStatus().getAttribute('role'), 'status', 'it is announced');
  const communication = about.textbox(
    'How the learner and family like to be contacted, and in which language',
  );
  await communication.fill(COMMUNICATION);
  const saved = await about.waitForAutosave(EN.savedAt);
  t.diagnostic(`autosave: ${saved}`);
  assert.equal(await about.reload('reload details and contacts'), 200, 'reloaded status');
  assert.equal(await communication.inputValue(), COMMUNICATION, 'the autosaved text is kept');
  assert.equal((await about.autosaveStatus().innerText()).trim(), '', 'nothing saved since');
  await about.fillTexts(ABOUT);
  let current = await saveSection(session, about, SECTIONS.about);

  // The One Page Profile (a plain form: it carries a photo, so it does not autosave).
  assert.equal(await current.openSection(SECTIONS.profile), 200, 'profile section status');
  const profile = new PlanSectionPage(session);
  assert.equal(await profile.headingText(), SECTIONS.profile);
  assert.deepEqual(await profile.flags(), [
    'The One Page Profile is not complete: all three parts are needed. (IDP form section 1)',
  ]);
  await profile.fillTexts(PROFILE);
  current = await saveSection(session, profile, SECTIONS.profile);

  // The description of the learner's needs.
  assert.equal(await current.openSection(SECTIONS.needs), 200, 'needs section status');
  const needs = new PlanSectionPage(session);
  assert.equal(await needs.headingText(), SECTIONS.needs);
  await needs.check('Areas of need', NEEDS.areas);
  await needs.check('Types of need', NEEDS.types);
  await needs.fillTexts({
    "Description of the learner's additional learning needs": NEEDS.description,
  });
  current = await saveSection(session, needs, SECTIONS.needs);

  // The provision: one element, every part of it.
  assert.equal(await current.openSection(SECTIONS.provision), 200, 'provision section status');
  const provision = new PlanSectionPage(session);
  assert.equal(await provision.headingText(), SECTIONS.provision);
  assert.deepEqual(await provision.flags(), [
    'Add at least one element of additional learning provision. (Act s.10(1)(b))',
  ]);
  assert.equal(await provision.elementsTable().count(), 0, 'no elements yet');
  assert.equal(await provision.addElement(), 200, 'element form status');
  const element = new PlanElementFormPage(session);
  assert.equal(new URL(page.url()).pathname, `/idps/${planId}/elements/new`);
  assert.equal(await element.headingText(), 'Add an element of provision');
  const ELEMENT = {
    outcome: 'Recall number bonds to 20 without counting on.',
    measure: 'Timed number-bond checks each half term, aiming for 18 of 20.',
    outcomeBy: addMonthsIso(today, 6),
    provision: 'Structured numeracy programme with concrete apparatus.',
    minutes: 30,
    sessions: 3,
    per: 'week',
    group: 'Small group',
    inWelsh: 'Yes',
    provider: 'The school',
    providerName: `${SCHOOL} ALN team`,
    startsOn: today,
    reviewOn: addMonthsIso(today, 3),
    rationale: 'Small-group teaching alone has not closed the gap in number sense.',
  };
  await element.fill(ELEMENT);
  assert.equal(await element.save(), 200, 'status after saving the element');
  current = new PlanPage(session);
  assert.equal(new URL(page.url()).pathname, `/idps/${planId}`);
  assert.match(await current.banner().innerText(), /The provision has been saved\./);
  assert.equal(await current.taskStatus(SECTIONS.provision), EN.completed);
  assert.equal(await current.openSection(SECTIONS.provision), 200, 'provision section status');
  const elements = await provision.elements();
  t.diagnostic(`elements: ${JSON.stringify(elements)}`);
  assert.equal(elements.length, 1, 'one element of provision');
  assert.equal(elements[0].outcome, ELEMENT.outcome);
  assert.match(elements[0].href, new RegExp(`^/idps/${planId}/elements/\\d+$`));
  assert.equal(elements[0].provision, ELEMENT.provision);
  assert.equal(elements[0].amount, '30 minutes, 3 times each week');
  assert.equal(elements[0].status, EN.completed, 'the element meets every check');
  assert.deepEqual(await provision.flags(), [], 'nothing left to do');
  assert.equal(await provision.backToPlan(), 200, 'plan status');

  // The record of information used, first with a date that does not exist.
  assert.equal(await current.openSection(SECTIONS.information), 200, 'information status');
  const information = new PlanSectionPage(session);
  assert.equal(await information.headingText(), SECTIONS.information);
  await information.field('title_1').fill(INFORMATION.title);
  await information.field('from_1').fill(INFORMATION.from);
  const year = Number(today.slice(0, 4));
  await information.fillDateParts('dated_1', { day: 31, month: 2, year });
  assert.equal(await information.save('save with 31 February'), 422, 'impossible date status');
  assert.deepEqual(await information.checkErrorSummary(), ['#dated_1-day']);
  assert.deepEqual(
    (await information.errorSummaryLinks().allInnerTexts()).map((s) => s.trim()),
    ['Enter a real date, for example 1 9 2026.'],
  );
  assert.equal(await information.field('title_1').inputValue(), INFORMATION.title, 'kept');
  await information.fillDate('dated_1', addDaysIso(today, -14));
  current = await saveSection(session, information, SECTIONS.information);

  // The timeline of key events.
  assert.equal(await current.openSection(SECTIONS.timeline), 200, 'timeline status');
  const timeline = new PlanSectionPage(session);
  assert.equal(await timeline.headingText(), SECTIONS.timeline);
  await timeline.fillDate('on_1', addDaysIso(today, -7));
  await timeline.field('what_1').fill(EVENT);
  current = await saveSection(session, timeline, SECTIONS.timeline);

  // Transition and transport.
  assert.equal(await current.openSection(SECTIONS.transition), 200, 'transition status');
  const transition = new PlanSectionPage(session);
  assert.equal(await transition.headingText(), SECTIONS.transition);
  await transition.fillTexts(TRANSITION);
  current = await saveSection(session, transition, SECTIONS.transition);

  // Every section written: each is completed, the rest not needed, and no check is left.
  const written = await current.tasks();
  t.diagnostic(`tasks: ${JSON.stringify(written)}`);
  assert.deepEqual(
    Object.fromEntries(written.map((x) => [x.name, x.status])),
    {
      [SECTIONS.about]: EN.completed,
      [SECTIONS.profile]: EN.completed,
      [SECTIONS.needs]: EN.completed,
      [SECTIONS.provision]: EN.completed,
      [SECTIONS.nhs]: EN.notNeeded,
      [SECTIONS.place]: EN.notNeeded,
      [SECTIONS.information]: EN.completed,
      [SECTIONS.timeline]: EN.completed,
      [SECTIONS.transition]: EN.completed,
    },
  );
  assert.deepEqual(written.filter((x) => x.hint !== ''), [], 'no section has a check to meet');
  assert.equal(await current.flagCount(), EN.allChecksMet);
  const draftPdf = await assertPdf(session, `/idps/${planId}/versions/0.pdf?lang=en`, 'draft');
  assert.ok(draftPdf.body.length > 0);

  // Checked and finalised: given by email today.
  assert.equal(await current.followStep(EN.finalise), 200, 'finalise page status');
  const intro = await finalise.introTexts();
  assert.equal(intro[0], 'Every quality check is met.');
  assert.equal(await finalise.overrideReasons().count(), 0, 'no reasons are asked for');
  await finalise.fill({ method: 'By email', date: today });
  assert.equal(await finalise.finalise(), 200, 'status after finalising');
  const given = new PlanPage(session);
  assert.equal(new URL(page.url()).pathname, `/idps/${planId}`);
  await assertVisible(given.banner(), 'the success banner');
  assert.match(await given.banner().innerText(), /The plan has been finalised and given\./);
  assert.equal(await given.status(), EN.inForce, 'the status tag');
  assert.equal(await given.taskList().count(), 0, 'no draft is being written');
  const due = addDaysIso(addMonthsIso(today, 12), -1);
  assert.equal(
    (await given.reviewDue().innerText()).trim(),
    `The plan must be reviewed by ${formatDateEn(due)} (12 months from ${todayText}, Act s.23).`,
  );
  const versions = await given.versions();
  t.diagnostic(`versions: ${JSON.stringify(versions)}`);
  assert.equal(versions.length, 1, 'one version given');
  assert.equal(versions[0].number, '1');
  assert.equal(versions[0].given, `${todayText} (By email)`);
  assert.equal(versions[0].summary, 'The first plan');
  assert.deepEqual(
    versions[0].documents.map((d) => [d.text, d.href, d.hreflang]),
    [
      ['English (PDF) 1', `/idps/${planId}/versions/1.pdf?lang=en`, 'en'],
      ['Welsh (PDF) 1', `/idps/${planId}/versions/1.pdf?lang=cy`, 'cy'],
    ],
  );
  const english = await assertPdf(session, versions[0].documents[0].href, 'the plan in English');
  const welsh = await assertPdf(session, versions[0].documents[1].href, 'the plan in Welsh');
  assert.ok(!english.body.equals(welsh.body), 'the English and Welsh plans differ');

  await session.finish();
});
