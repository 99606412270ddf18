/**
 * Slot-picker benchmark (part of `npm run bench`), in headless Chromium with the CPU slowed 4×
 * through DevTools (`Emulation.setCPUThrottlingRate`, Lighthouse's mobile factor, as
 * bench/widget-load.ts) on a phone-sized screen. Figures are printed, never asserted.
 *
 * 1. Render, six weeks of slots: a `<leadkit-slot-picker>` is put into a page that has
 *    leadkit.js loaded, for a calendar bookable today and the 41 days after (bench/servers/
 *    picker-server.ts). Interactive = the grid is there, nothing in it is `aria-busy`, and the
 *    first free day's times are listed; it is read from a MutationObserver on the picker's
 *    shadow root (0 = the element was appended) and again after the next frame. No network
 *    throttling: the loopback proxy answers in a few milliseconds, and the part after its last
 *    answer is printed apart, as the picker's own work. Then "next month" with that month
 *    already fetched (the picker fetches it ahead), which is rendering alone.
 * 2. Form → booking: `leadkit:success` of a form whose config has `booking`, to an interactive
 *    picker anywhere in the page (its own element or inside the form's shadow root), this time
 *    also on Lighthouse's mobile network (150 ms RTT, 1.6 Mbit/s). Where no picker appears after
 *    the success, it says so instead of printing a figure.
 *
 * The page is not one of the demo's: Playwright answers `/bench/picker.html` on the proxy's
 * origin itself, so the widgets talk to the proxy same-origin as on the demo pages.
 */
import { fileURLToPath } from 'node:url';
import type { Browser, BrowserContext, CDPSession, Page } from 'playwright-core';
import { CHROMIUM_MISSING, launchChromium } from '../test/e2e/chromium';
import { type BenchServer, spawnBenchServer } from './spawn-server';
import { ensureBuilt, MOBILE_PROFILE, median } from './widget-load';

const RUNS = 5;

/** The bench page: leadkit.js and nothing else; the runs add the elements. */
const PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>leadkit slot-picker bench</title><script src="/leadkit.js"></script></head><body></body></html>`;

/**
 * In-page measurement, installed before the page's scripts. Strings, not functions: tsx would
 * wrap named functions in a helper the page does not have.
 *
 * A picker's shadow root is interactive when its grid is there, nothing is `aria-busy`, and
 * (`withTimes`) a time is listed. `__leadkitPicker.render` appends a picker and resolves with
 * the times; `.nextMonth` presses "next month" and waits for that month's grid;
 * `__leadkitFindPicker` looks for an interactive picker through every open shadow root.
 */
const IN_PAGE = `
  const isInteractive = (root, withTimes) => {
    const grid = root.querySelector('[role="grid"]');
    return Boolean(grid && !root.querySelector('[aria-busy="true"]') && grid.querySelector('[tabindex="0"]')
      && (!withTimes || root.querySelector('[part~="slot"]')));
  };
  const whenInteractive = (root, start, check) => new Promise((resolve, reject) => {
    let done = false;
    const finish = () => {
      if (done || !check()) return;
      done = true;
      observer.disconnect();
      const domMs = performance.now() - start;
      requestAnimationFrame(() => setTimeout(() => resolve({ domMs, paintedMs: performance.now() - start }), 0));
    };
    const observer = new MutationObserver(finish);
    observer.observe(root, { subtree: true, childList: true, attributes: true, characterData: true });
    setTimeout(() => { if (!done) { observer.disconnect(); reject(new Error('no interactive picker after 30 s')); } }, 30000);
  });
  window.__leadkitPicker = {
    async render(calendar, zone) {
      document.querySelector('leadkit-slot-picker')?.remove();
      performance.clearResourceTimings();
      const picker = document.createElement('leadkit-slot-picker');
      for (const [name, value] of [['endpoint', location.origin], ['calendar', calendar], ['timezone', zone], ['locale', 'en-GB']])
        picker.setAttribute(name, value);
      const root = picker.shadowRoot;
      const start = performance.now();
      const waiting = whenInteractive(root, start, () => isInteractive(root, true));
      document.body.append(picker);
      const times = await waiting;
      const responses = performance.getEntriesByType('resource')
        .filter((entry) => entry.name.includes('/v1/calendars/'))
        .map((entry) => ({ url: entry.name, startMs: entry.startTime - start, endMs: entry.responseEnd - start }));
      return { ...times, responses, slots: root.querySelectorAll('[part~="slot"]').length };
    },
    async nextMonth() {
      const root = document.querySelector('leadkit-slot-picker').shadowRoot;
      const title = root.querySelector('.month-title')?.textContent;
      const start = performance.now();
      const waiting = whenInteractive(root, start,
        () => root.querySelector('.month-title')?.textContent !== title && isInteractive(root, false));
      root.querySelectorAll('[part~="nav"]')[1].click();
      return waiting;
    },
  };
  window.__leadkitFindPicker = () => {
    const roots = [document];
    for (let i = 0; i < roots.length; i++) {
      const root = roots[i];
      if (root !== document && isInteractive(root, true)) return true;
      for (const element of root.querySelectorAll('*')) if (element.shadowRoot) roots.push(element.shadowRoot);
    }
    return false;
  };
  document.addEventListener('leadkit:success', () => { window.__leadkitSuccessAt ??= performance.now(); }, true);
