/**
 * Offline: a lead sent while the network is down is saved, the visitor is told so, and it
 * arrives exactly once — when the browser comes back online, or on the next page load.
 */
import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { CHROMIUM_MISSING, launchChromium, newTestContext } from './chromium';
import { fillDemoForm } from './fill-demo-form';
import { startTestSite, type TestSite } from './test-site';

const SAVED = 'Saved — it will be sent when you are back online.';

describe.skipIf(CHROMIUM_MISSING !== null)('offline submission of <leadkit-form> in Chromium', () => {
  let site: TestSite;
  let browser: Browser;
  let context: BrowserContext;

  const countLeads = async (email: string) =>
    (await site.listLeads()).filter((lead) => lead.fields.email === email).length;

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
  });
  afterEach(async () => {
    await context?.close();
  });

  it('saves while offline and sends once when the browser is back online', async () => {
    const page = await context.newPage();
    const email = `offline-online-${Date.now()}@example.com`;
    await page.goto(`${site.origin}/marketer/`);
    await page.getByRole('textbox', { name: /^name/i }).waitFor();
    await context.setOffline(true);
    await fillDemoForm(page, { name: 'Olive Online', email, phone: '+49 30 1234567' });
    await page.getByText(SAVED).first().waitFor({ timeout: 10_000 });
    expect(await countLeads(email)).toBe(0);

    await context.setOffline(false);
    await expect.poll(() => countLeads(email), { timeout: 15_000 }).toBe(1);
    // A reload must not send the same lead again: the queue entry is gone once accepted.
    await page.reload();
    await page.getByRole('textbox', { name: /^name/i }).waitFor();
    await page.waitForLoadState('networkidle');
    expect(await countLeads(email)).toBe(1);
    const lead = (await site.listLeads()).find((item) => item.fields.email === email);
    expect(lead?.fields.phone).toBe('+49301234567');
  });

  it('saves while offline and sends once on the next page load of the site', async () => {
    const page = await context.newPage();
    const email = `offline-reload-${Date.now()}@example.com`;
    await page.goto(`${site.origin}/marketer/`);
    await page.getByRole('textbox', { name: /^name/i }).waitFor();
    await context.setOffline(true);
    await fillDemoForm(page, { name: 'Rita Reload', email });
    await page.getByText(SAVED).first().waitFor({ timeout: 10_000 });
    await page.close();
    await context.setOffline(false);
    expect(await countLeads(email)).toBe(0);

    const next = await context.newPage();
    await next.goto(`${site.origin}/two-forms/`);
    await expect.poll(() => countLeads(email), { timeout: 15_000 }).toBe(1);
    await next.reload();
    await next.waitForLoadState('networkidle');
    expect(await countLeads(email)).toBe(1);
  });
});
