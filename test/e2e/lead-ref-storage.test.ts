/**
 * What the browser keeps, in real Chromium against the real proxy: after a real submission
 * localStorage holds the leadRef the proxy minted (opaque: no lead id in it), it survives a
 * reload and `window.LeadKit.getLeadRef()` hands it back; `window.LeadKit.forget()` clears
 * every `leadkit:*` key, including a submission waiting offline, which then never arrives.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { CHROMIUM_MISSING, launchChromium, newTestContext } from './chromium';
import { fillDemoForm } from './fill-demo-form';
import { startTestSite, type TestSite } from './test-site';

type LeadKitWindow = { LeadKit: { getLeadRef(): string | undefined; forget(): boolean } };

const leadkitKeys = (page: Page) =>
  page.evaluate(() => Object.keys(localStorage).filter((key) => key.startsWith('leadkit:')));

describe.skipIf(CHROMIUM_MISSING !== null)('lead reference and browser storage in Chromium', () => {
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

  it('keeps the leadRef the proxy minted after a real submission, across a reload', async () => {
    const email = `lead-ref-${Date.now()}@example.com`;
    await page.goto(`${site.origin}/marketer/`);
    await fillDemoForm(page, { name: 'Rhea Ref', email });
    await page.getByText('Thank you — your message has been sent.').first().waitFor({ timeout: 10_000 });

    const lead = (await site.listLeads()).find((item) => item.fields.email === email);
    expect(lead?.leadRef).toMatch(/^[A-Za-z0-9_-]{20,}$/);
    expect(lead?.leadRef).not.toContain(lead?.id);
    const stored = await page.evaluate(() => localStorage.getItem('leadkit:lead-ref'));
    expect(stored).toBe(JSON.stringify(lead?.leadRef));

    await page.reload();
    await page.getByRole('textbox', { name: /^name/i }).waitFor();
    expect(await page.evaluate(() => (window as unknown as LeadKitWindow).LeadKit.getLeadRef())).toBe(
      lead?.leadRef,
    );
    expect(await page.evaluate(() => localStorage.getItem('leadkit:queue'))).toBe('[]');
  });

  it('forgets the ref, the attribution and a submission saved offline, which is then never sent', async () => {
    const email = `forget-${Date.now()}@example.com`;
    await page.goto(`${site.origin}/marketer/?utm_source=newsletter`);
    await fillDemoForm(page, { name: 'Fern Forget', email: `first-${email}` });
    await page.getByText('Thank you — your message has been sent.').first().waitFor({ timeout: 10_000 });
    await page.reload();
    await page.getByRole('textbox', { name: /^name/i }).waitFor();
    await context.setOffline(true);
    await fillDemoForm(page, { name: 'Fern Forget', email });
    await page
      .getByText('Saved — it will be sent when you are back online.')
      .first()
      .waitFor({ timeout: 10_000 });
    expect((await leadkitKeys(page)).sort()).toEqual([
      'leadkit:attribution',
      'leadkit:lead-ref',
      'leadkit:queue',
    ]);
    expect(await page.evaluate(() => localStorage.getItem('leadkit:queue'))).toContain(email);

    expect(await page.evaluate(() => (window as unknown as LeadKitWindow).LeadKit.forget())).toBe(true);
    expect(await leadkitKeys(page)).toEqual([]);

    await context.setOffline(false);
    await page.reload();
    await page.getByRole('textbox', { name: /^name/i }).waitFor();
    await page.waitForLoadState('networkidle');
    expect((await site.listLeads()).filter((lead) => lead.fields.email === email)).toEqual([]);
    expect(
      await page.evaluate(() => (window as unknown as LeadKitWindow).LeadKit.getLeadRef()),
    ).toBeUndefined();
  });
});
