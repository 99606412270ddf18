import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type LioFake, startLioFake } from '../../../test/fakes/lio-fake';
import { createTestDeps, makeAttempt, makeTestLead } from '../../../test/support/backend-test-kit';
import type { CanonicalLead } from '../../model/lead';
import { createLioBackend, type LioConfig, lioConfigSchema } from './lio-backend';

// Every backend here shares these deps, so the state store keeps nothing: a LIO session one
// test logged in with must not log in the next.
const deps = createTestDeps({ state: { get: async () => null, set: async () => {} } });

let counter = 0;
function makeLead(fields: CanonicalLead['fields'] = {}): CanonicalLead {
  counter++;
  return makeTestLead({
    fields: { name: 'Jane Doe', email: `jane${counter}@example.com`, ...fields },
    attribution: { first: { utm_source: 'linkedin', utm_campaign: 'q4' } },
  });
}

const attempt = (n = 1) => makeAttempt({ attempt: n });

let fake: LioFake;
let configBase: LioConfig;

beforeAll(async () => {
  fake = await startLioFake({
    rateLimit: { count: 1000, windowMs: 1000 },
    login: { email: 'ops@example.com', password: 'hunter22' },
    bookingSlugs: ['dr-smith'],
  });
  configBase = { type: 'lio', baseUrl: fake.url, apiKey: fake.apiKey, timeoutMs: 2_000 };
});
afterAll(() => fake.close());

function backend(overrides: Partial<LioConfig> = {}) {
  return createLioBackend('sales', { ...configBase, ...overrides }, deps);
}

describe('lio config', () => {
  it('accepts the CONTRACT example and defaults the limits to 60/min', () => {
    const parsed = lioConfigSchema.safeParse({
      type: 'lio',
      baseUrl: 'https://lio.example.com',
      apiKey: 'k',
      bookingSlug: 'dr-smith',
    });
    expect(parsed.success).toBe(true);
    const limits = createLioBackend('x', parsed.data as LioConfig, deps).limits;
    expect(limits.rateLimit).toEqual({ count: 60, windowMs: 60_000 });
  });

  it('rejects unknown keys, a bad onDuplicate and a password without email', () => {
    expect(lioConfigSchema.safeParse({ ...configBase, apiKeys: 'x' }).success).toBe(false);
    expect(lioConfigSchema.safeParse({ ...configBase, onDuplicate: 'ignore' }).success).toBe(false);
    const lonely = lioConfigSchema.safeParse({ ...configBase, password: 'p' });
    expect(lonely.success).toBe(false);
    expect(JSON.stringify(lonely.error?.issues)).toContain('password');
  });
});

