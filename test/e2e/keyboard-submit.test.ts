/**
 * A visitor with a keyboard only: fills the marketer page's form with Tab and typing, sends it
 * with Enter, and the lead arrives once with its consent; an empty submit moves focus to the
 * first invalid field and says why.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { CHROMIUM_MISSING, getCspViolations, launchChromium, newTestContext } from './chromium';
import { fillWithKeyboard, getFocused } from './keyboard-fill';
import { startTestSite, type TestSite } from './test-site';

describe.skipIf(CHROMIUM_MISSING !== null)('keyboard-only use of <leadkit-form> in Chromium', () => {
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

  it('fills and sends the form with Tab, typing, Space and Enter; the lead arrives once', async () => {
    await page.goto(`${site.origin}/marketer/`);
    await page.getByRole('textbox', { name: /name/i }).waitFor();
    const email = `keyboard-${Date.now()}@example.com`;
    const visited = await fillWithKeyboard(page, {
      name: 'Jane Keyboard',
      email,
      phone: '+49 151 12345678',
      message: 'Sent without a mouse',
    });
    expect(visited).toEqual(expect.arrayContaining(['name', 'email', 'submit']));
    await page.getByText('Thank you — your message has been sent.').first().waitFor({ timeout: 10_000 });

    const leads = (await site.listLeads()).filter((lead) => lead.fields.email === email);
    expect(leads).toHaveLength(1);
    expect(leads[0]?.fields).toMatchObject({
      name: 'Jane Keyboard',
      phone: '+4915112345678',
      message: 'Sent without a mouse',
    });
    expect(leads[0]?.consent).toMatchObject({
      granted: true,
      text: 'I agree to be contacted about my enquiry.',
      version: '1',
    });
    expect(await getCspViolations(page)).toEqual([]);
  });

  it('does not steal focus or scroll on load', async () => {
    await page.goto(`${site.origin}/marketer/`);
    await page.getByRole('textbox', { name: /name/i }).waitFor();
    expect(await getFocused(page)).toBeNull();
    expect(await page.evaluate(() => window.scrollY)).toBe(0);
  });

  it('moves focus to the first invalid field on an empty submit and describes the error', async () => {
    const leadsBefore = (await site.listLeads()).length;
    await page.goto(`${site.origin}/marketer/`);
    await page.getByRole('textbox', { name: /name/i }).waitFor();
    await fillWithKeyboard(page, { name: '', email: '' });
    await expect.poll(async () => (await getFocused(page))?.name, { timeout: 5_000 }).toBe('name');
    const nameInput = page.getByRole('textbox', { name: /name/i });
    expect(await nameInput.getAttribute('aria-invalid')).toBe('true');
    const describedBy = await nameInput.getAttribute('aria-describedby');
    expect(describedBy).toBeTruthy();
    const description = await nameInput.evaluate((input) => {
      const root = input.getRootNode() as ShadowRoot;
      return (input.getAttribute('aria-describedby') ?? '')
        .split(/\s+/)
        .map((id) => root.getElementById(id)?.textContent?.trim() ?? '')
        .join(' ');
    });
    expect(description).toMatch(/fill in this field/i);
    expect(await site.listLeads()).toHaveLength(leadsBefore);
  });
});
