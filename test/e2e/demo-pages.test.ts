/**
 * The demo as a new user meets it: the index links every page; a lead sent with the keyboard
 * on the marketer's page shows up on the leads page behind the admin token; the React app
 * passes props to the form after mount and lists its events. Screenshots are kept in
 * test-results/screenshots/.
 */
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { CHROMIUM_MISSING, getCspViolations, launchChromium, newTestContext, runAxe } from './chromium';
import { fillDemoForm } from './fill-demo-form';
import { fillWithKeyboard } from './keyboard-fill';
import { startTestSite, type TestSite } from './test-site';

const screenshotDir = fileURLToPath(new URL('../../test-results/screenshots/', import.meta.url));

describe.skipIf(CHROMIUM_MISSING !== null)('demo pages in Chromium', () => {
  let site: TestSite;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    mkdirSync(screenshotDir, { recursive: true });
    site = await startTestSite();
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await site?.close();
  });
  beforeEach(async () => {
    context = await newTestContext(browser);
    page = await context.newPage();
  });
  afterEach(async () => {
    await context?.close();
  });

  it('the index links every demo page, and each one answers', async () => {
    await page.goto(`${site.origin}/`);
    const links = await page
      .locator('main a')
      .evaluateAll((anchors) => anchors.map((anchor) => (anchor as HTMLAnchorElement).pathname));
    expect(links).toEqual([
      '/marketer/',
      '/spa/',
      '/two-forms/',
      '/booking/',
      '/form-booking/',
      '/leads/',
      '/signals/',
    ]);
    for (const path of links) {
      const response = await page.request.get(`${site.origin}${path}`);
      expect(response.status(), path).toBe(200);
    }
    expect(await runAxe(page)).toEqual([]);
    await page.screenshot({ path: `${screenshotDir}demo-index-1280x800.png`, fullPage: true });
  });

  it('leadkit.js exposes window.LeadKit, and a second copy of the script changes nothing', async () => {
    // A page of our own on the site's origin, with the script tag pasted twice by mistake.
    await page.route(`${site.origin}/test/double-script.html`, (route) =>
      route.fulfill({
        contentType: 'text/html',
        body: '<!doctype html><html lang="en"><title>t</title><script src="/leadkit.js"></script><script src="/leadkit.js"></script><leadkit-form endpoint="/" form="demo"></leadkit-form>',
      }),
    );
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(`${site.origin}/test/double-script.html`);
    await page.getByRole('textbox', { name: /^name/i }).waitFor();
    const api = await page.evaluate(() => {
      const leadKit = (window as unknown as { LeadKit?: Record<string, unknown> }).LeadKit;
      return {
        version: typeof leadKit?.version,
        signal: typeof leadKit?.signal,
        identify: typeof leadKit?.identify,
        forms: document.querySelectorAll('leadkit-form').length,
        defined: customElements.get('leadkit-form') !== undefined,
      };
    });
    expect(api).toEqual({
      version: 'string',
      signal: 'function',
      identify: 'function',
      forms: 1,
      defined: true,
    });
    expect(await page.getByRole('textbox', { name: /^name/i }).count()).toBe(1);
    expect(errors).toEqual([]);
  });

  it('a lead sent with the keyboard appears on the leads page after typing the admin token', async () => {
    const email = `demo-${Date.now()}@example.com`;
    await page.goto(`${site.origin}/marketer/`);
    await page.getByRole('textbox', { name: /^name/i }).waitFor();
    await fillWithKeyboard(page, { name: 'Dana Demo', email, message: 'From the demo' });
    await page.getByText('Thank you — your message has been sent.').first().waitFor({ timeout: 10_000 });

    await page.goto(`${site.origin}/leads/`);
    await page.getByLabel('Admin token').focus();
    await page.keyboard.type(site.adminToken);
    await page.keyboard.press('Enter');
    const row = page.getByRole('row').filter({ hasText: email });
    await row.waitFor({ timeout: 10_000 });
    expect(await row.textContent()).toContain('name: Dana Demo');
    expect(await row.textContent()).toContain('v1, granted');
    // The token is kept for this tab only, and never in the URL.
    const kept = await page.evaluate((token) => {
      const holds = (storage: Storage) =>
        Object.keys(storage).some((key) => storage.getItem(key)?.includes(token));
      return {
        session: holds(sessionStorage),
        local: holds(localStorage),
        url: location.href.includes(token),
      };
    }, site.adminToken);
    expect(kept).toEqual({ session: true, local: false, url: false });
    expect(await runAxe(page)).toEqual([]);
    await page.screenshot({ path: `${screenshotDir}demo-leads-1280x800.png`, fullPage: true });
  });

  it('the leads page says so when the token is wrong', async () => {
    await page.goto(`${site.origin}/leads/`);
    await page.getByLabel('Admin token').fill('not-the-token');
    await page.getByRole('button', { name: 'Show leads' }).click();
    await page.getByText('The proxy refused that token.').waitFor({ timeout: 10_000 });
    expect(await page.getByRole('table').isVisible()).toBe(false);
  });

  it('the React app sets props after mount and hears the events', async () => {
    await page.goto(`${site.origin}/spa/#/contact`);
    const form = page.locator('leadkit-form');
    await form.getByRole('textbox', { name: /^email/i }).waitFor({ timeout: 10_000 });
    await page.getByRole('log').getByText('leadkit:ready').first().waitFor();

    await page.getByLabel('Language').selectOption('de');
    await form.getByRole('textbox', { name: /^e-mail/i }).waitFor({ timeout: 5_000 });
    // German sentences come from the SPA's proxy, fetched again when the locale changes.
    await form.getByRole('button', { name: 'Senden' }).waitFor({ timeout: 5_000 });
    await page.getByLabel('Language').selectOption('en');
    await form.getByRole('button', { name: 'Send' }).waitFor({ timeout: 5_000 });
    await page.getByLabel('Theme').selectOption('dark');

    await fillDemoForm(form, { name: 'Rhea React', email: `spa-${Date.now()}@example.com` });
    await page.getByRole('log').getByText('leadkit:success').waitFor({ timeout: 10_000 });
    expect(await runAxe(page)).toEqual([]);
    expect(await getCspViolations(page)).toEqual([]);
    await page.screenshot({ path: `${screenshotDir}demo-spa-1280x800.png`, fullPage: true });

    await page.getByRole('link', { name: 'Home' }).click();
    await page.getByRole('heading', { name: 'Welcome' }).waitFor();
    expect(await page.locator('leadkit-form').count()).toBe(0);
  });
});
