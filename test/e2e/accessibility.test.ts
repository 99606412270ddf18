/**
 * axe-core (WCAG 2.0/2.1/2.2 A and AA rules) reports no violation in any state of
 * `<leadkit-form>`: loading, load failed, editing, invalid, sending, sent, saved offline and
 * failed. Slow or failing answers are staged by intercepting the page's requests, so the
 * states are reached deterministically.
 */
import type { Browser, BrowserContext, Page, Route } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { CHROMIUM_MISSING, launchChromium, newTestContext, runAxe } from './chromium';
import { fillDemoForm } from './fill-demo-form';
import { startTestSite, type TestSite } from './test-site';

/** A request held until the test releases it. */
function holdRequests(
  page: Page,
  pattern: string,
): Promise<{ released: Promise<void>; release: () => void }> {
  let release = () => {};
  const released = new Promise<void>((resolve) => {
    release = resolve;
  });
  return page
    .route(pattern, async (route: Route) => {
      await released;
      await route.continue().catch(() => {});
    })
    .then(() => ({ released, release }));
}

describe.skipIf(CHROMIUM_MISSING !== null)(
  'accessibility of every <leadkit-form> state (axe-core, WCAG 2.2 AA)',
  () => {
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

    it('loading and editing', async () => {
      const held = await holdRequests(page, '**/v1/forms/demo');
      await page.goto(`${site.origin}/marketer/`);
      await page.getByText('Loading the form…').first().waitFor({ timeout: 10_000 });
      expect(await runAxe(page)).toEqual([]);
      held.release();
      await page.getByRole('textbox', { name: /^name/i }).waitFor();
      expect(await runAxe(page)).toEqual([]);
    });

    it('load failed, with a retry button', async () => {
      await page.route('**/v1/forms/demo', (route) =>
        route.fulfill({
          status: 404,
          contentType: 'application/json',
          body: '{"error":{"code":"not_found","message":"No such form."}}',
        }),
      );
      await page.goto(`${site.origin}/marketer/`);
      await page.getByText('The form could not be loaded.').first().waitFor({ timeout: 10_000 });
      await page.getByRole('button', { name: 'Try again' }).waitFor();
      expect(await runAxe(page)).toEqual([]);
    });

    it('invalid: errors bound to their fields', async () => {
      await page.goto(`${site.origin}/marketer/`);
      await fillDemoForm(page, { name: '', email: 'not-an-email', consent: false });
      await page
        .getByText('Enter an email address such as name@example.com.')
        .first()
        .waitFor({ timeout: 5_000 });
      expect(await runAxe(page)).toEqual([]);
    });

    it('sending, then sent', async () => {
      const held = await holdRequests(page, '**/v1/forms/demo/leads');
      await page.goto(`${site.origin}/marketer/`);
      await fillDemoForm(page, { name: 'Ada Axe', email: `axe-${Date.now()}@example.com` });
      await page.getByText('Sending…').first().waitFor({ timeout: 5_000 });
      expect(await runAxe(page)).toEqual([]);
      held.release();
      await page.getByText('Thank you — your message has been sent.').first().waitFor({ timeout: 10_000 });
      expect(await runAxe(page)).toEqual([]);
    });

    it('saved offline', async () => {
      await page.goto(`${site.origin}/marketer/`);
      await page.getByRole('textbox', { name: /^name/i }).waitFor();
      await context.setOffline(true);
      await fillDemoForm(page, { name: 'Otto Offline', email: `axe-offline-${Date.now()}@example.com` });
      await page
        .getByText('Saved — it will be sent when you are back online.')
        .first()
        .waitFor({ timeout: 10_000 });
      expect(await runAxe(page)).toEqual([]);
    });

    it('failed, with the entries kept', async () => {
      await page.route('**/v1/forms/demo/leads', (route) =>
        route.fulfill({
          status: 403,
          contentType: 'application/json',
          body: '{"error":{"code":"forbidden_origin","message":"Origin not allowed."}}',
        }),
      );
      await page.goto(`${site.origin}/marketer/`);
      await fillDemoForm(page, { name: 'Fay Failed', email: `axe-failed-${Date.now()}@example.com` });
      await page
        .getByText('Sending failed. Your entries are kept; please try again.')
        .first()
        .waitFor({ timeout: 10_000 });
      expect(await page.getByRole('textbox', { name: /^name/i }).inputValue()).toBe('Fay Failed');
      expect(await runAxe(page)).toEqual([]);
    });
  },
);
