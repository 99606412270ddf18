/**
 * Form → instant booking and two pickers on one page, in real Chromium against the real proxy's
 * embedded default (form `demo-booking` names calendar `demo`), every page under exactly
 * `default-src 'self'`: the demo page /form-booking/ is filled, sent and booked with the
 * keyboard alone — the calendar's free times load while the visitor types, and the booking
 * asks nothing the lead said and is linked to it; two pickers keep their own month, focus and
 * choice. axe-core finds nothing in any step; screenshots at 360×640 and 1280×800 go to
 * test/e2e/artifacts/ (not committed; look at them).
 */
import { mkdirSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM_MISSING, getCspViolations, launchChromium, newTestContext, runAxe } from './chromium';
import { fillWithKeyboard, getFocused } from './keyboard-fill';
import { startTestSite, type TestSite } from './test-site';

const ARTIFACTS = new URL('./artifacts/', import.meta.url).pathname;
/** A time in the picker's list, as its text starts. */
const TIME = /^\d{1,2}:\d\d/;
const VIEWPORTS = [
  { width: 360, height: 640 },
  { width: 1280, height: 800 },
];

/** Presses Tab until the focused element (through shadow roots) passes `test`. */
async function tabUntil(
  page: Page,
  what: string,
  test: (f: Awaited<ReturnType<typeof getFocused>>) => boolean,
) {
  for (let i = 0; i < 30; i += 1) {
    await page.keyboard.press('Tab');
    if (test(await getFocused(page))) return;
  }
  throw new Error(`Tab never reached ${what}`);
}

