// A school's provision map, as the ALNCo of Ysgol Gymraeg Bryn Derw: from the school's page to
// this year's map (rolled over by the demo from last year), its totals by level and the four
// levels; a provision added through the form (refused first with a blank name, in the GOV.UK
// error summary), then opened; a learner given a place on it from today with an entry measure,
// then the place ended with an exit measure; the ALN register with its learners and downloads;
// the learner's "Sessions delivered" page reached from the provision, and a session recorded.
// Then the map in Welsh, and the governor, who sees the map and the register as numbers only:
// no learner's name the ALNCo saw appears. The harness checks every page with axe and
// screenshots it.
//
// The journey changes the demo data (it adds a provision, a place and a delivery record), so it
// runs once against a freshly loaded demo database, as scripts/test loads it.

import assert from 'node:assert/strict';
import { test } from 'node:test';

import { ACCOUNTS, assertVisible, browserTest, startSession } from './harness.mjs';
import {
  FormPage,
  SettingsPage,
  dateParts,
  fetchDocument,
  formatDateEn,
  signInAs,
  successBanner,
  todayInWales,
} from './pages.mjs';

/** The ALNCo's school in the demo data. */
const SCHOOL = 'Ysgol Gymraeg Bryn Derw';

const LEVELS = Object.freeze([
  { code: 'universal', en: 'Universal', cy: 'Cyffredinol' },
  { code: 'universal_plus', en: 'Universal plus', cy: 'Cyffredinol a mwy' },
  { code: 'targeted', en: 'Targeted', cy: "Wedi'i thargedu" },
  { code: 'specialist', en: 'Specialist', cy: 'Arbenigol' },
]);

const EN = Object.freeze({
  map: 'Provision map',
  totals: 'Totals by level',
  allLevels: 'All levels',
  totalsHeader: [
    'Level',
    'Provisions',
    'Learners receiving it today',
    'Staff hours a week',
    'Cost a term',
  ],
  addProvision: 'Add a provision',
  saveProvision: 'Save the provision',
  nameError: "Enter the provision's name",
  levelError: 'Choose the level',
  added: 'The provision has been added.',
  noLearners: 'No learners have received this provision this year.',
  addLearner: 'Add a learner',
  addTheLearner: 'Add the learner',
  chooseLearner: 'Choose a learner',
  learnerAdded: 'The learner has been added.',
  endPlace: "End the learner's place",
  endButton: 'End the place',
  placeEnded: "The learner's place has ended.",
  register: 'ALN register',
  registerLearners: 'Learners on the register',
  countsOnly: 'Governors see the register as numbers only, never names.',
  xlsx: 'Download as a spreadsheet (XLSX)',
  csv: 'Download as CSV',
  delivery: 'Sessions delivered',
  schoolDelivery: 'Sessions delivered across the school',
  recordSessions: 'Record sessions',
  recordButton: 'Record the sessions',
  recorded: 'The sessions have been recorded.',
  recordsHeading: 'Sessions recorded this year',
});

const CY = Object.freeze({
  map: 'Map darpariaeth',
  totals: 'Cyfansymiau fesul lefel',
  allLevels: 'Pob lefel',
});

/** What the journey enters. A stamp keeps the name unique should the test run twice. */
const STAMP = Date.now().toString(36).slice(-5);
const PROVISION = Object.freeze({
  name: `Social skills group (browser test ${STAMP})`,
  level: 'Targeted',
  area: 'Behaviour, emotional and social development',
  staff: 'Teaching assistant (browser test)',
  staffHours: '2.5',
  groupSize: '4',
  sessions: '2',
  per: 'week',
  minutes: '30',
  cost: '275',
});
const ENTRY = 'Boxall profile 40 (browser test)';
const EXIT = 'Boxall profile 52 (browser test)';

// ---------------------------------------------------------------------------------------------
// Page objects for the provision map's pages.

/** The text of a locator with its white space collapsed. */
async function textOf(locator) {
  return (await locator.innerText()).replace(/\s+/g, ' ').trim();
}

/** The path of the page the session is on. */
function pathname(session) {
  return new URL(session.page.url()).pathname;
}

/** Fills a GOV.UK date input whose inputs are #{id}-day, #{id}-month and #{id}-year. */
async function fillDate(page, id, iso) {
  const { day, month, year } = dateParts(iso);
  await page.locator(`#${id}-day`).fill(String(day));
  await page.locator(`#${id}-month`).fill(String(month));
  await page.locator(`#${id}-year`).fill(String(year));
}

/** The radio labelled `label` in the fieldset whose legend is `legend`. */
function radioIn(page, legend, label) {
  return page
    .getByRole('group', { name: legend, exact: true })
    .getByRole('radio', { name: label, exact: true });
}

/** Rows of a table as arrays of cell texts (th and td), body only. */
async function tableRows(table) {
  const rows = [];
  for (const row of await table.locator('tbody tr').all()) {
    const cells = [];
    for (const cell of await row.locator('th, td').all()) cells.push(await textOf(cell));
    rows.push(cells);
  }
  return rows;
}

