/**
 * A page on an origin the proxy does not list, or with a wrong `form` id, learns which it is:
 * `leadkit:error` carries `origin_not_allowed` / `form_not_found` (not `network`), and the
 * console says once what to change. The page is served from a second origin on 127.0.0.1.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM_MISSING, launchChromium, newTestContext } from './chromium';
import { startTestSite, type TestSite } from './test-site';

describe.skipIf(CHROMIUM_MISSING !== null)('proxy refusals a developer can act on, in Chromium', () => {
  let site: TestSite;
  let browser: Browser;
  let app: Server;
  let appOrigin: string;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    site = await startTestSite();
    browser = await launchChromium();
    app = createServer((request, response) => {
      const form = new URL(request.url ?? '/', 'http://x').searchParams.get('form') ?? 'demo';
      response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      response.end(`<!doctype html><html lang="en"><title>app</title>
<script src="${site.origin}/leadkit.js"></script>
<leadkit-form endpoint="${site.origin}" form="${form}"></leadkit-form>`);
    });
    await new Promise<void>((resolve) => app.listen(0, '127.0.0.1', resolve));
    appOrigin = `http://127.0.0.1:${(app.address() as AddressInfo).port}`;
  });
  afterEach(async () => {
    await Promise.all(contexts.splice(0).map((context) => context.close()));
  });
  afterAll(async () => {
    await browser?.close();
    await site?.close();
    await new Promise((resolve) => app?.close(resolve));
  });

  async function openApp(form: string) {
    const context = await newTestContext(browser);
    contexts.push(context);
    const page = await context.newPage();
    const warnings: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'warning' && message.text().startsWith('leadkit:'))
        warnings.push(message.text());
    });
    await page.addInitScript(() => {
      const errors: unknown[] = [];
      (window as unknown as { __errors: unknown[] }).__errors = errors;
      document.addEventListener('leadkit:error', (event) => errors.push((event as CustomEvent).detail));
    });
    await page.goto(`${appOrigin}/?form=${form}`);
    const errors = async () =>
      page.evaluate(() => (window as unknown as { __errors: Array<{ code: string }> }).__errors);
    await expect.poll(async () => (await errors()).length, { timeout: 20_000 }).toBeGreaterThan(0);
    return { page, warnings, errors: await errors() };
  }

  it('an unlisted origin hears origin_not_allowed and the console names the config key to change', async () => {
    const { errors, warnings, page } = await openApp('demo');
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ code: 'origin_not_allowed', form: 'demo' });
    expect(warnings).toEqual([expect.stringContaining(`add ${appOrigin} to forms.demo.origins`)]);
    expect(
      await page.locator('leadkit-form').evaluate((el) => (el as HTMLElement & { status: string }).status),
    ).toBe('load-failed');
  });

  it('a wrong form id hears form_not_found, with one console warning', async () => {
    const { errors, warnings } = await openApp('nope');
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ code: 'form_not_found', form: 'nope' });
    expect(warnings).toEqual([expect.stringContaining('forms.nope')]);
  });
});
