// Browser-test harness: launches Debian's chromium through playwright-core, and gives each test a
// Session whose every page is checked with axe-core (WCAG 2.1 A and AA) and screenshotted.
//
// Environment:
//   CYNNAL_BASE_URL        the running server, e.g. http://127.0.0.1:18080 (required)
//   CYNNAL_SCREENSHOT_DIR  where screenshots go (default test-results/screenshots); created
//   CYNNAL_CHROMIUM        the browser binary (default /usr/bin/chromium)

import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import path from 'node:path';

import { AxeBuilder } from '@axe-core/playwright';
import { chromium } from 'playwright-core';

/** Options for each browser test: a hung page fails the test instead of hanging the run. */
export const browserTest = Object.freeze({ timeout: 120_000 });

export const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

// The demo accounts seeded by the server; all share one password.
export const DEMO_PASSWORD = 'cynnal-demo';
export const ACCOUNTS = Object.freeze({
  alnco: 'alnco',
  laOfficer: 'la.officer',
  governor: 'governor',
  parent: 'parent',
});

/** The server under test, without a trailing slash. Throws when CYNNAL_BASE_URL is unset. */
export function baseUrl() {
  const url = process.env.CYNNAL_BASE_URL;
  if (!url) {
    throw new Error(
      'CYNNAL_BASE_URL is not set: start the server and export its address, ' +
        'e.g. CYNNAL_BASE_URL=http://127.0.0.1:18080',
    );
  }
  return url.replace(/\/+$/, '');
}

/** The screenshot directory (created if missing). */
export function screenshotDir() {
  const dir = path.resolve(process.env.CYNNAL_SCREENSHOT_DIR || 'test-results/screenshots');
  mkdirSync(dir, { recursive: true });
  return dir;
}

/**
 * Launches headless chromium exactly as /work/shared/STACK.md says. Every launch gets its own
 * temporary profile (user-data dir), so no state leaks between tests.
 */
export async function launchBrowser() {
  return chromium.launch({
    executablePath: process.env.CYNNAL_CHROMIUM || '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
    ],
  });
}

/** Waits for the first element the locator matches to be visible; fails naming what it is. */
export async function assertVisible(locator, what, timeout = 5_000) {
  try {
    await locator.first().waitFor({ state: 'visible', timeout });
  } catch {
    assert.fail(`expected to see ${what}`);
  }
}

/** Renders axe violations as a readable, multi-line report. */
export function formatViolations(violations, where) {
  const lines = [`${violations.length} accessibility violation(s) on ${where}:`];
  for (const v of violations) {
    lines.push('', `[${v.impact ?? 'unknown'}] ${v.id}: ${v.help}`, `  ${v.helpUrl}`);
    for (const node of v.nodes) {
      lines.push(`  - ${node.target.join(' ')}`);
      lines.push(`    ${node.html.replace(/\s+/g, ' ').slice(0, 200)}`);
      for (const summary of (node.failureSummary ?? '').split('\n')) {
        if (summary.trim()) lines.push(`    ${summary.trim()}`);
      }
    }
  }
  return lines.join('\n');
}

/**
 * Runs axe-core on the page as it is now and fails with a readable report on any violation.
 * The page must allow scripts: axe needs timers, which chromium stops when JavaScript is off
 * (Session audits such pages through a copy, see Session.auditCopy).
 */
export async function assertNoAxeViolations(page, where = page.url()) {
  const results = await new AxeBuilder({ page }).withTags(AXE_TAGS).analyze();
  if (results.violations.length > 0) {
    assert.fail(formatViolations(results.violations, where));
  }
  return results;
}

/**
 * The DOM of a page rendered without JavaScript, as HTML that renders the same with JavaScript
 * on: <noscript> in the body becomes a plain element, so its content is laid out and audited.
 */
function withoutNoscript(html) {
  const body = html.search(/<body[\s>]/i);
  if (body < 0) return html;
  return (
    html.slice(0, body) +
    html
      .slice(body)
      .replace(/<noscript(?=[\s>])/gi, '<cynnal-noscript')
      .replace(/<\/noscript>/gi, '</cynnal-noscript>')
  );
}

function slug(text) {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 60);
}

/**
 * One browser, one fresh context and one page for a test. Navigate only through goto() and
 * navigate(): each lands on a page, waits for it to load, runs axe and takes a screenshot.
 * finish() fails the test if any page was reached some other way and so left unchecked.
 */
