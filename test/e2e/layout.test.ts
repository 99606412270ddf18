/**
 * Layout in a phone (360×640) and a desktop (1280×800) viewport, Arabic right-to-left, and two
 * independent forms on one page. Screenshots are kept in test-results/screenshots/ as
 * artefacts for a person to look at.
 */
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM_MISSING, launchChromium, newTestContext, runAxe } from './chromium';
import { fillDemoForm } from './fill-demo-form';
import { startTestSite, type TestSite } from './test-site';

const screenshotDir = fileURLToPath(new URL('../../test-results/screenshots/', import.meta.url));
const VIEWPORTS = [
  { width: 360, height: 640 },
  { width: 1280, height: 800 },
];

/** Sizes of the form's interactive controls (inside its shadow root), for the 24 px target rule. */
function getTargetSizes(form: Locator): Promise<{ what: string; width: number; height: number }[]> {
  return form.evaluate((host) =>
    [...(host.shadowRoot?.querySelectorAll('input:not([type=hidden]), select, textarea, button') ?? [])]
      .filter(
        (control) =>
          (control as HTMLElement).offsetParent !== null && control.getAttribute('tabindex') !== '-1',
      )
      .map((control) => {
        const box = control.getBoundingClientRect();
        return {
          what: `${control.tagName.toLowerCase()}[name=${control.getAttribute('name') ?? ''}]`,
          width: box.width,
          height: box.height,
        };
      }),
  );
}

describe.skipIf(CHROMIUM_MISSING !== null)('layout, RTL and two forms in Chromium', () => {
  let site: TestSite;
  let browser: Browser;
  const contexts: BrowserContext[] = [];

  async function openPage(viewport = { width: 1280, height: 800 }): Promise<Page> {
    const context = await newTestContext(browser, { viewport });
    contexts.push(context);
    return context.newPage();
  }

  beforeAll(async () => {
    mkdirSync(screenshotDir, { recursive: true });
    site = await startTestSite();
    browser = await launchChromium();
  });
  afterEach(async () => {
    await Promise.all(contexts.splice(0).map((context) => context.close()));
  });
  afterAll(async () => {
    await browser?.close();
    await site?.close();
  });

  it.each(VIEWPORTS)(
    'marketer page at $width×$height: fits, targets ≥ 24 px, screenshot kept',
    async (viewport) => {
      const page = await openPage(viewport);
      await page.goto(`${site.origin}/marketer/`);
      await page.getByRole('textbox', { name: /^name/i }).waitFor();
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
        viewport.width,
      );
      const targets = await getTargetSizes(page.locator('leadkit-form'));
      expect(targets.length).toBeGreaterThanOrEqual(5);
      expect(targets.filter((target) => target.width < 24 || target.height < 24)).toEqual([]);
      await page.screenshot({
        path: `${screenshotDir}marketer-${viewport.width}x${viewport.height}.png`,
        fullPage: true,
      });
      await page.getByRole('button', { name: /^send/i }).click();
      await page.getByText('Please fill in this field.').first().waitFor();
      await page.screenshot({
        path: `${screenshotDir}marketer-invalid-${viewport.width}x${viewport.height}.png`,
        fullPage: true,
      });
    },
  );

  it('two forms on one page are independent', async () => {
    const page = await openPage();
    await page.goto(`${site.origin}/two-forms/`);
    const left = page.locator('#callback-form');
    const right = page.locator('#quote-form');
    const email = `left-${Date.now()}@example.com`;
    await fillDemoForm(left, { name: 'Lena Left', email });
    await left.getByText('Thank you — your message has been sent.').first().waitFor({ timeout: 10_000 });

    // The other form is untouched: still editing, its prefill intact, no success message.
    expect(await right.getByRole('textbox', { name: /^name/i }).inputValue()).toBe('');
    expect(await right.getByRole('textbox', { name: /^message/i }).inputValue()).toBe(
      'I would like a quote for …',
    );
    expect(await right.getByText('Thanks — your quote request is in.').count()).toBe(0);
    const leads = (await site.listLeads()).filter((lead) => lead.fields.email === email);
    expect(leads).toHaveLength(1);
    expect(leads[0]?.hidden).toEqual({ campaign: 'two-forms-left' });

    const rightEmail = `right-${Date.now()}@example.com`;
    await fillDemoForm(right, { name: 'Rui Right', email: rightEmail });
    await right.getByText('Thanks — your quote request is in.').first().waitFor({ timeout: 10_000 });
    const rightLead = (await site.listLeads()).find((lead) => lead.fields.email === rightEmail);
    expect(rightLead?.hidden).toEqual({ campaign: 'two-forms-right' });
    expect(rightLead?.fields.message).toBe('I would like a quote for …');
  });

  it.each(VIEWPORTS)(
    'Arabic at $width×$height: right-to-left, phone left-to-right, no axe violation',
    async (viewport) => {
      const page = await openPage(viewport);
      await page.goto(`${site.origin}/two-forms/`);
      await page.getByRole('button', { name: 'العربية (RTL)' }).click();
      const form = page.locator('#callback-form');
      await form.getByRole('textbox', { name: /^الاسم/ }).waitFor({ timeout: 10_000 });
      const directions = await form.evaluate((host) => {
        const root = host.shadowRoot;
        const formElement = root?.querySelector('form');
        const phone = root?.querySelector('input[type=tel]');
        return {
          form: formElement ? getComputedStyle(formElement).direction : null,
          phone: phone ? getComputedStyle(phone).direction : null,
        };
      });
      expect(directions).toEqual({ form: 'rtl', phone: 'ltr' });
      // The form's own sentences are not in the bundle: they came with the definition.
      await form.getByRole('button', { name: 'إرسال' }).waitFor({ timeout: 5_000 });
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
        viewport.width,
      );
      expect(await runAxe(page)).toEqual([]);
      await page.screenshot({
        path: `${screenshotDir}two-forms-ar-${viewport.width}x${viewport.height}.png`,
        fullPage: true,
      });
    },
  );

  it('dark theme switch applies after mount; screenshot kept', async () => {
    const page = await openPage();
    await page.goto(`${site.origin}/two-forms/`);
    const form = page.locator('#quote-form');
    await form.getByRole('textbox', { name: /^name/i }).waitFor();
    // The theme's custom property as the form's own part sees it, so a theme that styles a
    // transparent host still counts.
    const readBackground = () =>
      form.evaluate((host) => {
        const formElement = host.shadowRoot?.querySelector('[part~="form"]') ?? host;
        return getComputedStyle(formElement).getPropertyValue('--lk-bg').trim();
      });
    const lightBackground = await readBackground();
    await page.getByRole('button', { name: 'Dark' }).click();
    await expect.poll(readBackground).not.toBe(lightBackground);
    expect(await runAxe(page)).toEqual([]);
    await page.screenshot({ path: `${screenshotDir}two-forms-dark-1280x800.png`, fullPage: true });
  });
});
