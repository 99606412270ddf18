import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type LeadcenterFake, startLeadcenterFake } from '../../../test/fakes/leadcenter-fake';
import {
  createTestDeps,
  makeAttempt,
  makeTestLead,
  type TestDeps,
} from '../../../test/support/backend-test-kit';
import type { CanonicalLead } from '../../model/lead';
import type { Backend } from '../backend';
import { createLeadcenterBackend, leadcenterBackend, leadcenterConfigSchema } from './leadcenter-backend';

function makeLead(id: string, overrides: Partial<CanonicalLead> = {}): CanonicalLead {
  return makeTestLead({
    id,
    leadRef: `ref_${id}`,
    createdAt: new Date().toISOString(),
    fields: {
      name: 'Jane Doe',
      email: `${id}@example.com`,
      phone: '+4915112345678',
      company: 'Acme',
      message: 'Hello',
    },
    attribution: { first: { utm_source: 'google', utm_medium: 'cpc' } },
    ...overrides,
  });
}

const attempt = (n = 1, externalId: string | null = null) => makeAttempt({ attempt: n, externalId });

function parseConfig(input: Record<string, unknown>) {
  const parsed = leadcenterConfigSchema.safeParse({ type: 'leadcenter', ...input });
  if (!parsed.success) throw new Error(JSON.stringify(parsed.error.issues));
  return parsed.data;
}

let fake: LeadcenterFake;
let backend: Backend;
let logs: TestDeps['logs'];

function makeBackend(target: LeadcenterFake, extra: Record<string, unknown> = {}) {
  const deps = createTestDeps();
  logs = deps.logs;
  return createLeadcenterBackend(
    'lc',
    parseConfig({ baseUrl: target.url, token: target.token, timeoutMs: 2_000, ...extra }),
    deps,
  );
}

async function withFake(
  options: Parameters<typeof startLeadcenterFake>[0],
  run: (f: LeadcenterFake) => Promise<void>,
) {
  const other = await startLeadcenterFake(options);
  try {
    await run(other);
  } finally {
    await other.close();
  }
}

beforeAll(async () => {
  fake = await startLeadcenterFake({ rateLimit: { count: 1000, windowMs: 60_000 } });
});
afterAll(async () => {
  await fake.close();
});
beforeEach(() => {
  fake.reset();
  backend = makeBackend(fake);
});

describe('leadcenter config', () => {
  it('needs a baseUrl and a token, defaults to 60/min, and checks paths', () => {
    expect(leadcenterConfigSchema.safeParse({ type: 'leadcenter', token: 't' }).success).toBe(false);
    expect(
      leadcenterConfigSchema.safeParse({ type: 'leadcenter', baseUrl: 'https://lc.example', token: '' })
        .success,
    ).toBe(false);
    expect(
      leadcenterConfigSchema.safeParse({
        type: 'leadcenter',
        baseUrl: 'https://lc.example',
        token: 't',
        paths: { search: '/v1/leads?q=x' },
      }).success,
    ).toBe(false);
    expect(
      leadcenterConfigSchema.safeParse({
        type: 'leadcenter',
        baseUrl: 'https://lc.example',
        token: 't',
        paths: { create: 'leads' },
      }).success,
    ).toBe(false);
    expect(
      leadcenterConfigSchema.safeParse({
        type: 'leadcenter',
        baseUrl: 'https://lc.example',
        token: 't',
        lookup: 'sometimes',
      }).success,
    ).toBe(false);
    expect(makeBackend(fake).limits.rateLimit).toEqual({ count: 60, windowMs: 60_000 });
    expect(leadcenterBackend.type).toBe('leadcenter');
  });
});

