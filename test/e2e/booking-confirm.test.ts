/**
 * `<leadkit-booking-confirm>` and the manage page in real Chromium against the real proxy's
 * embedded demo calendar, on a page under exactly `default-src 'self'`: booked with the keyboard
 * only; the race (the slot taken meanwhile) recovers through an alternative with everything
 * typed kept; the manage link cancels after a confirmation; axe-core finds nothing in any step;
 * screenshots at 360×640 and 1280×800 go to test/e2e/artifacts/.
 */
import { mkdirSync } from 'node:fs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { CHROMIUM_MISSING, getCspViolations, launchChromium, newTestContext, runAxe } from './chromium';
import { getFocused } from './keyboard-fill';
import { startTestSite, type TestSite } from './test-site';

type Slot = { start: string; end: string };
const ARTIFACTS = new URL('./artifacts/', import.meta.url).pathname;

/** Free slots of the demo calendar over the next two weeks, in Berlin time. */
async function freeSlots(site: TestSite): Promise<Slot[]> {
  const from = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
  const to = new Date(Date.now() + 15 * 86_400_000).toISOString().slice(0, 10);
  const res = await fetch(`${site.origin}/v1/calendars/demo/availability?from=${from}&to=${to}`, {
    signal: AbortSignal.timeout(5_000),
  });
  const body = (await res.json()) as { days: Array<{ slots: Slot[] }> };
  return body.days.flatMap((d) => d.slots);
}

/** Books a slot server-to-server (admin token, no Origin), as another visitor would have. */
async function bookElsewhere(site: TestSite, slot: Slot) {
  const submissionId = crypto.randomUUID();
  const res = await fetch(`${site.origin}/v1/calendars/demo/bookings`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      authorization: `Bearer ${site.adminToken}`,
      'idempotency-key': submissionId,
    },
    body: JSON.stringify({
      submissionId,
      ...slot,
      fields: { name: 'Someone Else', email: 'else@example.com' },
      consent: { granted: true, text: 'I agree to be contacted about my enquiry.', version: '1' },
    }),
    signal: AbortSignal.timeout(5_000),
  });
  expect(res.status).toBe(201);
}

/** A page on the proxy's origin with one confirm element (served through the test's router). */
async function openConfirmPage(page: Page, site: TestSite, slot: Slot) {
  const url = `${site.origin}/e2e/booking-confirm.html`;
  await page.route(url, (route) =>
    route.fulfill({
      status: 200,
      headers: {
        'content-type': 'text/html; charset=utf-8',
        'content-security-policy': "default-src 'self'",
      },
      body: `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Book</title><script src="/leadkit.js" defer></script></head><body><main><h1>Confirm your visit</h1><leadkit-booking-confirm endpoint="/" calendar="demo" timezone="America/New_York" start="${slot.start}" end="${slot.end}"></leadkit-booking-confirm></main></body></html>`,
    }),
  );
  await page.goto(url);
  await page.getByRole('textbox', { name: /^name/i }).waitFor({ timeout: 10_000 });
}

/** Tab through the element, type each field, Space the consent, Enter on Book. */
async function bookWithKeyboard(page: Page) {
  for (let step = 0; step < 30; step += 1) {
    await page.keyboard.press('Tab');
    const f = await getFocused(page);
    if (!f?.inShadow) continue;
    if (f.tag === 'button' && f.text === 'Book') {
      await page.keyboard.press('Enter');
      return;
    }
    if (f.type === 'checkbox') await page.keyboard.press('Space');
    else if (f.type === 'email') await page.keyboard.type('jane@example.com');
    else if (f.autocomplete === 'name') await page.keyboard.type('Jane Keyboard');
  }
  throw new Error('Book was never reached with Tab');
}