describe('lio delivery', () => {
  it('creates the lead and returns LIO numeric id as externalId', async () => {
    const lead = makeLead({ phone: '+4915112345678', company: 'Acme' });
    const outcome = await backend({ tags: ['web'] }).deliverLead(lead, attempt());
    expect(outcome.kind).toBe('ok');
    const stored = fake.leadsFor(lead.id);
    expect(stored).toHaveLength(1);
    expect(outcome).toMatchObject({ externalId: String(stored[0]?.id) });
    expect(stored[0]).toMatchObject({
      first_name: 'Jane',
      last_name: 'Doe',
      phone_number: '+4915112345678',
      company: 'Acme',
      lead_source: 3,
      tags: ['web', 'q4'],
    });
    const request = fake.requests.at(-1);
    expect(request?.headers['x-api-key']).toBe(fake.apiKey);
    expect(request?.headers['content-type']).toBe('application/json');
  });

  it('merges a duplicate by default: a redelivery updates the same LIO lead', async () => {
    const lead = makeLead();
    const first = await backend().deliverLead(lead, attempt());
    const again = await backend().deliverLead(lead, attempt(2));
    expect(first.kind).toBe('ok');
    expect(again).toMatchObject({ kind: 'conflict', message: 'merged into the existing LIO lead' });
    expect(again).toHaveProperty('externalId', (first as { externalId: string }).externalId);
    expect(fake.leadsFor(lead.id)).toHaveLength(1);
    expect(fake.leadsFor(lead.id)[0]?.merges).toBe(1);
    expect(fake.requests.at(-1)?.body).toMatchObject({ merge: 1 });
  });

  it('merges a different leadkit lead with the same email into the existing LIO lead', async () => {
    const one = makeLead({ email: 'shared@example.com' });
    const two = makeLead({ email: 'shared@example.com' });
    await backend().deliverLead(one, attempt());
    const outcome = await backend().deliverLead(two, attempt());
    expect(outcome.kind).toBe('conflict');
    expect(fake.leads.filter((l) => l.email === 'shared@example.com')).toHaveLength(1);
  });

  it('onDuplicate skip counts the 409 as delivered and keeps the existing id', async () => {
    const one = makeLead({ email: 'skip@example.com' });
    const two = makeLead({ email: 'skip@example.com' });
    const first = await backend({ onDuplicate: 'skip' }).deliverLead(one, attempt());
    const outcome = await backend({ onDuplicate: 'skip' }).deliverLead(two, attempt());
    expect(outcome.kind).toBe('conflict');
    expect(outcome).toHaveProperty('externalId', (first as { externalId: string }).externalId);
    expect(outcome.kind === 'conflict' && outcome.message).toContain('already exists');
    expect(fake.leads.filter((l) => l.email === 'skip@example.com')).toHaveLength(1);
    expect(fake.leads.find((l) => l.email === 'skip@example.com')?.merges).toBe(0);
  });

  it('onDuplicate duplicate creates a second lead for another submission but not for a retry of the same one', async () => {
    const one = makeLead({ email: 'dup@example.com' });
    const two = makeLead({ email: 'dup@example.com' });
    await backend({ onDuplicate: 'duplicate' }).deliverLead(one, attempt());
    const second = await backend({ onDuplicate: 'duplicate' }).deliverLead(two, attempt());
    expect(second).toMatchObject({ kind: 'ok', message: 'created as a duplicate' });
    expect(fake.leads.filter((l) => l.email === 'dup@example.com')).toHaveLength(2);
    const retry = await backend({ onDuplicate: 'duplicate' }).deliverLead(two, attempt(2));
    expect(retry.kind).toBe('conflict');
    expect(fake.leads.filter((l) => l.email === 'dup@example.com')).toHaveLength(2);
  });

  it('a phone-only lead whose first answer was lost is not created twice by the retry', async () => {
    const lead = makeLead({ email: '', phone: '+919999912345' });
    fake.loseReplyNext(1);
    const lost = await backend().deliverLead(lead, attempt(1));
    expect(lost.kind).toBe('retry');
    expect(fake.leadsFor(lead.id)).toHaveLength(1);
    const retry = await backend().deliverLead(lead, attempt(2));
    expect(retry).toMatchObject({ kind: 'conflict', externalId: String(fake.leadsFor(lead.id)[0]?.id) });
    expect(fake.leadsFor(lead.id)).toHaveLength(1);
  });

  it('a lead with email whose first answer was lost ends as one LIO lead', async () => {
    const lead = makeLead();
    fake.loseReplyNext(1);
    expect((await backend().deliverLead(lead, attempt(1))).kind).toBe('retry');
    expect((await backend().deliverLead(lead, attempt(2))).kind).toBe('conflict');
    expect(fake.leadsFor(lead.id)).toHaveLength(1);
  });

  it('a validation error is permanent with LIO message', async () => {
    const lead = makeLead({ email: 'not-an-email' });
    const outcome = await backend().deliverLead(lead, attempt());
    expect(outcome).toEqual({ kind: 'permanent', message: '422: "email" must be a valid email' });
  });

  it('a lead with no email, phone or LinkedIn URL is permanent without a request', async () => {
    const before = fake.requests.length;
    const outcome = await backend().deliverLead(makeLead({ email: '' }), attempt());
    expect(outcome.kind).toBe('permanent');
    expect(fake.requests.length).toBe(before);
  });

  it('a wrong key is permanent (403) and a missing key too (401), without echoing the key', async () => {
    const wrong = await backend({ apiKey: 'lio_wrong_secret' }).deliverLead(makeLead(), attempt());
    expect(wrong.kind).toBe('permanent');
    expect(wrong.kind === 'permanent' && wrong.message).toMatch(/^403 .*Invalid or expired API key/);
    expect(JSON.stringify(wrong)).not.toContain('lio_wrong_secret');
  });

  it('5xx, resets and timeouts are retried', async () => {
    fake.failNext(1, 503);
    expect(await backend().deliverLead(makeLead(), attempt())).toMatchObject({
      kind: 'retry',
      message: expect.stringContaining('503'),
    });
    fake.resetNext(1);
    expect((await backend().deliverLead(makeLead(), attempt())).kind).toBe('retry');
    fake.hangNext(1);
    const timedOut = await backend({ timeoutMs: 200 }).deliverLead(makeLead(), attempt());
    expect(timedOut).toEqual({ kind: 'retry', message: 'timed out after 200 ms' });
  });

  it('429 is retried after one rate window (no Retry-After from LIO) and pauses the backend', async () => {
    const limited = await startLioFake({ rateLimit: { count: 2, windowMs: 500 } });
    try {
      // Configured a little above LIO's real rate, so the backend's own pacing lets the 429 happen.
      const lio = createLioBackend(
        'sales',
        { ...configBase, baseUrl: limited.url, apiKey: limited.apiKey, rateLimit: '3/0.5s' },
        deps,
      );
      expect((await lio.deliverLead(makeLead(), attempt())).kind).toBe('ok');
      expect((await lio.deliverLead(makeLead(), attempt())).kind).toBe('ok');
      const third = await lio.deliverLead(makeLead(), attempt());
      expect(third).toMatchObject({ kind: 'retry', delayMs: 500, pauseBackendMs: 500 });
      expect(limited.rateLimited).toBe(1);
    } finally {
      await limited.close();
    }
  });

  it('paces every request at the configured rate, the resend with merge: 1 too, so LIO never answers 429', async () => {
    const limited = await startLioFake({ rateLimit: { count: 2, windowMs: 300 } });
    try {
      const lio = createLioBackend(
        'sales',
        { ...configBase, baseUrl: limited.url, apiKey: limited.apiKey, rateLimit: '2/0.3s' },
        deps,
      );
      const lead = makeLead();
      const started = performance.now();
      expect((await lio.deliverLead(lead, attempt())).kind).toBe('ok');
      // The 409 and the merge resend are the second and third request: the third waits a window.
      expect((await lio.deliverLead(lead, attempt(2))).kind).toBe('conflict');
      expect(performance.now() - started).toBeGreaterThanOrEqual(300);
      expect(limited.requests.map((r) => r.status)).toEqual([201, 409, 200]);
      expect(limited.rateLimited).toBe(0);
    } finally {
      await limited.close();
    }
  });

  it('stops waiting for the request rate when the attempt is aborted', async () => {
    const lio = backend({ rateLimit: '1/1min' });
    expect((await lio.deliverLead(makeLead(), attempt())).kind).toBe('ok');
    const controller = new AbortController();
    const waiting = lio.deliverLead(makeLead(), { ...attempt(), signal: controller.signal });
    setTimeout(() => controller.abort(), 20);
    expect(await waiting).toEqual({
      kind: 'retry',
      message: 'aborted while waiting for the LIO request rate',
    });
  });

  it('429 honours Retry-After when LIO sends one', async () => {
    const limited = await startLioFake({ rateLimit: { count: 1, windowMs: 60_000 }, retryAfterSeconds: 7 });
    try {
      const lio = createLioBackend(
        'sales',
        { ...configBase, baseUrl: limited.url, apiKey: limited.apiKey },
        deps,
      );
      await lio.deliverLead(makeLead(), attempt());
      expect(await lio.deliverLead(makeLead(), attempt())).toMatchObject({ kind: 'retry', delayMs: 7_000 });
    } finally {
      await limited.close();
    }
  });
});

