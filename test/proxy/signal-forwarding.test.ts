import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTrackingToken } from '../../src/proxy/tracking/tracking-token';
import { type LioFake, startLioFake } from '../fakes/lio-fake';
import { startTestProxy, type TestProxy, waitFor } from '../support/start-test-proxy';
import { makeWebhookSecret, startWebhookReceiver, type WebhookReceiver } from '../support/webhook-receiver';

/*
 * Signal forwarding over real HTTP (issue 18 "Forwarding", CONTRACT §4): a page signal and a
 * person's click reach LIO's intent-signal endpoint for the right LIO lead id, once, and a
 * webhook receiver as signed `signal.<type>` events; a scanner's click reaches nobody; a
 * replayed request enqueues nothing new.
 */

const ORIGIN = 'https://www.example.com';
const SECRET = 'signal-forwarding-secret-0123456789';
const CONSENT = { granted: true, text: 'I agree to be contacted about my enquiry.', version: '1' };
const CHROME =
  'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36';
const LOGIN = { email: 'ops@example.com', password: 'lio-password-123' };

let lio: LioFake;
let receiver: WebhookReceiver;
let proxy: TestProxy;
let emailSeq = 0;

beforeAll(async () => {
  lio = await startLioFake({ login: LOGIN });
  const secret = makeWebhookSecret();
  receiver = await startWebhookReceiver({ secret });
  proxy = await startTestProxy(
    {
      secret: SECRET,
      publicUrl: 'https://leads.example.com',
      trustProxy: ['127.0.0.1'],
      limits: { perIp: '1000/min' },
      backends: {
        inbox: { type: 'local' },
        crm: {
          type: 'lio',
          baseUrl: lio.url,
          apiKey: lio.apiKey,
          // biome-ignore lint/suspicious/noTemplateCurlyInString: the config's environment placeholder
          email: '${LIO_EMAIL}',
          // biome-ignore lint/suspicious/noTemplateCurlyInString: the config's environment placeholder
          password: '${LIO_PASSWORD}',
          retry: { baseDelayMs: 50, maxDelayMs: 200 },
        },
        hook: { type: 'webhook', url: receiver.url, secret, retry: { baseDelayMs: 50, maxDelayMs: 200 } },
      },
      forms: {
        contact: {
          origins: [ORIGIN],
          fields: ['name', 'email'],
          consent: { text: CONSENT.text, version: '1' },
          deliver: ['inbox', 'crm', 'hook'],
          minFillSeconds: 0,
        },
      },
      tracking: {
        origins: [ORIGIN],
        signalTypes: ['webinar_signup'],
        machineNetworks: [{ cidrs: ['40.92.0.0/15'], for: 'clicks', label: 'safe_links' }],
      },
    },
    { LIO_EMAIL: LOGIN.email, LIO_PASSWORD: LOGIN.password },
  );
});
afterAll(async () => {
  await proxy?.shutdown();
  await receiver?.close();
  await lio?.close();
});

/** A lead, delivered to LIO and the webhook; its LIO id. */
async function deliveredLead(): Promise<{ leadId: string; leadRef: string; lioId: number }> {
  const submissionId = randomUUID();
  const res = await proxy.post(
    '/v1/forms/contact/leads',
    {
      submissionId,
      fields: { name: 'Jane Doe', email: `jane.${submissionId.slice(0, 8)}@example.com` },
      consent: CONSENT,
    },
    { origin: ORIGIN, 'idempotency-key': submissionId },
  );
  expect(res.status).toBe(202);
  const { leadId, leadRef } = (await res.json()) as { leadId: string; leadRef: string };
  await waitFor(() => lio.leadsFor(leadId).length === 1, 10_000, 'the lead in LIO');
  const lioId = (lio.leadsFor(leadId)[0] as { id: number }).id;
  return { leadId, leadRef, lioId };
}

const pageSignal = (leadRef: string, type: string, detail: Record<string, unknown> = {}) =>
  proxy.post('/v1/signals', { type, leadRef, detail }, { origin: ORIGIN });

function clickUrl(leadRef: string): string {
  const issuedAt = new Date(Date.now() - 3_600_000);
  const token = createTrackingToken(
    {
      type: 'click',
      leadRef,
      campaign: 'spring',
      emailId: Buffer.alloc(8, ++emailSeq).toString('base64url'),
      issuedAt,
      expiresAt: new Date(issuedAt.getTime() + 30 * 86_400_000),
      url: 'https://www.example.com/pricing',
    },
    SECRET,
  );
  return `${proxy.url}/t/c/${token}`;
}

const click = (url: string, headers: Record<string, string>) =>
  fetch(url, { redirect: 'manual', headers, signal: AbortSignal.timeout(10_000) });

const lioSignalsFor = (lioId: number) => lio.intentSignals.filter((s) => s.lead_id === lioId);
const hookSignalsFor = (leadId: string) =>
  receiver.received.filter((r) => r.payload.type.startsWith('signal.') && r.payload.data.leadId === leadId);
async function signalEntries(leadId: string) {
  return (await proxy.proxy.store.listDeliveries({ leadId, limit: 100 })).items.filter(
    (d) => d.kind === 'signal',
  );
}
async function settled(leadId: string) {
  await waitFor(
    async () => (await signalEntries(leadId)).every((d) => d.status === 'delivered' || d.status === 'dead'),
    10_000,
    'signal entries settled',
  );
}