/** A provision-map page: the things every page here has (caption, banner, links in main). */
class ProvisionBasePage extends FormPage {
  caption() {
    return this.page.locator('main .govuk-caption-l');
  }

  banner() {
    return successBanner(this.page);
  }

  backLink() {
    return this.page.locator('main a.govuk-back-link');
  }

  /** Follows the one link in main with this accessible name (exact). */
  async follow(name, step) {
    const link = this.page.locator('main').getByRole('link', { name, exact: true });
    assert.equal(await link.count(), 1, `one link "${name}"`);
    return this.session.navigate(() => link.click(), step ?? `follow ${name}`);
  }

  async back(step = 'back') {
    return this.session.navigate(() => this.backLink().click(), step);
  }

  /** The text of main, white space collapsed. */
  async mainText() {
    return textOf(this.page.locator('main'));
  }
}

/** "Provision map {year}" (/settings/{id}/provision-map). */
class ProvisionMapPage extends ProvisionBasePage {
  settingId() {
    const match = pathname(this.session).match(/^\/settings\/(\d+)\/provision-map$/);
    assert.ok(match, `on a provision map, not ${this.page.url()}`);
    return match[1];
  }

  totalsTable() {
    return this.page.locator('table#totals-table');
  }

  async totalsHeader() {
    return (await this.totalsTable().locator('thead th').allInnerTexts()).map((s) => s.trim());
  }

  /** The totals as [{ level, provisions, learners, hours, cost }] (numbers), the last "All". */
  async totals() {
    const rows = await tableRows(this.totalsTable());
    return rows.map(([level, provisions, learners, hours, cost]) => ({
      level,
      provisions: Number(provisions),
      learners: Number(learners),
      hours: Number(hours),
      cost: Number(cost.replace(/^£/, '')),
      costText: cost,
    }));
  }

  /** The level headings (h2 with id level-*) as [{ id, text }], in order. */
  async levelHeadings() {
    const out = [];
    for (const h of await this.page.locator('main h2[id^="level-"]').all()) {
      out.push({ id: (await h.getAttribute('id')) ?? '', text: (await h.innerText()).trim() });
    }
    return out;
  }

  /** The table of one level (the one following its heading), or null if it has no rows. */
  levelTable(code) {
    return this.page.locator(`main h2#level-${code} + p + table`);
  }

  /** A level's provisions as [{ name, href, area, staff, frequency, learners, hours, cost }]. */
  async provisionsAt(code) {
    const table = this.levelTable(code);
    if ((await table.count()) === 0) return [];
    const out = [];
    for (const row of await table.locator('tbody tr').all()) {
      const cells = row.locator('td');
      const link = cells.nth(0).getByRole('link');
      out.push({
        name: (await link.innerText()).trim(),
        href: (await link.getAttribute('href')) ?? '',
        area: await textOf(cells.nth(1)),
        staff: await textOf(cells.nth(2)),
        frequency: await textOf(cells.nth(3)),
        learners: await textOf(cells.nth(4)),
        hours: await textOf(cells.nth(5)),
        cost: await textOf(cells.nth(6)),
      });
    }
    return out;
  }

  async openProvision(href, name) {
    const link = this.page.locator(`main table a[href="${href}"]`);
    assert.equal(await link.count(), 1, `one link to the provision ${name}`);
    return this.session.navigate(() => link.click(), `open provision ${name}`);
  }
}

/** "Add a provision" (/provision-maps/{id}/provisions/new). */
class ProvisionFormPage extends ProvisionBasePage {
  async fill(p) {
    const page = this.page;
    await page.getByRole('textbox', { name: 'Name', exact: true }).fill(p.name);
    await radioIn(page, 'Level', p.level).check();
    await radioIn(page, 'Area of need', p.area).check();
    await page.getByRole('textbox', { name: 'Staff who deliver it', exact: true }).fill(p.staff);
    await page
      .getByRole('textbox', { name: 'Staff hours a week', exact: true })
      .fill(p.staffHours);
    await page.getByRole('textbox', { name: 'Group size', exact: true }).fill(p.groupSize);
    await page
      .getByRole('textbox', { name: 'Sessions for each learner', exact: true })
      .fill(p.sessions);
    await radioIn(page, 'Each', p.per).check();
    await page.getByRole('textbox', { name: 'Minutes a session', exact: true }).fill(p.minutes);
    await page
      .getByRole('textbox', { name: 'Cost a term, in pounds', exact: true })
      .fill(p.cost);
  }

  async save(step = 'save the provision') {
    return this.submit(EN.saveProvision, step);
  }
}