`;

interface RenderRun {
  domMs: number;
  paintedMs: number;
  /** The calendar and availability requests answered before the picker was interactive. */
  responses: Array<{ url: string; startMs: number; endMs: number }>;
  slots: number;
}

async function openPage(
  browser: Browser,
  origin: string,
  options: { network: boolean },
): Promise<{ context: BrowserContext; page: Page; cdp: CDPSession }> {
  const context = await browser.newContext({
    viewport: MOBILE_PROFILE.viewport,
    deviceScaleFactor: MOBILE_PROFILE.deviceScaleFactor,
    isMobile: true,
    hasTouch: true,
    locale: 'en-GB',
    timezoneId: 'Europe/Berlin',
    serviceWorkers: 'block',
  });
  await context.addInitScript({ content: IN_PAGE });
  await context.route(`${origin}/bench/picker.html`, (route) =>
    route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: PAGE }),
  );
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
  if (options.network)
    await cdp.send('Network.emulateNetworkConditions', {
      offline: false,
      latency: MOBILE_PROFILE.latencyMs,
      downloadThroughput: MOBILE_PROFILE.downloadBytesPerSecond,
      uploadThroughput: MOBILE_PROFILE.uploadBytesPerSecond,
    });
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: MOBILE_PROFILE.cpuSlowdown });
  await page.goto(`${origin}/bench/picker.html`, { timeout: 60_000 });
  await page.evaluate(() => customElements.whenDefined('leadkit-slot-picker'));
  return { context, page, cdp };
}

/** The days and slots of one availability answer. */
async function countSlots(url: string): Promise<{ days: number; slots: number }> {
  const answer = await fetch(url, { signal: AbortSignal.timeout(10_000) });
  if (!answer.ok) throw new Error(`${url} answered ${answer.status}`);
  const body = (await answer.json()) as { days: Array<{ slots: unknown[] }> };
  return { days: body.days.length, slots: body.days.reduce((sum, day) => sum + day.slots.length, 0) };
}

/** The picker's first availability request: the shown month, the one its first render waits for. */
function shownMonthRequest(run: RenderRun): { url: string; endMs: number } | undefined {
  return run.responses
    .filter((response) => response.url.includes('/availability?'))
    .sort((a, b) => a.startMs - b.startMs)[0];
}

const ms = (value: number) => `${Math.round(value)} ms`;

async function benchRender(browser: Browser, server: BenchServer): Promise<void> {
  console.log(
    `\n## Slot picker: append → interactive, six weeks bookable (${MOBILE_PROFILE.cpuSlowdown}× CPU, ${MOBILE_PROFILE.viewport.width}×${MOBILE_PROFILE.viewport.height}, loopback network, median of ${RUNS})\n`,
  );
  const { context, page } = await openPage(browser, server.url, { network: false });
  try {
    for (const [calendar, zone, what] of [
      ['clinic', 'Europe/Berlin', 'clinic: weekdays 09-12 and 13-17, 30 min, shown in its own zone'],
      [
        'dense',
        'America/New_York',
        'dense: every day 07-21, 15 min, shown in another zone (both times per slot)',
      ],
    ] as const) {
      const render = () =>
        page.evaluate(
          (shown) => (window as never as BenchWindow).__leadkitPicker.render(shown.calendar, shown.zone),
          { calendar, zone },
        );
      // One unmeasured run first: the first picker of a page also compiles the widget's code.
      await render();
      const runs: RenderRun[] = [];
      for (let run = 0; run < RUNS; run += 1) runs.push(await render());
      const months: Array<{ domMs: number; paintedMs: number }> = [];
      for (let run = 0; run < RUNS; run += 1) {
        await render();
        months.push(await page.evaluate(() => (window as never as BenchWindow).__leadkitPicker.nextMonth()));
      }
      // Today in the calendar's zone (both calendars are Europe/Berlin), and the 41 days after.
      const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Berlin' }).format(new Date());
      const last = new Date(Date.parse(`${today}T12:00:00Z`) + 41 * 86_400_000).toISOString().slice(0, 10);
      const bookable = await countSlots(
        `${server.url}/v1/calendars/${calendar}/availability?from=${today}&to=${last}&tz=${zone}`,
      );
      const firstMonth = shownMonthRequest(runs[0] as RenderRun);
      const shown = firstMonth ? await countSlots(firstMonth.url) : { days: 0, slots: 0 };
      const answered = runs.map((run) => shownMonthRequest(run)?.endMs ?? 0);
      const own = runs.map((run, i) => run.domMs - (answered[i] ?? 0));
      console.log(`${what}`);
      console.log(
        `  bookable: ${bookable.days} days, ${bookable.slots} slots; the first render waits for this month's (${shown.days} days, ${shown.slots} slots) and fetches the next ahead; ${runs[0]?.slots ?? 0} times listed for the first free day`,
      );
      console.log(
        `  interactive: median ${ms(median(runs.map((run) => run.domMs)))} in the DOM, ${ms(median(runs.map((run) => run.paintedMs)))} painted (runs ${runs.map((run) => ms(run.domMs)).join(', ')})`,
      );
      console.log(
        `  of which after this month's answer (the picker's own work): median ${ms(median(own))}; the answer came at ${ms(median(answered))}`,
      );
      console.log(
        `  next month, already fetched: median ${ms(median(months.map((m) => m.domMs)))} in the DOM, ${ms(median(months.map((m) => m.paintedMs)))} painted`,
      );
    }
  } finally {
    await context.close();
  }
}

