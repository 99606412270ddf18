import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_TOKEN, startTestProxy, type TestProxy, waitFor } from '../support/start-test-proxy';
import { makeWebhookSecret, startWebhookReceiver, type WebhookReceiver } from '../support/webhook-receiver';

const ORIGIN = 'https://www.example.com';
const CONSENT = { granted: true, text: 'I agree to be contacted about my enquiry.', version: '1' };

function submission(overrides: Record<string, unknown> = {}) {
  return {
    submissionId: randomUUID(),
    fields: { name: 'Jane Doe', email: 'jane.doe@example.com', phone: '+49 151 12345678', message: 'Hello' },
    consent: CONSENT,
    context: {
      pageUrl: `${ORIGIN}/contact`,
      locale: 'de-DE',
      timezone: 'Europe/Berlin',
      startedAt: new Date(Date.now() - 30_000).toISOString(),
      hp: '',
    },
    ...overrides,
  };
}

describe('lead intake over HTTP', () => {
  let proxy: TestProxy;
  let receiver: WebhookReceiver;
  const secret = makeWebhookSecret();

  beforeAll(async () => {
    receiver = await startWebhookReceiver({ secret });
    proxy = await startTestProxy({
      backends: { inbox: { type: 'local' }, hook: { type: 'webhook', url: receiver.url, secret } },
      forms: {
        contact: {
          origins: [ORIGIN],
          fields: ['name', 'email', 'phone', 'message'],
          consent: { text: CONSENT.text, version: '1', required: true },
          deliver: ['inbox', 'hook'],
          limits: { perIp: '1000/min', perForm: '1000/min' },
        },
        limited: { origins: [ORIGIN], fields: ['email'], deliver: ['inbox'], limits: { perIp: '3/min' } },
      },
    });
  });
  afterAll(async () => {
    await proxy?.shutdown();
    await receiver?.close();
  });

  const send = (body: unknown, headers: Record<string, string> = {}, form = 'contact') => {
    const id = (body as { submissionId?: string }).submissionId;
    return proxy.post(`/v1/forms/${form}/leads`, body, {
      origin: ORIGIN,
      ...(id ? { 'idempotency-key': id } : {}),
      ...headers,
    });
  };

  it('publishes the form definition with CORS only for listed origins', async () => {
    const ok = await fetch(`${proxy.url}/v1/forms/contact`, { headers: { origin: ORIGIN } });
    expect(ok.status).toBe(200);
    expect(ok.headers.get('access-control-allow-origin')).toBe(ORIGIN);
    const body = (await ok.json()) as {
      id: string;
      fields: Array<{ name: string; type: string }>;
      consent: unknown;
    };
    expect(body.id).toBe('contact');
    expect(body.fields.map((f) => `${f.name}:${f.type}`)).toEqual([
      'name:text',
      'email:email',
      'phone:tel',
      'message:textarea',
    ]);
    expect(body.consent).toMatchObject({ version: '1', required: true });
    const other = await fetch(`${proxy.url}/v1/forms/contact`, {
      headers: { origin: 'https://evil.example' },
    });
    expect(other.status).toBe(200);
    expect(other.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('compresses the definition and serves the bundle pre-compressed when the browser accepts it', async () => {
    const raw = await fetch(`${proxy.url}/v1/forms/contact`, { headers: { 'accept-encoding': 'gzip' } });
    expect(raw.headers.get('content-encoding')).toBe('gzip');
    const script = await fetch(`${proxy.url}/leadkit.js`, {
      headers: { 'accept-encoding': 'gzip, deflate, br' },
    });
    // `npm test` builds dist/ first.
    expect(script.status).toBe(200);
    expect(script.headers.get('content-encoding')).toBe('br');
    expect(script.headers.get('vary')).toContain('Accept-Encoding');
    const etag = script.headers.get('etag') ?? '';
    const again = await fetch(`${proxy.url}/leadkit.js`, {
      headers: { 'accept-encoding': 'br', 'if-none-match': etag },
    });
    expect(again.status).toBe(304);
  });

  it('answers 404 with the JSON error for an unknown form', async () => {
    const res = await send(submission(), {}, 'nope');
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual({
      error: { code: 'form_not_found', message: 'There is no form "nope".' },
    });
  });

  it('refuses other origins with 403 and answers a correct preflight for listed ones', async () => {
    expect((await send(submission(), { origin: 'https://evil.example' })).status).toBe(403);
    const preflight = await fetch(`${proxy.url}/v1/forms/contact/leads`, {
      method: 'OPTIONS',
      headers: {
        origin: ORIGIN,
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'content-type, idempotency-key',
      },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-origin')).toBe(ORIGIN);
    expect(preflight.headers.get('access-control-allow-headers')).toContain('idempotency-key');
    expect(preflight.headers.get('access-control-allow-methods')).toContain('POST');
    const denied = await fetch(`${proxy.url}/v1/forms/contact/leads`, {
      method: 'OPTIONS',
      headers: { origin: 'https://evil.example' },
    });
    expect(denied.status).toBe(403);
    expect(denied.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('allows the proxy its own origin', async () => {
    const res = await send(submission(), { origin: proxy.url });
    expect(res.status).toBe(202);
  });

  it('needs the admin token for a call without Origin', async () => {
    const body = submission();
    const anonymous = await proxy.post('/v1/forms/contact/leads', body, {
      'idempotency-key': body.submissionId,
    });
    expect(anonymous.status).toBe(403);
    expect(((await anonymous.json()) as { error: { code: string } }).error.code).toBe('forbidden');
    const admin = await proxy.post('/v1/forms/contact/leads', body, {
      'idempotency-key': body.submissionId,
      authorization: `Bearer ${ADMIN_TOKEN}`,
    });
    expect(admin.status).toBe(202);
  });

  it('refuses a body over 32 KB while reading it, even without Content-Length', async () => {
    const big = submission({ fields: { name: 'x'.repeat(40_000), email: 'a@b.co' } });
    expect((await send(big)).status).toBe(413);
    const chunked = new ReadableStream({
      start(controller) {
        for (let i = 0; i < 40; i++) controller.enqueue(new TextEncoder().encode('x'.repeat(1024)));
        controller.close();
      },
    });
    const res = await fetch(`${proxy.url}/v1/forms/contact/leads`, {
      method: 'POST',
      headers: { origin: ORIGIN, 'content-type': 'application/json' },
      body: chunked,
      duplex: 'half',
    } as RequestInit);
    expect(res.status).toBe(413);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('payload_too_large');
  });

  it('answers 415 for a body that is not JSON and 400 for malformed JSON', async () => {
    const plain = await send('hello', { 'content-type': 'text/plain' });
    expect(plain.status).toBe(415);
    const malformed = await send('{"submissionId": ', {});
    expect(malformed.status).toBe(400);
    expect(((await malformed.json()) as { error: { code: string } }).error.code).toBe('malformed_json');
  });

  it('lists every schema problem by field path, unknown keys included', async () => {
    const res = await send(
      { submissionId: 'not-a-uuid', fields: { email: 'jane@', fax: '123' }, colour: 'red' },
      { 'idempotency-key': 'x' },
    );
    expect(res.status).toBe(400);
    const { error } = (await res.json()) as { error: { code: string; fields: Record<string, string> } };
    expect(error.code).toBe('validation_failed');
    expect(Object.keys(error.fields).sort()).toEqual(['colour', 'submissionId']);
    const fieldProblems = await send(
      submission({ fields: { name: '', email: 'jane@', phone: '12', fax: '1' } }),
    );
    expect(fieldProblems.status).toBe(400);
    const body = (await fieldProblems.json()) as { error: { fields: Record<string, string> } };
    expect(body.error.fields).toEqual({
      'fields.fax': 'is not a field of this form',
      'fields.name': 'is required',
      'fields.email': 'is not an email address',
      'fields.phone': 'is too short for that country',
    });
  });

  it('requires consent with the exact text and version the form shows', async () => {
    const missing = await send(submission({ consent: undefined }));
    expect(missing.status).toBe(400);
    const changed = await send(submission({ consent: { ...CONSENT, text: 'Something else' } }));
    expect(
      ((await changed.json()) as { error: { fields: Record<string, string> } }).error.fields.consent,
    ).toMatch(/does not match/);
  });

  it('requires Idempotency-Key equal to submissionId', async () => {
    const body = submission();
    const none = await proxy.post('/v1/forms/contact/leads', body, { origin: ORIGIN });
    expect(((await none.json()) as { error: { code: string } }).error.code).toBe('idempotency_key_required');
    const other = await send(body, { 'idempotency-key': randomUUID() });
    expect(other.status).toBe(400);
    expect(((await other.json()) as { error: { code: string } }).error.code).toBe('idempotency_key_mismatch');
  });

  it('normalises a national phone number to E.164 with the visitor locale', async () => {
    const body = submission({ fields: { name: 'Jan', email: 'jan@example.com', phone: '0151 12345678' } });
    const res = await send(body);
    expect(res.status).toBe(202);
    const { leadId } = (await res.json()) as { leadId: string };
    const stored = await proxy.proxy.store.getLead(leadId);
    expect(stored?.lead.fields.phone).toBe('+4915112345678');
    expect(stored?.lead.consent).toMatchObject({ granted: true, version: '1' });
    expect(stored?.lead.context).toEqual({
      pageUrl: `${ORIGIN}/contact`,
      locale: 'de-DE',
      timezone: 'Europe/Berlin',
    });
  });

  it('answers a replay with the same 202 and a different body under the same key with 409', async () => {
    const body = submission();
    const first = await send(body);
    expect(first.status).toBe(202);
    const accepted = (await first.json()) as { leadId: string; leadRef: string; status: string };
    expect(accepted.status).toBe('accepted');
    const replay = await send(body);
    expect(replay.status).toBe(202);
    expect(await replay.json()).toEqual(accepted);
    const conflict = await send({ ...body, fields: { ...body.fields, message: 'changed' } });
    expect(conflict.status).toBe(409);
    expect(((await conflict.json()) as { error: { code: string } }).error.code).toBe('idempotency_conflict');
    const deliveries = await proxy.proxy.store.listDeliveries({ leadId: accepted.leadId });
    expect(deliveries.items).toHaveLength(2);
  });

  it('keeps honeypot and too-fast submissions as spam: the same 202, delivered nowhere', async () => {
    const honeypot = submission({
      context: { hp: 'http://spam.example', startedAt: new Date(Date.now() - 60_000).toISOString() },
    });
    const fast = submission({ context: { startedAt: new Date().toISOString() } });
    for (const body of [honeypot, fast]) {
      const res = await send(body);
      expect(res.status).toBe(202);
      const { leadId, status } = (await res.json()) as { leadId: string; status: string };
      expect(status).toBe('accepted');
      expect((await proxy.proxy.store.getLead(leadId))?.spam).toMatch(/honeypot|too_fast/);
      expect((await proxy.proxy.store.listDeliveries({ leadId })).items).toEqual([]);
    }
  });

  it('rate-limits per client IP with 429 and Retry-After, but not admin calls', async () => {
    const statuses: number[] = [];
    let retryAfter: string | null = null;
    for (let i = 0; i < 5; i++) {
      const body = submission({ fields: { email: `r${i}@example.com` }, consent: undefined });
      const res = await send(body, {}, 'limited');
      statuses.push(res.status);
      if (res.status === 429) {
        retryAfter = res.headers.get('retry-after');
        expect(res.headers.get('access-control-allow-origin')).toBe(ORIGIN);
      }
    }
    expect(statuses).toEqual([202, 202, 202, 429, 429]);
    expect(Number(retryAfter)).toBeGreaterThan(0);
    const body = submission({ fields: { email: 'admin@example.com' }, consent: undefined });
    const admin = await proxy.post('/v1/forms/limited/leads', body, {
      'idempotency-key': body.submissionId,
      authorization: `Bearer ${ADMIN_TOKEN}`,
    });
    expect(admin.status).toBe(202);
  });

  it('delivers accepted leads to the webhook, signed, and to the local inbox', async () => {
    const body = submission({
      fields: { name: 'Hook Test', email: 'hook@example.com', phone: '+1 415 555 2671' },
    });
    const { leadId } = (await (await send(body)).json()) as { leadId: string };
    await waitFor(
      () => receiver.received.some((r) => r.payload.data.id === leadId),
      10_000,
      'webhook delivery',
    );
    const call = receiver.received.find((r) => r.payload.data.id === leadId);
    expect(call?.payload.type).toBe('lead.created');
    expect(call?.id).toMatch(/^msg_/);
    expect(call?.signature).toMatch(/^v1,/);
    expect(call?.payload.data).toMatchObject({
      form: 'contact',
      fields: { phone: '+14155552671', email: 'hook@example.com' },
    });
    expect(JSON.stringify(call?.payload.data)).not.toContain('"hp"');
    await waitFor(
      async () =>
        (await proxy.proxy.store.listLeads({ backend: 'inbox' })).items.some((l) => l.lead.id === leadId),
      5000,
      'local',
    );
  });

  it('inspects and replays deliveries through the admin API', async () => {
    const forbidden = await fetch(`${proxy.url}/v1/admin/deliveries`);
    expect(forbidden.status).toBe(403);
    const auth = { authorization: `Bearer ${ADMIN_TOKEN}` };
    const list = await fetch(`${proxy.url}/v1/admin/deliveries?backend=hook&limit=2`, { headers: auth });
    const page = (await list.json()) as {
      deliveries: Array<Record<string, unknown>>;
      nextCursor: string | null;
    };
    expect(page.deliveries).toHaveLength(2);
    expect(Object.keys(page.deliveries[0] ?? {})).toEqual(
      expect.arrayContaining([
        'id',
        'leadId',
        'backend',
        'kind',
        'status',
        'attempts',
        'nextAttemptAt',
        'lastError',
        'updatedAt',
      ]),
    );
    expect(page.nextCursor).not.toBeNull();
    const bad = await fetch(`${proxy.url}/v1/admin/deliveries?status=lost`, { headers: auth });
    expect(bad.status).toBe(400);
    const id = page.deliveries[0]?.id as string;
    await waitFor(
      async () =>
        (await proxy.proxy.store.listDeliveries({ backend: 'hook', status: 'pending' })).items.length === 0,
      5000,
      'drain',
    );
    const before = receiver.received.filter((r) => r.id === id).length;
    const retry = await fetch(`${proxy.url}/v1/admin/deliveries/${id}/retry`, {
      method: 'POST',
      headers: auth,
    });
    expect(retry.status).toBe(200);
    await waitFor(() => receiver.received.filter((r) => r.id === id).length > before, 5000, 'redelivery');
    const missing = await fetch(`${proxy.url}/v1/admin/deliveries/msg_nope/retry`, {
      method: 'POST',
      headers: auth,
    });
    expect(missing.status).toBe(404);
  });

  it('serves health and metrics, and never a stack trace', async () => {
    expect(await (await fetch(`${proxy.url}/healthz`)).json()).toMatchObject({ status: 'ok' });
    const metrics = await (await fetch(`${proxy.url}/metrics`)).text();
    expect(metrics).toMatch(/leadkit_leads_accepted_total\{form="contact"\} \d+/);
    expect(metrics).toMatch(/leadkit_leads_rejected_total\{reason="rate_limited"\} \d+/);
    expect(metrics).toMatch(/leadkit_deliveries_total\{backend="hook",outcome="delivered"\} \d+/);
    expect(metrics).toContain('leadkit_outbox_oldest_pending_age_seconds');
    expect(metrics).toContain('leadkit_http_request_duration_seconds_bucket');
    const notFound = await fetch(`${proxy.url}/v1/nothing/here`);
    expect(notFound.status).toBe(404);
    expect(await notFound.text()).not.toMatch(/at .*\.ts:\d+/);
  });

  it('writes no submitted e-mail or phone number to the log', () => {
    const log = proxy.logs.join('\n');
    expect(log.length).toBeGreaterThan(0);
    for (const secretValue of [
      'jane.doe@example.com',
      'hook@example.com',
      '15112345678',
      '4155552671',
      'test-admin-token',
      'whsec_',
    ]) {
      expect(log).not.toContain(secretValue);
    }
  });
});

describe('lead intake under abuse (issue 13)', () => {
  let proxy: TestProxy;
  const GLOBAL_INTAKE = 'intake-global-0123456789abcdef';
  const FORM_INTAKE = 'intake-strict-0123456789abcdef';
  let nextIp = 1;
  /** A fresh IPv4 address per call, so tests do not share a per-IP budget. */
  const freshIp = () => `198.51.100.${nextIp++}`;

  beforeAll(async () => {
    proxy = await startTestProxy({
      // The test client is the trusted peer; X-Forwarded-For names the visitor.
      trustProxy: ['127.0.0.1', '::1'],
      intakeTokens: [GLOBAL_INTAKE],
      privacy: { stripUrlParams: ['promo'] },
      backends: { inbox: { type: 'local' } },
      forms: {
        busy: { origins: [ORIGIN], fields: ['email'], deliver: ['inbox'] },
        strict: {
          origins: [ORIGIN],
          fields: ['email'],
          deliver: ['inbox'],
          limits: { perIp: '3/min', perForm: '5/min' },
          intakeTokens: [FORM_INTAKE],
        },
        open: {
          origins: [ORIGIN],
          fields: ['email'],
          deliver: ['inbox'],
          limits: { perIp: '1000/min', perForm: '1000/min' },
        },
      },
    });
  });
  afterAll(async () => {
    await proxy?.shutdown();
  });

  const lead = (overrides: Record<string, unknown> = {}) => ({
    submissionId: randomUUID(),
    fields: { email: `v${randomUUID().slice(0, 8)}@example.com` },
    context: { pageUrl: `${ORIGIN}/contact`, startedAt: new Date(Date.now() - 30_000).toISOString() },
    ...overrides,
  });
  const post = (form: string, body: unknown, headers: Record<string, string> = {}) => {
    const id = (body as { submissionId?: string }).submissionId;
    return proxy.post(`/v1/forms/${form}/leads`, body, {
      origin: ORIGIN,
      'x-forwarded-for': freshIp(),
      ...(id ? { 'idempotency-key': id } : {}),
      ...headers,
    });
  };
  const errorOf = async (res: Response) =>
    ((await res.json()) as { error: { code: string; message: string; fields?: Record<string, string> } })
      .error;

  it('a flood from one address or one IPv6 /64 spends only its own budget: other visitors are still served', async () => {
    const statuses: number[] = [];
    const send = async (ip: string) => {
      const res = await post('busy', lead(), { 'x-forwarded-for': ip });
      statuses.push(res.status);
      await res.arrayBuffer();
    };
    // 650 valid posts at the default limits (30/min per IP, 600/min per form): half from one
    // IPv4 address, half spread over one IPv6 /64 (a client owns all of it).
    for (let i = 0; i < 325; i += 5) await Promise.all([0, 1, 2, 3, 4].map(() => send('203.0.113.66')));
    for (let i = 0; i < 325; i += 5)
      await Promise.all([0, 1, 2, 3, 4].map((k) => send(`2001:db8:1:2:${(i + k).toString(16)}::1`)));
    expect(statuses.filter((s) => s === 202)).toHaveLength(60);
    expect(statuses.filter((s) => s === 429)).toHaveLength(590);
    for (const ip of ['203.0.113.67', '2001:db8:1:3::1', '::ffff:192.0.2.10']) {
      const res = await post('busy', lead(), { 'x-forwarded-for': ip });
      expect(res.status, ip).toBe(202);
    }
  });

  it('limits invalid bodies per IP too, before reading them', async () => {
    const ip = freshIp();
    const statuses: number[] = [];
    for (let i = 0; i < 3; i++) {
      const res = await post('strict', '{"submissionId": ', { 'x-forwarded-for': ip });
      statuses.push(res.status);
    }
    // Over 32 KB: a 413 if it were read; the limit answers first.
    const big = await post('strict', lead({ fields: { email: 'x'.repeat(40_000) } }), {
      'x-forwarded-for': ip,
    });
    statuses.push(big.status);
    expect(big.headers.get('retry-after')).toMatch(/^\d+$/);
    expect(statuses).toEqual([400, 400, 400, 429]);
  });

  it('answers an invalid body with an error much smaller than the body', async () => {
    const fields: Record<string, string> = {};
    for (let i = 0; i < 2750; i++) fields[`f${i}`] = '';
    const body = JSON.stringify({ submissionId: randomUUID(), fields });
    expect(body.length).toBeGreaterThan(29_000);
    expect(body.length).toBeLessThan(32 * 1024);
    const res = await post('open', body);
    expect(res.status).toBe(400);
    const text = await res.text();
    expect(text.length).toBeLessThan(4096);
    const error = JSON.parse(text).error as { message: string; fields: Record<string, string> };
    expect(error.message).toMatch(/more/);
    const longKey = await post('open', { submissionId: randomUUID(), fields: { ['x'.repeat(20_000)]: 'a' } });
    expect(longKey.status).toBe(400);
    expect((await longKey.text()).length).toBeLessThan(1024);
  });

  it('refuses a consent record on a form that shows no consent text', async () => {
    const res = await post('open', lead({ consent: CONSENT }));
    expect(res.status).toBe(400);
    expect((await errorOf(res)).fields?.consent).toMatch(/no consent/);
  });

  it('accepts intake tokens for server-to-server intake, and only for intake', async () => {
    const serverCall = (form: string, token: string, ip = '192.0.2.200') => {
      const body = lead();
      return proxy.post(`/v1/forms/${form}/leads`, body, {
        'idempotency-key': body.submissionId,
        authorization: `Bearer ${token}`,
        'x-forwarded-for': ip,
      });
    };
    expect((await serverCall('open', GLOBAL_INTAKE)).status).toBe(202);
    expect((await serverCall('strict', FORM_INTAKE)).status).toBe(202);
    const foreign = await serverCall('open', FORM_INTAKE);
    expect(foreign.status).toBe(403);
    expect((await errorOf(foreign)).code).toBe('forbidden');
    expect((await serverCall('open', 'not-a-token-0123456789')).status).toBe(403);
    for (const path of ['/v1/admin/deliveries', '/v1/admin/leads', '/metrics']) {
      const res = await fetch(`${proxy.url}${path}`, {
        headers: { authorization: `Bearer ${GLOBAL_INTAKE}`, 'x-forwarded-for': '192.0.2.200' },
      });
      expect(res.status, path).toBe(403);
    }
    const retry = await fetch(`${proxy.url}/v1/admin/deliveries/msg_x/retry`, {
      method: 'POST',
      headers: { authorization: `Bearer ${FORM_INTAKE}` },
    });
    expect(retry.status).toBe(403);
  });

  it('exempts an intake token from the per-IP limit but gives it a per-form budget of its own', async () => {
    // strict: 3/min per IP, 5/min per form. One website backend, one IP, many visitors.
    const statuses: number[] = [];
    for (let i = 0; i < 7; i++) {
      const body = lead();
      const res = await proxy.post('/v1/forms/strict/leads', body, {
        'idempotency-key': body.submissionId,
        authorization: `Bearer ${FORM_INTAKE}`,
        'x-forwarded-for': '192.0.2.201',
      });
      statuses.push(res.status);
    }
    // One 202 in the earlier test went to this token's budget already.
    expect(statuses).toEqual([202, 202, 202, 202, 429, 429, 429]);
    // A browser visitor still gets through: the token's flood did not spend the form's budget.
    expect((await post('strict', lead())).status).toBe(202);
  });

  it('refuses field and hidden keys that are prototype names', async () => {
    for (const [where, body] of [
      ['fields.constructor', lead({ fields: { email: 'a@example.com', constructor: 'x' } })],
      ['hidden.toString', lead({ hidden: { toString: 'x' } })],
      ['hidden.valueOf', lead({ hidden: { valueOf: 'x' } })],
    ] as const) {
      const res = await post('open', body);
      expect(res.status, where).toBe(400);
      expect(Object.keys((await errorOf(res)).fields ?? {}), where).toContain(where);
    }
    const proto = await post(
      'open',
      `{"submissionId":"${randomUUID()}","fields":{"email":"a@example.com"},"hidden":{"__proto__":"x"}}`,
    );
    expect(proto.status).toBe(400);
  });

  it('refuses page URLs that are not http(s)', async () => {
    for (const [where, body] of [
      ['context.pageUrl', lead({ context: { pageUrl: 'javascript:alert(1)' } })],
      ['attribution.first.referrer', lead({ attribution: { first: { referrer: 'ftp://x.example/' } } })],
      ['attribution.last.landingPage', lead({ attribution: { last: { landingPage: 'not a url' } } })],
    ] as const) {
      const res = await post('open', body);
      expect(res.status, where).toBe(400);
      expect(Object.keys((await errorOf(res)).fields ?? {}), where).toContain(where);
    }
  });

  it('strips personal data and secrets from page URLs before storing them', async () => {
    const body = lead({
      context: {
        pageUrl: `${ORIGIN}/contact?email=jane%40example.com&utm_source=g&Token=abc&plan=pro&promo=X1#access_token=xyz`,
        startedAt: new Date(Date.now() - 30_000).toISOString(),
      },
      attribution: {
        first: {
          referrer: 'https://user:pw@search.example/?q=clinic&sid=42',
          landingPage: `${ORIGIN}/offer?Phone=123&utm_medium=cpc`,
        },
        last: { landingPage: `${ORIGIN}/pricing?first_name=Jane&gclid=abc` },
      },
    });
    const res = await post('open', body);
    expect(res.status).toBe(202);
    const { leadId } = (await res.json()) as { leadId: string };
    const stored = await proxy.proxy.store.getLead(leadId);
    expect(stored?.lead.context.pageUrl).toBe(`${ORIGIN}/contact?utm_source=g&plan=pro`);
    expect(stored?.lead.attribution).toEqual({
      first: { referrer: 'https://search.example/?q=clinic', landingPage: `${ORIGIN}/offer?utm_medium=cpc` },
      last: { landingPage: `${ORIGIN}/pricing?gclid=abc` },
    });
  });

  it('judges a browser submission without startedAt as too fast; a server call is not judged by time', async () => {
    const browser = await post('open', lead({ context: { pageUrl: `${ORIGIN}/contact` } }));
    expect(browser.status).toBe(202);
    const { leadId } = (await browser.json()) as { leadId: string };
    expect((await proxy.proxy.store.getLead(leadId))?.spam).toBe('too_fast');
    const body = lead({ context: {} });
    const server = await proxy.post('/v1/forms/open/leads', body, {
      'idempotency-key': body.submissionId,
      authorization: `Bearer ${GLOBAL_INTAKE}`,
    });
    const accepted = (await server.json()) as { leadId: string };
    expect((await proxy.proxy.store.getLead(accepted.leadId))?.spam).toBeNull();
  });
});