/** One provision (/provision-maps/{id}/provisions/{key}): its facts and its learners. */
class ProvisionPage extends ProvisionBasePage {
  /** The value beside a key (exact text) in the summary list, or null. */
  async fact(key) {
    const value = this.page
      .locator('main dl.govuk-summary-list > .govuk-summary-list__row')
      .filter({
        has: this.page.locator('.govuk-summary-list__key').getByText(key, { exact: true }),
      })
      .locator('.govuk-summary-list__value');
    if ((await value.count()) === 0) return null;
    return textOf(value);
  }

  learnersTable() {
    return this.page.getByRole('table', { name: 'Learners', exact: true });
  }

  /** The learners as [{ name, href, joined, entry, left, exit, delivered, action }]. */
  async learners() {
    const out = [];
    if ((await this.learnersTable().count()) === 0) return out;
    for (const row of await this.learnersTable().locator('tbody tr').all()) {
      const cells = row.locator('td');
      const link = cells.nth(0).getByRole('link');
      out.push({
        name: (await link.innerText()).trim(),
        href: (await link.getAttribute('href')) ?? '',
        joined: await textOf(cells.nth(1)),
        entry: await textOf(cells.nth(2)),
        left: await textOf(cells.nth(3)),
        exit: await textOf(cells.nth(4)),
        delivered: await textOf(cells.nth(5)),
        action: (await cells.count()) > 6 ? await textOf(cells.nth(6)) : '',
      });
    }
    return out;
  }

  endLink(name) {
    const label = `${EN.endPlace} ${name}`;
    return this.learnersTable().getByRole('link', { name: label, exact: true });
  }

  async openLearnerDelivery(name) {
    const link = this.learnersTable().getByRole('link', { name, exact: true });
    assert.equal(await link.count(), 1, `one link to ${name}'s sessions delivered`);
    return this.session.navigate(() => link.click(), `sessions delivered for ${name}`);
  }
}

/** "Add a learner" to a provision (/provision-maps/{id}/provisions/{key}/learners). */
class ProvisionLearnerFormPage extends ProvisionBasePage {
  learnerSelect() {
    return this.page.getByRole('combobox', { name: 'Learner', exact: true });
  }

  /** The select's options as [{ value, label }], the placeholder first. */
  async options() {
    const out = [];
    for (const option of await this.learnerSelect().locator('option').all()) {
      out.push({
        value: (await option.getAttribute('value')) ?? '',
        label: (await option.innerText()).trim(),
      });
    }
    return out;
  }

  async fill({ label, joinedOn, entry }) {
    await this.learnerSelect().selectOption({ label });
    await fillDate(this.page, 'joined_on', joinedOn);
    await this.page.getByRole('textbox', { name: 'Entry measure', exact: true }).fill(entry);
  }

  async add(step = 'add the learner to the provision') {
    return this.submit(EN.addTheLearner, step);
  }
}

/** "End the learner's place" (/provision-maps/{id}/provisions/{key}/learners/{id}/end). */
class ProvisionEndFormPage extends ProvisionBasePage {
  async intro() {
    const paragraphs = this.page.locator('main h1 ~ p.govuk-body');
    return (await paragraphs.allInnerTexts()).map((s) => s.trim());
  }

  async fill({ leftOn, exit }) {
    await fillDate(this.page, 'left_on', leftOn);
    await this.page.getByRole('textbox', { name: 'Exit measure', exact: true }).fill(exit);
  }

  async end(step = "end the learner's place") {
    return this.submit(EN.endButton, step);
  }
}

/** "ALN register" (/settings/{id}/aln-register). */
class AlnRegisterPage extends ProvisionBasePage {
  registerTable() {
    return this.page.locator('table#register-table');
  }

  /** The learners on the register as [{ name, href, upn, year, category, areas, provisions }]. */
  async rows() {
    const out = [];
    if ((await this.registerTable().count()) === 0) return out;
    for (const row of await this.registerTable().locator('tbody tr').all()) {
      const cells = row.locator('td');
      const link = cells.nth(0).getByRole('link');
      out.push({
        name: (await link.innerText()).trim(),
        href: (await link.getAttribute('href')) ?? '',
        upn: await textOf(cells.nth(1)),
        year: await textOf(cells.nth(2)),
        category: await textOf(cells.nth(3)),
        areas: await textOf(cells.nth(4)),
        provisions: await textOf(cells.nth(5)),
      });
    }
    return out;
  }

  /** The download links' hrefs: { xlsx, csv }; each is a download link. */
  async downloads() {
    const href = async (name) => {
      const link = this.page.locator('main').getByRole('link', { name, exact: true });
      assert.equal(await link.count(), 1, `one link "${name}"`);
      assert.notEqual(await link.getAttribute('download'), null, `"${name}" is a download`);
      return (await link.getAttribute('href')) ?? '';
    };
    return { xlsx: await href(EN.xlsx), csv: await href(EN.csv) };
  }
}

/** "Sessions delivered" for a learner (/learners/{id}/delivery). */
class LearnerDeliveryPage extends ProvisionBasePage {
  learnerId() {
    const match = pathname(this.session).match(/^\/learners\/(\d+)\/delivery$/);
    assert.ok(match, `on a learner's sessions delivered, not ${this.page.url()}`);
    return match[1];
  }

