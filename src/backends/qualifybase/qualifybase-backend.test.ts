import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type QualifybaseFake, startQualifybaseFake } from '../../../test/fakes/qualifybase-fake';
import {
  createTestDeps,
  makeAttempt,
  makeTestLead,
  type TestDeps,
} from '../../../test/support/backend-test-kit';
import type { CanonicalLead } from '../../model/lead';
import type { Backend } from '../backend';
import { createQualifybaseBackend, qualifybaseBackend, qualifybaseConfigSchema } from './qualifybase-backend';

function makeLead(id: string, overrides: Partial<CanonicalLead> = {}): CanonicalLead {
  return makeTestLead({
    id,
    leadRef: `ref_${id}`,
    fields: {
      name: 'Jane Doe',
      email: 'jane@example.com',
      phone: '+4915112345678',
      message: 'Hello',
      interest: 'Implants',
    },
    consent: { granted: true, text: 'I agree.', version: '1', grantedAt: '2026-11-22T10:03:12.000Z' },
    attribution: { first: { utm_source: 'instagram', utm_medium: 'social' } },
    context: { locale: 'de-DE' },
    ...overrides,
  });
}

const attempt = (deliveryId?: string, number = 1) => makeAttempt({ deliveryId, attempt: number });

function parseConfig(input: Record<string, unknown>) {
  const parsed = qualifybaseConfigSchema.safeParse({ type: 'qualifybase', ...input });
  if (!parsed.success) throw new Error(JSON.stringify(parsed.error.issues));
  return parsed.data;
}

let fake: QualifybaseFake;
let backend: Backend;
let logs: TestDeps['logs'];

beforeAll(async () => {
  fake = await startQualifybaseFake({ rateLimit: { count: 1000, windowMs: 60_000 } });
});
afterAll(async () => {
  await fake.close();
});
beforeEach(() => {
  fake.reset();
  const deps = createTestDeps();
  logs = deps.logs;
  backend = createQualifybaseBackend(
    'clinic',
    parseConfig({ baseUrl: fake.url, apiKey: fake.apiKey, timeoutMs: 2_000 }),
    deps,
  );
});

describe('qualifybase config', () => {
  it('defaults to the documented server and 120 requests per minute', () => {
    const config = parseConfig({ apiKey: 'qbk_live_x' });
    expect(config.baseUrl).toBe('https://app.qualifybase.com/api/v1');
    const created = createQualifybaseBackend('clinic', config, createTestDeps());
    expect(created.limits.rateLimit).toEqual({ count: 120, windowMs: 60_000 });
    expect(qualifybaseBackend.type).toBe('qualifybase');
  });

  it('names a bad fieldMap target and unknown keys', () => {
    const bad = qualifybaseConfigSchema.safeParse({
      type: 'qualifybase',
      apiKey: 'k',
      fieldMap: { x: 'favourite_colour' },
    });
    expect(bad.success).toBe(false);
    expect(JSON.stringify(bad.error?.issues)).toContain('fieldMap');
    expect(qualifybaseConfigSchema.safeParse({ type: 'qualifybase', apiKey: 'k', token: 'k' }).success).toBe(
      false,
    );
    expect(qualifybaseConfigSchema.safeParse({ type: 'qualifybase', apiKey: '' }).success).toBe(false);
  });
});

