/**
 * Widget load benchmark (part of `npm run bench`): the bundle sizes, then navigation → the form
 * interactive in headless Chromium under Lighthouse's mobile profile — 150 ms RTT, 1.6 Mbit/s
 * down, 750 kbit/s up, 4× CPU slowdown, a Moto G Power sized screen — with a cold cache, and the
 * number of requests made before the form was interactive (the page included).
 * Goal: ≤ 700 ms and ≤ 3 requests. The figures are printed, never asserted.
 *
 * "Interactive" is the form's `leadkit:ready` event with its first field in the DOM, read from
 * the page's own clock (`performance.now()`, 0 = navigation start). Throttling is DevTools'
 * (applied per request), not Lighthouse's simulation, so it is if anything pessimistic.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { formatSizeTable, measureArtefacts } from '../scripts/artefact-sizes';
import { CHROMIUM_MISSING, launchChromium } from '../test/e2e/chromium';
import { startTestSite } from '../test/e2e/test-site';

/** Lighthouse's default mobile throttling and screen (Moto G Power). */
export const MOBILE_PROFILE = {
  latencyMs: 150,
  downloadBytesPerSecond: (1.6 * 1024 * 1024) / 8,
  uploadBytesPerSecond: (750 * 1024) / 8,
  cpuSlowdown: 4,
  viewport: { width: 412, height: 823 },
  deviceScaleFactor: 1.75,
} as const;

/**
 * Runs in the page before its own scripts. Interactive = `leadkit:ready` has fired and the
 * first field is in the DOM (re-checked every 5 ms after the event, in case the render lands
 * a little later). A string, not a function: tsx would wrap a named function in a helper the
 * page does not have.
 */
const MARK_INTERACTIVE = `
  document.addEventListener('leadkit:ready', function check() {
    if (document.querySelector('leadkit-form')?.shadowRoot?.querySelector('input')) {
      window.__leadkitReady ??= performance.now();
    } else setTimeout(check, 5);
  }, { once: true });
`;

const GOAL_MS = 700;
const GOAL_REQUESTS = 3;
const RUNS = 5;
const root = fileURLToPath(new URL('..', import.meta.url));

/** One request of a load: path, when it ended (ms after navigation start) and bytes on the wire. */
export interface LoadRequest {
  path: string;
  endMs: number;
  transferBytes: number;
}

/** One cold load. `requests` counts the page's own requests; the browser's favicon fetch is kept apart. */
export interface WidgetLoadRun {
  interactiveMs: number;
  requests: LoadRequest[];
  faviconRequested: boolean;
}

/** The middle value (the mean of the two middle ones for an even count). */
export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[middle] ?? 0) : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
}

/** Builds dist/ first when the bundle or the demo is missing. */
export function ensureBuilt(): void {
  if (existsSync(`${root}dist/leadkit.js`) && existsSync(`${root}dist/demo/marketer/index.html`)) return;
  console.log('dist/ is not built: running `npm run build` first');
  const build = spawnSync('npm', ['run', 'build'], { cwd: root, stdio: 'inherit' });
  if (build.status !== 0) throw new Error('`npm run build` failed');
}