describe.skipIf(CHROMIUM_MISSING !== null)('form → instant booking, and two pickers, in Chromium', () => {
  let site: TestSite;
  let browser: Browser;

  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    site = await startTestSite({ csp: true });
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await site?.close();
  });

  it.each(VIEWPORTS)(
    'sends the form and books a time in one flow, keyboard only, at $width×$height',
    async (viewport) => {
      const context = await newTestContext(browser, { viewport, locale: 'en-GB' });
      const page = await context.newPage();
      const name = `Jane Flow ${viewport.width}`;
      try {
        const requests: string[] = [];
        page.on('request', (request) =>
          requests.push(`${request.method()} ${new URL(request.url()).pathname}`),
        );
        await page.goto(`${site.origin}/form-booking/`);
        await page.getByRole('textbox', { name: /^name/i }).waitFor({ timeout: 10_000 });
        expect(requests.some((r) => r.endsWith('/availability'))).toBe(false);
        expect(await runAxe(page)).toEqual([]);

        await fillWithKeyboard(
          page,
          {
            name,
            email: `jane.${viewport.width}@example.com`,
            phone: '+49 151 12345678',
            message: 'A check-up',
          },
          { submit: false },
        );
        // While the visitor was typing, the calendar's free times were fetched; nothing is shown yet.
        await expect
          .poll(() => requests.some((r) => r.endsWith('/availability')), { timeout: 10_000 })
          .toBe(true);
        expect(await page.getByRole('grid').count()).toBe(0);
        await page.screenshot({
          path: `${ARTIFACTS}form-booking-form-${viewport.width}.png`,
          fullPage: true,
        });
        await page.keyboard.press('Enter');

        const sent = page.getByText('Thank you', { exact: false }).first();
        await sent.waitFor({ timeout: 10_000 });
        const grid = page.getByRole('grid');
        await grid.waitFor({ timeout: 10_000 });
        await expect.poll(() => grid.getAttribute('aria-busy'), { timeout: 10_000 }).toBeNull();
        expect(await page.getByRole('heading', { name: 'Choose a time' }).count()).toBe(1);
        expect(await runAxe(page)).toEqual([]);
        await page.screenshot({
          path: `${ARTIFACTS}form-booking-picker-${viewport.width}.png`,
          fullPage: true,
        });
        // The free times were asked for before the lead went out.
        expect(requests.findIndex((r) => r.endsWith('/availability'))).toBeLessThan(
          requests.indexOf('POST /v1/forms/demo-booking/leads'),
        );

        await tabUntil(page, 'a day of the grid', (f) => f?.tag === 'td');
        await page.keyboard.press('Enter');
        await expect.poll(async () => (await getFocused(page))?.text).toMatch(TIME);
        await page.keyboard.press('Enter');
        await expect.poll(async () => (await getFocused(page))?.text).toBe('Confirm your booking');
        // No second form: name, email, phone, message and consent are the lead's.
        expect(await page.getByRole('textbox').count()).toBe(0);
        expect(await page.getByRole('checkbox').count()).toBe(0);
        expect(await runAxe(page)).toEqual([]);
        await page.screenshot({
          path: `${ARTIFACTS}form-booking-details-${viewport.width}.png`,
          fullPage: true,
        });

        await tabUntil(page, 'Book', (f) => f?.tag === 'button' && f.text === 'Book');
        await page.keyboard.press('Enter');
        await page.locator('p', { hasText: 'You are booked.' }).waitFor({ timeout: 10_000 });
        await expect.poll(async () => (await getFocused(page))?.text).toBe('You are booked.');
        expect(await runAxe(page)).toEqual([]);
        await page.screenshot({
          path: `${ARTIFACTS}form-booking-booked-${viewport.width}.png`,
          fullPage: true,
        });

        // One lead, the form's; the booking is linked to it (no second lead was made).
        const leads = (await site.listLeads()).filter((lead) => lead.fields.name === name);
        expect(leads.map((lead) => lead.form)).toEqual(['demo-booking']);
        const manageUrl = await page.getByRole('link', { name: 'Reschedule or cancel' }).getAttribute('href');
        const booking = (await (
          await fetch(new URL((manageUrl ?? '').replace('/manage/', '/v1/bookings/'), site.origin), {
            signal: AbortSignal.timeout(5_000),
          })
        ).json()) as { leadId: string; status: string };
        expect(booking).toMatchObject({ leadId: leads[0]?.id, status: 'confirmed' });
        expect(await getCspViolations(page)).toEqual([]);
      } finally {
        await context.close();
      }
    },
    60_000,
  );

  it.each(VIEWPORTS)(
    'two pickers on one page keep their own month, focus and choice, at $width×$height',
    async (viewport) => {
      const context = await newTestContext(browser, { viewport, locale: 'en-GB' });
      const page = await context.newPage();
      try {
        const url = `${site.origin}/e2e/two-pickers.html`;
        await page.route(url, (route) =>
          route.fulfill({
            status: 200,
            headers: {
              'content-type': 'text/html; charset=utf-8',
              'content-security-policy': "default-src 'self'",
            },
            body: `<!doctype html><html lang="en-GB"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Two pickers</title><script src="/leadkit.js" defer></script></head><body><main><h1>Two pickers</h1><section aria-labelledby="a-title"><h2 id="a-title">In Berlin, 30 minutes</h2><leadkit-slot-picker id="a" endpoint="/" calendar="demo" timezone="Europe/Berlin"></leadkit-slot-picker></section><section aria-labelledby="b-title"><h2 id="b-title">In New York, an hour</h2><leadkit-slot-picker id="b" endpoint="/" calendar="demo" timezone="America/New_York" duration="60"></leadkit-slot-picker></section></main></body></html>`,
          }),
        );
        const heard: Array<{ id: string; start: string; end: string; timezone: string }> = [];
        await page.exposeFunction('recordSlot', (entry: (typeof heard)[number]) => heard.push(entry));
        await page.addInitScript(() => {
          document.addEventListener('leadkit:slot-selected', (event) => {
            const { start, end, timezone } = (event as CustomEvent).detail;
            (window as unknown as { recordSlot: (e: unknown) => void }).recordSlot({
              id: (event.target as Element).id,
              start,
              end,
              timezone,
            });
          });
        });
        await page.goto(url);
        const grids = page.getByRole('grid');
        await expect.poll(() => grids.count(), { timeout: 10_000 }).toBe(2);
        for (const grid of await grids.all())
          await expect.poll(() => grid.getAttribute('aria-busy'), { timeout: 10_000 }).toBeNull();
        expect(await runAxe(page)).toEqual([]);
        const state = (id: string) =>
          page.evaluate((host) => {
            const root = document.getElementById(host)?.shadowRoot;
            return {
              month: root?.querySelector('.month-title')?.textContent ?? '',
              roving: root?.querySelector('td[tabindex="0"]')?.getAttribute('data-date') ?? '',
              selected: (document.getElementById(host) as unknown as { selected?: { start: string } })
                .selected?.start,
            };
          }, id);
        const before = { a: await state('a'), b: await state('b') };

        // Picker A: into its grid; Page Down shows its next month and leaves B alone; back, and
        // its preselected day's first time is chosen.
        await tabUntil(page, "picker A's grid", (f) => f?.tag === 'td' && f.hostId === 'a');
        if (Number(before.a.roving.slice(8)) <= 28) {
          await page.keyboard.press('PageDown');
          await expect.poll(async () => (await state('a')).month).not.toBe(before.a.month);
          expect(await state('b')).toEqual(before.b);
          await page.keyboard.press('PageUp');
          await expect.poll(async () => (await state('a')).roving).toBe(before.a.roving);
        }
        await page.keyboard.press('Enter');
        await expect.poll(async () => (await getFocused(page))?.text).toMatch(TIME);
        await page.keyboard.press('Enter');
        await expect.poll(() => heard.length).toBe(1);
        expect(heard[0]).toMatchObject({ id: 'a', timezone: 'Europe/Berlin' });
        expect(Date.parse(heard[0]?.end ?? '') - Date.parse(heard[0]?.start ?? '')).toBe(30 * 60_000);
        expect((await state('b')).selected).toBeUndefined();
        expect(await runAxe(page)).toEqual([]);
        await page.screenshot({
          path: `${ARTIFACTS}two-pickers-a-chosen-${viewport.width}.png`,
          fullPage: true,
        });

        // Picker B: its own grid and times, in its own zone and length; A keeps its choice.
        await tabUntil(page, "picker B's grid", (f) => f?.tag === 'td' && f.hostId === 'b');
        await page.keyboard.press('Enter');
        await expect
          .poll(async () => getFocused(page))
          .toMatchObject({ hostId: 'b', text: expect.stringMatching(TIME) });
        await page.keyboard.press('Enter');
        await expect.poll(() => heard.length).toBe(2);
        expect(heard[1]).toMatchObject({ id: 'b', timezone: 'America/New_York' });
        expect(heard[1]?.start).toMatch(/-0[45]:00$/);
        expect(Date.parse(heard[1]?.end ?? '') - Date.parse(heard[1]?.start ?? '')).toBe(60 * 60_000);
        expect((await state('a')).selected).toBe(heard[0]?.start);
        expect(await runAxe(page)).toEqual([]);
        await page.screenshot({
          path: `${ARTIFACTS}two-pickers-both-chosen-${viewport.width}.png`,
          fullPage: true,
        });
        expect(await getCspViolations(page)).toEqual([]);
      } finally {
        await context.close();
      }
    },
    60_000,
  );
});