  linesTable() {
    return this.page.locator('table#delivery-lines');
  }

  /** What is promised as [{ provision, frequency, since, promised, delivered, status }]. */
  async lines() {
    if ((await this.linesTable().count()) === 0) return [];
    return (await tableRows(this.linesTable())).map(
      ([provision, frequency, since, promised, delivered, status]) => ({
        provision,
        frequency,
        since,
        promised,
        delivered,
        status,
      }),
    );
  }

  recordsTable() {
    return this.page.getByRole('table', { name: EN.recordsHeading, exact: true });
  }

  /** The records as [{ date, provision, delivered, missed, note, by }]. */
  async records() {
    if ((await this.recordsTable().count()) === 0) return [];
    return (await tableRows(this.recordsTable())).map(
      ([date, provision, delivered, missed, note, by]) => ({
        date,
        provision,
        delivered,
        missed,
        note,
        by,
      }),
    );
  }
}

/** "Record sessions" (/learners/{id}/delivery/new). */
class DeliveryFormPage extends ProvisionBasePage {
  async fill({ provision, on, delivered }) {
    await radioIn(this.page, 'Which provision', provision).check();
    await fillDate(this.page, 'on', on);
    await this.page
      .getByRole('textbox', { name: 'Sessions delivered', exact: true })
      .fill(String(delivered));
  }

  async record(step = 'record the sessions') {
    return this.submit(EN.recordButton, step);
  }
}

// ---------------------------------------------------------------------------------------------

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

/** From /settings, the school's page, then its provision map. Returns the map page. */
async function openSchoolMap(session) {
  const settings = new SettingsPage(session);
  assert.equal(await settings.open(), 200, '/settings status');
  assert.equal(await settings.openSetting(SCHOOL), 200, 'setting page status');
  assert.match(pathname(session), /^\/settings\/\d+$/, 'on the setting page');
  const map = new ProvisionMapPage(session);
  assert.equal(await map.follow(EN.map, 'open the provision map'), 200, 'provision map status');
  map.settingId();
  return map;
}

/** Checks the totals add up: the last row, "All levels", sums the provisions, hours and cost. */
function checkTotalsAddUp(totals, allLevels) {
  assert.equal(totals.length, LEVELS.length + 1, 'a row for each level and one for all levels');
  const all = totals[totals.length - 1];
  const levels = totals.slice(0, -1);
  assert.equal(all.level, allLevels);
  const sum = (key) => levels.reduce((n, row) => n + row[key], 0);
  assert.equal(all.provisions, sum('provisions'), 'the provisions add up');
  assert.ok(Math.abs(all.hours - sum('hours')) < 1e-9, 'the staff hours add up');
  assert.equal(all.cost, sum('cost'), 'the costs add up');
  for (const row of totals) {
    const counts = [row.provisions, row.learners, row.hours, row.cost];
    assert.ok(counts.every(Number.isFinite), `numbers: ${JSON.stringify(row)}`);
    assert.match(row.costText, /^£\d+$/, `a cost in pounds: ${row.costText}`);
  }
  return { all, byLevel: levels };
}

/** What the ALNCo's journey leaves for the later tests. */
let journey = null;

const JOURNEY =
  'an ALNCo walks the provision map: a provision, a place on it, the register, delivery';