describe('lio merge, look-up and answers without an id', () => {
  it('the merge: 1 resend sends only what the visitor gave now: the rep’s status, priority, source and tags stay', async () => {
    const email = `returning${counter}@example.com`;
    fake.seedLead({ email, first_name: 'Old', status: 7, priority: 4, lead_source: 2, tags: ['vip'] });
    const lead = makeLead({ email, company: 'New Co' });
    const outcome = await backend({ priority: 'low', status: 1, tags: ['web'] }).deliverLead(lead, attempt());
    expect(outcome).toMatchObject({ kind: 'conflict', message: 'merged into the existing LIO lead' });
    const stored = fake.leads.find((l) => l.email === email);
    expect(stored).toMatchObject({
      status: 7,
      priority: 4,
      lead_source: 2,
      tags: ['vip'],
      first_name: 'Jane',
      company: 'New Co',
    });
    expect(stored?.custom_fields.leadkit_lead_id).toBe(lead.id);
    const resend = fake.requests.at(-1)?.body as Record<string, unknown>;
    expect(resend.merge).toBe(1);
    for (const key of ['status', 'priority', 'lead_source', 'tags']) expect(resend).not.toHaveProperty(key);
  });

  it('a 2xx without data.id is retried, not silently delivered, and the retry ends as one lead with its id', async () => {
    const lead = makeLead({ email: '', phone: '+919999954321' });
    fake.answerNext(1, 201, { success: true, message: 'Lead created successfully' }, { commit: true });
    const first = await backend().deliverLead(lead, attempt(1));
    expect(first).toMatchObject({ kind: 'retry', message: expect.stringContaining('data.id') });
    expect(fake.leadsFor(lead.id)).toHaveLength(1);
    const retry = await backend().deliverLead(lead, attempt(2));
    expect(retry).toMatchObject({ kind: 'conflict', externalId: String(fake.leadsFor(lead.id)[0]?.id) });
    expect(fake.leadsFor(lead.id)).toHaveLength(1);

    // Something in front of LIO answering 200 with a web page: not a delivery either.
    fake.answerNext(1, 200, '<html>Welcome</html>');
    expect((await backend().deliverLead(makeLead(), attempt())).kind).toBe('retry');
  });
});

