/**
 * Issue 18 end to end in Chromium: a click link minted for a lead that was delivered to LIO
 * (the fake) is opened → the proxy judges the click human and redirects to the demo's
 * signals page with `lk_ref` → the page keeps the reference and the address bar loses it →
 * a `data-leadkit-signal` button is clicked (twice) → LIO receives `link_clicked` and
 * `case_study_download` for the lead's LIO id, once each. A link that navigates away still
 * sends its signal (keepalive). With `Sec-GPC: 1` and `navigator.globalPrivacyControl` the
 * same flow sends nothing, and GPC alone keeps the page from sending even with `lk_ref`.
 *
 * Tracking links refuse IP literals and localhost, so the site is `http://www.example.test`:
 * Chromium's host resolver maps it to the proxy's port on 127.0.0.1.
 */
import { randomUUID } from 'node:crypto';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/proxy/config/load-config';
import { createTrackingLinks } from '../../src/proxy/tracking/create-tracking-links';
import { resolveTrackingSettings } from '../../src/proxy/tracking/resolve-tracking-settings';
import { type LioFake, startLioFake } from '../fakes/lio-fake';
import { startTestProxy, type TestProxy, waitFor } from '../support/start-test-proxy';
import { CHROMIUM_MISSING, getCspViolations, launchChromium, newTestContext, runAxe } from './chromium';
import { assertBuilt } from './test-site';

const SITE = 'http://www.example.test';
const SECRET = 'page-signals-e2e-secret-0123456789';
const CONSENT = { granted: true, text: 'I agree to be contacted about my enquiry.', version: '1' };
const LOGIN = { email: 'ops@example.com', password: 'lio-password-123' };
const LANDING = `${SITE}/signals/?utm_source=newsletter#resources`;