test(JOURNEY, browserTest, async (t) => {
  const session = await startSession(t);
  await signInInEnglish(session, ACCOUNTS.alnco);
  const today = todayInWales();
  const todayText = formatDateEn(today);
  t.diagnostic(`today ${today}`);
  /** Every learner's name the ALNCo sees on the way. */
  const seen = new Set();

  // The school's page, then this year's map.
  const map = await openSchoolMap(session);
  const settingId = map.settingId();
  const mapPath = `/settings/${settingId}/provision-map`;
  assert.match(await map.headingText(), /^Provision map \d{4}\/\d{2}$/);
  const year = (await map.headingText()).replace(/^Provision map /, '');
  assert.equal(await textOf(map.caption()), SCHOOL);
  assert.equal(await map.backLink().getAttribute('href'), `/settings/${settingId}`);
  assert.equal(await map.page.locator('#no-map').count(), 0, 'this year has a map');
  // Rolled over from last year's, which is listed too.
  const first = Number(year.slice(0, 4));
  const lastYear = `${first - 1}/${String(first % 100).padStart(2, '0')}`;
  assert.equal(
    await map.page.locator('main').getByRole('link', { name: lastYear, exact: true }).count(),
    1,
    `last year's map (${lastYear}) is listed`,
  );

  // The totals table and the four levels.
  assert.equal(
    await textOf(map.page.getByRole('heading', { level: 2, name: EN.totals, exact: true })),
    EN.totals,
  );
  assert.deepEqual(await map.totalsHeader(), EN.totalsHeader);
  const before = await map.totals();
  t.diagnostic(`totals before: ${JSON.stringify(before)}`);
  assert.deepEqual(
    before.map((r) => r.level),
    [...LEVELS.map((l) => l.en), EN.allLevels],
  );
  const totalsBefore = checkTotalsAddUp(before, EN.allLevels);
  assert.ok(totalsBefore.all.provisions > 0, 'the rolled-over map has provisions');
  assert.deepEqual(
    await map.levelHeadings(),
    LEVELS.map((l) => ({ id: `level-${l.code}`, text: l.en })),
    'the four level headings, in order',
  );
  for (const [i, level] of LEVELS.entries()) {
    const rows = await map.provisionsAt(level.code);
    assert.equal(rows.length, before[i].provisions, `${level.en} lists its provisions`);
  }
  const targetedBefore = await map.provisionsAt('targeted');
  assert.ok(
    !targetedBefore.some((p) => p.name === PROVISION.name),
    'the new provision is not on the map yet',
  );

  // Add a provision: a blank form is refused, naming the missing name.
  assert.equal(await map.follow(EN.addProvision, 'add a provision'), 200, 'form status');
  const form = new ProvisionFormPage(session);
  const mapId = pathname(session).match(/^\/provision-maps\/(\d+)\/provisions\/new$/)?.[1];
  assert.ok(mapId, `the form is the map's: ${pathname(session)}`);
  assert.equal(await form.headingText(), EN.addProvision);
  assert.equal(await textOf(form.caption()), SCHOOL);
  const blank = await form.save('save a blank provision');
  assert.equal(blank, 422, 'a blank provision is refused as unprocessable');
  assert.equal(await form.headingText(), EN.addProvision);
  const errors = await form.checkErrorSummary();
  const errorTexts = (await form.errorSummaryLinks().allInnerTexts()).map((s) => s.trim());
  t.diagnostic(`errors: ${JSON.stringify(errors)} ${JSON.stringify(errorTexts)}`);
  assert.deepEqual(errors, ['#name', '#level'], 'the name and the level are missing');
  assert.deepEqual(errorTexts, [EN.nameError, EN.levelError]);

  await form.fill(PROVISION);
  assert.equal(await form.save(), 200, 'status after saving the provision');
  const provision = new ProvisionPage(session);
  const provisionPath = pathname(session);
  assert.match(provisionPath, new RegExp(`^/provision-maps/${mapId}/provisions/\\d+$`));
  await assertVisible(provision.banner(), 'the success banner');
  assert.equal(
    await textOf(provision.banner().locator('.govuk-notification-banner__content')),
    EN.added,
  );
  assert.equal(await provision.headingText(), PROVISION.name);

  // Back on the map it is listed under Targeted, and the totals have grown by it.
  assert.equal(await provision.back('back to the map'), 200, 'map status');
  assert.equal(pathname(session), mapPath);
  const targeted = await map.provisionsAt('targeted');
  const added = targeted.find((p) => p.name === PROVISION.name);
  assert.ok(added, `Targeted lists the new provision: ${JSON.stringify(targeted)}`);
  const { name: _name, href, ...listed } = added;
  assert.equal(href, provisionPath);
  assert.deepEqual(
    listed,
    {
      area: PROVISION.area,
      staff: PROVISION.staff,
      frequency: `${PROVISION.minutes} minutes, ${PROVISION.sessions} times each ${PROVISION.per}`,
      learners: '0',
      hours: PROVISION.staffHours,
      cost: `£${PROVISION.cost}`,
    },
    'the new provision as the map lists it',
  );
  const after = await map.totals();
  t.diagnostic(`totals after: ${JSON.stringify(after)}`);
  const totalsAfter = checkTotalsAddUp(after, EN.allLevels);
  const t0 = before[2];
  const t1 = after[2];
  assert.equal(t1.provisions, t0.provisions + 1, 'one more targeted provision');
  assert.ok(Math.abs(t1.hours - (t0.hours + Number(PROVISION.staffHours))) < 1e-9, 'its hours');
  assert.equal(t1.cost, t0.cost + Number(PROVISION.cost), 'its cost');
  assert.equal(totalsAfter.all.provisions, totalsBefore.all.provisions + 1);

  // Open the new provision.
  assert.equal(await map.openProvision(provisionPath, PROVISION.name), 200, 'provision status');
  assert.equal(pathname(session), provisionPath);
  assert.equal(await provision.headingText(), PROVISION.name);
  assert.equal(await textOf(provision.caption()), `${SCHOOL} · ${year}`);
  assert.equal(await provision.fact('Level'), PROVISION.level);
  assert.equal(await provision.fact('Area of need'), PROVISION.area);
  assert.equal(await provision.fact('Staff who deliver it'), PROVISION.staff);
  assert.equal(await provision.fact('Staff hours a week'), PROVISION.staffHours);
  assert.equal(await provision.fact('Group size'), PROVISION.groupSize);
  assert.equal(
    await provision.fact('How often'),
    `${PROVISION.minutes} minutes, ${PROVISION.sessions} times each ${PROVISION.per}`,
  );
  assert.equal(await provision.fact('Cost a term, in pounds'), `£${PROVISION.cost}`);
  assert.equal(await provision.fact('Learners receiving it today'), '0');
  await assertVisible(session.page.getByText(EN.noLearners, { exact: true }), 'no learners yet');

  // Add a learner, chosen from the select, from today with an entry measure.
  assert.equal(await provision.follow(EN.addLearner), 200, 'add a learner form status');
  const place = new ProvisionLearnerFormPage(session);
  assert.equal(pathname(session), `${provisionPath}/learners`);
  assert.equal(await place.headingText(), EN.addLearner);
  assert.equal(await textOf(place.caption()), `${SCHOOL} · ${PROVISION.name}`);
  const options = await place.options();
  assert.deepEqual(options[0], { value: '', label: EN.chooseLearner }, 'the placeholder first');
  const choices = options.slice(1);
  assert.ok(choices.length > 0, 'the school has learners to choose from');
  for (const o of choices) {
    assert.match(o.label, /^.+ \((Reception|Nursery|Year \d+)\)$/, `an option: ${o.label}`);
    seen.add(o.label.replace(/ \([^)]*\)$/, ''));
  }
  const chosen = choices[Math.floor(choices.length / 2)];
  const learner = chosen.label.replace(/ \([^)]*\)$/, '');
  t.diagnostic(`chosen ${learner} (${chosen.value})`);
  await place.fill({ label: chosen.label, joinedOn: today, entry: ENTRY });
  assert.equal(await place.add(), 200, 'status after adding the learner');
  assert.equal(pathname(session), provisionPath);
  await assertVisible(provision.banner(), 'the success banner');
  assert.equal(
    await textOf(provision.banner().locator('.govuk-notification-banner__content')),
    EN.learnerAdded,
  );
  let rows = await provision.learners();
  t.diagnostic(`learners: ${JSON.stringify(rows)}`);
  assert.equal(rows.length, 1, 'one learner on the new provision');
  assert.equal(rows[0].name, learner);
  assert.equal(rows[0].href, `/learners/${chosen.value}/delivery`);
  assert.equal(rows[0].joined, todayText);
  assert.equal(rows[0].entry, ENTRY);
  assert.equal(rows[0].left, '');
  assert.equal(rows[0].exit, '');
  assert.equal(await provision.fact('Learners receiving it today'), '1');

  // End the learner's place with an exit measure.
  const endLink = provision.endLink(learner);
  assert.equal(await endLink.count(), 1, `one link "${EN.endPlace}" for ${learner}`);
  assert.equal(
    await session.navigate(() => endLink.click(), `end ${learner}'s place`),
    200,
    'end form status',
  );
  const end = new ProvisionEndFormPage(session);
  assert.equal(pathname(session), `${provisionPath}/learners/${chosen.value}/end`);
  assert.equal(await end.headingText(), EN.endPlace);
  assert.deepEqual(await end.intro(), [learner], 'the form names the learner');
  await end.fill({ leftOn: today, exit: EXIT });
  assert.equal(await end.end(), 200, "status after ending the learner's place");
  assert.equal(pathname(session), provisionPath);
  await assertVisible(provision.banner(), 'the success banner');
  assert.equal(
    await textOf(provision.banner().locator('.govuk-notification-banner__content')),
    EN.placeEnded,
  );
  rows = await provision.learners();
  t.diagnostic(`learners after the end: ${JSON.stringify(rows)}`);
  assert.equal(rows.length, 1, 'the learner stays listed');
  assert.equal(rows[0].name, learner);
  assert.equal(rows[0].joined, todayText);
  assert.equal(rows[0].entry, ENTRY);
  assert.equal(rows[0].left, todayText, 'finished today');
  assert.equal(rows[0].exit, EXIT);
  assert.equal(rows[0].action, '', 'an ended place is ended once');
  assert.equal(await provision.endLink(learner).count(), 0);
  seen.add(learner);

  // The ALN register, from the map.
  assert.equal(await provision.back('back to the map'), 200, 'map status');
  assert.equal(await map.follow(EN.register, 'open the ALN register'), 200, 'register status');
  const register = new AlnRegisterPage(session);
  assert.equal(pathname(session), `/settings/${settingId}/aln-register`);
  assert.equal(await register.headingText(), EN.register);
  assert.equal(await textOf(register.caption()), SCHOOL);
  const summary = await textOf(session.page.locator('#register-summary'));
  const counted = summary.match(/^(\d+) of (\d+) learners on roll are on the register\.$/);
  assert.ok(counted, `the register's summary: "${summary}"`);
  await assertVisible(
    session.page.getByRole('heading', { level: 2, name: EN.registerLearners, exact: true }),
    'the heading of the learners on the register',
  );
  assert.equal(
    await session.page.getByText(EN.countsOnly, { exact: true }).count(),
    0,
    'the ALNCo sees names, not only numbers',
  );
  const registered = await register.rows();
  t.diagnostic(`register: ${JSON.stringify(registered)}`);
  assert.ok(registered.length > 0, 'the register lists learners');
  assert.equal(registered.length, Number(counted[1]), 'as many as the summary counts');
  for (const r of registered) {
    assert.match(r.href, /^\/learners\/\d+$/, `${r.name} links to their record`);
    seen.add(r.name);
  }
  const links = await register.downloads();
  assert.deepEqual(links, {
    xlsx: `/settings/${settingId}/aln-register.xlsx`,
    csv: `/settings/${settingId}/aln-register.csv`,
  });
  const csv = await fetchDocument(session, links.csv);
  assert.equal(csv.status, 200, 'the CSV status');
  assert.match(csv.contentType, /^text\/csv\b/, 'the CSV content-type');
  assert.match(csv.disposition, /^attachment; filename="aln-register-\d+\.csv"$/);
  const csvText = csv.body.toString('utf8');
  assert.ok(csvText.startsWith('Name,UPN,'), `the CSV lists learners: ${csvText.slice(0, 80)}`);
  for (const r of registered) assert.ok(csvText.includes(r.name), `the CSV has ${r.name}`);
  const xlsx = await fetchDocument(session, links.xlsx);
  assert.equal(xlsx.status, 200, 'the XLSX status');
  assert.match(xlsx.contentType, /spreadsheetml\.sheet/, 'the XLSX content-type');
  assert.equal(xlsx.body.subarray(0, 2).toString('latin1'), 'PK', 'the XLSX is a zip');

  // The school's sessions delivered, from the map.
  assert.equal(await register.back('back to the setting'), 200, 'setting status');
  assert.equal(await session.goto(mapPath, 'the map again'), 200, 'map status');
  assert.equal(
    await map.follow(EN.schoolDelivery, "the school's sessions delivered"),
    200,
    "the school's sessions delivered status",
  );
  assert.equal(pathname(session), `/settings/${settingId}/delivery`);
  assert.equal(await map.headingText(), EN.schoolDelivery);
  for (const name of await session.page
    .locator('#shortfall-table tbody td:first-child a')
    .allInnerTexts()) {
    seen.add(name.trim());
  }

  // The learner's sessions delivered, from the provision page: record one session today.
  assert.equal(await session.goto(provisionPath, 'the new provision again'), 200);
  assert.equal(await provision.openLearnerDelivery(learner), 200, 'sessions delivered status');
  const delivery = new LearnerDeliveryPage(session);
  assert.equal(delivery.learnerId(), chosen.value);
  assert.equal(await delivery.headingText(), EN.delivery);
  assert.equal(await textOf(delivery.caption()), learner);
  const lines = await delivery.lines();
  t.diagnostic(`lines: ${JSON.stringify(lines)}`);
  const line = lines.find((l) => l.provision.startsWith(PROVISION.name));
  assert.ok(line, `the new provision is promised to ${learner}: ${JSON.stringify(lines)}`);
  assert.equal(line.delivered, '0', 'nothing delivered yet');
  const recordsBefore = await delivery.records();
  assert.equal(await delivery.follow(EN.recordSessions), 200, 'record sessions form status');
  const record = new DeliveryFormPage(session);
  assert.equal(pathname(session), `/learners/${chosen.value}/delivery/new`);
  assert.equal(await record.headingText(), EN.recordSessions);
  assert.equal(await textOf(record.caption()), learner);
  await record.fill({ provision: PROVISION.name, on: today, delivered: 1 });
  assert.equal(await record.record(), 200, 'status after recording the sessions');
  assert.equal(pathname(session), `/learners/${chosen.value}/delivery`);
  await assertVisible(delivery.banner(), 'the success banner');
  assert.equal(
    await textOf(delivery.banner().locator('.govuk-notification-banner__content')),
    EN.recorded,
  );
  const recordsAfter = await delivery.records();
  t.diagnostic(`records: ${JSON.stringify(recordsAfter)}`);
  assert.equal(recordsAfter.length, recordsBefore.length + 1, 'one more record');
  const mine = recordsAfter.filter(
    (r) => r.provision === PROVISION.name && r.date === todayText && r.delivered === '1',
  );
  assert.equal(mine.length, 1, `the record is listed: ${JSON.stringify(recordsAfter)}`);
  assert.equal(mine[0].missed, '');
  assert.equal(mine[0].by, 'Eleri Prosser', 'recorded by the ALNCo');
  const lineAfter = (await delivery.lines()).find((l) => l.provision.startsWith(PROVISION.name));
  assert.equal(lineAfter?.delivered, '1', 'the line counts the session delivered');

  journey = { settingId, mapPath, provisionPath, seen: [...seen] };
  t.diagnostic(`names seen: ${journey.seen.length}`);
  await session.finish();
});