describe('leadcenter delivery', () => {
  it('creates the lead with a bearer token and JSON, keeping the vendor id', async () => {
    const outcome = await backend.deliverLead(makeLead('a'), attempt());
    expect(outcome).toEqual({ kind: 'ok', externalId: '1' });
    expect(fake.leads[0]).toMatchObject({
      first_name: 'Jane',
      last_name: 'Doe',
      email: 'a@example.com',
      phone: '+4915112345678',
      company: 'Acme',
      source: 'google',
      medium: 'cpc',
    });
    expect(fake.leads[0]?.notes).toContain('leadkit id: a');
    expect(fake.requests[0]?.headers.authorization).toBe(`Bearer ${fake.token}`);
    expect(fake.requests[0]?.headers['content-type']).toBe('application/json');
    expect(fake.stats.searches).toBe(0);
  });

  it('a redelivery after a lost answer finds the lead instead of creating it again', async () => {
    fake.failNext(1, { kind: 'lose-response' });
    expect((await backend.deliverLead(makeLead('b'), attempt(1))).kind).toBe('retry');
    const again = await backend.deliverLead(makeLead('b'), attempt(2));
    expect(again).toMatchObject({ kind: 'conflict', externalId: '1' });
    expect(fake.countByLeadId('b')).toBe(1);
    expect(fake.stats.searches).toBe(1);
    expect(fake.requests.at(-1)?.path).toBe('/v1/leads?search=b%40example.com&page=1&per_page=25');
  });

  it('a redelivery whose first attempt never arrived creates the lead once', async () => {
    fake.failNext(1, { kind: 'reset' });
    expect((await backend.deliverLead(makeLead('c'), attempt(1))).kind).toBe('retry');
    expect((await backend.deliverLead(makeLead('c'), attempt(2))).kind).toBe('ok');
    expect(fake.countByLeadId('c')).toBe(1);
  });

  it('a redelivery does not mistake an older lead of the same person for this one', async () => {
    await backend.deliverLead(makeLead('d1', { fields: { email: 'same@example.com' } }), attempt(1));
    const outcome = await backend.deliverLead(
      makeLead('d2', { fields: { email: 'same@example.com' } }),
      attempt(2),
    );
    expect(outcome.kind).toBe('ok');
    expect(fake.leads).toHaveLength(2);
  });

  it('a delivery that already has the vendor id is not sent again', async () => {
    const outcome = await backend.deliverLead(makeLead('e'), attempt(3, '42'));
    expect(outcome).toMatchObject({ kind: 'conflict', externalId: '42' });
    expect(fake.stats.requests).toBe(0);
  });

  it('a validation error is permanent with the field messages', async () => {
    const outcome = await backend.deliverLead(
      makeLead('f', { fields: { email: 'jane@localhost' } }),
      attempt(),
    );
    expect(outcome).toEqual({
      kind: 'permanent',
      message:
        '422: The email field must be a valid email address. (email: The email field must be a valid email address.)',
      fieldErrors: { email: ['The email field must be a valid email address.'] },
    });
  });

  it('reads field messages from an errors list too', async () => {
    await withFake({ errorsAs: 'list' }, async (listFake) => {
      const outcome = await makeBackend(listFake).deliverLead(
        makeLead('g', { fields: { name: 'No Contact' } }),
        attempt(),
      );
      expect(outcome).toMatchObject({
        kind: 'permanent',
        fieldErrors: {
          email: ['The email field is required when phone is not present.'],
          phone: ['The phone field is required when email is not present.'],
        },
      });
      if (outcome.kind === 'permanent')
        expect(outcome.message).toContain('phone: The phone field is required');
    });
  });

  it('"already taken" is permanent on a first attempt and delivered on a redelivery', async () => {
    await withFake({ uniqueEmail: true }, async (uniqueFake) => {
      const unique = makeBackend(uniqueFake, { lookup: 'never' });
      await unique.deliverLead(makeLead('h1', { fields: { email: 'taken@example.com' } }), attempt(1));
      const first = await unique.deliverLead(
        makeLead('h2', { fields: { email: 'taken@example.com' } }),
        attempt(1),
      );
      expect(first).toMatchObject({
        kind: 'permanent',
        message: expect.stringContaining('has already been taken'),
      });
      const redelivered = await unique.deliverLead(
        makeLead('h2', { fields: { email: 'taken@example.com' } }),
        attempt(2),
      );
      expect(redelivered.kind).toBe('conflict');
      expect(uniqueFake.leads).toHaveLength(1);
    });
  });

  it('429 is retried after Retry-After and pauses the backend', async () => {
    await withFake({ rateLimit: { count: 2, windowMs: 10_000 } }, async (limited) => {
      // Configured above the vendor's real rate, so the backend's own pacing lets the 429s happen.
      const limitedBackend = makeBackend(limited, { rateLimit: '4/10s' });
      expect((await limitedBackend.deliverLead(makeLead('r1'), attempt())).kind).toBe('ok');
      expect((await limitedBackend.deliverLead(makeLead('r2'), attempt())).kind).toBe('ok');
      const outcome = await limitedBackend.deliverLead(makeLead('r3'), {
        ...attempt(1),
        deliveryId: 'dlv_r3',
      });
      expect(outcome.kind).toBe('retry');
      if (outcome.kind !== 'retry') return;
      expect(outcome.delayMs).toBeGreaterThanOrEqual(1_000);
      expect(outcome.delayMs).toBeLessThanOrEqual(10_000);
      expect(outcome.pauseBackendMs).toBe(outcome.delayMs);
      // The create was refused, so its retry needs no lookup; a redelivery of another
      // delivery does look up, and its lookup is rate limited too and stops there.
      expect(
        (await limitedBackend.deliverLead(makeLead('r4'), { ...attempt(2), deliveryId: 'dlv_r4' })).kind,
      ).toBe('retry');
      expect(limited.requests.at(-1)).toMatchObject({ method: 'GET', status: 429 });
      expect(limited.stats).toMatchObject({ requests: 4, rateLimited: 2 });
      expect(limited.leads).toHaveLength(2);
    });
  });

  it('paces every request at the configured rate, the search before a create too, so LeadCenter.AI never answers 429', async () => {
    await withFake({ rateLimit: { count: 2, windowMs: 300 } }, async (limited) => {
      const paced = makeBackend(limited, { rateLimit: '2/0.3s' });
      const started = performance.now();
      expect((await paced.deliverLead(makeLead('w1'), attempt())).kind).toBe('ok');
      // A redelivery: the search is the second request, the create the third, a window later.
      expect((await paced.deliverLead(makeLead('w2'), attempt(2))).kind).toBe('ok');
      expect(performance.now() - started).toBeGreaterThanOrEqual(300);
      expect(limited.stats).toMatchObject({ requests: 3, searches: 1, rateLimited: 0 });
      expect(limited.leads).toHaveLength(2);
    });
  });

  it('stops waiting for the request rate when the attempt is aborted', async () => {
    const slow = makeBackend(fake, { rateLimit: '1/1min' });
    expect((await slow.deliverLead(makeLead('x1'), attempt())).kind).toBe('ok');
    const controller = new AbortController();
    const waiting = slow.deliverLead(makeLead('x2'), { ...attempt(), signal: controller.signal });
    setTimeout(() => controller.abort(), 20);
    expect(await waiting).toEqual({
      kind: 'retry',
      message: 'aborted while waiting for the LeadCenter.AI request rate',
    });
    expect(fake.leads).toHaveLength(1);
  });

  it('429 without Retry-After waits one rate window', async () => {
    fake.failNext(1, {
      kind: 'status',
      status: 429,
      body: { success: false, message: 'Too Many Attempts.', errors: [] },
    });
    expect(await backend.deliverLead(makeLead('i'), attempt())).toMatchObject({
      kind: 'retry',
      delayMs: 60_000,
      pauseBackendMs: 60_000,
    });
  });

  it.each([500, 502, 503])('%i is retried', async (status) => {
    fake.failNext(1, { kind: 'status', status });
    expect(await backend.deliverLead(makeLead('j'), attempt())).toEqual({
      kind: 'retry',
      message: `${status}: Server Error`,
    });
    expect(fake.leads).toHaveLength(0);
  });

  it('a failing lookup on a redelivery is retried rather than risking a second lead', async () => {
    fake.failNext(1, { kind: 'status', status: 503 });
    expect((await backend.deliverLead(makeLead('k'), attempt(2))).kind).toBe('retry');
    expect(fake.leads).toHaveLength(0);
  });

  it('a timeout is retried and the redelivery finds what the timed-out call stored', async () => {
    const quick = makeBackend(fake, { timeoutMs: 200 });
    fake.failNext(1, { kind: 'hang', process: true });
    expect(await quick.deliverLead(makeLead('l'), attempt(1))).toEqual({
      kind: 'retry',
      message: 'timed out after 200 ms',
    });
    expect(await quick.deliverLead(makeLead('l'), attempt(2))).toMatchObject({ kind: 'conflict' });
    expect(fake.countByLeadId('l')).toBe(1);
  });

  it('a connection reset is retried', async () => {
    fake.failNext(1, { kind: 'reset' });
    expect(await backend.deliverLead(makeLead('m'), attempt())).toMatchObject({
      kind: 'retry',
      message: expect.stringContaining('network error'),
    });
  });

  it('a refused token is permanent and never echoed', async () => {
    const wrong = makeBackend(fake, { token: 'secret-wrong-token' });
    const outcome = await wrong.deliverLead(makeLead('n'), attempt());
    expect(outcome).toMatchObject({
      kind: 'permanent',
      message: '401 (credentials or allow-list): Unauthenticated.',
    });
    expect(JSON.stringify(outcome)).not.toContain('secret-wrong-token');
  });

  it('follows configured paths for a workspace whose routes differ', async () => {
    await withFake({ prefix: '/api/v2' }, async (v2) => {
      const routed = makeBackend(v2, {
        paths: {
          create: '/api/v2/leads',
          search: '/api/v2/leads?search={query}&page=1&per_page=10',
          check: '/api/v2/leads?page=1&per_page=1',
        },
      });
      v2.failNext(1, { kind: 'lose-response' });
      expect((await routed.deliverLead(makeLead('o'), attempt(1))).kind).toBe('retry');
      expect((await routed.deliverLead(makeLead('o'), attempt(2))).kind).toBe('conflict');
      expect(v2.countByLeadId('o')).toBe(1);
      expect((await routed.check?.(new AbortController().signal))?.every((r) => r.ok)).toBe(true);
    });
  });

  it('creates anyway, with a warning, where the workspace has no search', async () => {
    await withFake({ listRoute: false }, async (noSearch) => {
      const outcome = await makeBackend(noSearch).deliverLead(makeLead('p'), attempt(2));
      expect(outcome.kind).toBe('ok');
      expect(logs.some((l) => l.level === 'warn' && /search is not available/.test(l.msg ?? ''))).toBe(true);
    });
  });

  it('retries a create refused with 429 without a lookup', async () => {
    fake.failNext(1, {
      kind: 'status',
      status: 429,
      body: { success: false, message: 'Too Many Attempts.', errors: [] },
    });
    const first = { ...attempt(1), deliveryId: 'dlv_u' };
    expect((await backend.deliverLead(makeLead('u'), first)).kind).toBe('retry');
    expect((await backend.deliverLead(makeLead('u'), { ...first, attempt: 2 })).kind).toBe('ok');
    expect(fake.stats.searches).toBe(0);
    // The shortcut is used once: a later redelivery of the same delivery looks up again.
    expect((await backend.deliverLead(makeLead('u'), { ...first, attempt: 3 })).kind).toBe('conflict');
    expect(fake.stats.searches).toBe(1);
  });

  it('looks up on the first attempt too with lookup: always, and never with lookup: never', async () => {
    const always = makeBackend(fake, { lookup: 'always' });
    expect((await always.deliverLead(makeLead('s'), attempt(1))).kind).toBe('ok');
    expect((await always.deliverLead(makeLead('s'), attempt(1))).kind).toBe('conflict');
    expect(fake.stats.searches).toBe(2);
    const never = makeBackend(fake, { lookup: 'never' });
    expect((await never.deliverLead(makeLead('t'), attempt(5))).kind).toBe('ok');
    expect(fake.stats.searches).toBe(2);
  });

  it('matches by email and time when the vendor does not echo notes', async () => {
    await withFake({ echoNotes: false }, async (quiet) => {
      const b = makeBackend(quiet);
      quiet.failNext(1, { kind: 'lose-response' });
      await b.deliverLead(makeLead('q'), attempt(1));
      expect((await b.deliverLead(makeLead('q'), attempt(2))).kind).toBe('conflict');
      expect(quiet.leads).toHaveLength(1);
    });
  });
});

