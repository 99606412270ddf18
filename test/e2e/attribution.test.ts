/**
 * Attribution and prefill across real page loads: the campaign of the first landing page and
 * of the latest one are kept first-party and ride along with a lead sent pages later; field
 * values in the page URL's query prefill the form.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { CHROMIUM_MISSING, launchChromium, newTestContext } from './chromium';
import { fillDemoForm } from './fill-demo-form';
import { startTestSite, type TestSite } from './test-site';

describe.skipIf(CHROMIUM_MISSING !== null)('attribution and prefill in Chromium', () => {
  let site: TestSite;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;

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
    page = await context.newPage();
  });
  afterEach(async () => {
    await context?.close();
  });

  it('keeps first and last touch across pages and sends them with the lead', async () => {
    await page.goto(
      `${site.origin}/two-forms/?utm_source=google&utm_medium=cpc&utm_campaign=spring&gclid=abc123`,
    );
    await page.getByRole('textbox', { name: /^name/i }).first().waitFor();
    await page.goto(`${site.origin}/spa/?utm_source=newsletter&utm_medium=email#/`);
    await page.getByRole('heading', { name: 'Welcome' }).waitFor();
    await page.goto(`${site.origin}/`);
    await page.goto(`${site.origin}/marketer/`);
    const email = `attribution-${Date.now()}@example.com`;
    await fillDemoForm(page, { name: 'Ava Attribution', email });
    await page.getByText('Thank you — your message has been sent.').first().waitFor({ timeout: 10_000 });

    const lead = (await site.listLeads()).find((item) => item.fields.email === email);
    expect(lead?.attribution.first).toMatchObject({
      utm_source: 'google',
      utm_medium: 'cpc',
      utm_campaign: 'spring',
      gclid: 'abc123',
      landingPage: expect.stringContaining('/two-forms/'),
    });
    expect(lead?.attribution.last).toMatchObject({
      utm_source: 'newsletter',
      utm_medium: 'email',
      landingPage: expect.stringContaining('/spa/'),
    });
    expect(lead?.context.pageUrl).toContain('/marketer/');
  });

  it('prefills fields from the page URL query', async () => {
    await page.goto(`${site.origin}/marketer/?name=Quinn%20Query&email=quinn%40example.com`);
    await page.getByRole('textbox', { name: /^name/i }).waitFor();
    await expect.poll(() => page.getByRole('textbox', { name: /^name/i }).inputValue()).toBe('Quinn Query');
    expect(await page.getByRole('textbox', { name: /^email/i }).inputValue()).toBe('quinn@example.com');
  });
});