test('the provision map in Welsh', browserTest, async (t) => {
  if (journey === null) {
    t.skip("the ALNCo's journey did not finish");
    return;
  }
  const session = await startSession(t);
  await signInInEnglish(session, ACCOUNTS.alnco);
  const map = new ProvisionMapPage(session);
  assert.equal(await session.goto(journey.mapPath, 'the provision map'), 200, 'map status');
  assert.match(await map.headingText(), /^Provision map /);

  assert.equal(await map.switchLanguage(), 200, 'Welsh map status');
  try {
    assert.equal(await map.lang(), 'cy', '<html lang="cy"> after switching');
    assert.match(await map.headingText(), new RegExp(`^${CY.map} \\d{4}/\\d{2}$`));
    assert.equal(await textOf(map.caption()), SCHOOL);
    await assertVisible(
      session.page.getByRole('heading', { level: 2, name: CY.totals, exact: true }),
      'the Welsh totals heading',
    );
    const totals = await map.totals();
    assert.deepEqual(
      totals.map((r) => r.level),
      [...LEVELS.map((l) => l.cy), CY.allLevels],
    );
    checkTotalsAddUp(totals, CY.allLevels);
    assert.deepEqual(
      await map.levelHeadings(),
      LEVELS.map((l) => ({ id: `level-${l.code}`, text: l.cy })),
      'the four level headings in Welsh',
    );
  } finally {
    // Leave the account in English, as it was.
    assert.equal(await map.switchLanguage(), 200, 'English map status');
  }
  assert.equal(await map.lang(), 'en');
  await session.finish();
});

