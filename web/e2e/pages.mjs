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
