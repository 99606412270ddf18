import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type LeadcenterFake, startLeadcenterFake } from './leadcenter-fake';

let fake: LeadcenterFake;

beforeAll(async () => {
  fake = await startLeadcenterFake({ rateLimit: { count: 1000, windowMs: 60_000 } });
});
afterAll(async () => {
  await fake.close();
});
beforeEach(() => fake.reset());

async function call(method: string, path: string, body?: unknown, headers: Record<string, string> = {}) {
  const res = await fetch(`${fake.url}${path}`, {
    method,
    headers: { authorization: `Bearer ${fake.token}`, 'content-type': 'application/json', ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
    signal: AbortSignal.timeout(5_000),
  });
  return { status: res.status, headers: res.headers, json: (await res.json()) as Record<string, unknown> };
}

describe('LeadCenter.AI fake', () => {
  it('refuses a missing or wrong bearer token with the error envelope', async () => {
    const res = await call('GET', '/v1/leads', undefined, { authorization: 'Basic abc' });
    expect(res.status).toBe(401);
    expect(res.json).toEqual({ success: false, message: 'Unauthenticated.', errors: [] });
  });

  it('validates like Laravel: 422 with errors per field', async () => {
    const res = await call('POST', '/v1/leads', { first_name: 1, email: 'nope' });
    expect(res.status).toBe(422);
    expect(res.json.success).toBe(false);
    expect(res.json.errors).toEqual({
      first_name: ['The first name field must be a string.'],
      email: ['The email field must be a valid email address.'],
    });
  });

  it('creates a lead and answers it as a plain object with an integer id', async () => {
    const res = await call('POST', '/v1/leads', {
      first_name: 'Jane',
      email: 'jane@example.com',
      notes: 'leadkit id: x1',
    });
    expect(res.status).toBe(201);
    expect(res.json).toMatchObject({ id: 1, first_name: 'Jane', email: 'jane@example.com' });
    expect(fake.countByLeadId('x1')).toBe(1);
  });

  it('wants JSON', async () => {
    expect(
      (await call('POST', '/v1/leads', { email: 'a@b.co' }, { 'content-type': 'text/plain' })).status,
    ).toBe(415);
  });

  it('paginates only with both page and per_page, and searches fuzzily', async () => {
    await call('POST', '/v1/leads', { email: 'jane@example.com' });
    await call('POST', '/v1/leads', { email: 'max@example.com' });
    const plain = await fetch(`${fake.url}/v1/leads?search=JANE`, {
      headers: { authorization: `Bearer ${fake.token}` },
    });
    expect(((await plain.json()) as unknown[]).length).toBe(1);
    const missing = await call('GET', '/v1/leads?page=1');
    expect(missing.status).toBe(422);
    const paged = await call('GET', '/v1/leads?page=2&per_page=1');
    expect(paged.json).toMatchObject({
      data: [{ email: 'max@example.com' }],
      meta: { current_page: 2, last_page: 2, total: 2 },
    });
  });

  it('limits requests on a sliding window with 429 and Retry-After', async () => {
    const shared = fake;
    fake = await startLeadcenterFake({ rateLimit: { count: 3, windowMs: 1_000 } });
    try {
      for (let i = 0; i < 3; i++) expect((await call('GET', '/v1/leads')).status).toBe(200);
      const limited = await call('GET', '/v1/leads');
      expect(limited.status).toBe(429);
      expect(limited.json).toMatchObject({ success: false, message: 'Too Many Attempts.' });
      expect(limited.headers.get('retry-after')).toBe('1');
      await new Promise((resolve) => setTimeout(resolve, 1_100));
      expect((await call('GET', '/v1/leads')).status).toBe(200);
    } finally {
      await fake.close();
      fake = shared;
    }
  });
});