export class Session {
  constructor(t, browser, context, page, name, contextOptions) {
    this.t = t;
    this.contextOptions = contextOptions;
    this.auditContext = null; // JavaScript-enabled twin of a JavaScript-disabled context
    this.browser = browser;
    this.context = context;
    this.page = page;
    this.name = slug(name);
    this.step = 0;
    this.pending = null; // URL of a page navigated to but not yet checked
    this.unchecked = [];
    this.lastDocumentStatus = null;
    this.screenshots = [];

    page.on('framenavigated', (frame) => {
      if (frame !== page.mainFrame()) return;
      if (this.pending !== null) this.unchecked.push(this.pending);
      this.pending = frame.url();
    });
    page.on('response', (response) => {
      const request = response.request();
      if (!request.isNavigationRequest() || request.frame() !== page.mainFrame()) return;
      if (response.status() >= 300 && response.status() < 400) return;
      this.lastDocumentStatus = response.status();
    });
  }

  /** Absolute URL for a server path. */
  url(pathname) {
    return new URL(pathname, `${baseUrl()}/`).toString();
  }

  /** Loads a path, checks the page; returns the HTTP status of the final document. */
  async goto(pathname, step) {
    const response = await this.page.goto(this.url(pathname), { waitUntil: 'load' });
    assert.ok(response, `no response for ${pathname}`);
    await this.arrive(step ?? `goto ${pathname}`);
    return response.status();
  }

  /**
   * Performs an action that leaves the page (clicking a link, submitting a form), waits for the
   * new document to load, checks it; returns its HTTP status (after any redirects).
   */
  async navigate(action, step) {
    const navigated = this.page.waitForEvent('framenavigated', {
      predicate: (frame) => frame === this.page.mainFrame(),
    });
    this.lastDocumentStatus = null;
    await action();
    await navigated;
    await this.page.waitForLoadState('load');
    await this.arrive(step);
    assert.notEqual(this.lastDocumentStatus, null, `no document response for step "${step}"`);
    return this.lastDocumentStatus;
  }

  /** Checks the current page: axe-core, then a full-page screenshot. */
  async arrive(step) {
    this.step += 1;
    const label = `${String(this.step).padStart(2, '0')}-${slug(step)}`;
    const file = path.join(screenshotDir(), `${this.name}-${label}.png`);
    await this.page.screenshot({ path: file, fullPage: true });
    this.screenshots.push(file);
    this.t.diagnostic(`screenshot ${file}`);
    const where = `${this.page.url()} (step ${label})`;
    if (this.contextOptions.javaScriptEnabled === false) {
      const copy = await this.auditCopy();
      try {
        await assertNoAxeViolations(copy, `${where}, as rendered without JavaScript`);
      } finally {
        await copy.close();
      }
    } else {
      await assertNoAxeViolations(this.page, where);
    }
    this.pending = null;
  }

  /**
   * With JavaScript disabled chromium runs no timers, so axe cannot run in the page itself.
   * Instead the page's DOM is loaded, at the same URL and with the same cookies, into a page
   * that allows scripts only for axe (a CSP blocks the page's own), and axe runs there.
   */
  async auditCopy() {
    const url = this.page.url();
    const html = withoutNoscript(await this.page.content());
    if (this.auditContext === null) {
      const { javaScriptEnabled, ...rest } = this.contextOptions;
      this.auditContext = await this.browser.newContext(rest);
    }
    await this.auditContext.clearCookies();
    await this.auditContext.addCookies(await this.context.cookies());
    const copy = await this.auditContext.newPage();
    await copy.route(
      (u) => u.href === url,
      (route) =>
        route.fulfill({
          status: 200,
          headers: {
            'content-type': 'text/html; charset=utf-8',
            'content-security-policy': "script-src 'none'",
          },
          body: html,
        }),
      { times: 1 },
    );
    await copy.goto(url, { waitUntil: 'load' });
    return copy;
  }

  /** Fails if a page was visited without being checked, then closes the browser. */
  async finish() {
    if (this.pending !== null) this.unchecked.push(this.pending);
    this.pending = null;
    await this.browser.close();
    assert.deepEqual(this.unchecked, [], 'pages visited without an axe check');
  }
}

/**
 * Starts a Session for test context t. contextOptions go to browser.newContext (e.g.
 * { javaScriptEnabled: false }). The browser is closed after the test even if it fails. A test
 * with two sessions (two people at once) names the second with `label`, so that its
 * screenshots do not overwrite the first's.
 */
export async function startSession(t, contextOptions = {}, label = '') {
  const base = baseUrl();
  const browser = await launchBrowser();
  t.after(() => browser.close().catch(() => {}));
  const options = {
    baseURL: base,
    locale: 'en-GB',
    viewport: { width: 1280, height: 900 },
    ...contextOptions,
  };
  const context = await browser.newContext(options);
  const page = await context.newPage();
  page.setDefaultTimeout(10_000);
  const session = new Session(t, browser, context, page, t.name, options);
  if (label) session.name += `--${slug(label)}`;
  return session;
}