describe('qualifybase delivery', () => {
  it('creates the lead with bearer auth, JSON and an Idempotency-Key per delivery', async () => {
    const outcome = await backend.deliverLead(makeLead('lead_a'), attempt('dlv_a'));
    expect(outcome).toMatchObject({ kind: 'ok', externalId: fake.leads[0]?.id, message: 'created' });
    expect(fake.leads).toHaveLength(1);
    expect(fake.leads[0]).toMatchObject({
      full_name: 'Jane Doe',
      phone: '+4915112345678',
      email: 'jane@example.com',
      country: 'DE',
      language: 'de',
      source: 'instagram',
      treatment_interest: 'Implants',
      notes: 'Hello',
      external_source: 'leadkit',
      external_id: 'lead_a',
    });
    const request = fake.requests[0];
    expect(request?.headers.authorization).toBe(`Bearer ${fake.apiKey}`);
    expect(request?.headers['idempotency-key']).toBe('dlv_a');
    expect(request?.headers['content-type']).toBe('application/json');
  });

  it('a redelivery upserts the same lead instead of creating a second one', async () => {
    const first = await backend.deliverLead(makeLead('lead_b'), attempt('dlv_b1'));
    const again = await backend.deliverLead(
      makeLead('lead_b', { fields: { email: 'jane@example.com', message: 'Changed' } }),
      attempt('dlv_b2'),
    );
    expect(first.kind).toBe('ok');
    expect(again).toMatchObject({ kind: 'ok', message: expect.stringContaining('upserted') });
    expect(fake.countByExternalId('lead_b')).toBe(1);
    expect(fake.leads[0]?.notes).toBe('Changed');
  });

  it('a retry of the same delivery after a lost answer is replayed, not re-run', async () => {
    fake.failNext(1, { kind: 'lose-response' });
    const lost = await backend.deliverLead(makeLead('lead_c'), attempt('dlv_c', 1));
    expect(lost.kind).toBe('retry');
    const retried = await backend.deliverLead(makeLead('lead_c'), attempt('dlv_c', 2));
    expect(retried).toMatchObject({
      kind: 'ok',
      message: 'created (replayed)',
      externalId: fake.leads[0]?.id,
    });
    expect(fake.countByExternalId('lead_c')).toBe(1);
    expect(fake.stats.replayed).toBe(1);
  });

  it('on 409 idempotency_conflict logs loudly and resends as an upsert', async () => {
    await backend.deliverLead(makeLead('lead_d'), attempt('dlv_d'));
    const changed = makeLead('lead_d', { fields: { email: 'other@example.com' } });
    const outcome = await backend.deliverLead(changed, attempt('dlv_d', 2));
    expect(fake.stats.idempotencyConflicts).toBe(1);
    expect(outcome).toMatchObject({ kind: 'ok' });
    expect(fake.countByExternalId('lead_d')).toBe(1);
    expect(fake.leads[0]?.email).toBe('other@example.com');
    expect(logs.some((log) => log.level === 'error' && /idempotency_conflict/.test(log.msg ?? ''))).toBe(
      true,
    );
    expect(fake.requests.at(-1)?.headers['idempotency-key']).toBeUndefined();
  });

  it('a replayed failure (Idempotent-Replayed on a 500) is resent without the key, not retried into the cache', async () => {
    fake.failCachedNext(1, 500);
    const first = await backend.deliverLead(makeLead('lead_r'), attempt('dlv_r', 1));
    expect(first).toMatchObject({ kind: 'retry', message: '500: server_error: Internal error' });
    // Every retry with the same key would get the cached 500 back for 24 h, until the lead dies.
    const second = await backend.deliverLead(makeLead('lead_r'), attempt('dlv_r', 2));
    expect(second).toMatchObject({ kind: 'ok', externalId: fake.leads[0]?.id, message: 'created' });
    expect(fake.stats.replayed).toBe(1);
    expect(fake.countByExternalId('lead_r')).toBe(1);
    expect(fake.requests.map((r) => [r.status, r.headers['idempotency-key'] ?? null])).toEqual([
      [500, 'dlv_r'],
      [500, 'dlv_r'],
      [201, null],
    ]);
    expect(logs.some((log) => log.level === 'warn' && /Idempotent-Replayed/.test(log.msg ?? ''))).toBe(true);
  });

  it('any 409 takes the safe resend without the key, not only idempotency_conflict', async () => {
    fake.failNext(1, {
      kind: 'status',
      status: 409,
      body: { error: { code: 'conflict', message: 'Request in progress' } },
    });
    const outcome = await backend.deliverLead(makeLead('lead_s'), attempt('dlv_s'));
    expect(outcome).toMatchObject({ kind: 'ok', message: 'created' });
    expect(fake.countByExternalId('lead_s')).toBe(1);
    expect(fake.requests.at(-1)?.headers['idempotency-key']).toBeUndefined();
  });

  it('a 2xx without the documented lead id is resent as an upsert; still none → retried, never silently ok', async () => {
    fake.failNext(1, { kind: 'status', status: 201, body: { ok: true } });
    const outcome = await backend.deliverLead(makeLead('lead_t'), attempt('dlv_t'));
    expect(outcome).toMatchObject({ kind: 'ok', externalId: fake.leads[0]?.id });
    expect(fake.countByExternalId('lead_t')).toBe(1);
    fake.failNext(2, { kind: 'status', status: 200, body: '<html></html>' });
    const again = await backend.deliverLead(makeLead('lead_u'), attempt('dlv_u'));
    expect(again).toMatchObject({ kind: 'retry', message: expect.stringContaining('no lead id') });
  });

  it('refuses a lead without phone or email without calling the vendor', async () => {
    const outcome = await backend.deliverLead(
      makeLead('lead_e', { fields: { name: 'No Contact' } }),
      attempt(),
    );
    expect(outcome).toMatchObject({ kind: 'permanent', message: expect.stringContaining('phone') });
    expect(fake.stats.requests).toBe(0);
  });

  it('a validation error is permanent with the vendor code and message', async () => {
    fake.failNext(1, {
      kind: 'status',
      status: 400,
      body: { error: { code: 'invalid_input', message: 'full_name is too long' } },
    });
    const outcome = await backend.deliverLead(makeLead('lead_f'), attempt());
    expect(outcome).toEqual({ kind: 'permanent', message: '400: invalid_input: full_name is too long' });
  });

  it('a body the vendor finds too large is permanent (a stricter vendor than the 4 KB we assume)', async () => {
    const strict = await startQualifybaseFake({ metadataMaxBytes: 200 });
    try {
      const strictBackend = createQualifybaseBackend(
        'clinic',
        parseConfig({ baseUrl: strict.url, apiKey: strict.apiKey }),
        createTestDeps(),
      );
      const outcome = await strictBackend.deliverLead(
        makeLead('lead_g', { hidden: { campaign: 'c'.repeat(300) } }),
        attempt(),
      );
      expect(outcome).toMatchObject({
        kind: 'permanent',
        message: '400: metadata_too_large: external_metadata exceeds 4KB',
      });
      expect(strict.leads).toHaveLength(0);
    } finally {
      await strict.close();
    }
  });

  it('keeps metadata under the real 4 KB limit for a lead with huge extra fields', async () => {
    const outcome = await backend.deliverLead(
      makeLead('lead_h', {
        fields: { email: 'a@example.com', essay: 'e'.repeat(9000), note: 'n'.repeat(3000) },
      }),
      attempt(),
    );
    expect(outcome.kind).toBe('ok');
    expect(fake.leads[0]?.external_metadata?.dropped).toEqual(['consent.text', 'fields.essay']);
    expect(fake.leads[0]?.external_metadata?.fields).toEqual({ note: 'n'.repeat(3000) });
  });

  it('429 is retried after Retry-After and pauses the backend; nothing is resent blindly', async () => {
    const limited = await startQualifybaseFake({ rateLimit: { count: 2, windowMs: 10_000 } });
    try {
      const limitedBackend = createQualifybaseBackend(
        'clinic',
        // Set above the vendor's real limit, so its 429 is reached (the backend paces to its own).
        parseConfig({ baseUrl: limited.url, apiKey: limited.apiKey, rateLimit: '10/10s' }),
        createTestDeps(),
      );
      expect((await limitedBackend.deliverLead(makeLead('r1'), attempt())).kind).toBe('ok');
      expect((await limitedBackend.deliverLead(makeLead('r2'), attempt())).kind).toBe('ok');
      const outcome = await limitedBackend.deliverLead(makeLead('r3'), attempt());
      expect(outcome.kind).toBe('retry');
      if (outcome.kind !== 'retry') return;
      expect(outcome.delayMs).toBeGreaterThanOrEqual(1_000);
      expect(outcome.delayMs).toBeLessThanOrEqual(10_000);
      expect(outcome.pauseBackendMs).toBe(outcome.delayMs);
      expect(limited.stats).toMatchObject({ requests: 3, rateLimited: 1 });
      expect(limited.leads).toHaveLength(2);
    } finally {
      await limited.close();
    }
  });

  it('429 without Retry-After waits one rate window', async () => {
    fake.failNext(1, {
      kind: 'status',
      status: 429,
      body: { error: { code: 'rate_limited', message: 'slow down' } },
    });
    const outcome = await backend.deliverLead(makeLead('lead_i'), attempt());
    expect(outcome).toMatchObject({ kind: 'retry', delayMs: 60_000, pauseBackendMs: 60_000 });
  });

  it.each([500, 502, 503])('%i is retried', async (status) => {
    fake.failNext(1, { kind: 'status', status });
    const outcome = await backend.deliverLead(makeLead('lead_j'), attempt());
    expect(outcome).toMatchObject({ kind: 'retry', message: `${status}: server_error: Injected failure` });
    expect(fake.leads).toHaveLength(0);
  });

  it('a timeout is retried, and the retry does not duplicate a lead the vendor stored', async () => {
    const quick = createQualifybaseBackend(
      'clinic',
      parseConfig({ baseUrl: fake.url, apiKey: fake.apiKey, timeoutMs: 200 }),
      createTestDeps(),
    );
    fake.failNext(1, { kind: 'hang', process: true });
    const outcome = await quick.deliverLead(makeLead('lead_k'), attempt('dlv_k', 1));
    expect(outcome).toMatchObject({ kind: 'retry', message: 'timed out after 200 ms' });
    const again = await quick.deliverLead(makeLead('lead_k'), attempt('dlv_k', 2));
    expect(again.kind).toBe('ok');
    expect(fake.countByExternalId('lead_k')).toBe(1);
  });

  it('a connection reset is retried', async () => {
    fake.failNext(1, { kind: 'reset' });
    const outcome = await backend.deliverLead(makeLead('lead_l'), attempt());
    expect(outcome).toMatchObject({ kind: 'retry', message: expect.stringContaining('network error') });
  });

  it('a wrong key is permanent and never echoes the key', async () => {
    const wrong = createQualifybaseBackend(
      'clinic',
      parseConfig({ baseUrl: fake.url, apiKey: 'qbk_live_wrong_secret' }),
      createTestDeps(),
    );
    const outcome = await wrong.deliverLead(makeLead('lead_m'), attempt());
    expect(outcome).toMatchObject({ kind: 'permanent', message: expect.stringContaining('401') });
    expect(JSON.stringify(outcome)).not.toContain('qbk_live_wrong_secret');
  });
});

