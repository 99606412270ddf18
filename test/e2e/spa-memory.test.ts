/**
 * The React demo mounts and unmounts `<leadkit-form>` 200 times on route changes (through JSX
 * and through `mount()`), and afterwards the page holds no detached form, input or listener:
 * measured with the DevTools protocol after a forced garbage collection.
 */
import type { Browser, BrowserContext, CDPSession, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM_MISSING, getCspViolations, launchChromium, newTestContext } from './chromium';
import { startTestSite, type TestSite } from './test-site';

const CYCLES = 200;

interface DomCounters {
  documents: number;
  nodes: number;
  jsEventListeners: number;
}

/** Routes in and out of a form page `count` times, waiting each time for the form to render. */
function cycleRoutes(page: Page, count: number): Promise<void> {
  return page.evaluate(async (total) => {
    const until = async (done: () => boolean) => {
      for (let tries = 0; !done(); tries += 1) {
        if (tries > 2_000) throw new Error(`timed out at ${location.hash}`);
        await new Promise((resolve) => setTimeout(resolve, 2));
      }
    };
    for (let index = 0; index < total; index += 1) {
      location.hash = index % 2 === 0 ? '#/contact' : '#/quote';
      await until(() => Boolean(document.querySelector('leadkit-form')?.shadowRoot?.querySelector('input')));
      location.hash = '#/';
      await until(() => document.querySelector('leadkit-form') === null);
    }
  }, count);
}

async function countInstances(cdp: CDPSession, prototypeExpression: string): Promise<number> {
  const { result: prototype } = await cdp.send('Runtime.evaluate', { expression: prototypeExpression });
  if (!prototype.objectId) throw new Error(`${prototypeExpression} is not an object`);
  const { objects } = await cdp.send('Runtime.queryObjects', { prototypeObjectId: prototype.objectId });
  const { result } = await cdp.send('Runtime.callFunctionOn', {
    objectId: objects.objectId,
    functionDeclaration: 'function () { return this.length; }',
    returnByValue: true,
  });
  await cdp.send('Runtime.releaseObject', { objectId: prototype.objectId });
  await cdp.send('Runtime.releaseObject', { objectId: objects.objectId ?? '' });
  return result.value as number;
}

async function measure(cdp: CDPSession): Promise<DomCounters & { forms: number; inputs: number }> {
  await cdp.send('HeapProfiler.collectGarbage');
  await cdp.send('HeapProfiler.collectGarbage');
  const counters = (await cdp.send('Memory.getDOMCounters')) as DomCounters;
  const forms = await countInstances(cdp, "customElements.get('leadkit-form').prototype");
  const inputs = await countInstances(cdp, 'HTMLInputElement.prototype');
  return { ...counters, forms, inputs };
}

describe.skipIf(CHROMIUM_MISSING !== null)('React demo: mount and unmount the form 200 times', () => {
  let site: TestSite;
  let browser: Browser;
  let context: BrowserContext;

  beforeAll(async () => {
    site = await startTestSite();
    browser = await launchChromium();
  });
  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await site?.close();
  });

  it('leaves no detached element or listener behind', async () => {
    context = await newTestContext(browser);
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send('HeapProfiler.enable');
    await page.goto(`${site.origin}/spa/#/`);
    await page.getByRole('heading', { name: 'Welcome' }).waitFor();

    // Warm up first, so caches filled on first use (fonts, the form definition, React's pools)
    // are in the baseline rather than counted as a leak.
    await cycleRoutes(page, 4);
    const before = await measure(cdp);
    await cycleRoutes(page, CYCLES);
    const after = await measure(cdp);

    expect(after.forms, 'LeadFormElement instances alive on a page without a form').toBe(0);
    expect(after.inputs, 'input elements alive on a page without a form').toBe(before.inputs);
    // A leak of one node or listener per mount would show as ≥ 200; allow small noise.
    expect(after.nodes - before.nodes).toBeLessThan(CYCLES / 4);
    expect(after.jsEventListeners - before.jsEventListeners).toBeLessThan(CYCLES / 20);
    expect(after.documents).toBe(before.documents);
    expect(await getCspViolations(page)).toEqual([]);
  });
});
