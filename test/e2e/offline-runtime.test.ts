/**
 * The offline queue belongs to the page, not to a form: when the browser comes back online it
 * is flushed by the runtime whether a form is mounted or not (an SPA on another route), and
 * exactly once across every tab of the site.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { CHROMIUM_MISSING, launchChromium, newTestContext } from './chromium';
import { fillDemoForm } from './fill-demo-form';
import { startTestSite, type TestSite } from './test-site';

const SAVED = 'Saved — it will be sent when you are back online.';

describe.skipIf(CHROMIUM_MISSING !== null)("the offline queue is the runtime's, in Chromium", () => {
  let site: TestSite;
  let browser: Browser;
  let context: BrowserContext;
  let posts: string[];

  const countLeads = async (email: string) =>
    (await site.listLeads()).filter((lead) => lead.fields.email === email).length;

  /** Opens a page of the site that counts its lead posts and the successes `document` hears. */
  async function openPage(path: string): Promise<Page> {
    const page = await context.newPage();
    page.on('request', (request) => {
      if (request.method() === 'POST' && request.url().endsWith('/leads')) posts.push(request.url());
    });
    await page.addInitScript(() => {
      const heard: unknown[] = [];
      (window as unknown as { __successes: unknown[] }).__successes = heard;
      document.addEventListener('leadkit:success', (event) => heard.push((event as CustomEvent).detail));
    });
    await page.goto(`${site.origin}${path}`);
    return page;
  }
  const successes = (page: Page) =>
    page.evaluate(() => (window as unknown as { __successes: unknown[] }).__successes.length);

  beforeAll(async () => {
    site = await startTestSite();
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await site?.close();
  });
  beforeEach(async () => {
    context = await newTestContext(browser);
    posts = [];
  });
  afterEach(async () => {
    await context?.close();
  });

  it('sends a saved lead when the browser comes online on a route without a form', async () => {
    const page = await openPage('/marketer/');
    const email = `spa-route-${Date.now()}@example.com`;
    await page.getByRole('textbox', { name: /^name/i }).waitFor();
    await context.setOffline(true);
    await fillDemoForm(page, { name: 'Sam Spa', email });
    await page.getByText(SAVED).first().waitFor({ timeout: 10_000 });
    // The SPA goes to a route without a form: the element is removed, the script stays.
    await page.evaluate(() => {
      for (const form of document.querySelectorAll('leadkit-form')) form.remove();
    });
    await context.setOffline(false);
    await expect.poll(() => countLeads(email), { timeout: 15_000 }).toBe(1);
    await expect.poll(() => successes(page)).toBe(1);
  });

  it('two open tabs that come online together send the saved lead once', async () => {
    const first = await openPage('/marketer/');
    const email = `two-tabs-${Date.now()}@example.com`;
    await first.getByRole('textbox', { name: /^name/i }).waitFor();
    const second = await openPage('/marketer/');
    await second.getByRole('textbox', { name: /^name/i }).waitFor();
    await context.setOffline(true);
    await fillDemoForm(first, { name: 'Tess Tabs', email });
    await first.getByText(SAVED).first().waitFor({ timeout: 10_000 });
    posts.length = 0;
    await context.setOffline(false);
    await expect.poll(() => countLeads(email), { timeout: 15_000 }).toBe(1);
    await first.waitForTimeout(1_500);
    expect(posts).toHaveLength(1);
    expect((await successes(first)) + (await successes(second))).toBe(1);
  });
});
