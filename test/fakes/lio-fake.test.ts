import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type LioFake, startLioFake } from './lio-fake';

/** What the tests read of the fake's answers. */
interface LioAnswer {
  success: boolean;
  data: { id: number; [key: string]: unknown };
  error: { message: string; type: string; code: null };
}

let fake: LioFake;

beforeAll(async () => {
  fake = await startLioFake({ rateLimit: { count: 1000, windowMs: 60_000 } });
});
afterAll(() => fake.close());
beforeEach(() => fake.reset());

async function post(body: unknown, headers: Record<string, string> = {}) {
  const res = await fetch(`${fake.url}/api/v1/lead`, {
    method: 'POST',
    headers: { 'x-api-key': fake.apiKey, 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
    signal: AbortSignal.timeout(5_000),
  });
  return { status: res.status, headers: res.headers, json: (await res.json()) as LioAnswer };
}

describe('LIO fake', () => {
  it('refuses a missing key with 401 and a wrong one with 403, in the §3 envelope', async () => {
    const missing = await post({ email: 'a@b.co' }, { 'x-api-key': '' });
    expect(missing.status).toBe(401);
    expect(missing.json).toEqual({
      success: false,
      error: { message: 'API key missing', type: 'auth', code: null },
    });
    const wrong = await post({ email: 'a@b.co' }, { 'x-api-key': 'other' });
    expect(wrong.status).toBe(403);
    expect(fake.leads).toHaveLength(0);
  });

  it.each([
    [{ first_name: 'No contact' }, 'at least one of'],
    [{ email: 'a@b.co', lead_source: 6 }, 'lead_source'],
    [{ email: 'a@b.co', lead_source: '1' }, 'lead_source'],
    [{ email: 'a@b.co', priority: 0 }, 'priority'],
    [{ email: 'a@b.co', tags: [1] }, 'tags'],
    [{ email: 'a@b.co', custom_fields: [] }, 'custom_fields'],
    [{ email: 'a@b.co', first_name: 7 }, 'first_name'],
    [{ email: 'not-an-email' }, 'email'],
    [{ email: 'a@b.co', merge: 'yes' }, 'merge'],
  ])('refuses an invalid lead %# with 422', async (body, word) => {
    const res = await post(body);
    expect(res.status).toBe(422);
    expect(res.json.error.message).toContain(word);
    expect(fake.leads).toHaveLength(0);
  });

  it('wants JSON', async () => {
    expect((await post(JSON.stringify({ email: 'a@b.co' }), { 'content-type': 'text/plain' })).status).toBe(
      400,
    );
  });

  it('creates (201 with numeric id), answers 409 for the same email, merges or duplicates on request', async () => {
    const created = await post({ email: 'Jane@Acme.com', first_name: 'Jane', lead_source: 1, utm: 'x' });
    expect(created.status).toBe(201);
    expect(created.json).toMatchObject({
      success: true,
      data: { id: expect.any(Number), email: 'Jane@Acme.com', status: 1, priority: 2 },
    });
    expect(fake.leads[0]?.custom_fields).toEqual({ utm: 'x' });
    expect((await post({ email: 'jane@acme.com' })).status).toBe(409);
    const merged = await post({ email: 'jane@acme.com', company: 'Acme', merge: 1 });
    expect(merged.status).toBe(200);
    expect(merged.json.data.id).toBe(created.json.data.id);
    expect(fake.leads).toHaveLength(1);
    expect(fake.leads[0]).toMatchObject({ company: 'Acme', merges: 1 });
    expect((await post({ email: 'jane@acme.com', duplicate: 1 })).status).toBe(201);
    expect(fake.leads).toHaveLength(2);
  });

  it('lists and searches leads with custom fields', async () => {
    await post({ email: 'x@y.co', phone_number: '+4915112345678', custom_fields: { leadkit_lead_id: 'l1' } });
    await post({ phone_number: '+919999912345' });
    const res = await fetch(`${fake.url}/api/v1/lead/lead-list?search_value=%2B4915&limit=5`, {
      headers: { 'x-api-key': fake.apiKey },
    });
    const body = (await res.json()) as { data: { custom_fields: Record<string, string> }[]; total: number };
    expect(body.total).toBe(1);
    expect(body.data[0]?.custom_fields.leadkit_lead_id).toBe('l1');
  });

  it('rate-limits on a sliding window with 429 and counts it', async () => {
    const limited = await startLioFake({ rateLimit: { count: 2, windowMs: 300 } });
    try {
      const send = () =>
        fetch(`${limited.url}/api/v1/lead/lead-list`, { headers: { 'x-api-key': limited.apiKey } });
      expect((await send()).status).toBe(200);
      expect((await send()).status).toBe(200);
      const third = await send();
      expect(third.status).toBe(429);
      expect(await third.json()).toMatchObject({ success: false, error: { type: 'rate_limit' } });
      expect(limited.rateLimited).toBe(1);
      await new Promise((r) => setTimeout(r, 350));
      expect((await send()).status).toBe(200);
    } finally {
      await limited.close();
    }
  });

  it('injects 5xx, resets and lost replies', async () => {
    fake.failNext(1, 503);
    expect((await post({ email: 'f@b.co' })).status).toBe(503);
    fake.resetNext(1);
    await expect(post({ email: 'f@b.co' })).rejects.toThrow();
    fake.loseReplyNext(1);
    await expect(post({ email: 'lost@b.co' })).rejects.toThrow();
    expect(fake.leads.map((l) => l.email)).toEqual(['lost@b.co']);
  });

  it('answers what it is told (a 2xx without data.id), after storing the lead when asked to commit', async () => {
    fake.answerNext(1, 201, { success: true }, { commit: true });
    const created = await post({ email: 'noid@b.co' });
    expect(created).toMatchObject({ status: 201, json: { success: true } });
    expect(created.json.data).toBeUndefined();
    expect(fake.leads.map((l) => l.email)).toEqual(['noid@b.co']);
    fake.answerNext(1, 200, { success: true });
    expect((await post({ email: 'nothing@b.co' })).status).toBe(200);
    expect(fake.leads).toHaveLength(1);
  });

  it('a merge replaces tags and merges custom_fields (§7.1); a seeded lead keeps its own created_at', async () => {
    fake.seedLead({
      email: 'rep@b.co',
      tags: ['vip'],
      custom_fields: { note: 'rep' },
      created_at: '2026-01-01T00:00:00.000Z',
    });
    await post({ email: 'rep@b.co', tags: ['web'], custom_fields: { msg: 'hi' }, merge: 1 });
    expect(fake.leads[0]).toMatchObject({
      tags: ['web'],
      custom_fields: { note: 'rep', msg: 'hi' },
      created_at: '2026-01-01T00:00:00.000Z',
    });
  });
});

describe('LIO fake: intent signals (§9.1)', () => {
  let lio: LioFake;
  beforeAll(async () => {
    lio = await startLioFake({ login: { email: 'ops@example.com', password: 'pw-123456' } });
  });
  afterAll(() => lio.close());

  async function login(): Promise<string> {
    const res = await fetch(`${lio.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'ops@example.com', password: 'pw-123456' }),
    });
    return ((await res.json()) as { access_token: string }).access_token;
  }
  async function signal(body: unknown, authorization?: string) {
    const res = await fetch(`${lio.url}/api/v1/intent-signal`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(authorization ? { authorization } : { 'x-api-key': lio.apiKey }),
      },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(5_000),
    });
    return { status: res.status, json: (await res.json()) as LioAnswer };
  }

  it('wants a bearer token, not the API key, and stores a valid signal', async () => {
    const lead = lio.seedLead({ email: 'a@b.co' });
    expect((await signal({ lead_id: lead.id, signal_type: 'link_clicked' })).status).toBe(401);
    expect((await signal({ lead_id: lead.id, signal_type: 'link_clicked' }, 'Bearer nope')).status).toBe(401);
    const token = await login();
    const ok = await signal(
      { lead_id: lead.id, signal_type: 'link_clicked', signal_detail: { url: 'x' } },
      `Bearer ${token}`,
    );
    expect(ok.status).toBe(201);
    expect(lio.intentSignals).toEqual([
      expect.objectContaining({ lead_id: lead.id, signal_type: 'link_clicked', signal_detail: { url: 'x' } }),
    ]);
    lio.revokeTokens();
    expect((await signal({ lead_id: lead.id, signal_type: 'manual' }, `Bearer ${token}`)).status).toBe(401);
  });

  it.each([
    [{ lead_id: '80000', signal_type: 'link_clicked' }, 'lead_id', 422],
    [{ lead_id: 80000.5, signal_type: 'link_clicked' }, 'lead_id', 422],
    [{ lead_id: 80000, signal_type: 'webinar_attended' }, 'signal_type', 422],
    [{ lead_id: 80000 }, 'signal_type', 422],
    [{ lead_id: 80000, signal_type: 'manual', signal_detail: [] }, 'signal_detail', 422],
    [{ lead_id: 80000, signal_type: 'manual', occurred_at: 'yesterday' }, 'occurred_at', 422],
    [{ lead_id: 1, signal_type: 'manual' }, 'not found', 404],
  ])('refuses signal %# (%s)', async (body, word, status) => {
    lio.reset();
    lio.seedLead({ email: 'a@b.co' });
    const res = await signal(body, `Bearer ${await login()}`);
    expect(res.status).toBe(status);
    expect(res.json.error.message.toLowerCase()).toContain(word);
    expect(lio.intentSignals).toHaveLength(0);
  });
});