const GOVERNOR = "a governor sees the provision map and the register without learners' names";

test(GOVERNOR, browserTest, async (t) => {
  if (journey === null) {
    t.skip("the ALNCo's journey did not finish");
    return;
  }
  const session = await startSession(t);
  await signInInEnglish(session, ACCOUNTS.governor);
  const names = journey.seen;
  assert.ok(names.length > 0, 'the ALNCo saw some names');
  const noNames = async (where) => {
    const text = await textOf(session.page.locator('body'));
    const shown = names.filter((n) => text.includes(n));
    assert.deepEqual(shown, [], `no learner's name on ${where}`);
  };

  // The map, from the school's page.
  const map = await openSchoolMap(session);
  assert.equal(pathname(session), journey.mapPath);
  assert.match(await map.headingText(), /^Provision map \d{4}\/\d{2}$/);
  checkTotalsAddUp(await map.totals(), EN.allLevels);
  assert.deepEqual(
    (await map.levelHeadings()).map((h) => h.text),
    LEVELS.map((l) => l.en),
  );
  assert.ok(
    (await map.provisionsAt('targeted')).some((p) => p.name === PROVISION.name),
    "the governor sees the ALNCo's new provision",
  );
  assert.equal(
    await session.page.locator('main').getByRole('link', { name: EN.addProvision }).count(),
    0,
    'a governor may not add a provision',
  );
  assert.equal(
    await session.page.locator('main').getByRole('link', { name: EN.schoolDelivery }).count(),
    0,
    "a governor is not offered the school's sessions delivered by learner",
  );
  await noNames('the provision map');

  // The new provision's page, from the map: no learners listed.
  assert.equal(
    await map.openProvision(journey.provisionPath, PROVISION.name),
    200,
    'provision status',
  );
  const provision = new ProvisionPage(session);
  assert.equal(await provision.headingText(), PROVISION.name);
  assert.equal(await provision.learnersTable().count(), 0, 'no table of learners');
  assert.equal(
    await session.page.locator('main').getByRole('link', { name: EN.addLearner }).count(),
    0,
    'a governor may not add a learner',
  );
  await noNames('the provision page');

  // The register: numbers only.
  assert.equal(await provision.back('back to the map'), 200, 'map status');
  assert.equal(await map.follow(EN.register, 'open the ALN register'), 200, 'register status');
  const register = new AlnRegisterPage(session);
  assert.equal(await register.headingText(), EN.register);
  await assertVisible(session.page.getByText(EN.countsOnly, { exact: true }), 'numbers only');
  assert.equal(await register.registerTable().count(), 0, 'no table of learners');
  assert.equal(
    await session.page.locator('main a[href^="/learners/"]').count(),
    0,
    'no link to a learner',
  );
  await noNames('the ALN register');
  const links = await register.downloads();
  const csv = await fetchDocument(session, links.csv);
  assert.equal(csv.status, 200, "the governor's CSV status");
  assert.match(csv.disposition, /-counts\.csv"$/, 'the governor downloads the counts');
  const csvText = csv.body.toString('utf8');
  assert.ok(csvText.startsWith('Measure,'), `counts, not names: ${csvText.slice(0, 40)}`);
  assert.deepEqual(
    names.filter((n) => csvText.includes(n)),
    [],
    "no learner's name in the governor's CSV",
  );

  await session.finish();
});