describe('lio phone-only redelivery look-up without custom fields in the list', () => {
  let bare: LioFake;
  beforeAll(async () => {
    bare = await startLioFake({ rateLimit: { count: 1000, windowMs: 1000 }, listCustomFields: false });
  });
  afterAll(() => bare.close());
  const onBare = () =>
    createLioBackend('sales', { ...configBase, baseUrl: bare.url, apiKey: bare.apiKey }, deps);

  it('an older lead with the same phone is not taken for ours: the lead is created', async () => {
    const phone = '+919999900111';
    const older = bare.seedLead({ phone_number: phone, created_at: '2026-10-01T08:00:00.000Z' });
    const lead = makeLead({ email: '', phone });
    const outcome = await onBare().deliverLead(lead, attempt(2));
    expect(outcome.kind).toBe('ok');
    expect(outcome).not.toHaveProperty('externalId', String(older.id));
    expect(bare.leads.filter((l) => l.phone_number === phone)).toHaveLength(2);
  });

  it('the lead an earlier attempt created (no earlier than ours) is still found', async () => {
    const lead = makeLead({ email: '', phone: '+919999900222' });
    bare.loseReplyNext(1);
    expect((await onBare().deliverLead(lead, attempt(1))).kind).toBe('retry');
    expect((await onBare().deliverLead(lead, attempt(2))).kind).toBe('conflict');
    expect(bare.leads.filter((l) => l.phone_number === '+919999900222')).toHaveLength(1);
  });
});

describe('lio base URL', () => {
  it('check-config --live explains a 404 from a doubled /api/v1, and a 200 that is not LIO’s list', async () => {
    const doubled = await backend({ baseUrl: `${fake.url}/api/v1` }).check?.(new AbortController().signal);
    expect(doubled?.[0]).toMatchObject({ ok: false });
    expect(doubled?.[0]?.detail).toMatch(
      /^404: .*baseUrl ends in \/api\/v1, and leadkit appends \/api\/v1\/… itself .*set baseUrl to "http:\/\/127\.0\.0\.1:\d+"/,
    );
    fake.answerNext(1, 200, '<html>Welcome</html>');
    const page = await backend().check?.(new AbortController().signal);
    expect(page?.[0]).toMatchObject({ ok: false, detail: expect.stringContaining('not LIO’s list answer') });
  });
});

describe('lio check', () => {
  it('reports key, login and booking slug without creating a lead', async () => {
    const before = fake.leads.length;
    const results = await backend({
      email: 'ops@example.com',
      password: 'hunter22',
      bookingSlug: 'dr-smith',
    }).check?.(new AbortController().signal);
    expect(results?.map((r) => r.ok)).toEqual([true, true, true]);
    expect(fake.leads.length).toBe(before);
  });

  it('reports a rejected key, a failed login and an unknown slug', async () => {
    const results = await backend({
      apiKey: 'bad_key_123',
      email: 'ops@example.com',
      password: 'nope',
      bookingSlug: 'dr-nobody',
    }).check?.(new AbortController().signal);
    expect(results?.map((r) => r.ok)).toEqual([false, false, false]);
    expect(results?.[0]?.detail).toContain('403');
    expect(results?.[1]?.detail).toContain('401');
    expect(results?.[2]?.detail).toContain('404');
    expect(JSON.stringify(results)).not.toContain('bad_key_123');
    expect(JSON.stringify(results)).not.toContain('nope');
  });
});