describe('qualifybase check', () => {
  it('accepts a working key without creating data', async () => {
    const results = await backend.check?.(new AbortController().signal);
    expect(results?.every((r) => r.ok)).toBe(true);
    expect(fake.leads).toHaveLength(0);
    expect(fake.requests.map((r) => r.method)).toEqual(['GET']);
  });

  it('reports a refused key and a key of the wrong form', async () => {
    const wrong = createQualifybaseBackend(
      'clinic',
      parseConfig({ baseUrl: fake.url, apiKey: 'sk_wrong' }),
      createTestDeps(),
    );
    const results = (await wrong.check?.(new AbortController().signal)) ?? [];
    expect(results.map((r) => r.ok)).toEqual([false, false]);
    expect(results[1]?.detail).toContain('401');
    expect(JSON.stringify(results)).not.toContain('sk_wrong');
  });

  it.each([
    ['missing', (url: string) => url.replace(/\/api\/v1$/, ''), /end in \/api\/v1/],
    ['doubled', (url: string) => `${url}/api/v1`, /\/api\/v1 twice/],
  ])('explains a 404 from a %s /api/v1 in baseUrl', async (_why, change, hint) => {
    const wrong = createQualifybaseBackend(
      'clinic',
      parseConfig({ baseUrl: change(fake.url), apiKey: fake.apiKey }),
      createTestDeps(),
    );
    const results = (await wrong.check?.(new AbortController().signal)) ?? [];
    expect(results[1]).toMatchObject({ ok: false, detail: expect.stringMatching(/^HTTP 404: /) });
    expect(results[1]?.detail).toMatch(hint);
    // The dead letter of a delivery says the same.
    const outcome = await wrong.deliverLead(makeLead('lead_404'), attempt());
    expect(outcome).toMatchObject({ kind: 'permanent', message: expect.stringMatching(hint) });
  });

  it('reports an unreachable vendor', async () => {
    const closed = await startQualifybaseFake();
    const url = closed.url;
    await closed.close();
    const gone = createQualifybaseBackend(
      'clinic',
      parseConfig({ baseUrl: url, apiKey: 'qbk_live_x', timeoutMs: 1_000 }),
      createTestDeps(),
    );
    const results = (await gone.check?.(new AbortController().signal)) ?? [];
    expect(results[1]).toMatchObject({ ok: false, what: 'QualifyBase reachable' });
  });
});