/** Measures `runs` cold loads of `path` (default the marketer page) on a fresh proxy. */
export async function measureWidgetLoad(
  options: { runs?: number; path?: string } = {},
): Promise<WidgetLoadRun[]> {
  const site = await startTestSite();
  const browser = await launchChromium();
  const results: WidgetLoadRun[] = [];
  try {
    for (let run = 0; run < (options.runs ?? RUNS); run += 1) {
      // A new context has an empty HTTP cache, so every run is a cold load.
      const context = await browser.newContext({
        viewport: MOBILE_PROFILE.viewport,
        deviceScaleFactor: MOBILE_PROFILE.deviceScaleFactor,
        isMobile: true,
        hasTouch: true,
        serviceWorkers: 'block',
      });
      await context.addInitScript({ content: MARK_INTERACTIVE });
      const page = await context.newPage();
      const cdp = await context.newCDPSession(page);
      await cdp.send('Network.enable');
      await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
      await cdp.send('Network.emulateNetworkConditions', {
        offline: false,
        latency: MOBILE_PROFILE.latencyMs,
        downloadThroughput: MOBILE_PROFILE.downloadBytesPerSecond,
        uploadThroughput: MOBILE_PROFILE.uploadBytesPerSecond,
      });
      await cdp.send('Emulation.setCPUThrottlingRate', { rate: MOBILE_PROFILE.cpuSlowdown });
      await page.goto(`${site.origin}${options.path ?? '/marketer/'}`, { timeout: 60_000 });
      await page.waitForFunction(
        () => (window as unknown as { __leadkitReady?: number }).__leadkitReady !== undefined,
        undefined,
        {
          timeout: 60_000,
        },
      );
      const measured = await page.evaluate(() => {
        const readyAt = (window as unknown as { __leadkitReady: number }).__leadkitReady;
        const navigation = performance.getEntriesByType('navigation')[0] as
          | PerformanceNavigationTiming
          | undefined;
        const entries = [
          ...(navigation ? [navigation] : []),
          ...(performance.getEntriesByType('resource') as PerformanceResourceTiming[]).filter(
            (entry) => entry.startTime <= readyAt,
          ),
        ];
        return {
          interactiveMs: readyAt,
          requests: entries.map((entry) => ({
            path: new URL(entry.name).pathname,
            endMs: entry.responseEnd,
            transferBytes: entry.transferSize,
          })),
        };
      });
      // Chromium fetches /favicon.ico on its own; no page markup asks for it, and a page that
      // names an icon would make its own request instead. It is reported, not counted.
      const requests = measured.requests.filter((request) => request.path !== '/favicon.ico');
      results.push({
        interactiveMs: measured.interactiveMs,
        requests,
        faviconRequested: requests.length !== measured.requests.length,
      });
      await context.close();
    }
  } finally {
    await browser.close();
    await site.close();
  }
  return results;
}

/** `npm run bench`'s widget part: prints the bundle sizes and the load figures. */
export async function runWidgetLoadBench(): Promise<void> {
  ensureBuilt();
  console.log('\n## Widget bundle sizes\n');
  console.log(formatSizeTable(await measureArtefacts()));
  console.log('\n## Widget load: navigation → interactive form (Lighthouse mobile profile, cold cache)\n');
  if (CHROMIUM_MISSING) {
    console.log(CHROMIUM_MISSING);
    return;
  }
  const runs = await measureWidgetLoad();
  const times = runs.map((run) => run.interactiveMs);
  const requestCount = Math.max(...runs.map((run) => run.requests.length));
  const medianMs = median(times);
  const medianRun = runs.find((run) => run.interactiveMs === medianMs) ?? runs[0];
  console.log(
    `profile: ${MOBILE_PROFILE.latencyMs} ms RTT, 1.6 Mbit/s down, 750 kbit/s up, ${MOBILE_PROFILE.cpuSlowdown}× CPU, ${MOBILE_PROFILE.viewport.width}×${MOBILE_PROFILE.viewport.height}, DevTools throttling`,
  );
  console.log(`runs: ${times.map((time) => `${Math.round(time)} ms`).join(', ')}`);
  console.log(
    `interactive: median ${Math.round(medianMs)} ms (min ${Math.round(Math.min(...times))}, max ${Math.round(Math.max(...times))}) — goal ≤ ${GOAL_MS} ms: ${medianMs <= GOAL_MS ? 'met' : 'missed'}`,
  );
  console.log(
    `requests before interactive, page included: ${requestCount} — goal ≤ ${GOAL_REQUESTS}: ${requestCount <= GOAL_REQUESTS ? 'met' : 'missed'}${runs.some((run) => run.faviconRequested) ? " (plus the browser's own /favicon.ico)" : ''}`,
  );
  for (const request of medianRun?.requests ?? []) {
    console.log(
      `  ${request.path.padEnd(20)} done at ${String(Math.round(request.endMs)).padStart(5)} ms, ${(request.transferBytes / 1024).toFixed(1)} KB on the wire`,
    );
  }
}

// `tsx bench/widget-load.ts` runs this part alone.
if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  await runWidgetLoadBench();
}