describe.skipIf(CHROMIUM_MISSING !== null)(
  '<leadkit-booking-confirm> in Chromium (real proxy, demo calendar)',
  () => {
    let site: TestSite;
    let browser: Browser;
    let context: BrowserContext;
    let page: Page;

    beforeAll(async () => {
      mkdirSync(ARTIFACTS, { recursive: true });
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
    });
    afterEach(async () => {
      await context?.close();
    });

    it('books with the keyboard only; success view, axe clean, screenshots; the manage link cancels', async () => {
      const [slot] = await freeSlots(site);
      if (!slot) throw new Error('the demo calendar has no free slot');
      for (const viewport of [
        { width: 360, height: 640 },
        { width: 1280, height: 800 },
      ]) {
        await page.setViewportSize(viewport);
        await openConfirmPage(page, site, slot);
        await page.screenshot({
          path: `${ARTIFACTS}booking-confirm-details-${viewport.width}.png`,
          fullPage: true,
        });
      }
      // Both zones: the visitor's (New York) and the calendar's (Berlin).
      await page.getByText('Local time of the calendar').waitFor();
      expect(await runAxe(page)).toEqual([]);
      await bookWithKeyboard(page);
      const done = page.getByText('You are booked.', { exact: true }).and(page.locator('p'));
      await done.waitFor({ timeout: 10_000 });
      expect(await runAxe(page)).toEqual([]);
      await expect.poll(async () => (await getFocused(page))?.text).toBe('You are booked.');
      await page.screenshot({ path: `${ARTIFACTS}booking-confirm-booked-1280.png`, fullPage: true });
      const ics = await page.getByRole('link', { name: /Download \.ics/ }).getAttribute('href');
      const icsText = await (await fetch(new URL(ics ?? '', site.origin))).text();
      expect(icsText).toContain('BEGIN:VEVENT');
      expect(await page.getByRole('link', { name: 'Google Calendar' }).getAttribute('href')).toMatch(
        /^https:\/\/calendar\.google\.com\/calendar\/render\?action=TEMPLATE/,
      );
      const manageUrl = await page.getByRole('link', { name: 'Reschedule or cancel' }).getAttribute('href');
      expect(manageUrl).toMatch(/\/manage\/[^/?]+\?token=/);

      // The manage page the proxy serves, under its own CSP.
      await page.goto(manageUrl ?? '');
      await page.getByRole('button', { name: 'Cancel booking' }).waitFor({ timeout: 10_000 });
      expect(await runAxe(page)).toEqual([]);
      await page.setViewportSize({ width: 360, height: 640 });
      await page.screenshot({ path: `${ARTIFACTS}booking-manage-360.png`, fullPage: true });
      await page.getByRole('button', { name: 'Cancel booking' }).focus();
      await page.keyboard.press('Enter');
      await page.getByText(/Cancel this booking\?/).waitFor();
      await expect.poll(async () => (await getFocused(page))?.text).toMatch(/Cancel this booking\?/);
      expect(await runAxe(page)).toEqual([]);
      await page.keyboard.press('Tab');
      await expect.poll(async () => (await getFocused(page))?.text).toBe('Yes, cancel it');
      await page.keyboard.press('Enter');
      await page.getByRole('heading', { name: 'This booking is cancelled.' }).waitFor({ timeout: 10_000 });
      expect(await runAxe(page)).toEqual([]);
      await page.screenshot({ path: `${ARTIFACTS}booking-manage-cancelled-360.png`, fullPage: true });
      // The slot is free again.
      expect((await freeSlots(site)).some((s) => s.start === slot.start)).toBe(true);
      expect(await getCspViolations(page)).toEqual([]);
    }, 60_000);

    it('the race: the slot is taken meanwhile; an alternative books it, everything typed kept', async () => {
      const slots = await freeSlots(site);
      const slot = slots[3];
      if (!slot) throw new Error('the demo calendar has too few free slots');
      await openConfirmPage(page, site, slot);
      await bookElsewhere(site, slot);
      await bookWithKeyboard(page);
      const told = page.locator('p', { hasText: 'this time was just taken' });
      await told.waitFor({ timeout: 10_000 });
      await expect.poll(async () => (await getFocused(page))?.text).toMatch(/just taken/);
      const alternatives = page.getByRole('list', { name: 'Free times nearby' }).getByRole('button');
      expect(await alternatives.count()).toBe(3);
      expect(await page.getByRole('textbox', { name: /^name/i }).inputValue()).toBe('Jane Keyboard');
      expect(await runAxe(page)).toEqual([]);
      await page.screenshot({ path: `${ARTIFACTS}booking-confirm-taken-1280.png`, fullPage: true });
      await page.keyboard.press('Tab');
      await page.keyboard.press('Enter');
      await expect.poll(async () => (await getFocused(page))?.text).toBe('Book');
      await page.keyboard.press('Enter');
      await page.locator('p', { hasText: 'You are booked.' }).waitFor({ timeout: 10_000 });
      expect(await getCspViolations(page)).toEqual([]);
    }, 60_000);
    it('the manage link reschedules with the picker, keyboard only, axe clean', async () => {
      const slots = await freeSlots(site);
      const slot = slots[6];
      if (!slot) throw new Error('the demo calendar has too few free slots');
      const submissionId = crypto.randomUUID();
      const res = await fetch(`${site.origin}/v1/calendars/demo/bookings`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          authorization: `Bearer ${site.adminToken}`,
          'idempotency-key': submissionId,
        },
        body: JSON.stringify({
          submissionId,
          ...slot,
          fields: { name: 'Jane Move', email: 'jane.move@example.com' },
          consent: { granted: true, text: 'I agree to be contacted about my enquiry.', version: '1' },
        }),
        signal: AbortSignal.timeout(5_000),
      });
      const created = (await res.json()) as { manageUrl: string; start: string };
      await page.goto(created.manageUrl);
      await page.getByRole('button', { name: 'Reschedule' }).focus();
      await page.keyboard.press('Enter');
      const grid = page.getByRole('grid');
      await grid.waitFor({ timeout: 10_000 });
      await expect.poll(() => grid.getAttribute('aria-busy'), { timeout: 10_000 }).toBeNull();
      expect(await runAxe(page)).toEqual([]);
      for (let i = 0; i < 20 && (await getFocused(page))?.tag !== 'td'; i += 1)
        await page.keyboard.press('Tab');
      await page.keyboard.press('Enter');
      await page.keyboard.press('ArrowDown');
      await page.keyboard.press('Enter');
      await expect.poll(async () => (await getFocused(page))?.text).toMatch(/^Move your booking to/);
      expect(await runAxe(page)).toEqual([]);
      await page.keyboard.press('Tab');
      await page.keyboard.press('Enter');
      await page.locator('p', { hasText: 'Your booking has been moved.' }).waitFor({ timeout: 10_000 });
      expect(await runAxe(page)).toEqual([]);
      await page.screenshot({ path: `${ARTIFACTS}booking-manage-moved-1280.png`, fullPage: true });
      const moved = await fetch(created.manageUrl.replace('/manage/', '/v1/bookings/'));
      expect(((await moved.json()) as { start: string }).start).not.toBe(created.start);
      expect(await getCspViolations(page)).toEqual([]);
    }, 60_000);
    it('<leadkit-booking>: picker → details → back keeps what was typed → booked, keyboard only', async () => {
      const url = `${site.origin}/e2e/booking-flow.html`;
      await page.route(url, (route) =>
        route.fulfill({
          status: 200,
          headers: {
            'content-type': 'text/html; charset=utf-8',
            'content-security-policy': "default-src 'self'",
          },
          body: '<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Book</title><script src="/leadkit.js" defer></script></head><body><main><h1>Book a visit</h1><leadkit-booking endpoint="/" calendar="demo"></leadkit-booking></main></body></html>',
        }),
      );
      await page.goto(url);
      const grid = page.getByRole('grid');
      await grid.waitFor({ timeout: 10_000 });
      await expect.poll(() => grid.getAttribute('aria-busy'), { timeout: 10_000 }).toBeNull();
      const pickSlot = async () => {
        for (let i = 0; i < 20 && (await getFocused(page))?.tag !== 'td'; i += 1)
          await page.keyboard.press('Tab');
        await page.keyboard.press('Enter');
        await page.keyboard.press('Enter');
      };
      await pickSlot();
      await expect.poll(async () => (await getFocused(page))?.text).toBe('Confirm your booking');
      await page.getByRole('textbox', { name: /^name/i }).waitFor();
      expect(await runAxe(page)).toEqual([]);
      await page.keyboard.press('Tab'); // "Change the time"
      await page.keyboard.press('Tab');
      await page.keyboard.type('Jane Flow');
      await page.keyboard.press('Shift+Tab');
      await page.keyboard.press('Enter');
      await expect.poll(async () => (await getFocused(page))?.text).toBe('Choose a time');
      await grid.waitFor();
      await pickSlot();
      await page.getByRole('textbox', { name: /^name/i }).waitFor();
      expect(await page.getByRole('textbox', { name: /^name/i }).inputValue()).toBe('Jane Flow');
      await page.getByRole('textbox', { name: /^email/i }).focus();
      await page.keyboard.type('jane.flow@example.com');
      await page.getByRole('checkbox').focus();
      await page.keyboard.press('Space');
      await page.getByRole('button', { name: 'Book' }).focus();
      await page.keyboard.press('Enter');
      await page.locator('p', { hasText: 'You are booked.' }).waitFor({ timeout: 10_000 });
      expect(await runAxe(page)).toEqual([]);
      await page.screenshot({ path: `${ARTIFACTS}booking-flow-booked-1280.png`, fullPage: true });
      expect(await getCspViolations(page)).toEqual([]);
    }, 60_000);
  },
);
