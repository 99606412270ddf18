/**
 * Strict CSP: with every response carrying `Content-Security-Policy: default-src 'self'`, the
 * demo pages and the form work and the browser reports no violation — no inline script or
 * style, no eval, no foreign origin.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { CHROMIUM_MISSING, getCspViolations, launchChromium, newTestContext } from './chromium';
import { fillDemoForm } from './fill-demo-form';
import { startTestSite, type TestSite } from './test-site';

describe.skipIf(CHROMIUM_MISSING !== null)("pages under Content-Security-Policy: default-src 'self'", () => {
  let site: TestSite;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let consoleViolations: string[];

  beforeAll(async () => {
    site = await startTestSite({ csp: true });
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await site?.close();
  });
  beforeEach(async () => {
    context = await newTestContext(browser);
    page = await context.newPage();
    consoleViolations = [];
    page.on('console', (message) => {
      if (/Content Security Policy/i.test(message.text())) consoleViolations.push(message.text());
    });
  });
  afterEach(async () => {
    await context?.close();
  });

  it('the page is really served with the policy, and a violation would be seen', async () => {
    const response = await page.goto(`${site.origin}/marketer/`);
    expect(response?.headers()['content-security-policy']).toBe("default-src 'self'");
    await page.evaluate(() => {
      const style = document.createElement('style');
      style.textContent = 'body { color: red }';
      document.head.append(style);
    });
    await expect.poll(() => getCspViolations(page), { timeout: 5_000 }).toHaveLength(1);
  });

  it('the marketer page renders the form and sends a lead with no violation', async () => {
    const email = `csp-${Date.now()}@example.com`;
    await page.goto(`${site.origin}/marketer/`);
    await fillDemoForm(page, { name: 'Cleo CSP', email });
    await page.getByText('Thank you — your message has been sent.').first().waitFor({ timeout: 10_000 });
    expect((await site.listLeads()).filter((lead) => lead.fields.email === email)).toHaveLength(1);
    expect(await getCspViolations(page)).toEqual([]);
    expect(consoleViolations).toEqual([]);
  });

  it.each([
    '/',
    '/two-forms/',
    '/booking/',
    '/form-booking/',
    '/spa/#/contact',
    '/spa/#/quote',
    '/leads/',
    '/signals/',
  ])('%s loads with no violation', async (path) => {
    await page.goto(`${site.origin}${path}`);
    await page.waitForLoadState('networkidle');
    if (path === '/booking/')
      await page
        .getByRole('gridcell', { name: /times? available$/ })
        .first()
        .waitFor();
    else if (path !== '/' && path !== '/leads/')
      await page.getByRole('textbox', { name: /^name/i }).first().waitFor();
    if (path === '/two-forms/') await page.getByRole('button', { name: 'Dark' }).click();
    expect(await getCspViolations(page)).toEqual([]);
    expect(consoleViolations).toEqual([]);
  });
});
