import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type QualifybaseFake, startQualifybaseFake } from './qualifybase-fake';

let fake: QualifybaseFake;

beforeAll(async () => {
  fake = await startQualifybaseFake({ rateLimit: { count: 1000, windowMs: 60_000 } });
});
afterAll(async () => {
  await fake.close();
});
beforeEach(() => fake.reset());

async function post(body: unknown, headers: Record<string, string> = {}) {
  const res = await fetch(`${fake.url}/leads`, {
    method: 'POST',
    headers: { authorization: `Bearer ${fake.apiKey}`, 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
    signal: AbortSignal.timeout(5_000),
  });
  return {
    status: res.status,
    headers: res.headers,
    json: (await res.json()) as { data?: { id: string }; error?: { code: string; message: string } },
  };
}

const valid = { full_name: 'Jane', email: 'jane@example.com', external_source: 'leadkit', external_id: 'l1' };

describe('QualifyBase fake', () => {
  it.each<[Record<string, string>, string]>([
    [{}, 'no header'],
    [{ authorization: `Token ${'qbk_live_fake_key'}` }, 'wrong scheme'],
    [{ authorization: 'Bearer qbk_live_other' }, 'wrong key'],
  ])('refuses %o (%s) with 401 and the Error envelope', async (headers, _why) => {
    const res = await fetch(`${fake.url}/leads`, { headers, signal: AbortSignal.timeout(5_000) });
    expect(res.status).toBe(401);
    expect(await res.json()).toEqual({
      error: { code: 'unauthorized', message: 'Missing or invalid API key' },
    });
  });

  it.each([
    [{ ...valid, phone: '015112345678' }, 'invalid_phone'],
    [{ ...valid, source: 'google' }, 'invalid_input'],
    [{ ...valid, score: 3 }, 'invalid_input'],
    [{ ...valid, full_name: 42 }, 'invalid_input'],
    [{ full_name: 'No contact' }, 'invalid_input'],
    [{ email: 'jane@example.com', external_id: 'x' }, 'invalid_input'],
    [{ ...valid, external_metadata: { blob: 'x'.repeat(4100) } }, 'metadata_too_large'],
    [{ ...valid, external_metadata: [] }, 'invalid_input'],
  ])('refuses an invalid LeadCreate %#', async (body, code) => {
    const res = await post(body);
    expect(res.status).toBe(400);
    expect(res.json.error?.code).toBe(code);
    expect(fake.leads).toHaveLength(0);
  });

  it('wants JSON', async () => {
    const res = await post(JSON.stringify(valid), { 'content-type': 'text/plain' });
    expect(res.status).toBe(415);
  });

  it('creates, then upserts on external_source + external_id', async () => {
    expect((await post(valid)).status).toBe(201);
    const again = await post({ ...valid, notes: 'more' });
    expect(again.status).toBe(200);
    expect(fake.leads).toHaveLength(1);
    expect(fake.leads[0]?.notes).toBe('more');
    expect((await post({ ...valid, external_source: 'hubspot' })).status).toBe(201);
  });

  it('replays an Idempotency-Key with the same body and refuses a different one', async () => {
    const first = await post(valid, { 'idempotency-key': 'k1' });
    const replay = await post(valid, { 'idempotency-key': 'k1' });
    expect(replay.status).toBe(201);
    expect(replay.headers.get('idempotent-replayed')).toBe('true');
    expect(replay.json).toEqual(first.json);
    const conflict = await post({ ...valid, notes: 'x' }, { 'idempotency-key': 'k1' });
    expect(conflict.status).toBe(409);
    expect(conflict.json.error?.code).toBe('idempotency_conflict');
    expect((await post(valid, { 'idempotency-key': 'k'.repeat(256) })).status).toBe(400);
  });

  it('caches a failure under its Idempotency-Key and replays it, like any original response', async () => {
    fake.failCachedNext(1, 500);
    const first = await post(valid, { 'idempotency-key': 'k-fail' });
    expect(first.status).toBe(500);
    expect(first.headers.get('idempotent-replayed')).toBeNull();
    const replay = await post(valid, { 'idempotency-key': 'k-fail' });
    expect(replay.status).toBe(500);
    expect(replay.headers.get('idempotent-replayed')).toBe('true');
    expect(fake.leads).toHaveLength(0);
    expect((await post(valid)).status).toBe(201);
  });

  it('limits requests on a sliding window with 429 and Retry-After, then lets them through again', async () => {
    const shared = fake;
    fake = await startQualifybaseFake({ rateLimit: { count: 3, windowMs: 1_000 } });
    try {
      for (let i = 0; i < 3; i++) expect((await post({ ...valid, external_id: `r${i}` })).status).toBe(201);
      const limited = await post({ ...valid, external_id: 'r3' });
      expect(limited.status).toBe(429);
      expect(limited.json.error?.code).toBe('rate_limited');
      expect(limited.headers.get('retry-after')).toBe('1');
      expect(fake.stats.rateLimited).toBe(1);
      await new Promise((resolve) => setTimeout(resolve, 1_100));
      expect((await post({ ...valid, external_id: 'r3' })).status).toBe(201);
    } finally {
      await fake.close();
      fake = shared;
    }
  });

  it('lists leads with the documented filters', async () => {
    await post(valid);
    await post({ ...valid, external_id: 'l2', email: 'b@example.com' });
    const res = await fetch(`${fake.url}/leads?external_id=l2&limit=5`, {
      headers: { authorization: `Bearer ${fake.apiKey}` },
      signal: AbortSignal.timeout(5_000),
    });
    const body = (await res.json()) as { data: Array<{ email: string }> };
    expect(body.data.map((l) => l.email)).toEqual(['b@example.com']);
  });

  it('injects failures: a status, and a reset', async () => {
    fake.failNext(1, { kind: 'status', status: 503 });
    expect((await post(valid)).status).toBe(503);
    fake.failNext(1, { kind: 'reset' });
    await expect(post(valid)).rejects.toThrow();
    expect((await post(valid)).status).toBe(201);
  });
});

describe('QualifyBase fake calendar', () => {
  const call = async (method: string, path: string, body?: unknown) => {
    const res = await fetch(`${fake.url}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${fake.apiKey}`,
        ...(body ? { 'content-type': 'application/json' } : {}),
      },
      body: body ? JSON.stringify(body) : undefined,
      signal: AbortSignal.timeout(5_000),
    });
    return {
      status: res.status,
      json: (await res.json()) as { data: Array<Record<string, unknown>> & Record<string, unknown> },
    };
  };

  it('files availability under the clinic dates, books, refuses a taken slot, lists, moves and cancels', async () => {
    fake.setSlots([
      { starts_at: '2026-06-02T09:00:00Z', ends_at: '2026-06-02T09:30:00Z' },
      { starts_at: '2026-06-02T10:00:00Z', ends_at: '2026-06-02T10:30:00Z' },
    ]);
    expect((await call('GET', '/availability?from=2026-06-02&limit=51')).status).toBe(400);
    const lead = (await post(valid)).json.data?.id;
    const booked = await call('POST', '/appointments', {
      lead_id: lead,
      scheduled_at: '2026-06-02T09:00:00Z',
      ends_at: '2026-06-02T09:30:00Z',
    });
    expect(booked.status).toBe(201);
    const taken = await call('POST', '/appointments', {
      lead_id: lead,
      scheduled_at: '2026-06-02T09:15:00Z',
    });
    expect(taken.status).toBe(409);
    const open = await call('GET', '/availability?from=2026-06-02');
    expect(open.json.data).toEqual([
      { date: '2026-06-02', slots: [{ starts_at: '2026-06-02T10:00:00Z', ends_at: '2026-06-02T10:30:00Z' }] },
    ]);
    const listed = await call('GET', '/appointments?from=2026-06-02T09:00:00Z&to=2026-06-02T09:00:00Z');
    expect(listed.json.data).toHaveLength(1);
    expect((await call('GET', '/appointments?from=2026-06-03T00:00:00Z')).json.data).toHaveLength(0);
    const id = (booked.json.data as unknown as { id: string }).id;
    expect(
      (
        await call('PATCH', `/appointments/${id}`, {
          scheduled_at: '2026-06-02T10:00:00Z',
          ends_at: '2026-06-02T10:30:00Z',
        })
      ).status,
    ).toBe(200);
    expect((await call('DELETE', `/appointments/${id}`)).status).toBe(200);
    expect(fake.appointments[0]?.status).toBe('cancelled');
  });
});