describe('leadcenter 2xx without a lead id', () => {
  it('is a dead letter that says the lead may be there, not a silent ok and not a blind resend', async () => {
    fake.failNext(1, { kind: 'status', status: 200, body: '<!doctype html><title>LeadCenter</title>' });
    const outcome = await backend.deliverLead(makeLead('w'), attempt(1));
    expect(outcome).toMatchObject({
      kind: 'permanent',
      message: expect.stringMatching(/200 without a lead id.*may have been created.*outbox retry/),
    });
    expect(fake.requests).toHaveLength(1);
  });
});

describe('leadcenter check', () => {
  it('accepts a working token without creating data', async () => {
    const results = await backend.check?.(new AbortController().signal);
    expect(results).toEqual([{ ok: true, what: 'token accepted (GET /v1/leads)' }]);
    expect(fake.leads).toHaveLength(0);
    expect(fake.requests[0]?.path).toBe('/v1/leads?page=1&per_page=1');
  });

  it('reports a refused token', async () => {
    const results =
      (await makeBackend(fake, { token: 'nope-secret' }).check?.(new AbortController().signal)) ?? [];
    expect(results[0]).toMatchObject({ ok: false, detail: 'HTTP 401: Unauthenticated.' });
    expect(JSON.stringify(results)).not.toContain('nope-secret');
  });

  it('says to set paths when the route does not exist', async () => {
    const results =
      (await makeBackend(fake, { paths: { check: '/v9/leads' } }).check?.(new AbortController().signal)) ??
      [];
    expect(results[0]).toMatchObject({ ok: false, detail: expect.stringContaining('set "paths"') });
  });

  it('explains a 404 from a doubled /v1 (baseUrl ending in /v1 and paths starting with it)', async () => {
    const results =
      (await makeBackend(fake, { baseUrl: `${fake.url}/v1` }).check?.(new AbortController().signal)) ?? [];
    expect(results[0]).toMatchObject({ ok: false, detail: expect.stringMatching(/^HTTP 404: /) });
    expect(results[0]?.detail).toContain('/v1 twice');
    expect(results[0]?.detail).toContain('/v1/v1/leads');
  });

  it('says when the check route answers something that is not a lead list', async () => {
    await backend.deliverLead(makeLead('v'), attempt());
    const results =
      (await makeBackend(fake, { paths: { check: '/v1/leads/1' } }).check?.(new AbortController().signal)) ??
      [];
    expect(results[0]).toMatchObject({ ok: false, detail: expect.stringContaining('not a list of leads') });
  });
});
