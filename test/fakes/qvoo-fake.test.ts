import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type QvooFake, startQvooFake } from './qvoo-fake';

/** The fake must refuse what Qvoo's collection does not allow, or the backend tests prove nothing. */
let fake: QvooFake;
beforeAll(async () => {
  fake = await startQvooFake({ rateLimit: { count: 50, windowMs: 60_000 } });
});
afterAll(async () => {
  await fake.close();
});

function call(method: string, path: string, body?: unknown, headers: Record<string, string> = {}) {
  return fetch(`${fake.url}/api/v1${path}`, {
    method,
    headers: {
      'x-api-key': fake.apiKey,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      ...headers,
    },
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    signal: AbortSignal.timeout(2000),
  });
}

const leads = () => `/workspaces/${fake.workspaceId}/leads`;
const valid = {
  name: 'John Doe',
  status: 'new',
  leadStage: 'unassigned',
  fields: { mobileNumber: '+919876543210', emailId: 'john@example.com' },
};

describe('Qvoo fake', () => {
  it('accepts the collection’s create example and answers 201 with the lead', async () => {
    const res = await call('POST', leads(), valid);
    expect(res.status).toBe(201);
    expect(await res.json()).toMatchObject({ success: true, data: { _id: expect.any(String), ...valid } });
  });

  it.each([
    ['a missing name', { ...valid, name: '' }, 'name'],
    ['an unknown status', { ...valid, status: 'hot' }, 'status'],
    ['an unknown stage', { ...valid, leadStage: 'x' }, 'leadStage'],
    ['a national mobileNumber', { ...valid, fields: { mobileNumber: '09876543210' } }, 'fields.mobileNumber'],
    ['a bad emailId', { ...valid, fields: { emailId: 'nope' } }, 'fields.emailId'],
    ['an unknown top-level key', { ...valid, phone: '+1' }, 'phone'],
    ['an unknown tag', { ...valid, tags: ['vip'] }, 'tags'],
    [
      'a fields key that is no lead field of the workspace',
      { ...valid, fields: { ...valid.fields, utm_source: 'google' } },
      'fields.utm_source',
    ],
  ])('refuses %s with 400 and a field error', async (_name, body, key) => {
    const res = await call('POST', leads(), body);
    expect(res.status).toBe(400);
    const json = (await res.json()) as { success: boolean; errors: Record<string, string[]> };
    expect(json.success).toBe(false);
    expect(Object.keys(json.errors)).toContain(key);
  });

  it('needs the API key (or a token), JSON bodies and the right workspace', async () => {
    expect((await call('GET', leads(), undefined, { 'x-api-key': 'wrong' })).status).toBe(401);
    expect(
      (await call('POST', leads(), JSON.stringify(valid), { 'content-type': 'text/plain' })).status,
    ).toBe(415);
    expect((await call('GET', '/workspaces/other/leads')).status).toBe(404);
    expect((await call('GET', '/health', undefined, { 'x-api-key': '' })).status).toBe(200);
  });

  it('issues client-credentials tokens that authenticate, and refuses wrong credentials', async () => {
    const bad = await call('POST', '/oauth/token', {
      client_id: fake.clientId,
      client_secret: 'x',
      grant_type: 'client_credentials',
    });
    expect(bad.status).toBe(401);
    const res = await call('POST', '/oauth/token', {
      client_id: fake.clientId,
      client_secret: fake.clientSecret,
      grant_type: 'client_credentials',
    });
    const token = (await res.json()) as { access_token: string; token_type: string; expires_in: number };
    expect(token).toMatchObject({ token_type: 'Bearer', expires_in: 3600 });
    const ok = await call('GET', `/workspaces/${fake.workspaceId}`, undefined, {
      'x-api-key': '',
      authorization: `Bearer ${token.access_token}`,
    });
    expect(ok.status).toBe(200);
  });

  it('answers check-duplicate by phone and by email', async () => {
    const byPhone = await call('POST', `${leads()}/check-duplicate`, { phone: '+919876543210' });
    expect(await byPhone.json()).toEqual({ success: true, exists: true, leadId: expect.any(String) });
    const byEmail = await call('POST', `${leads()}/check-duplicate`, { email: 'nobody@example.com' });
    expect(await byEmail.json()).toEqual({ success: true, exists: false });
  });

  it('limits requests on a sliding window with 429 and Retry-After', async () => {
    fake.setRateLimit({ count: 3, windowMs: 60_000 });
    const statuses = [];
    for (let i = 0; i < 4; i++) statuses.push((await call('GET', '/health')).status);
    expect(statuses).toEqual([200, 200, 200, 429]);
    const limited = await call('GET', '/health');
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(50);
    fake.setRateLimit(null);
  });
});

describe('Qvoo fake failure injection', () => {
  it('fails, hangs, resets and loses replies for the next requests, then answers again', async () => {
    fake.reset();
    fake.failNext(1, 502);
    expect((await call('GET', '/health')).status).toBe(502);
    fake.resetNext(1);
    await expect(call('GET', '/health')).rejects.toThrow();
    fake.hangNext(1);
    await expect(fetch(`${fake.url}/api/v1/health`, { signal: AbortSignal.timeout(200) })).rejects.toThrow();
    fake.loseReplyNext(1);
    const body = { ...valid, fields: { ...valid.fields, customField_123: 'lead_x' } };
    await expect(call('POST', leads(), body)).rejects.toThrow();
    expect(fake.leadsFor('lead_x')).toHaveLength(1);
    expect((await call('GET', '/health')).status).toBe(200);
  });
});
