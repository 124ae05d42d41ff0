// Page objects for Cynnal's pages. They find elements by role, label, id or the GOV.UK component
// class, never by layout, and every navigation goes through the Session so each page reached is
// checked with axe and screenshotted.

import assert from 'node:assert/strict';

import { DEMO_PASSWORD } from './harness.mjs';

/** The UI words the tests rely on, in both languages. */
export const TEXT = Object.freeze({
  en: {
    signIn: 'Sign in',
    signOut: 'Sign out',
    search: 'Search',
    otherLanguage: 'Cymraeg',
    otherLang: 'cy',
    dateOfBirth: 'Date of birth',
    upn: 'UPN',
    yearGroup: 'Year group',
    registrations: 'Registrations',
    family: 'Family',
  },
  cy: {
    signIn: 'Mewngofnodi',
    signOut: 'Allgofnodi',
    search: 'Chwilio',
    otherLanguage: 'English',
    otherLang: 'en',
    dateOfBirth: 'Dyddiad geni',
    upn: 'UPN',
    yearGroup: 'Grŵp blwyddyn',
    registrations: 'Cofrestriadau',
    family: 'Teulu',
  },
});

const LEARNER_HREF = /\/learners\/[^/?#]+\/?$/;

/** The page's language from <html lang>: "en" or "cy". */
export async function pageLang(page) {
  const lang = (await page.locator('html').getAttribute('lang')) ?? '';
  assert.match(lang, /^(en|cy)\b/, `<html lang> should be en or cy, was "${lang}"`);
  return lang.slice(0, 2);
}

class BasePage {
  constructor(session) {
    this.session = session;
    this.page = session.page;
  }

  async lang() {
    return pageLang(this.page);
  }

  async text() {
    return TEXT[await this.lang()];
  }

  heading() {
    return this.page.getByRole('heading', { level: 1 });
  }

  async headingText() {
    return (await this.heading().innerText()).trim();
  }

  /** The header's language switch: the one link to the other language. */
  async languageSwitchLink() {
    const t = await this.text();
    return this.page
      .locator('.app-language-switch')
      .getByRole('link', { name: t.otherLanguage, exact: true });
  }

  /** Follows the language switch; returns the status of the page in the other language. */
  async switchLanguage() {
    const t = await this.text();
    const link = await this.languageSwitchLink();
    assert.equal(await link.getAttribute('lang'), t.otherLang, 'language link lang attribute');
    assert.equal(await link.getAttribute('hreflang'), t.otherLang, 'language link hreflang');
    return this.session.navigate(() => link.click(), `switch to ${t.otherLanguage}`);
  }

  async signOutButton() {
    const t = await this.text();
    return this.page.getByRole('button', { name: t.signOut, exact: true });
  }
}

export class SignInPage extends BasePage {
  async open() {
    const status = await this.session.goto('/sign-in', 'sign-in page');
    assert.equal(status, 200, 'GET /sign-in status');
    return this;
  }

  username() {
    return this.page.locator('#username');
  }

  password() {
    return this.page.locator('#password');
  }

  async submitButton() {
    const t = await this.text();
    return this.page.getByRole('button', { name: t.signIn, exact: true });
  }

  /** Fills and submits the form; returns the status of the page it lands on. */
  async signIn(username, password = DEMO_PASSWORD, step = `sign in as ${username}`) {
    await this.username().fill(username);
    await this.password().fill(password);
    const button = await this.submitButton();
    return this.session.navigate(() => button.click(), step);
  }

  errorSummary() {
    return this.page.locator('.govuk-error-summary');
  }
}

/** Signs in from a fresh session and checks the landing page is the home page ("/"). */
export async function signInAs(session, username) {
  const signIn = await new SignInPage(session).open();
  const status = await signIn.signIn(username);
  assert.equal(status, 200, `home status after signing in as ${username}`);
  assert.equal(new URL(session.page.url()).pathname, '/', 'signing in redirects to /');
  const home = new HomePage(session);
  assert.ok(await home.heading().isVisible(), 'home page has a visible h1');
  return home;
}

export class HomePage extends BasePage {}

export class LearnersPage extends BasePage {
  /** Opens /learners (with an optional query string); returns the HTTP status. */
  async open(query = '', step = 'learners list') {
    return this.session.goto(`/learners${query}`, step);
  }

  searchInput() {
    return this.page.locator('#q');
  }

  settingSelect() {
    return this.page.locator('select#setting');
  }

  yearGroupSelect() {
    return this.page.locator('select#year_group');
  }

  table() {
    return this.page.locator('table.govuk-table');
  }

  pagination() {
    return this.page.locator('.govuk-pagination');
  }

  /** Links to learner records in the table body, in order. */
  learnerLinks() {
    return this.table().locator('tbody').getByRole('link');
  }

  /** The names (link texts) of the learners listed, in order; checks each links to a record. */
  async learnerNames() {
    const links = await this.learnerLinks().all();
    const names = [];
    for (const link of links) {
      const href = (await link.getAttribute('href')) ?? '';
      assert.match(href, LEARNER_HREF, `learner link href "${href}"`);
      names.push((await link.innerText()).trim());
    }
    return names;
  }

  /** Types into the search box and presses the Search button; returns the status. */
  async search(query) {
    const t = await this.text();
    await this.searchInput().fill(query);
    const button = this.page.getByRole('button', { name: t.search, exact: true });
    return this.session.navigate(() => button.click(), `search ${query}`);
  }

  /** Follows the link to a learner's record by their name; returns the status. */
  async openLearner(name) {
    const link = this.learnerLinks().getByText(name, { exact: true });
    assert.equal(await link.count(), 1, `exactly one link to "${name}"`);
    return this.session.navigate(() => link.click(), `open ${name}`);
  }

  /** Follows the pagination's "next" link; returns the status, or null if on the last page. */
  async nextPage() {
    const next = this.pagination().locator('a[rel="next"]');
    if ((await next.count()) === 0) return null;
    return this.session.navigate(() => next.first().click(), 'next page');
  }
}

export class LearnerRecordPage extends BasePage {
  summaryLists() {
    return this.page.locator('.govuk-summary-list');
  }

  /** The value beside a summary-list key (exact key text), e.g. "Date of birth". */
  summaryValue(key) {
    return this.summaryLists()
      .locator('.govuk-summary-list__row')
      .filter({
        has: this.page.locator('.govuk-summary-list__key').getByText(key, { exact: true }),
      })
      .locator('.govuk-summary-list__value');
  }

  summaryKey(key) {
    return this.summaryLists()
      .locator('.govuk-summary-list__key')
      .getByText(key, { exact: true });
  }

  sectionHeading(name) {
    return this.page.getByRole('heading', { name });
  }
}

/** Normalises text for comparing what a person typed with what is shown (case, accents). */
export function fold(text) {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLocaleLowerCase('cy');
}

/**
 * A part of a name a person might type to find it: the first four letters of its longest word
 * (the whole word if shorter), e.g. "Llyw" for "Llywelyn ap Gruffydd".
 */
export function partOfName(name) {
  const words = name.normalize('NFC').split(/\s+/).filter(Boolean);
  const longest = words.reduce((a, b) => (Array.from(b).length > Array.from(a).length ? b : a));
  return Array.from(longest).slice(0, 4).join('');
}

// ---------------------------------------------------------------------------------------------
// Forms, error summaries and the pages behind them.

/**
 * The UPN check letter (REFERENCE section 9) for the 12 characters after it: each digit's value
 * times its position (2 to 13) summed, mod 23, in an alphabet without I, O and S.
 */
export function upnCheckLetter(rest) {
  assert.match(rest, /^\d{12}$/, 'upnCheckLetter takes 12 digits');
  let sum = 0;
  for (let i = 0; i < 12; i += 1) sum += Number(rest[i]) * (i + 2);
  return 'ABCDEFGHJKLMNPQRTUVWXYZ'[sum % 23];
}

/** A valid permanent UPN that no other run is likely to have used: "680999927" + 3 digits. */
export function freshUpn() {
  const tail = String(Math.floor(Math.random() * 1000)).padStart(3, '0');
  const rest = `680999927${tail}`;
  return `${upnCheckLetter(rest)}${rest}`;
}

/** A page with a form that may show the GOV.UK error summary. */
export class FormPage extends BasePage {
  errorSummary() {
    return this.page.locator('.govuk-error-summary');
  }

  errorSummaryLinks() {
    return this.errorSummary().getByRole('link');
  }

  /** The inline error messages beside the fields. */
  errorMessages() {
    return this.page.locator('.govuk-error-message');
  }

  async submit(name, step) {
    const button = this.page.getByRole('button', { name, exact: true });
    return this.session.navigate(() => button.click(), step ?? `press ${name}`);
  }

  /**
   * Checks the error summary as the GOV.UK pattern has it: the title (not the h1) starts
   * "Error:" (or "Gwall:"); each inline error message describes its field; the summary has
   * focus once the page has loaded; each link's href names an element on the page inside a form
   * group in its error state, and following the link moves focus to that element. Returns the
   * hrefs, in order.
   */
  async checkErrorSummary() {
    await assertVisibleNow(this.errorSummary(), 'the error summary (.govuk-error-summary)');
    const title = await this.page.title();
    assert.match(title, /^(Error|Gwall):/, `an error page's <title> starts "Error:": "${title}"`);
    const h1 = await this.headingText();
    assert.doesNotMatch(h1, /^(Error|Gwall):/, `"Error:" is for <title>, not the h1: "${h1}"`);
    // Each inline message is announced with its field: some element is described by it.
    for (const id of await this.errorMessages().evaluateAll((ps) => ps.map((p) => p.id))) {
      assert.ok(id, 'each inline error message has an id');
      const described = this.page.locator(`[aria-describedby~="${id}"]`);
      assert.ok((await described.count()) > 0, `a field or fieldset is described by #${id}`);
    }
    await this.page
      .waitForFunction(() => document.activeElement?.classList.contains('govuk-error-summary'), {
        timeout: 5_000,
      })
      .catch(() => assert.fail('the error summary takes focus when the page loads'));

    const links = await this.errorSummaryLinks().all();
    assert.ok(links.length > 0, 'the error summary lists at least one error');
    const inline = await this.errorMessages().count();
    assert.equal(inline, links.length, 'one inline error message for each error in the summary');
    const hrefs = [];
    for (const link of links) {
      const href = (await link.getAttribute('href')) ?? '';
      const text = (await link.innerText()).trim();
      assert.match(href, /^#[A-Za-z][\w-]*$/, `error summary link "${text}" is a fragment`);
      const target = this.page.locator(href);
      assert.equal(await target.count(), 1, `"${text}" links to ${href}, which is on the page`);
      const group = target.locator('xpath=ancestor::*[contains(@class,"govuk-form-group--error")]');
      assert.ok((await group.count()) > 0, `${href} is inside a form group in its error state`);
      // The GOV.UK error summary script focuses the field instead of jumping to the fragment,
      // so following the link is not a navigation.
      await link.click();
      const focused = await this.page.evaluate(() => document.activeElement?.id ?? '');
      assert.equal(`#${focused}`, href, `following "${text}" focuses ${href}`);
      hrefs.push(href);
    }
    return hrefs;
  }
}

/** Waits briefly for the locator to be visible (the page has already loaded). */
async function assertVisibleNow(locator, what) {
  try {
    await locator.first().waitFor({ state: 'visible', timeout: 5_000 });
  } catch {
    assert.fail(`expected to see ${what}`);
  }
}

/** The languages' own names, which label the language radios in either UI language. */
const LANGUAGE_NAMES = Object.freeze({ cy: 'Cymraeg', en: 'English' });

/** Fills a GOV.UK date input whose inputs are #{id}-day, #{id}-month and #{id}-year. */
async function fillDate(page, id, { day, month, year }) {
  await page.locator(`#${id}-day`).fill(String(day));
  await page.locator(`#${id}-month`).fill(String(month));
  await page.locator(`#${id}-year`).fill(String(year));
}

/** Reads a GOV.UK date input back as { day, month, year } strings. */
async function readDate(page, id) {
  return {
    day: await page.locator(`#${id}-day`).inputValue(),
    month: await page.locator(`#${id}-month`).inputValue(),
    year: await page.locator(`#${id}-year`).inputValue(),
  };
}

/** "Add a learner" (/learners/new) and "Change a learner's details" (/learners/{id}/edit). */
export class LearnerFormPage extends FormPage {
  async open(step = 'add a learner form') {
    return this.session.goto('/learners/new', step);
  }

  field(id) {
    return this.page.locator(`#${id}`);
  }

  settingSelect() {
    return this.page.locator('select#registration_setting');
  }

  /** The first real school or setting in the registration select: { value, label }. */
  async firstSetting() {
    const options = await this.settingSelect().locator('option').all();
    for (const option of options) {
      const value = (await option.getAttribute('value')) ?? '';
      if (value !== '') return { value, label: (await option.innerText()).trim() };
    }
    return assert.fail('the registration select offers no setting');
  }

  /**
   * Fills the form. `learner`: firstName, lastName, preferredName, dob {day, month, year}, upn,
   * homeLanguage, letterLanguage ("cy" or "en"), welshMedium; and for a new learner
   * settingValue and start {day, month, year}.
   */
  async fill(learner) {
    const p = this.page;
    await p.getByLabel(/legal first name|enw cyntaf cyfreithiol/i).fill(learner.firstName);
    await this.field('legal_last_name').fill(learner.lastName);
    await this.field('preferred_name').fill(learner.preferredName ?? '');
    await fillDate(p, 'dob', learner.dob);
    await this.field('upn').fill(learner.upn);
    await this.field('home_language').fill(learner.homeLanguage);
    const letters = LANGUAGE_NAMES[learner.letterLanguage];
    await p.getByRole('radio', { name: letters, exact: true }).check();
    if (learner.welshMedium) await this.field('welsh_medium').check();
    if (learner.settingValue !== undefined) {
      await this.settingSelect().selectOption(learner.settingValue);
      await fillDate(p, 'registration_start', learner.start);
    }
  }

  /** The values the form shows now, in the shape fill() takes. */
  async values() {
    const letter = await this.page
      .locator('input[name="letter_language"]:checked')
      .getAttribute('value')
      .catch(() => null);
    const values = {
      firstName: await this.field('legal_first_name').inputValue(),
      lastName: await this.field('legal_last_name').inputValue(),
      preferredName: await this.field('preferred_name').inputValue(),
      dob: await readDate(this.page, 'dob'),
      upn: await this.field('upn').inputValue(),
      homeLanguage: await this.field('home_language').inputValue(),
      letterLanguage: letter,
      welshMedium: await this.field('welsh_medium').isChecked(),
    };
    if ((await this.settingSelect().count()) > 0) {
      values.settingValue = await this.settingSelect().inputValue();
      values.start = await readDate(this.page, 'registration_start');
    }
    return values;
  }

  /** Submits the form: "Continue" on the add form (a check page follows), "Save" on the edit form. */
  async continue(step = 'continue') {
    const cy = (await this.lang()) === 'cy';
    const save = cy ? 'Cadw' : 'Save';
    const hasSave = await this.page.getByRole('button', { name: save, exact: true }).count();
    return this.submit(hasSave ? save : cy ? 'Parhau' : 'Continue', step);
  }

  /** The edit form's box showing what someone else saved meanwhile (#conflict). */
  conflict() {
    return this.page.locator('#conflict');
  }
}

/** "Check the learner's details before saving" (POST /learners/new). */
export class LearnerCheckPage extends BasePage {
  summaryValue(key) {
    return this.page
      .locator('.govuk-summary-list__row')
      .filter({
        has: this.page.locator('.govuk-summary-list__key').getByText(key, { exact: true }),
      })
      .locator('.govuk-summary-list__value');
  }

  async changeAnswers() {
    const button = this.page.getByRole('button', { name: 'Change answers', exact: true });
    return this.session.navigate(() => button.click(), 'change answers');
  }

  async saveLearner() {
    const button = this.page.getByRole('button', { name: 'Save learner', exact: true });
    return this.session.navigate(() => button.click(), 'save learner');
  }
}

/** The success notification banner a page shows after a change. */
export function successBanner(page) {
  return page.locator('.govuk-notification-banner--success');
}

/** A learner's record, with the links an LA officer may follow from it. */
export class LearnerRecordActions extends LearnerRecordPage {
  banner() {
    return successBanner(this.page);
  }

  /** The id in /learners/{id}. */
  learnerId() {
    const match = new URL(this.page.url()).pathname.match(/^\/learners\/(\d+)\/?$/);
    assert.ok(match, `on a learner record, not ${this.page.url()}`);
    return match[1];
  }

  async follow(link, step) {
    assert.equal(await link.count(), 1, `exactly one link for "${step}"`);
    return this.session.navigate(() => link.click(), step);
  }

  /** "Change details", whose accessible name goes on with the learner's name. */
  async changeDetails() {
    const link = this.page.getByRole('link', { name: /^Change details\b/ });
    return this.follow(link, 'change details');
  }

  async addRegistration() {
    return this.follow(
      this.page.getByRole('link', { name: 'Add a registration', exact: true }),
      'add a registration',
    );
  }

  async addFamilyMember() {
    return this.follow(
      this.page.getByRole('link', { name: 'Add a parent or carer', exact: true }),
      'add a parent or carer',
    );
  }

  registrationsTable() {
    return this.page.getByRole('table', { name: /registrations/i });
  }

  /** The "End" link (accessible name "End {setting}") of the registration at that setting. */
  endLink(settingName) {
    return this.registrationsTable().getByRole('link', { name: `End ${settingName}`, exact: true });
  }

  async endRegistration(settingName) {
    return this.follow(this.endLink(settingName), `end registration at ${settingName}`);
  }

  /** The names shown on the family summary cards. */
  async familyNames() {
    return (await this.page.locator('.govuk-summary-card__title').allInnerTexts()).map((s) =>
      s.trim(),
    );
  }
}

/** "Add a registration" (/learners/{id}/registrations/new). */
export class RegistrationFormPage extends FormPage {
  async save() {
    return this.submit('Save', 'save registration');
  }
}

/** "End a registration" (/learners/{id}/registrations/{index}/end). */
export class RegistrationEndPage extends FormPage {
  async fillEnd(date) {
    await fillDate(this.page, 'registration_end', date);
  }

  async save(step = 'save end date') {
    return this.submit('Save', step);
  }
}

/** "Add a parent or carer" (/learners/{id}/family/new). */
export class FamilyFormPage extends FormPage {
  /**
   * member: fullName, relationship (option value), parentalResponsibility, phone, email,
   * address, language ("cy" or "en").
   */
  async fill(member) {
    const p = this.page;
    await p.locator('#full_name').fill(member.fullName);
    await p.locator('select#relationship').selectOption(member.relationship);
    if (member.parentalResponsibility) await p.locator('#parental_responsibility').check();
    await p.locator('#phone').fill(member.phone ?? '');
    await p.locator('#email').fill(member.email ?? '');
    await p.locator('#address').fill(member.address ?? '');
    await p.getByRole('radio', { name: LANGUAGE_NAMES[member.language], exact: true }).check();
  }

  async save(step = 'save parent or carer') {
    return this.submit('Save', step);
  }
}

/** "Schools and settings" (/settings) and a setting's page. */
export class SettingsPage extends BasePage {
  async open() {
    return this.session.goto('/settings', 'settings list');
  }

  table() {
    return this.page.getByRole('table', { name: /schools and settings|ysgolion a lleoliadau/i });
  }

  settingLinks() {
    return this.table().locator('tbody').getByRole('link');
  }

  async openSetting(name) {
    const link = this.settingLinks().getByText(name, { exact: true });
    assert.equal(await link.count(), 1, `exactly one link to setting "${name}"`);
    return this.session.navigate(() => link.click(), `open setting ${name}`);
  }
}

/** "Users" (/admin/users). */
export class UsersPage extends BasePage {
  async open(step = 'users list') {
    return this.session.goto('/admin/users', step);
  }

  banner() {
    return successBanner(this.page);
  }

  table() {
    return this.page.getByRole('table', { name: /^users$|^defnyddwyr$/i });
  }

  /** The table row of a username (first cell exact). */
  row(username) {
    return this.table()
      .locator('tbody tr')
      .filter({ has: this.page.getByRole('cell', { name: username, exact: true }) });
  }

  async addUser() {
    const link = this.page.getByRole('button', { name: 'Add a user', exact: true });
    return this.session.navigate(() => link.click(), 'add a user');
  }

  /** Presses "Disable" (accessible name "Disable {username}") in the user's row. */
  async disable(username) {
    const button = this.row(username).getByRole('button', {
      name: `Disable ${username}`,
      exact: true,
    });
    assert.equal(await button.count(), 1, `one Disable button for ${username}`);
    return this.session.navigate(() => button.click(), `disable ${username}`);
  }
}

/** "Add a user" (/admin/users/new). */
export class UserFormPage extends FormPage {
  /** user: username, displayName, role (radio label), settingLabel or null, password. */
  async fill(user) {
    const p = this.page;
    await p.getByRole('textbox', { name: 'Username', exact: true }).fill(user.username);
    await p.getByRole('textbox', { name: 'Full name', exact: true }).fill(user.displayName);
    await p.getByRole('radio', { name: user.role, exact: true }).check();
    if (user.settingLabel) {
      await p.locator('select#settings').selectOption({ label: user.settingLabel });
    }
    await p.getByLabel('Password', { exact: true }).fill(user.password);
  }

  /** The first real setting in the select's options: its label. */
  async firstSettingLabel() {
    const options = await this.page.locator('select#settings option').all();
    for (const option of options) {
      const value = (await option.getAttribute('value')) ?? '';
      if (value !== '') return (await option.innerText()).trim();
    }
    return assert.fail('the setting select offers no setting');
  }

  async save() {
    return this.submit('Add a user', 'save user');
  }
}

/** "Audit of access to records" (/admin/audit). */
export class AuditPage extends FormPage {
  async open(step = 'audit') {
    return this.session.goto('/admin/audit', step);
  }

  learnerInput() {
    return this.page.locator('#learner');
  }

  usernameInput() {
    return this.page.locator('#username');
  }

  table() {
    return this.page.getByRole('table', { name: /audit of access to records/i });
  }

  /** Searches by learner and username (either may be ''); returns the status. */
  async search({ learner = '', username = '' }, step) {
    await this.learnerInput().fill(learner);
    await this.usernameInput().fill(username);
    return this.submit('Search', step ?? `audit search ${learner || username}`);
  }

  /** The values of one column (by its header text) in the results table. */
  async column(header) {
    const headers = (await this.table().locator('thead th').allInnerTexts()).map((h) => h.trim());
    const index = headers.indexOf(header);
    assert.ok(index >= 0, `the audit table has a "${header}" column: ${JSON.stringify(headers)}`);
    return (
      await this.table().locator(`tbody tr td:nth-child(${index + 1})`).allInnerTexts()
    ).map((s) => s.trim());
  }
}

/** An error page (403, 404): its heading and the link home. */
export class ErrorPage extends BasePage {
  homeLink() {
    return this.page.locator('main').getByRole('link', { name: /home page|hafan/i });
  }

  reference() {
    return this.page.locator('main').getByText(/^(Reference|Cyfeirnod)/);
  }
}

// ---------------------------------------------------------------------------------------------
// Statutory clocks, due dates and school calendars.

/** Today's date in Wales (the server counts days in Europe/London) as "YYYY-MM-DD". */
export function todayInWales(now = new Date()) {
  return new Intl.DateTimeFormat('en-CA', {
    timeZone: 'Europe/London',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(now);
}

/** { day, month, year } numbers of an ISO date ("YYYY-MM-DD"), for a GOV.UK date input. */
export function dateParts(iso) {
  const [year, month, day] = iso.split('-').map(Number);
  return { day, month, year };
}

/** The ISO date `days` days after an ISO date. */
export function addDaysIso(iso, days) {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** 1 (Monday) to 7 (Sunday) for an ISO date. */
export function isoWeekday(iso) {
  return new Date(`${iso}T00:00:00Z`).getUTCDay() || 7;
}

/** The academic year (its first calendar year, e.g. 2026 for 2026/27) holding an ISO date. */
export function academicYearOf(iso) {
  const { month, year } = dateParts(iso);
  return month >= 9 ? year : year - 1;
}

/** An academic year's label as the service shows it, e.g. "2026/27". */
export function academicYearLabel(year) {
  return `${year}/${String((year + 1) % 100).padStart(2, '0')}`;
}

/**
 * The Christmas bank holiday of the autumn term of an academic year: 25 December, or when that
 * falls at a weekend its substitute day, which is then always 27 December.
 */
export function christmasBankHoliday(academicYear) {
  const christmas = `${academicYear}-12-25`;
  return isoWeekday(christmas) <= 5 ? christmas : `${academicYear}-12-27`;
}

/** Follows a link of the service navigation by its text; returns the status. */
export async function followNavigation(session, name) {
  const link = session.page
    .locator('.govuk-service-navigation')
    .getByRole('link', { name, exact: true });
  assert.equal(await link.count(), 1, `exactly one navigation link "${name}"`);
  return session.navigate(() => link.click(), `navigation ${name}`);
}

/** "Due dates" (/due): the count cards and the list of clocks due or overdue. */
export class DuePage extends BasePage {
  /** The number on a count card: "overdue", "at-risk", "waived" or "on-track". */
  async count(which) {
    const text = (await this.page.locator(`#count-${which}`).innerText()).trim();
    assert.match(text, /^\d+$/, `the ${which} count card shows a number, not "${text}"`);
    return Number(text);
  }

  /** The label under a count card, e.g. "Overdue". */
  async countLabel(which) {
    return (
      await this.page
        .locator(`#count-${which}`)
        .locator('xpath=following-sibling::*[1]')
        .innerText()
    ).trim();
  }

  table() {
    return this.page.locator('table#due-list');
  }

  rows() {
    return this.table().locator('tbody tr');
  }

  /** The rows whose status tag reads exactly `status`. */
  rowsWithStatus(status) {
    return this.rows().filter({
      has: this.page.locator('.govuk-tag').getByText(status, { exact: true }),
    });
  }

  /** Each row as { learner, href, timescale, due, rule, daysLeft, status, statusCode }. */
  async rowData() {
    const data = [];
    for (const row of await this.rows().all()) {
      const cells = row.locator('td');
      const link = cells.nth(0).getByRole('link');
      data.push({
        learner: (await link.innerText()).trim(),
        href: (await link.getAttribute('href')) ?? '',
        timescale: (await cells.nth(1).innerText()).trim(),
        due: (await cells.nth(2).innerText()).trim(),
        rule: (await cells.nth(2).locator('.app-rule').innerText()).trim(),
        daysLeft: (await cells.nth(3).innerText()).trim(),
        status: (await cells.nth(4).locator('.govuk-tag').innerText()).trim(),
        statusCode: (await row.getAttribute('data-status')) ?? '',
      });
    }
    return data;
  }

  /** Follows the learner link of the first row with that status tag; returns the status. */
  async openFirstWithStatus(status) {
    const link = this.rowsWithStatus(status).first().locator('td').first().getByRole('link');
    return this.session.navigate(() => link.click(), `open the ${status} clock`);
  }
}

/** A school's calendar (/settings/{id}/calendar): the month grids and the form to add a day. */
export class SchoolCalendarPage extends FormPage {
  banner() {
    return successBanner(this.page);
  }

  /** From a setting's page, follows "School calendar and INSET days". */
  async openFromSetting() {
    const link = this.page
      .locator('main')
      .getByRole('link', { name: /^(School calendar and INSET days|Calendr yr ysgol)/ });
    assert.equal(await link.count(), 1, 'one link to the school calendar on the setting page');
    return this.session.navigate(() => link.click(), 'school calendar');
  }

  cell(iso) {
    return this.page.locator(`td[data-date="${iso}"]`);
  }

  /** The data-type of a day's cell (it must be on the page once). */
  async dayType(iso) {
    const cell = this.cell(iso);
    assert.equal(await cell.count(), 1, `one calendar cell for ${iso}`);
    return cell.getAttribute('data-type');
  }

  /** Every day on the page as { date, type }, in date order. */
  async days() {
    const days = await this.page
      .locator('td[data-date]')
      .evaluateAll((cells) =>
        cells.map((c) => ({ date: c.dataset.date, type: c.dataset.type })),
      );
    return days.sort((a, b) => a.date.localeCompare(b.date));
  }

  /** The first Monday-to-Friday school day on the page strictly after `iso`, or null. */
  async nextSchoolDayAfter(iso) {
    const day = (await this.days()).find(
      (d) => d.date > iso && d.type === 'school_day' && isoWeekday(d.date) <= 5,
    );
    return day ? day.date : null;
  }

  /** Follows the year navigation's "Next year" link; returns the status. */
  async nextYear() {
    const link = this.page.locator('.govuk-pagination a[rel="next"]');
    return this.session.navigate(() => link.click(), 'next academic year');
  }

  /** Fills the "Add an INSET or closure day" form; `date` is ISO or null to leave it empty. */
  async fillDay({ date, kind = 'INSET day', label = '' }) {
    if (date) {
      await fillDate(this.page, 'day_date', dateParts(date));
    } else {
      await fillDate(this.page, 'day_date', { day: '', month: '', year: '' });
    }
    await this.page.getByRole('radio', { name: kind, exact: true }).check();
    await this.page.locator('#label').fill(label);
  }

  async addDay(step = 'add day') {
    return this.submit('Add day', step);
  }

  /** The table of the school's own INSET and closure days. */
  ownDays() {
    return this.page.locator('table#setting-days');
  }
}

/** "Start a statutory clock" (/learners/{id}/clocks/new). */
export class ClockFormPage extends FormPage {
  /** clock: timescale (radio label), event (option label), date (ISO), setting (option label). */
  async fill({ timescale, event, date, setting }) {
    await this.page.getByRole('radio', { name: timescale, exact: true }).check();
    await this.page.locator('select#start_event').selectOption({ label: event });
    await fillDate(this.page, 'started_on', dateParts(date));
    const settings = this.page.locator('select#calendar_setting');
    if (setting) await settings.selectOption({ label: setting });
  }

  async start(step = 'start clock') {
    return this.submit('Start clock', step);
  }
}

/** A statutory clock (/clocks/{id}). */
export class ClockPage extends FormPage {
  banner() {
    return successBanner(this.page);
  }

  /** The id in /clocks/{id}. */
  clockId() {
    const match = new URL(this.page.url()).pathname.match(/^\/clocks\/(\d+)\/?$/);
    assert.ok(match, `on a clock page, not ${this.page.url()}`);
    return match[1];
  }

  status() {
    return this.page.locator('#clock-status');
  }

  async statusText() {
    return (await this.status().innerText()).trim();
  }

  caption() {
    return this.page.locator('main .govuk-caption-l');
  }

  /** The value beside a key (exact text) of the clock's summary list. */
  summaryValue(key) {
    return this.page
      .locator('#clock-details .govuk-summary-list__row')
      .filter({
        has: this.page.locator('.govuk-summary-list__key').getByText(key, { exact: true }),
      })
      .locator('.govuk-summary-list__value');
  }

  async summaryText(key) {
    const value = this.summaryValue(key);
    assert.equal(await value.count(), 1, `the clock's summary has one "${key}" row`);
    return (await value.innerText()).trim();
  }

  /** Follows "The timescale cannot be met"; returns the status. */
  async cannotBeMet() {
    const link = this.page.getByRole('link', { name: 'The timescale cannot be met', exact: true });
    assert.equal(await link.count(), 1, 'one link "The timescale cannot be met"');
    return this.session.navigate(() => link.click(), 'the timescale cannot be met');
  }

  async back() {
    const link = this.page.locator('main a.govuk-back-link');
    return this.session.navigate(() => link.click(), 'back');
  }
}

/** "Record why the timescale cannot be met" (/clocks/{id}/waive). */
export class ClockWaiverPage extends FormPage {
  /** waiver: reason (radio label), details, target (ISO). */
  async fill({ reason, details, target }) {
    await this.page.getByRole('radio', { name: reason, exact: true }).check();
    await this.page.locator('#details').fill(details);
    await fillDate(this.page, 'new_target', dateParts(target));
  }

  async record(step = 'record the exception') {
    return this.submit('Record the exception', step);
  }
}

// ---------------------------------------------------------------------------------------------
// ALN cases: raising a concern, the case page, the two-step test, its check page and the notice.

/** A date as the English pages write it, e.g. "3 March 2026", for an ISO date. */
export function formatDateEn(iso) {
  return new Intl.DateTimeFormat('en-GB', {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  }).format(new Date(`${iso}T00:00:00Z`));
}

/** The radio or checkbox labelled `label` in the fieldset whose legend is `legend`. */
function choiceIn(page, role, legend, label) {
  return page
    .getByRole('group', { name: legend, exact: typeof legend === 'string' })
    .getByRole(role, { name: label, exact: true });
}

/**
 * Fetches a document (a PDF) with the session's cookies, as a download would, without leaving
 * the page: { status, contentType, disposition, body }.
 */
export async function fetchDocument(session, href) {
  const response = await session.context.request.get(session.url(href), { maxRedirects: 0 });
  const headers = response.headers();
  return {
    status: response.status(),
    contentType: headers['content-type'] ?? '',
    disposition: headers['content-disposition'] ?? '',
    body: await response.body(),
  };
}

/** The English text a learner record shows in its "ALN cases" section when there are none. */
export const NO_CASES_EN = 'No concern about additional learning needs has been raised.';

/** The English text a learner record shows under "Statutory clocks" when there are none. */
export const NO_CLOCKS_EN = 'No statutory clocks have been started for this learner.';

/**
 * From a learners list, the first learner whose record shows no ALN case and no statutory clock
 * and for whom, the concern form says, `decider` would decide today (not a young person, whose
 * consent is asked). Reads the records in the background, without leaving the list. Returns
 * { name, href } or null.
 */
export async function learnerWithoutCase(learners, decider) {
  const request = learners.session.context.request;
  for (const link of await learners.learnerLinks().all()) {
    const href = (await link.getAttribute('href')) ?? '';
    const record = await request.get(learners.session.url(href));
    if (record.status() !== 200) continue;
    const html = await record.text();
    if (!html.includes(NO_CASES_EN) || !html.includes(NO_CLOCKS_EN)) continue;
    if (!html.includes(`${href}/concerns/new`)) continue;
    const form = await request.get(learners.session.url(`${href}/concerns/new`));
    if (form.status() !== 200) continue;
    const formHtml = await form.text();
    if (!formHtml.includes(`Today ${decider} would decide`)) continue;
    if (formHtml.includes('name="consent"')) continue;
    return { name: (await link.innerText()).trim(), href };
  }
  return null;
}

/** A learner's record, with its "ALN cases" section. */
export class LearnerRecordCases extends LearnerRecordActions {
  casesTable() {
    return this.page.locator('table#learner-cases');
  }

  /** The row of the cases table that links to /cases/{caseId}. */
  caseRow(caseId) {
    return this.casesTable()
      .locator('tbody tr')
      .filter({ has: this.page.locator(`a[href="/cases/${caseId}"]`) });
  }

  /** A case row as { opened, source, stage, stageCode }. */
  async caseRowData(caseId) {
    const row = this.caseRow(caseId);
    assert.equal(await row.count(), 1, `the cases table has one row for case ${caseId}`);
    const cells = row.locator('td');
    return {
      opened: (await cells.nth(0).innerText()).trim(),
      source: (await cells.nth(1).innerText()).trim(),
      stage: (await cells.nth(2).locator('.govuk-tag').innerText()).trim(),
      stageCode: (await row.getAttribute('data-stage')) ?? '',
    };
  }

  async openCase(caseId) {
    return this.follow(this.caseRow(caseId).getByRole('link'), `open case ${caseId}`);
  }

  async raiseConcern() {
    return this.follow(
      this.page.getByRole('link', {
        name: 'Raise a concern about additional learning needs',
        exact: true,
      }),
      'raise a concern',
    );
  }
}

/** "Raise a concern about additional learning needs" (/learners/{id}/concerns/new). */
export class ConcernFormPage extends FormPage {
  caption() {
    return this.page.locator('main .govuk-caption-l');
  }

  /** The paragraphs under the heading (who would decide, the clock). */
  async introTexts() {
    return (await this.page.locator('main h1 ~ p.govuk-body').allInnerTexts()).map((s) =>
      s.trim(),
    );
  }

  /**
   * concern: source (radio label), raisedBy, date (ISO), broughtTo (radio label), description.
   */
  async fill({ source, raisedBy, date, broughtTo, description }) {
    const p = this.page;
    await choiceIn(p, 'radio', 'Who raised the concern?', source).check();
    const name = p.getByRole('textbox', { name: 'Name of the person or body', exact: true });
    await name.fill(raisedBy);
    await fillDate(p, 'brought_on', dateParts(date));
    await choiceIn(p, 'radio', 'Who was the concern brought to?', broughtTo).check();
    await p.getByRole('textbox', { name: 'What is the concern?', exact: true }).fill(description);
  }

  async raise(step = 'raise the concern') {
    return this.submit('Raise the concern', step);
  }
}

/** An ALN case (/cases/{id}). */
export class CasePage extends BasePage {
  /** The id in /cases/{id}. */
  caseId() {
    const match = new URL(this.page.url()).pathname.match(/^\/cases\/(\d+)\/?$/);
    assert.ok(match, `on a case page, not ${this.page.url()}`);
    return match[1];
  }

  banner() {
    return successBanner(this.page);
  }

  caption() {
    return this.page.locator('main .govuk-caption-l');
  }

  /** The stage tag beside the heading. */
  stageTag() {
    return this.page.locator('#case-stage');
  }

  async stage() {
    return (await this.stageTag().innerText()).trim();
  }

  async stageText() {
    return (await this.page.locator('#case-stage-text').innerText()).trim();
  }

  /** The lists of steps the actor may take now: the case's task list and "What you can do next". */
  stepLists() {
    return this.page.locator('#case-tasks, #case-steps');
  }

  /** The texts of the links to the steps the actor may take now. */
  async stepNames() {
    return (await this.stepLists().getByRole('link').allInnerTexts()).map((s) => s.trim());
  }

  async followStep(name) {
    const link = this.stepLists().getByRole('link', { name, exact: true });
    assert.equal(await link.count(), 1, `one link to the step "${name}"`);
    return this.session.navigate(() => link.click(), name);
  }

  /** The value beside a key (exact text) in a summary list of the case, by the list's id. */
  summaryValue(listId, key) {
    return this.page
      .locator(`dl#${listId} .govuk-summary-list__row`)
      .filter({
        has: this.page.locator('.govuk-summary-list__key').getByText(key, { exact: true }),
      })
      .locator('.govuk-summary-list__value');
  }

  async summaryText(listId, key) {
    const value = this.summaryValue(listId, key);
    assert.equal(await value.count(), 1, `#${listId} has one "${key}" row`);
    return (await value.innerText()).trim();
  }

  /** The case's clocks as { timescale, href, due, rule, status, statusCode }. */
  async clocks() {
    const rows = [];
    for (const row of await this.page.locator('#case-clocks tbody tr').all()) {
      const cells = row.locator('td');
      const link = cells.nth(0).getByRole('link');
      rows.push({
        timescale: (await cells.nth(0).innerText()).trim(),
        href: (await link.count()) ? ((await link.getAttribute('href')) ?? '') : '',
        due: (await cells.nth(1).innerText()).trim().split('\n')[0].trim(),
        rule: (await cells.nth(1).locator('.app-rule').innerText()).trim(),
        status: (await cells.nth(2).locator('.govuk-tag').innerText()).trim(),
        statusCode: (await row.getAttribute('data-status')) ?? '',
      });
    }
    return rows;
  }

  noticesTable() {
    return this.page.locator('table#case-notices');
  }

  /** The notices as { kind, given, appealBy, documents: [{ text, href, hreflang }] }. */
  async notices() {
    const rows = [];
    for (const row of await this.noticesTable().locator('tbody tr').all()) {
      const cells = row.locator('td');
      const documents = await cells.nth(3).getByRole('link').evaluateAll((as) =>
        as.map((a) => ({
          text: a.textContent.replace(/\s+/g, ' ').trim(),
          href: a.getAttribute('href'),
          hreflang: a.getAttribute('hreflang'),
        })),
      );
      rows.push({
        kind: (await cells.nth(0).innerText()).trim(),
        given: (await cells.nth(1).innerText()).trim(),
        appealBy: (await cells.nth(2).innerText()).trim(),
        documents,
      });
    }
    return rows;
  }

  async backToLearner() {
    const link = this.page.locator('main a.govuk-back-link');
    return this.session.navigate(() => link.click(), 'back to the learner');
  }
}

/** The legends of the two-step test form, in English. */
const DECISION_LEGENDS = Object.freeze({
  greaterDifficulty: /^\(a\) Does .+ have significantly greater difficulty in learning/,
  disability: /^\(b\) Does .+ have a disability/,
  evidence: 'Evidence relied on',
  progress: 'Signs of less than expected progress',
  languageOnly: /^Is the difficulty there only because the language of teaching differs/,
  callsForAlp: 'Does the learning difficulty or disability call for additional learning provision?',
  areas: 'Areas of need',
  types: 'Types of need',
  principles: /^Which of the local authority's principles/,
});

/** "Decide whether the learner has ALN" (/cases/{id}/decision): the two-step test. */
export class DecisionFormPage extends FormPage {
  radio(question, label) {
    return choiceIn(this.page, 'radio', DECISION_LEGENDS[question], label);
  }

  checkbox(question, label) {
    return choiceIn(this.page, 'checkbox', DECISION_LEGENDS[question], label);
  }

  textbox(label) {
    return this.page.getByRole('textbox', { name: label, exact: true });
  }

  /**
   * decision: greaterDifficulty, disability, languageOnly, callsForAlp ("Yes" or "No");
   * greaterDifficultyEvidence, disabilityEvidence, alp, summary (text); evidence, progress,
   * areas, types, principles (checkbox labels); taHours; date (ISO). Missing keys are left.
   */
  async fill(d) {
    if (d.greaterDifficulty) await this.radio('greaterDifficulty', d.greaterDifficulty).check();
    if (d.greaterDifficultyEvidence !== undefined) {
      await this.textbox('Evidence of greater difficulty in learning').fill(
        d.greaterDifficultyEvidence,
      );
    }
    if (d.disability) await this.radio('disability', d.disability).check();
    if (d.disabilityEvidence !== undefined) {
      await this.textbox('Evidence of the disability').fill(d.disabilityEvidence);
    }
    for (const label of d.evidence ?? []) await this.checkbox('evidence', label).check();
    for (const label of d.progress ?? []) await this.checkbox('progress', label).check();
    if (d.languageOnly) await this.radio('languageOnly', d.languageOnly).check();
    if (d.callsForAlp) await this.radio('callsForAlp', d.callsForAlp).check();
    if (d.alp !== undefined) {
      await this.textbox('The additional learning provision it calls for').fill(d.alp);
    }
    for (const label of d.areas ?? []) await this.checkbox('areas', label).check();
    for (const label of d.types ?? []) await this.checkbox('types', label).check();
    for (const label of d.principles ?? []) await this.checkbox('principles', label).check();
    if (d.taHours !== undefined) {
      await this.textbox('Hours of teaching assistant support a week').fill(String(d.taHours));
    }
    if (d.date) await fillDate(this.page, 'decided_on', dateParts(d.date));
    if (d.summary !== undefined) {
      await this.textbox("The deciding body's summary for the notice (optional)").fill(d.summary);
    }
  }

  async continue(step = 'continue to check the decision') {
    return this.submit('Continue', step);
  }
}

/** "Check the decision before you record it" (POST /cases/{id}/decision). */
export class DecisionCheckPage extends BasePage {
  outcome() {
    return this.page.locator('#decision-outcome');
  }

  /** The paragraphs beside a key (exact text) of the check page's summary lists. */
  async values(key) {
    const value = this.page
      .locator('.govuk-summary-list__row')
      .filter({
        has: this.page.locator('.govuk-summary-list__key').getByText(key, { exact: true }),
      })
      .locator('.govuk-summary-list__value');
    assert.equal(await value.count(), 1, `the check page has one "${key}" row`);
    return (await value.locator('p').allInnerTexts()).map((s) => s.trim());
  }

  async record(step = 'record the decision') {
    const button = this.page.getByRole('button', { name: 'Record the decision', exact: true });
    return this.session.navigate(() => button.click(), step);
  }

  async changeAnswers(step = 'change your answers') {
    const button = this.page.getByRole('button', { name: 'Change your answers', exact: true });
    return this.session.navigate(() => button.click(), step);
  }
}

/** "Give the notice of the decision" (/cases/{id}/notice). */
export class NoticeFormPage extends FormPage {
  /** The links to the draft notice: { english, welsh } hrefs. */
  async draftLinks() {
    const href = async (name) => {
      const link = this.page.locator('main').getByRole('link', { name, exact: true });
      assert.equal(await link.count(), 1, `one link "${name}"`);
      return (await link.getAttribute('href')) ?? '';
    };
    return {
      english: await href('Download the notice in English (PDF)'),
      welsh: await href('Download the notice in Welsh (PDF)'),
    };
  }

  /** The language radio checked now: its label, or null. */
  async checkedLanguage() {
    const group = this.page.getByRole('group', {
      name: 'Language of the notice sent',
      exact: true,
    });
    for (const label of ['English', 'Welsh']) {
      if (await group.getByRole('radio', { name: label, exact: true }).isChecked()) return label;
    }
    return null;
  }

  /** notice: method (radio label), date (ISO), language ("English" or "Welsh", optional). */
  async fill({ method, date, language }) {
    await choiceIn(this.page, 'radio', 'How was it sent?', method).check();
    await fillDate(this.page, 'sent_on', dateParts(date));
    if (language) {
      await choiceIn(this.page, 'radio', 'Language of the notice sent', language).check();
    }
  }

  async give(step = 'record the notice as given') {
    return this.submit('Record the notice as given', step);
  }
}

// ---------------------------------------------------------------------------------------------
// Individual development plans: starting one, the task list, the section and element pages,
// and finalising.

/** The English text a learner record shows under "Plans and profiles" when there are none. */
export const NO_PLANS_EN = 'No individual development plan or One Page Profile has been recorded.';

/**
 * From a learners list, the first learner whose record shows no plan or profile and offers
 * "Start an individual development plan", whose start form offers `setting` to maintain it.
 * Reads the pages in the background, without leaving the list. Returns { name, href } or null.
 */
export async function learnerWithoutPlan(learners, setting) {
  const request = learners.session.context.request;
  for (const link of await learners.learnerLinks().all()) {
    const href = (await link.getAttribute('href')) ?? '';
    const record = await request.get(learners.session.url(href));
    if (record.status() !== 200) continue;
    const html = await record.text();
    if (!html.includes(NO_PLANS_EN)) continue;
    if (!html.includes(`${href}/idps/new`)) continue;
    const form = await request.get(learners.session.url(`${href}/idps/new`));
    if (form.status() !== 200) continue;
    if (!(await form.text()).includes(`>${setting}</label>`)) continue;
    return { name: (await link.innerText()).trim(), href };
  }
  return null;
}

/** The ISO date `months` calendar months after an ISO date, clamped to the month's last day. */
export function addMonthsIso(iso, months) {
  const { day, month, year } = dateParts(iso);
  const index = year * 12 + (month - 1) + months;
  const y = Math.floor(index / 12);
  const m = (index % 12) + 1;
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
  const d = Math.min(day, last);
  return `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/** A learner's record, with its "Plans and profiles" section. */
export class LearnerRecordPlans extends LearnerRecordActions {
  plansTable() {
    return this.page.locator('table#learner-plans');
  }

  async startPlan() {
    return this.follow(
      this.page.getByRole('link', { name: 'Start an individual development plan', exact: true }),
      'start an individual development plan',
    );
  }
}

/** "Start an individual development plan" (/learners/{id}/idps/new). */
export class PlanStartFormPage extends FormPage {
  caption() {
    return this.page.locator('main .govuk-caption-l');
  }

  /** start: body ("The school", ...) and setting (radio label), as the radios read. */
  async fill({ body, setting }) {
    await choiceIn(this.page, 'radio', 'Who maintains the plan', body).check();
    if (setting) {
      await choiceIn(
        this.page,
        'radio',
        'The school or institution (not for the local authority)',
        setting,
      ).check();
    }
  }

  async start(step = 'start the plan') {
    return this.submit('Start the plan', step);
  }
}

/** An individual development plan (/idps/{id}): its status, task list, steps and versions. */
export class PlanPage extends BasePage {
  /** The id in /idps/{id}. */
  planId() {
    const match = new URL(this.page.url()).pathname.match(/^\/idps\/(\d+)\/?$/);
    assert.ok(match, `on a plan page, not ${this.page.url()}`);
    return match[1];
  }

  banner() {
    return successBanner(this.page);
  }

  caption() {
    return this.page.locator('main .govuk-caption-l');
  }

  async status() {
    return (await this.page.locator('#plan-status').innerText()).trim();
  }

  async maintainer() {
    return (await this.page.locator('#plan-maintainer').innerText()).trim();
  }

  reviewDue() {
    return this.page.locator('#plan-review-due');
  }

  async flagCount() {
    return (await this.page.locator('#plan-flag-count').innerText()).trim();
  }

  taskList() {
    return this.page.locator('ul#plan-tasks');
  }

  /** The task list as [{ name, href, hint, status }], in order. */
  async tasks() {
    const rows = [];
    for (const item of await this.taskList().locator('li.govuk-task-list__item').all()) {
      const link = item.locator('a.govuk-task-list__link');
      const linked = (await link.count()) > 0;
      const hint = item.locator('.govuk-task-list__hint');
      const label = item.locator('.govuk-task-list__name-and-hint > :first-child');
      rows.push({
        name: (await label.innerText()).trim(),
        href: linked ? ((await link.getAttribute('href')) ?? '') : '',
        hint: (await hint.count()) ? (await hint.innerText()).trim() : '',
        status: (await item.locator('.govuk-task-list__status').innerText()).trim(),
      });
    }
    return rows;
  }

  /** The status of one task by its name. */
  async taskStatus(name) {
    const task = (await this.tasks()).find((t) => t.name === name);
    assert.ok(task, `the task list has "${name}"`);
    return task.status;
  }

  /** Follows a section's link in the task list; returns the status. */
  async openSection(name) {
    const link = this.taskList().getByRole('link', { name, exact: true });
    assert.equal(await link.count(), 1, `one task list link "${name}"`);
    return this.session.navigate(() => link.click(), `section ${name}`);
  }

  steps() {
    return this.page.locator('#plan-steps');
  }

  async stepNames() {
    return (await this.steps().getByRole('link').allInnerTexts()).map((s) => s.trim());
  }

  async followStep(name) {
    const link = this.steps().getByRole('link', { name, exact: true });
    assert.equal(await link.count(), 1, `one link to the step "${name}"`);
    return this.session.navigate(() => link.click(), name);
  }

  /** The versions given as [{ number, given, summary, documents: [{ text, href, hreflang }] }]. */
  async versions() {
    const rows = [];
    for (const row of await this.page.locator('table#plan-versions tbody tr').all()) {
      const cells = row.locator('td');
      const documents = await cells.nth(3).getByRole('link').evaluateAll((as) =>
        as.map((a) => ({
          text: a.textContent.replace(/\s+/g, ' ').trim(),
          href: a.getAttribute('href'),
          hreflang: a.getAttribute('hreflang'),
        })),
      );
      rows.push({
        number: (await cells.nth(0).innerText()).trim(),
        given: (await cells.nth(1).innerText()).trim(),
        summary: (await cells.nth(2).innerText()).trim(),
        documents,
      });
    }
    return rows;
  }
}

/**
 * A section of the plan (/idps/{id}/sections/{code}): a form (which may autosave), or for the
 * provision the list of its elements.
 */
export class PlanSectionPage extends FormPage {
  caption() {
    return this.page.locator('main .govuk-caption-l');
  }

  /** The "Still to do" list of the section's quality flags, as texts. */
  async flags() {
    return (await this.page.locator('#section-flags li').allInnerTexts()).map((s) =>
      s.replace(/\s+/g, ' ').trim(),
    );
  }

  /** A text input or textarea by its label (exact). */
  textbox(label) {
    return this.page.getByRole('textbox', { name: label, exact: true });
  }

  /** A field by its id (the information and timeline rows repeat their labels). */
  field(id) {
    return this.page.locator(`#${id}`);
  }

  /** Fills text fields: { label: text }. */
  async fillTexts(texts) {
    for (const [label, text] of Object.entries(texts)) await this.textbox(label).fill(text);
  }

  async check(legend, labels) {
    for (const label of labels) await choiceIn(this.page, 'checkbox', legend, label).check();
  }

  async fillDate(id, iso) {
    await fillDate(this.page, id, dateParts(iso));
  }

  async fillDateParts(id, parts) {
    await fillDate(this.page, id, parts);
  }

  autosaveForm() {
    return this.page.locator('form[data-autosave]');
  }

  autosaveStatus() {
    return this.page.locator('#autosave-status');
  }

  /** Waits for the autosave status to match `pattern`; returns its text. */
  async waitForAutosave(pattern, timeout = 10_000) {
    const status = this.autosaveStatus();
    try {
      await this.page.waitForFunction(
        ({ source, flags }) =>
          new RegExp(source, flags).test(
            document.querySelector('#autosave-status')?.textContent.trim() ?? '',
          ),
        { source: pattern.source, flags: pattern.flags },
        { timeout },
      );
    } catch {
      assert.fail(`#autosave-status should match ${pattern}, was "${await status.innerText()}"`);
    }
    return (await status.innerText()).trim();
  }

  async reload(step = 'reload') {
    return this.session.navigate(() => this.page.reload(), step);
  }

  async save(step = 'save the section') {
    return this.submit('Save and return to the plan', step);
  }

  elementsTable() {
    return this.page.locator('table#plan-elements');
  }

  /** The provision's elements as [{ outcome, href, provision, amount, status }]. */
  async elements() {
    const rows = [];
    for (const row of await this.elementsTable().locator('tbody tr').all()) {
      const cells = row.locator('td');
      const link = cells.nth(0).getByRole('link');
      rows.push({
        outcome: (await cells.nth(0).innerText()).trim(),
        href: (await link.count()) ? ((await link.getAttribute('href')) ?? '') : '',
        provision: (await cells.nth(1).innerText()).trim().split('\n')[0].trim(),
        amount: (await cells.nth(1).locator('.govuk-body-s').innerText()).trim(),
        status: (await cells.nth(2).locator('.govuk-tag').innerText()).trim(),
      });
    }
    return rows;
  }

  async addElement() {
    const link = this.page
      .locator('main')
      .getByRole('link', { name: 'Add an element of provision', exact: true });
    assert.equal(await link.count(), 1, 'one "Add an element of provision"');
    return this.session.navigate(() => link.click(), 'add an element of provision');
  }

  async backToPlan() {
    const link = this.page
      .locator('main')
      .getByRole('link', { name: 'Back to the plan', exact: true });
    assert.equal(await link.count(), 1, 'one link "Back to the plan"');
    return this.session.navigate(() => link.click(), 'back to the plan');
  }
}

/** "Add an element of provision" and "Change an element of provision" (/idps/{id}/elements/…). */
export class PlanElementFormPage extends FormPage {
  textbox(label) {
    return this.page.getByRole('textbox', { name: label, exact: true });
  }

  /**
   * element: outcome, measure, outcomeBy (ISO), provision, minutes, sessions, per, group,
   * inWelsh, provider (radio labels), providerName, startsOn, reviewOn (ISO), rationale.
   */
  async fill(e) {
    const p = this.page;
    await this.textbox('Outcome').fill(e.outcome);
    await this.textbox('How progress will be measured').fill(e.measure);
    await fillDate(p, 'outcome_by', dateParts(e.outcomeBy));
    await this.textbox('The provision').fill(e.provision);
    await this.textbox('Minutes each session').fill(String(e.minutes));
    await this.textbox('Number of sessions').fill(String(e.sessions));
    await choiceIn(p, 'radio', 'Each', e.per).check();
    await choiceIn(p, 'radio', 'Group size', e.group).check();
    await choiceIn(p, 'radio', 'Is it delivered in Welsh?', e.inWelsh).check();
    await choiceIn(p, 'radio', 'Who provides it', e.provider).check();
    await this.textbox('Name of the organisation or service').fill(e.providerName);
    await fillDate(p, 'starts_on', dateParts(e.startsOn));
    await fillDate(p, 'review_on', dateParts(e.reviewOn));
    await this.textbox('Why this provision').fill(e.rationale);
  }

  async save(step = 'save this provision') {
    return this.submit('Save this provision', step);
  }
}

/** "Check and finalise the plan" (/idps/{id}/finalise). */
export class PlanFinalisePage extends FormPage {
  /** The paragraphs under the heading: the quality checks not met, the rule on posting. */
  async introTexts() {
    return (await this.page.locator('main h1 ~ p.govuk-body').allInnerTexts()).map((s) =>
      s.replace(/\s+/g, ' ').trim(),
    );
  }

  overrideReasons() {
    return this.page.getByRole('textbox', {
      name: 'Why the plan is given with checks not met',
      exact: true,
    });
  }

  /** finalise: method (radio label), date (ISO), overrideReasons (optional). */
  async fill({ method, date, overrideReasons }) {
    await choiceIn(this.page, 'radio', 'How was it sent?', method).check();
    await fillDate(this.page, 'sent_on', dateParts(date));
    if (overrideReasons !== undefined) await this.overrideReasons().fill(overrideReasons);
  }

  async finalise(step = 'finalise and give the plan') {
    return this.submit('Finalise and give the plan', step);
  }

  async back() {
    const link = this.page.locator('main a.govuk-back-link');
    return this.session.navigate(() => link.click(), 'back to the plan');
  }
}

// ---------------------------------------------------------------------------------------------
// ALN panels: the list, a panel, adding a meeting, running it (attendance, quorum, agenda,
// decisions), closing it and distributing its minutes.

/** "ALN panels" (/panels). */
export class PanelsPage extends BasePage {
  async open(step = 'panels list') {
    return this.session.goto('/panels', step);
  }

  table() {
    return this.page.locator('table#panels');
  }

  /** The panels listed as [{ name, href, ages, members }], in order. */
  async rows() {
    const rows = [];
    for (const row of await this.table().locator('tbody tr').all()) {
      const cells = row.locator('td');
      const link = cells.nth(0).getByRole('link');
      rows.push({
        name: (await link.innerText()).trim(),
        href: (await link.getAttribute('href')) ?? '',
        ages: (await cells.nth(1).innerText()).trim(),
        members: (await cells.nth(2).innerText()).trim(),
      });
    }
    return rows;
  }

  async openPanel(name) {
    const link = this.table().locator('tbody').getByRole('link', { name, exact: true });
    assert.equal(await link.count(), 1, `exactly one link to the panel "${name}"`);
    return this.session.navigate(() => link.click(), `open panel ${name}`);
  }
}

/** An ALN panel (/panels/{id}): its members, the year's meetings and the waiting referrals. */
export class PanelPage extends BasePage {
  /** The id in /panels/{id}. */
  panelId() {
    const match = new URL(this.page.url()).pathname.match(/^\/panels\/(\d+)\/?$/);
    assert.ok(match, `on a panel page, not ${this.page.url()}`);
    return match[1];
  }

  caption() {
    return this.page.locator('main .govuk-caption-l');
  }

  backLink() {
    return this.page.locator('main a.govuk-back-link');
  }

  /** The standing members as [{ name, role, organisation, status }]. */
  async members() {
    const table = this.page.getByRole('table', { name: 'Standing members', exact: true });
    const rows = [];
    for (const row of await table.locator('tbody tr').all()) {
      const cells = row.locator('td');
      rows.push({
        name: (await cells.nth(0).innerText()).replace(/\s*\(.*\)\s*$/, '').trim(),
        role: (await cells.nth(1).innerText()).trim(),
        organisation: (await cells.nth(2).innerText()).trim(),
        status: (await cells.nth(3).innerText()).trim(),
      });
    }
    return rows;
  }

  meetingsTable() {
    return this.page.getByRole('table', { name: 'Meetings', exact: true });
  }

  /** The year's meetings as [{ date, href, state, items, minutes }]. */
  async meetings() {
    const rows = [];
    if ((await this.meetingsTable().count()) === 0) return rows;
    for (const row of await this.meetingsTable().locator('tbody tr').all()) {
      const cells = row.locator('td');
      const link = cells.nth(0).getByRole('link');
      rows.push({
        date: (await link.innerText()).trim(),
        href: (await link.getAttribute('href')) ?? '',
        state: (await cells.nth(1).innerText()).trim(),
        items: (await cells.nth(2).innerText()).trim(),
        minutes: (await cells.nth(3).innerText()).trim(),
      });
    }
    return rows;
  }

  /** The referrals waiting for a meeting as [{ learner, href, type, due }]. */
  async awaiting() {
    const table = this.page.getByRole('table', {
      name: 'Referrals waiting for a meeting',
      exact: true,
    });
    const rows = [];
    if ((await table.count()) === 0) return rows;
    for (const row of await table.locator('tbody tr').all()) {
      const cells = row.locator('td');
      const link = cells.nth(0).getByRole('link');
      rows.push({
        learner: (await link.innerText()).trim(),
        href: (await link.getAttribute('href')) ?? '',
        type: (await cells.nth(1).innerText()).trim(),
        due: (await cells.nth(2).innerText()).trim(),
      });
    }
    return rows;
  }

  async addMeeting() {
    const link = this.page
      .locator('main')
      .getByRole('link', { name: 'Add a meeting', exact: true });
    assert.equal(await link.count(), 1, 'one link "Add a meeting"');
    return this.session.navigate(() => link.click(), 'add a meeting');
  }

  async openMeeting(href) {
    const link = this.meetingsTable().locator(`a[href="${href}"]`);
    assert.equal(await link.count(), 1, `one link to the meeting ${href}`);
    return this.session.navigate(() => link.click(), `open meeting ${href}`);
  }
}

/** "Add a meeting" (/panels/{id}/meetings), with the lead officer's agreement for a holiday. */
export class PanelMeetingFormPage extends FormPage {
  caption() {
    return this.page.locator('main .govuk-caption-l');
  }

  /** meeting: date (ISO), time, location. */
  async fill({ date, time, location }) {
    await fillDate(this.page, 'date', dateParts(date));
    await this.page.getByRole('textbox', { name: 'Time', exact: true }).fill(time);
    await this.page.getByRole('textbox', { name: 'Where', exact: true }).fill(location);
  }

  /** agreement: leadOfficer, agreedOn (ISO), reason. */
  async fillAgreement({ leadOfficer, agreedOn, reason }) {
    const p = this.page;
    const officer = p.getByRole('textbox', { name: 'Lead officer who agreed', exact: true });
    await officer.fill(leadOfficer);
    await fillDate(p, 'agreed_on', dateParts(agreedOn));
    const why = p.getByRole('textbox', { name: 'Why the panel must meet then', exact: true });
    await why.fill(reason);
  }

  async add(step = 'add the meeting') {
    return this.submit('Add meeting', step);
  }
}

/** A panel meeting (/panel-meetings/{id}): attendance and quorum, the agenda, closing, minutes. */
export class PanelMeetingPage extends FormPage {
  /** The id in /panel-meetings/{id}. */
  meetingId() {
    const match = new URL(this.page.url()).pathname.match(/^\/panel-meetings\/(\d+)\/?$/);
    assert.ok(match, `on a panel meeting page, not ${this.page.url()}`);
    return match[1];
  }

  banner() {
    return successBanner(this.page);
  }

  caption() {
    return this.page.locator('main .govuk-caption-l');
  }

  /** The value beside a key (exact text) of the meeting's summary list (not an agenda card's). */
  async detail(key) {
    const value = this.page
      .locator('main > dl.govuk-summary-list > .govuk-summary-list__row')
      .filter({
        has: this.page.locator('.govuk-summary-list__key').getByText(key, { exact: true }),
      })
      .locator('.govuk-summary-list__value');
    if ((await value.count()) === 0) return null;
    return (await value.innerText()).replace(/\s+/g, ' ').trim();
  }

  async state() {
    return (await this.page.locator('#meeting-state').innerText()).trim();
  }

  quorum() {
    return this.page.locator('#quorum');
  }

  /** The quorum box as { tag, text }. */
  async quorumText() {
    const box = this.quorum();
    await assertVisibleNow(box, 'the quorum box (#quorum)');
    return {
      tag: (await box.locator('.govuk-tag').innerText()).trim(),
      text: (await box.innerText()).replace(/\s+/g, ' ').trim(),
    };
  }

  attendanceTable() {
    return this.page.getByRole('table', { name: 'Attendance and quorum', exact: true });
  }

  /** A member's attendance: "Present" or "Not present". */
  async attendance(name) {
    const row = this.attendanceTable()
      .locator('tbody tr')
      .filter({ has: this.page.getByRole('cell', { name, exact: true }) });
    assert.equal(await row.count(), 1, `the attendance table has one row for ${name}`);
    return (await row.locator('td').nth(2).innerText()).trim();
  }

  /** Presses "Mark present" (present) or "Mark as left" for a member; returns the status. */
  async markAttendance(name, present) {
    const label = present ? 'Mark present' : 'Mark as left';
    const button = this.attendanceTable().getByRole('button', {
      name: `${label} ${name}`,
      exact: true,
    });
    assert.equal(await button.count(), 1, `one button "${label}" for ${name}`);
    return this.session.navigate(() => button.click(), `${label} ${name}`);
  }

  agendaCards() {
    return this.page.locator('main .govuk-summary-card');
  }

  /** The agenda card of a learner's item (its title names the learner). */
  agendaCard(learner) {
    return this.agendaCards().filter({
      has: this.page.locator('.govuk-summary-card__title', { hasText: learner }),
    });
  }

  /** The agenda as [{ title, id }], in order. */
  async agenda() {
    const items = [];
    for (const card of await this.agendaCards().all()) {
      items.push({
        title: (await card.locator('.govuk-summary-card__title').innerText()).trim(),
        id: (await card.getAttribute('id')) ?? '',
      });
    }
    return items;
  }

  /** The value beside a key (exact text) in a learner's agenda card, or null. */
  async cardValue(learner, key) {
    const value = this.agendaCard(learner)
      .locator('.govuk-summary-list__row')
      .filter({
        has: this.page.locator('.govuk-summary-list__key').getByText(key, { exact: true }),
      })
      .locator('.govuk-summary-list__value');
    if ((await value.count()) === 0) return null;
    return (await value.innerText()).replace(/\s+/g, ' ').trim();
  }

  agendaSelect() {
    return this.page.getByRole('combobox', {
      name: 'Add a waiting referral to the agenda',
      exact: true,
    });
  }

  /** The options of the "Add a waiting referral to the agenda" select, as texts. */
  async waitingOptions() {
    return (await this.agendaSelect().locator('option').allInnerTexts()).map((s) => s.trim());
  }

  /** Chooses the waiting referral whose option text starts with `learner` and adds it. */
  async addToAgenda(learner) {
    const options = await this.waitingOptions();
    const text = options.find((o) => o.startsWith(`${learner} – `));
    assert.ok(text, `the waiting referrals offer ${learner}: ${JSON.stringify(options)}`);
    await this.agendaSelect().selectOption({ label: text });
    return this.submit('Add to agenda', `add ${learner} to the agenda`);
  }

  /** "Record the decision" (or "Declare an interest") link on a learner's card. */
  itemLink(learner, name) {
    return this.agendaCard(learner).getByRole('link', { name: `${name} ${learner}`, exact: true });
  }

  async recordDecision(learner) {
    const link = this.itemLink(learner, 'Record the decision');
    assert.equal(await link.count(), 1, `one link "Record the decision" for ${learner}`);
    return this.session.navigate(() => link.click(), `record the decision for ${learner}`);
  }

  async close(step = 'close the meeting') {
    return this.submit('Close the meeting', step);
  }

  /** The links to the minutes: { english, welsh } hrefs. */
  async minutesLinks() {
    const href = async (name) => {
      const link = this.page.locator('main').getByRole('link', { name, exact: true });
      assert.equal(await link.count(), 1, `one link "${name}"`);
      return (await link.getAttribute('href')) ?? '';
    };
    return {
      english: await href('Minutes (English, PDF)'),
      welsh: await href('Minutes (Welsh, PDF)'),
    };
  }

  async distributeMinutes() {
    const link = this.page
      .locator('main')
      .getByRole('link', { name: 'Distribute the minutes', exact: true });
    assert.equal(await link.count(), 1, 'one link "Distribute the minutes"');
    return this.session.navigate(() => link.click(), 'distribute the minutes');
  }

  async backToPanel() {
    const link = this.page.locator('main a.govuk-back-link');
    return this.session.navigate(() => link.click(), 'back to the panel');
  }
}

/** "Record the decision" (/panel-meetings/{id}/items/{referral}/decision). */
export class PanelDecisionFormPage extends FormPage {
  caption() {
    return this.page.locator('main .govuk-caption-l');
  }

  /**
   * decision: outcome (radio label), agreed, reasons; optional placement and setting (radio
   * labels), hoursPerWeek, places, annualCost.
   */
  async fill(d) {
    const p = this.page;
    await choiceIn(p, 'radio', 'Decision', d.outcome).check();
    if (d.agreed !== undefined) {
      await p
        .getByRole('textbox', { name: 'Provision, placement or level of support agreed' })
        .fill(d.agreed);
    }
    if (d.placement) await choiceIn(p, 'radio', 'Place', d.placement).check();
    if (d.setting) await choiceIn(p, 'radio', 'Where', d.setting).check();
    if (d.hoursPerWeek !== undefined) {
      await p
        .getByRole('textbox', { name: 'Hours of support a week', exact: true })
        .fill(String(d.hoursPerWeek));
    }
    if (d.places !== undefined) {
      await p.getByRole('textbox', { name: 'Places', exact: true }).fill(String(d.places));
    }
    if (d.annualCost !== undefined) {
      const cost = p.getByRole('textbox', { name: 'Cost a year (£)', exact: true });
      await cost.fill(String(d.annualCost));
    }
    if (d.reasons !== undefined) {
      await p.getByRole('textbox', { name: 'Reasons', exact: true }).fill(d.reasons);
    }
  }

  async record(step = 'record the panel decision') {
    return this.submit('Record decision', step);
  }
}

/** "Distribute the minutes" (/panel-meetings/{id}/minutes). */
export class PanelMinutesFormPage extends FormPage {
  caption() {
    return this.page.locator('main .govuk-caption-l');
  }

  /** The paragraphs under the heading (when the minutes are due). */
  async introTexts() {
    return (await this.page.locator('main h1 ~ p.govuk-body').allInnerTexts()).map((s) =>
      s.trim(),
    );
  }

  recipients() {
    return this.page.getByRole('group', { name: 'Sent to', exact: true }).getByRole('checkbox');
  }

  /** The recipients' checkboxes as [{ label, checked }]. */
  async recipientChoices() {
    const out = [];
    for (const box of await this.recipients().all()) {
      const id = (await box.getAttribute('id')) ?? '';
      const label = (await this.page.locator(`label[for="${id}"]`).innerText()).trim();
      out.push({ label, checked: await box.isChecked() });
    }
    return out;
  }

  /** minutes: date (ISO), others (optional text, one a line). */
  async fill({ date, others }) {
    await fillDate(this.page, 'distributed_on', dateParts(date));
    if (others !== undefined) {
      await this.page
        .getByRole('textbox', { name: 'Others it was sent to', exact: true })
        .fill(others);
    }
  }

  async record(step = 'record the minutes as sent') {
    return this.submit('Record the minutes as sent', step);
  }
}
