/**
 * `<leadkit-slot-picker>` in real Chromium, on the booking demo page under
 * `default-src 'self'` and the real proxy's embedded `demo` calendar: a time is picked with the
 * keyboard alone, axe-core finds nothing, and the page is photographed at a phone's and a
 * laptop's size (test/e2e/artifacts/, not committed; look at them).
 */
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM_MISSING, getCspViolations, launchChromium, newTestContext, runAxe } from './chromium';
import { startTestSite, type TestSite } from './test-site';

const artifacts = fileURLToPath(new URL('./artifacts/', import.meta.url));

/** What has focus inside the picker's shadow root: its role and accessible label. */
function pickerFocus(page: Page) {
  return page.evaluate(() => {
    const active = document.querySelector('leadkit-slot-picker')?.shadowRoot?.activeElement;
    return {
      role: active?.getAttribute('role') ?? null,
      label: active?.getAttribute('aria-label') ?? active?.textContent ?? null,
    };
  });
}

async function tabTo(page: Page, role: string): Promise<void> {
  for (let i = 0; i < 15; i++) {
    await page.keyboard.press('Tab');
    if ((await pickerFocus(page)).role === role) return;
  }
  throw new Error(`Tab never reached a ${role}`);
}

describe.skipIf(CHROMIUM_MISSING !== null)('<leadkit-slot-picker> in Chromium', () => {
  let site: TestSite;
  let browser: Browser;

  beforeAll(async () => {
    mkdirSync(artifacts, { recursive: true });
    site = await startTestSite({ csp: true });
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await site?.close();
  });

  it.each([
    { width: 1280, height: 800 },
    { width: 360, height: 640 },
  ])(
    'picks a time with the keyboard only at $width×$height, with no axe or CSP violation',
    async (viewport) => {
      const context = await newTestContext(browser, { viewport, locale: 'en-GB' });
      const page = await context.newPage();
      try {
        await page.goto(`${site.origin}/booking/`);
        const grid = page.getByRole('grid');
        await grid.waitFor({ timeout: 10_000 });
        await expect.poll(() => grid.getAttribute('aria-busy'), { timeout: 10_000 }).toBeNull();
        // The first day with free times is preselected, and named with its count (the page's `en`).
        const preselected = page.locator('leadkit-slot-picker td[aria-selected=true]');
        await expect
          .poll(() => preselected.getAttribute('aria-label'), { timeout: 10_000 })
          .toMatch(/^\w+day, \w+ \d{1,2}, \d+ times? available$/);
        expect(await runAxe(page)).toEqual([]);

        await tabTo(page, 'gridcell');
        expect((await pickerFocus(page)).label).toMatch(/available$/);
        await page.keyboard.press('Enter');
        await expect.poll(async () => (await pickerFocus(page)).role).toBe('option');
        await page.keyboard.press('ArrowDown');
        await page.keyboard.press('Enter');
        await page
          .locator('#chosen')
          .filter({ hasText: /^Chosen: \d{4}-\d\d-\d\dT\d\d:\d\d:00[+-]\d\d:\d\d \(Europe\/Berlin\)$/ })
          .waitFor();
        await page.screenshot({
          path: `${artifacts}slot-picker-${viewport.width}x${viewport.height}.png`,
          fullPage: true,
        });
        expect(await runAxe(page)).toEqual([]);

        // The zone switch: a searchable popover; choosing a zone relabels the times.
        await page.getByRole('button', { name: 'Change time zone' }).click();
        await page.getByRole('searchbox', { name: 'Search time zones' }).fill('new york');
        expect(await runAxe(page)).toEqual([]);
        await page.screenshot({
          path: `${artifacts}slot-picker-zone-${viewport.width}x${viewport.height}.png`,
          fullPage: true,
        });
        // With the keyboard: from the search box to the one match, then Enter.
        await page.keyboard.press('Tab');
        expect((await pickerFocus(page)).label).toBe('America/New York');
        await page.keyboard.press('Enter');
        await page.getByText('Times in America/New York').waitFor({ timeout: 5_000 });
        await page.locator('leadkit-slot-picker .slot-secondary').first().waitFor({ timeout: 5_000 });
        expect(await getCspViolations(page)).toEqual([]);
      } finally {
        await context.close();
      }
    },
  );
});
