/**
 * Real headless Chromium for the browser tests and the load benchmark: Debian's `chromium`
 * driven by playwright-core (no browser download). When it is missing, the suites skip with
 * `CHROMIUM_MISSING` as the printed reason.
 */
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';

/** Where Debian installs Chromium; `CHROMIUM_PATH` overrides it. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Why the browser suites skip, or null when Chromium is there. */
export const CHROMIUM_MISSING: string | null = existsSync(CHROMIUM_PATH)
  ? null
  : `browser tests skipped: no Chromium at ${CHROMIUM_PATH} (apt-get install chromium, or set CHROMIUM_PATH)`;

if (CHROMIUM_MISSING) console.warn(CHROMIUM_MISSING);

/**
 * Launches headless Chromium with the flags CI needs, plus `extraArgs` (e.g. a
 * `--host-resolver-rules` that gives a test site a host name: tracking links refuse IP literals).
 */
export function launchChromium(extraArgs: string[] = []): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    // No sandbox as root in CI; no GPU; and none of Chromium's own traffic (updates, sync,
    // QUIC probes), which this machine's closed network refuses and which would skew the
    // request counts of the load benchmark.
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-quic',
      '--no-first-run',
      ...extraArgs,
    ],
    timeout: 30_000,
  });
}

/** The WCAG 2.2 AA rule tags the suites run axe-core with. */
export const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/**
 * A context whose pages carry axe-core and record CSP violations. Both are added as init
 * scripts, which the DevTools protocol runs outside the page's CSP, so they cannot cause a
 * violation themselves.
 */
export async function newTestContext(
  browser: Browser,
  options: { viewport?: { width: number; height: number }; locale?: string; offline?: boolean } = {},
): Promise<BrowserContext> {
  const context = await browser.newContext({
    viewport: options.viewport ?? { width: 1280, height: 800 },
    locale: options.locale ?? 'en-US',
    timezoneId: 'Europe/Berlin',
    serviceWorkers: 'block',
  });
  await context.addInitScript({ content: axeSource });
  await context.addInitScript(() => {
    const violations: string[] = [];
    (window as unknown as { __cspViolations: string[] }).__cspViolations = violations;
    document.addEventListener('securitypolicyviolation', (event) => {
      violations.push(
        `${event.effectiveDirective} blocked ${event.blockedURI || '(inline)'} at ${event.sourceFile}:${event.lineNumber}`,
      );
    });
  });
  return context;
}

/** The CSP violations the page reported so far. */
export function getCspViolations(page: Page): Promise<string[]> {
  return page.evaluate(() => (window as unknown as { __cspViolations?: string[] }).__cspViolations ?? []);
}

/** One axe-core violation, reduced to what a failing assertion should print. */
export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  targets: string[];
}

/** Runs axe-core on the whole page (open shadow roots included) with the WCAG 2.2 AA tags. */
export async function runAxe(page: Page): Promise<AxeViolation[]> {
  return page.evaluate(async (tags) => {
    const axe = (
      window as unknown as {
        axe: {
          run: (
            context: Document,
            options: unknown,
          ) => Promise<{
            violations: Array<{
              id: string;
              impact: string | null;
              help: string;
              nodes: Array<{ target: unknown[] }>;
            }>;
          }>;
        };
      }
    ).axe;
    const result = await axe.run(document, {
      runOnly: { type: 'tag', values: tags },
      resultTypes: ['violations'],
    });
    return result.violations.map((violation) => ({
      id: violation.id,
      impact: violation.impact,
      help: violation.help,
      targets: violation.nodes.map((node) => JSON.stringify(node.target)),
    }));
  }, AXE_TAGS);
}