async function benchFormToBooking(browser: Browser, server: BenchServer): Promise<void> {
  console.log(
    `\n## Form → booking: leadkit:success → interactive picker (Lighthouse mobile profile: ${MOBILE_PROFILE.latencyMs} ms RTT, 1.6 Mbit/s, ${MOBILE_PROFILE.cpuSlowdown}× CPU)\n`,
  );
  const times: number[] = [];
  for (let run = 0; run < RUNS; run += 1) {
    const { context, page } = await openPage(browser, server.url, { network: true });
    try {
      await page.evaluate((endpoint) => {
        const form = document.createElement('leadkit-form');
        form.setAttribute('endpoint', endpoint);
        form.setAttribute('form', 'lead');
        document.body.append(form);
      }, server.url);
      const name = page.getByRole('textbox', { name: /^name/i });
      await name.waitFor({ timeout: 30_000 });
      await name.fill('Bench Visitor');
      await page.getByRole('textbox', { name: /^email/i }).fill(`bench-${run}@example.com`);
      await page.getByRole('button', { name: /^send/i }).click();
      await page.waitForFunction(
        () => (window as never as BenchWindow).__leadkitSuccessAt !== undefined,
        undefined,
        {
          timeout: 30_000,
        },
      );
      // A picker, wherever the flow puts it, within 10 s of the success; else there is none.
      const found = await page
        .waitForFunction(
          () => (window as never as BenchWindow).__leadkitFindPicker() && performance.now(),
          undefined,
          {
            timeout: 10_000,
            polling: 'raf',
          },
        )
        .then((handle) => handle.jsonValue() as Promise<number>)
        .catch(() => undefined);
      if (found === undefined) {
        console.log(
          'not measurable yet: the form sent its lead (leadkit:success), but no slot picker appeared within 10 s. ' +
            "This clone's <leadkit-form> does not turn into the picker after a submission (the form → booking flow of issue 17 is not here); " +
            'the measurement runs as soon as it does (bench/slot-picker.ts, BENCH_ONLY=picker).',
        );
        return;
      }
      const successAt = await page.evaluate(
        () => (window as never as BenchWindow).__leadkitSuccessAt as number,
      );
      times.push(found - successAt);
    } finally {
      await context.close();
    }
  }
  console.log(
    `success → interactive picker: median ${ms(median(times))} (min ${ms(Math.min(...times))}, max ${ms(Math.max(...times))}; runs ${times.map(ms).join(', ')}), polled every frame`,
  );
}

interface BenchWindow {
  __leadkitPicker: {
    render(calendar: string, zone: string): Promise<RenderRun>;
    nextMonth(): Promise<{ domMs: number; paintedMs: number }>;
  };
  __leadkitFindPicker(): boolean;
  __leadkitSuccessAt?: number;
}

/** `npm run bench`'s slot-picker part. */
export async function runSlotPickerBench(): Promise<void> {
  ensureBuilt();
  if (CHROMIUM_MISSING) {
    console.log(`\n## Slot picker\n\n${CHROMIUM_MISSING}`);
    return;
  }
  const server = await spawnBenchServer('picker-server.ts');
  const browser = await launchChromium();
  try {
    await benchRender(browser, server);
    await benchFormToBooking(browser, server);
  } finally {
    await browser.close();
    await server.stop();
  }
}

// `tsx bench/slot-picker.ts` runs this part alone.
if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  await runSlotPickerBench();
}