describe('signal forwarding', () => {
  it('sends a page signal to LIO for its lead id and to the webhook as signal.<type>, once', async () => {
    const { leadId, leadRef, lioId } = await deliveredLead();
    const res = await pageSignal(leadRef, 'case_study_download', { asset: 'acme-study' });
    expect(res.status).toBe(202);
    await waitFor(() => lioSignalsFor(lioId).length === 1 && hookSignalsFor(leadId).length === 1);
    expect(lioSignalsFor(lioId)[0]).toMatchObject({
      lead_id: lioId,
      signal_type: 'case_study_download',
      signal_detail: { asset: 'acme-study' },
    });
    const [hook] = hookSignalsFor(leadId);
    expect(hook?.payload).toMatchObject({
      type: 'signal.case_study_download',
      data: { type: 'case_study_download', leadId, detail: { asset: 'acme-study' }, machine: false },
    });
    expect(Object.keys(hook?.payload.data ?? {}).sort()).toEqual(
      ['detail', 'id', 'leadId', 'machine', 'occurredAt', 'type'].sort(),
    );
    const entries = await signalEntries(leadId);
    expect(hook?.id).toBe(entries.find((d) => d.backend === 'hook')?.id);
    expect(receiver.rejected).toBe(0);
    // The local backend has it already: listed, not queued.
    expect(entries.map((d) => d.backend).sort()).toEqual(['crm', 'hook']);
    expect((await proxy.proxy.store.listSignals({ leadId })).items).toHaveLength(1);
  });

  it("sends a person's click as link_clicked to LIO and the webhook, once", async () => {
    const { leadId, leadRef, lioId } = await deliveredLead();
    const res = await click(clickUrl(leadRef), { 'user-agent': CHROME, 'x-forwarded-for': '203.0.113.9' });
    expect(res.status).toBe(302);
    await waitFor(() => lioSignalsFor(lioId).length === 1 && hookSignalsFor(leadId).length === 1);
    expect(lioSignalsFor(lioId)[0]).toMatchObject({
      signal_type: 'link_clicked',
      signal_detail: { url: 'https://www.example.com/pricing', campaign: 'spring' },
    });
    expect(hookSignalsFor(leadId)[0]?.payload).toMatchObject({
      type: 'signal.link_clicked',
      data: { type: 'link_clicked', leadId, machine: false },
    });
    await settled(leadId);
    expect(lioSignalsFor(lioId)).toHaveLength(1);
  });

  it("sends nothing for a scanner's click", async () => {
    const { leadId, leadRef, lioId } = await deliveredLead();
    // A link scanner (Microsoft Safe Links' network, tracking.machineNetworks) follows the link first.
    const res = await click(clickUrl(leadRef), { 'user-agent': CHROME, 'x-forwarded-for': '40.92.7.7' });
    expect(res.status).toBe(302);
    expect(res.headers.get('location')).not.toContain('lk_ref');
    // A person's page signal afterwards is the positive control: it arrives, the click never did.
    await pageSignal(leadRef, 'pricing_page_visit');
    await waitFor(() => lioSignalsFor(lioId).length === 1 && hookSignalsFor(leadId).length === 1);
    expect(lioSignalsFor(lioId).map((s) => s.signal_type)).toEqual(['pricing_page_visit']);
    expect(hookSignalsFor(leadId).map((r) => r.payload.type)).toEqual(['signal.pricing_page_visit']);
    expect((await signalEntries(leadId)).length).toBe(2);
  });

  it('enqueues nothing new for a replayed request', async () => {
    const { leadId, leadRef, lioId } = await deliveredLead();
    const occurredAt = new Date(Date.now() - 60_000).toISOString();
    const body = { type: 'webinar_signup', leadRef, detail: { webinar: 'q4' }, occurredAt };
    for (let i = 0; i < 3; i++)
      expect((await proxy.post('/v1/signals', body, { origin: ORIGIN })).status).toBe(202);
    const url = clickUrl(leadRef);
    for (let i = 0; i < 3; i++) await click(url, { 'user-agent': CHROME, 'x-forwarded-for': '203.0.113.9' });
    await waitFor(() => lioSignalsFor(lioId).length === 2 && hookSignalsFor(leadId).length === 2);
    await settled(leadId);
    expect(await signalEntries(leadId)).toHaveLength(4);
    // A custom type goes to LIO as its catch-all `manual`, the type kept in the detail.
    expect(
      lioSignalsFor(lioId)
        .map((s) => [s.signal_type, s.signal_detail.leadkit_type])
        .sort(),
    ).toEqual([
      ['link_clicked', undefined],
      ['manual', 'webinar_signup'],
    ]);
    expect(
      hookSignalsFor(leadId)
        .map((r) => r.payload.type)
        .sort(),
    ).toEqual(['signal.link_clicked', 'signal.webinar_signup']);
  });

  it("waits for the lead's LIO id when a signal comes first, then sends it for that id", async () => {
    lio.failNext(3, 503);
    const submissionId = randomUUID();
    const res = await proxy.post(
      '/v1/forms/contact/leads',
      {
        submissionId,
        fields: { name: 'Early Bird', email: `early.${submissionId.slice(0, 8)}@example.com` },
        consent: CONSENT,
      },
      { origin: ORIGIN, 'idempotency-key': submissionId },
    );
    const { leadId, leadRef } = (await res.json()) as { leadId: string; leadRef: string };
    await pageSignal(leadRef, 'demo_requested');
    await waitFor(() => lio.leadsFor(leadId).length === 1, 10_000, 'the lead in LIO');
    const lioId = (lio.leadsFor(leadId)[0] as { id: number }).id;
    await waitFor(() => lioSignalsFor(lioId).length === 1, 10_000, 'the signal in LIO');
    expect(lioSignalsFor(lioId)[0]?.signal_type).toBe('demo_requested');
  });
});
