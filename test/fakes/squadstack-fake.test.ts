import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type SquadStackFake, startSquadStackFake } from './squadstack-fake';

let fake: SquadStackFake;

beforeAll(async () => {
  fake = await startSquadStackFake({ rateLimit: { count: 1000, windowMs: 60_000 } });
});
afterAll(() => fake.close());
beforeEach(() => fake.reset());

async function post(endpoint: string, body: unknown, headers: Record<string, string> = {}) {
  const res = await fetch(`${fake.url}/${fake.refId}/${endpoint}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${fake.token}`, 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
    signal: AbortSignal.timeout(5_000),
  });
  const text = await res.text();
  let json: { error_msg: string; [key: string]: unknown } | undefined;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: res.status, text, json };
}

const lead = (id: string, extra: Record<string, unknown> = {}) => ({
  lead_id: id,
  phone_number: '9999999999',
  contact_name: 'John Doe',
  ...extra,
});

describe('SquadStack fake', () => {
  it.each<[string, () => string]>([
    ['no header', () => ''],
    ['the wrong scheme', () => `Basic ${fake.token}`],
    ['a wrong token', () => 'Bearer other'],
  ])('refuses %s with 401 "Invalid auth token"', async (_why, authorization) => {
    const res = await post('lead-upserted', lead('a'), { authorization: authorization() });
    expect(res.status).toBe(401);
    expect(res.json).toEqual({ error_msg: 'Invalid auth token' });
    expect(fake.leads).toHaveLength(0);
  });

  it('answers 404 for an unknown ref id or a disabled endpoint', async () => {
    const res = await fetch(`${fake.url}/other/lead-upserted`, {
      method: 'POST',
      headers: { authorization: `Bearer ${fake.token}`, 'content-type': 'application/json' },
      body: JSON.stringify(lead('a')),
    });
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual({ error_msg: 'No active integration found.' });
    expect((await post('lead-deleted', lead('a'))).status).toBe(404);
  });

  it.each([
    [{ phone_number: '9999999999', contact_name: 'x' }, 'lead_id'],
    [lead('a', { phone_number: '999999999' }), 'phone_number'], // the document's failed sample: 9 digits
    [lead('a', { phone_number: '99999-99999' }), 'phone_number'],
    [lead('a', { contact_name: '' }), 'contact_name'],
    [{ lead_id: 'a', phone_number: '9999999999' }, 'contact_name'],
    [lead('a', { city: { name: 'Pune' } }), 'city'],
    [lead('a', { score: 1.5 }), 'score'],
  ])('refuses an invalid lead %# with 400 and a field error_msg', async (body, field) => {
    const res = await post('lead-created', body);
    expect(res.status).toBe(400);
    expect(Object.keys(JSON.parse(res.json?.error_msg ?? ''))).toEqual([field]);
    expect(fake.leads).toHaveLength(0);
  });

  it("reads the examples' 10 digits and E.164 (as its own disposition payloads write it)", async () => {
    expect((await post('lead-created', lead('n'))).status).toBe(200);
    expect((await post('lead-created', lead('e', { phone_number: '+447911123456' }))).status).toBe(200);
    expect(fake.lead('e')?.phone_number).toBe('+447911123456');
  });

  it('wants JSON', async () => {
    expect(
      (await post('lead-created', JSON.stringify(lead('a')), { 'content-type': 'text/plain' })).status,
    ).toBe(400);
  });

  it('create answers 409 for a known lead_id; upsert updates it and needs only lead_id then', async () => {
    expect(await post('lead-created', lead('a', { city: 'Pune', visits: 3 }))).toMatchObject({
      status: 200,
      json: lead('a', { city: 'Pune', visits: 3 }),
    });
    const again = await post('lead-created', lead('a'));
    expect(again.status).toBe(409);
    expect(JSON.parse(again.json?.error_msg ?? '')).toEqual({
      error_type: 1,
      detail: 'Internal ID already exists',
    });
    expect((await post('lead-upserted', { lead_id: 'a', city: 'Mumbai' })).status).toBe(200);
    expect(fake.lead('a')).toMatchObject({ city: 'Mumbai', contact_name: 'John Doe' });
    expect((await post('lead-upserted', { lead_id: 'b', city: 'Delhi' })).status).toBe(400);
    expect(fake.creations('a')).toBe(1);
    expect(fake.writes('a')).toBe(2);
  });

  it('bulk: 1–100 leads, a result entry per lead in the documented envelope', async () => {
    const res = await post('lead-created', [lead('x1'), lead('x1'), lead('x2', { phone_number: 'abc' })]);
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({
      status: 'partial_sucess',
      message: 'Bulk operation completed successfully',
      result: [
        { status_code: 200, data: lead('x1') },
        { status_code: 409, data: { error_msg: expect.stringContaining('Duplicate Lead ID shared') } },
        { status_code: 400, data: { error_msg: "{'phone_number': 'Invalid value provided.'}" } },
      ],
      metadata: { total_leads: 3, success: 1, failed: 2 },
    });
    expect(fake.requests.at(-1)).toMatchObject({ bulk: true, size: 3 });
    const tooMany = await post(
      'lead-upserted',
      Array.from({ length: 101 }, (_, i) => lead(`m${i}`)),
    );
    expect(tooMany.status).toBe(400);
    expect((await post('lead-upserted', [])).status).toBe(400);
    expect(fake.leads).toHaveLength(1);
  });

  it('rate-limits requests (a bulk call is one) with the documented non-JSON 429', async () => {
    const limited = await startSquadStackFake({ rateLimit: { count: 2, windowMs: 300 } });
    try {
      const send = (body: unknown) =>
        fetch(`${limited.url}/${limited.refId}/lead-upserted`, {
          method: 'POST',
          headers: { authorization: `Bearer ${limited.token}`, 'content-type': 'application/json' },
          body: JSON.stringify(body),
        });
      expect((await send(Array.from({ length: 100 }, (_, i) => lead(`r${i}`)))).status).toBe(200);
      expect((await send(lead('one'))).status).toBe(200);
      const third = await send(lead('two'));
      expect(third.status).toBe(429);
      expect(await third.text()).toBe('{Request was throttled. Please try after 1 seconds}');
      expect(limited.rateLimited).toBe(1);
      expect(limited.leads).toHaveLength(101);
      await new Promise((r) => setTimeout(r, 350));
      expect((await send(lead('two'))).status).toBe(200);
    } finally {
      await limited.close();
    }
  });

  it('injects 5xx, resets, lost replies and "getting processed" 409s', async () => {
    fake.failNext(1, 500);
    expect((await post('lead-upserted', lead('f'))).status).toBe(500);
    fake.resetNext(1);
    await expect(post('lead-upserted', lead('f'))).rejects.toThrow();
    fake.busyNext(1);
    const busy = await post('lead-upserted', lead('f'));
    expect(busy.status).toBe(409);
    expect(busy.json?.error_msg).toContain('getting processed');
    fake.loseReplyNext(1);
    await expect(post('lead-upserted', lead('lost'))).rejects.toThrow();
    expect(fake.leads.map((l) => l.lead_id)).toEqual(['lost']);
  });
});