describe.skipIf(CHROMIUM_MISSING !== null)('page signals in Chromium, from a tracking link to LIO', () => {
  let lio: LioFake;
  let proxy: TestProxy;
  let browser: Browser;
  let context: BrowserContext | undefined;
  let settings: ReturnType<typeof resolveTrackingSettings>;

  beforeAll(async () => {
    assertBuilt();
    lio = await startLioFake({ login: LOGIN });
    const raw = {
      demo: true,
      secret: SECRET,
      publicUrl: SITE,
      limits: { perIp: '1000/min', perForm: '1000/min' },
      backends: {
        inbox: { type: 'local' },
        lio: {
          type: 'lio',
          baseUrl: lio.url,
          apiKey: lio.apiKey,
          // biome-ignore lint/suspicious/noTemplateCurlyInString: the config's environment placeholder
          email: '${LIO_EMAIL}',
          // biome-ignore lint/suspicious/noTemplateCurlyInString: the config's environment placeholder
          password: '${LIO_PASSWORD}',
          retry: { baseDelayMs: 50, maxDelayMs: 200 },
        },
      },
      forms: {
        demo: {
          fields: ['name', 'email', 'phone', 'message'],
          consent: { text: CONSENT.text, version: '1', required: true },
          deliver: ['inbox', 'lio'],
          minFillSeconds: 0,
        },
      },
      // The page's own origin is publicUrl's, always allowed; click links may lead to its host.
      tracking: { allowHttp: true },
    };
    const env = { LIO_EMAIL: LOGIN.email, LIO_PASSWORD: LOGIN.password };
    proxy = await startTestProxy(raw, env);
    const parsed = parseConfig({ ...raw, store: 'sqlite::memory:' }, env, {
      source: 'test',
      baseDir: proxy.dir,
    });
    if (!parsed.ok) throw new Error(parsed.problems.join('; '));
    settings = resolveTrackingSettings(parsed.config);
    const port = new URL(proxy.url).port;
    browser = await launchChromium([`--host-resolver-rules=MAP www.example.test:80 127.0.0.1:${port}`]);
  });
  afterAll(async () => {
    await browser?.close();
    await proxy?.shutdown();
    await lio?.close();
  });
  afterEach(async () => {
    await context?.close();
    context = undefined;
  });

  /** A lead sent from the site with consent, delivered to LIO: its ids and reference. */
  async function deliveredLead(): Promise<{ leadId: string; leadRef: string; lioId: number }> {
    const submissionId = randomUUID();
    const res = await proxy.post(
      '/v1/forms/demo/leads',
      {
        submissionId,
        fields: { name: 'Jane Doe', email: `jane.${submissionId.slice(0, 8)}@example.com` },
        consent: CONSENT,
      },
      { origin: SITE, 'idempotency-key': submissionId },
    );
    expect(res.status).toBe(202);
    const { leadId, leadRef } = (await res.json()) as { leadId: string; leadRef: string };
    await waitFor(() => lio.leadsFor(leadId).length === 1, 10_000, 'the lead in LIO');
    return { leadId, leadRef, lioId: (lio.leadsFor(leadId)[0] as { id: number }).id };
  }

  /** The click link of an email sent an hour ago (a click within 60 s of sending is a scanner's). */
  function clickLink(leadRef: string): string {
    const links = createTrackingLinks(
      { leadRef, url: LANDING, campaign: 'spring' },
      { secret: SECRET, settings, now: new Date(Date.now() - 3_600_000) },
    );
    if (!links.ok || !links.click)
      throw new Error(`minting refused: ${links.ok ? 'no click' : links.message}`);
    return links.click;
  }

  /** The POST /v1/signals bodies the page sent. */
  function watchSignalRequests(page: Page): Array<Record<string, unknown>> {
    const bodies: Array<Record<string, unknown>> = [];
    page.on('request', (request) => {
      if (request.method() === 'POST' && new URL(request.url()).pathname === '/v1/signals')
        bodies.push(JSON.parse(request.postData() ?? 'null'));
    });
    return bodies;
  }

  const lioSignals = (lioId: number) => lio.intentSignals.filter((s) => s.lead_id === lioId);
  async function settled(leadId: string): Promise<void> {
    await waitFor(
      async () =>
        (await proxy.proxy.store.listDeliveries({ leadId, limit: 100 })).items.every(
          (d) => d.status === 'delivered' || d.status === 'dead',
        ),
      10_000,
      'every delivery of the lead settled',
    );
  }

  it('takes lk_ref from a human click, cleans the address bar and sends link_clicked and case_study_download once each', async () => {
    const { leadId, leadRef, lioId } = await deliveredLead();
    context = await newTestContext(browser);
    const page = await context.newPage();
    const sent = watchSignalRequests(page);

    await page.goto(clickLink(leadRef));
    await page.getByRole('button', { name: 'Download the Acme Dental case study' }).waitFor();
    expect(page.url()).toBe(LANDING);
    expect(await page.evaluate(() => location.href)).toBe(LANDING);
    expect(await page.evaluate(() => localStorage.getItem('leadkit:lead-ref'))).toBe(JSON.stringify(leadRef));
    await page.getByRole('status').filter({ hasText: 'This browser is a known lead' }).waitFor();
    await page.getByRole('textbox', { name: /^name/i }).waitFor();
    expect(await runAxe(page)).toEqual([]);

    const button = page.getByRole('button', { name: 'Download the Acme Dental case study' });
    await button.click();
    await button.click();
    await waitFor(
      () => lioSignals(lioId).some((s) => s.signal_type === 'case_study_download'),
      10_000,
      'case_study_download in LIO',
    );
    await settled(leadId);
    const received = lioSignals(lioId);
    expect(received.filter((s) => s.signal_type === 'link_clicked')).toHaveLength(1);
    expect(received.filter((s) => s.signal_type === 'link_clicked')[0]?.signal_detail).toMatchObject({
      campaign: 'spring',
      url: LANDING,
    });
    const downloads = received.filter((s) => s.signal_type === 'case_study_download');
    expect(downloads).toHaveLength(1);
    expect(downloads[0]?.signal_detail).toMatchObject({ study: 'acme-dental' });
    expect(sent.filter((body) => body.type === 'case_study_download')).toEqual([
      {
        type: 'case_study_download',
        leadRef,
        detail: { study: 'acme-dental' },
        occurredAt: expect.any(String),
      },
    ]);
    // Every other signal LIO has for the lead is the pricing section's, seen at most once.
    expect(
      received
        .map((s) => s.signal_type)
        .filter((type) => type !== 'link_clicked' && type !== 'case_study_download'),
    ).toEqual(received.some((s) => s.signal_type === 'pricing_page_visit') ? ['pricing_page_visit'] : []);

    // A link that leaves the page still delivers its signal (a keepalive request).
    await page.getByRole('link', { name: 'Book a demo' }).click();
    await page.waitForURL(`${SITE}/booking/`);
    await waitFor(
      () => lioSignals(lioId).some((s) => s.signal_type === 'demo_requested'),
      10_000,
      'demo_requested in LIO',
    );
    expect((await proxy.proxy.store.listSignals({ leadId, type: 'demo_requested' })).items).toHaveLength(1);
    expect(await getCspViolations(page)).toEqual([]);
  });

  it('sends nothing with Sec-GPC and navigator.globalPrivacyControl, from the click on', async () => {
    const { leadId, leadRef, lioId } = await deliveredLead();
    context = await newTestContext(browser);
    await context.setExtraHTTPHeaders({ 'Sec-GPC': '1' });
    await context.addInitScript(() =>
      Object.defineProperty(Navigator.prototype, 'globalPrivacyControl', {
        get: () => true,
        configurable: true,
      }),
    );
    const page = await context.newPage();
    const sent = watchSignalRequests(page);

    await page.goto(clickLink(leadRef));
    await page.getByRole('button', { name: 'Download the Acme Dental case study' }).click();
    await page.getByText('this page sends no signals').waitFor();
    await page.waitForLoadState('networkidle');
    // The proxy redirected without the reference: nothing to take, nothing kept.
    expect(page.url()).toBe(LANDING);
    expect(await page.evaluate(() => localStorage.getItem('leadkit:lead-ref'))).toBeNull();
    expect(sent).toEqual([]);
    expect((await proxy.proxy.store.listSignals({ leadId })).items).toEqual([]);
    await settled(leadId);
    expect(lioSignals(lioId)).toEqual([]);
  });

  it('keeps a page under Global Privacy Control from sending, even when it arrives with lk_ref', async () => {
    const { leadId, leadRef, lioId } = await deliveredLead();
    context = await newTestContext(browser);
    await context.addInitScript(() =>
      Object.defineProperty(Navigator.prototype, 'globalPrivacyControl', {
        get: () => true,
        configurable: true,
      }),
    );
    const page = await context.newPage();
    const sent = watchSignalRequests(page);

    await page.goto(`${SITE}/signals/?lk_ref=${leadRef}&utm_source=newsletter#resources`);
    await page.getByRole('button', { name: 'Download the Acme Dental case study' }).click();
    await page.evaluate(() =>
      (window as unknown as { LeadKit: { signal(type: string): void } }).LeadKit.signal('manual'),
    );
    await page.waitForLoadState('networkidle');
    expect(page.url()).toBe(`${SITE}/signals/?utm_source=newsletter#resources`);
    expect(sent).toEqual([]);
    expect((await proxy.proxy.store.listSignals({ leadId })).items).toEqual([]);
    expect(lioSignals(lioId)).toEqual([]);
  });
});
