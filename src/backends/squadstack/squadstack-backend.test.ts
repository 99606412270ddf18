import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type SquadStackFake, startSquadStackFake } from '../../../test/fakes/squadstack-fake';
import { createTestDeps, makeAttempt, makeTestLead } from '../../../test/support/backend-test-kit';
import type { CanonicalLead } from '../../model/lead';
import { createSquadStackBackend, type SquadStackConfig, squadstackConfigSchema } from './squadstack-backend';

const deps = createTestDeps();

let counter = 0;
function makeLead(fields: CanonicalLead['fields'] = {}): CanonicalLead {
  counter++;
  return makeTestLead({
    form: 'callback',
    fields: { name: 'Priya Sharma', phone: '+919876543210', email: `p${counter}@example.in`, ...fields },
    attribution: { last: { utm_source: 'google' } },
  });
}

const attempt = (n = 1) => makeAttempt({ attempt: n });

let fake: SquadStackFake;
let base: SquadStackConfig;

beforeAll(async () => {
  fake = await startSquadStackFake({ rateLimit: { count: 10_000, windowMs: 1000 } });
  base = {
    type: 'squadstack',
    baseUrl: fake.baseUrl,
    refId: fake.refId,
    token: fake.token,
    timeoutMs: 2_000,
  };
});
afterAll(() => fake.close());

function backend(overrides: Partial<SquadStackConfig> = {}) {
  return createSquadStackBackend('calls', { ...base, ...overrides }, deps);
}

describe('squadstack config', () => {
  it('accepts the CONTRACT example, defaults baseUrl, 100/min and batches of 100', () => {
    const parsed = squadstackConfigSchema.safeParse({ type: 'squadstack', refId: 'abc', token: 't' });
    expect(parsed.success).toBe(true);
    expect(parsed.data?.baseUrl).toBe('https://api.squadstack.com/voice/crm-integration-v2');
    const { limits } = createSquadStackBackend('x', parsed.data as SquadStackConfig, deps);
    expect(limits.rateLimit).toEqual({ count: 100, windowMs: 60_000 });
    expect(limits.batchSize).toBe(100);
    expect(limits.timeoutMs).toBe(30_000);
  });

  it('rejects unknown keys and options', () => {
    expect(
      squadstackConfigSchema.safeParse({ type: 'squadstack', refId: 'a', token: 't', mode: 'insert' })
        .success,
    ).toBe(false);
    expect(
      squadstackConfigSchema.safeParse({ type: 'squadstack', refId: 'a', token: 't', phone: 'x' }).success,
    ).toBe(false);
    expect(squadstackConfigSchema.safeParse({ type: 'squadstack', token: 't' }).success).toBe(false);
    const ok = { type: 'squadstack', refId: 'a', token: 't' };
    expect(squadstackConfigSchema.safeParse({ ...ok, foreignPhones: 'refuse' }).success).toBe(true);
    expect(squadstackConfigSchema.safeParse({ ...ok, foreignPhones: 'national' }).success).toBe(false);
  });
});

describe('squadstack single delivery', () => {
  it('upserts with lead_id = our id, a national phone and Bearer auth', async () => {
    const lead = makeLead({ company: 'Acme' });
    const outcome = await backend().deliverLead(lead, attempt());
    expect(outcome).toEqual({ kind: 'ok', externalId: lead.id });
    expect(fake.lead(lead.id)).toMatchObject({
      lead_id: lead.id,
      phone_number: '9876543210',
      contact_name: 'Priya Sharma',
      company: 'Acme',
    });
    const request = fake.requests.at(-1);
    expect(request).toMatchObject({
      path: `/${fake.refId}/lead-upserted`,
      authorization: `Bearer ${fake.token}`,
      bulk: false,
    });
  });

  it('a redelivery in upsert mode updates the same lead', async () => {
    const lead = makeLead();
    await backend().deliverLead(lead, attempt());
    const again = await backend().deliverLead(lead, attempt(2));
    expect(again.kind).toBe('ok');
    expect(fake.creations(lead.id)).toBe(1);
    expect(fake.writes(lead.id)).toBe(2);
  });

  it('create mode: a 409 "already exists" counts as delivered', async () => {
    const lead = makeLead();
    expect((await backend({ mode: 'create' }).deliverLead(lead, attempt())).kind).toBe('ok');
    const again = await backend({ mode: 'create' }).deliverLead(lead, attempt(2));
    expect(again).toMatchObject({
      kind: 'conflict',
      externalId: lead.id,
      message: expect.stringContaining('Internal ID already exists'),
    });
    expect(fake.requests.at(-1)?.path).toBe(`/${fake.refId}/lead-created`);
    expect(fake.creations(lead.id)).toBe(1);
  });

  it('a lost reply followed by a retry leaves one lead', async () => {
    const lead = makeLead();
    fake.loseReplyNext(1);
    expect((await backend({ mode: 'create' }).deliverLead(lead, attempt())).kind).toBe('retry');
    expect((await backend({ mode: 'create' }).deliverLead(lead, attempt(2))).kind).toBe('conflict');
    expect(fake.creations(lead.id)).toBe(1);
    expect(fake.leads.filter((l) => l.lead_id === lead.id)).toHaveLength(1);
  });

  it('409 "another request for the same lead is getting processed" is retried shortly', async () => {
    fake.busyNext(1);
    const outcome = await backend().deliverLead(makeLead(), attempt());
    expect(outcome).toMatchObject({
      kind: 'retry',
      delayMs: 5_000,
      message: expect.stringContaining('getting processed'),
    });
  });

  it('upserting a converted lead counts as already there', async () => {
    const lead = makeLead();
    await backend().deliverLead(lead, attempt());
    fake.convert(lead.id);
    expect(await backend().deliverLead(lead, attempt(2))).toMatchObject({
      kind: 'conflict',
      message: expect.stringContaining('converted'),
    });
  });

  it('a validation error is permanent with SquadStack field message', async () => {
    // A campaign that reads only E.164 refuses the national 10 digits.
    const strict = await startSquadStackFake({ phoneFormat: 'e164' });
    try {
      const outcome = await backend({ baseUrl: strict.url, refId: strict.refId }).deliverLead(
        makeLead(),
        attempt(),
      );
      expect(outcome).toEqual({
        kind: 'permanent',
        message: '400: phone_number: Invalid value provided.',
        fieldErrors: { phone_number: ['Invalid value provided.'] },
      });
    } finally {
      await strict.close();
    }
  });

  it('a UK number goes out in E.164, never as the ten digits of an Indian mobile', async () => {
    const lead = makeLead({ phone: '+447911123456' });
    expect(await backend().deliverLead(lead, attempt())).toEqual({ kind: 'ok', externalId: lead.id });
    expect(fake.lead(lead.id)?.phone_number).toBe('+447911123456');
    expect(fake.leads.some((stored) => stored.phone_number === '7911123456')).toBe(false);
  });

  it('foreignPhones "refuse": a number outside +91 is permanent, named, and not sent', async () => {
    const before = fake.requests.length;
    const outcome = await backend({ foreignPhones: 'refuse' }).deliverLead(
      makeLead({ phone: '+14155552671' }),
      attempt(),
    );
    expect(outcome).toMatchObject({
      kind: 'permanent',
      message: expect.stringContaining('(+1) is not an Indian (+91) number'),
      fieldErrors: { phone_number: [expect.stringContaining('foreignPhones')] },
    });
    expect(fake.requests.length).toBe(before);
    const indian = await backend({ foreignPhones: 'refuse' }).deliverLead(makeLead(), attempt());
    expect(indian.kind).toBe('ok');
  });

  it('a 2xx without the lead SquadStack documents in it is not "ok": retried (the upsert makes a resend harmless)', async () => {
    const html = createSquadStackBackend('calls', base, {
      ...deps,
      fetch: async () =>
        new Response('<html>ok</html>', { status: 200, headers: { 'content-type': 'text/html' } }),
    });
    expect(await html.deliverLead(makeLead(), attempt())).toEqual({
      kind: 'retry',
      message: expect.stringContaining('200 without the lead'),
    });
    const other = makeLead();
    const wrongLead = createSquadStackBackend('calls', base, {
      ...deps,
      fetch: async () => Response.json({ lead_id: 'someone_else', phone_number: '9876543210' }),
    });
    expect((await wrongLead.deliverLead(other, attempt())).kind).toBe('retry');
  });

  it('a lead without phone is permanent and not sent', async () => {
    const before = fake.requests.length;
    const outcome = await backend().deliverLead(makeLead({ phone: '' }), attempt());
    expect(outcome).toMatchObject({ kind: 'permanent', fieldErrors: { phone_number: [expect.any(String)] } });
    expect(fake.requests.length).toBe(before);
  });

  it('a bad token or the wrong scheme is permanent (401) without echoing the token', async () => {
    const wrong = await backend({ token: 'ss_secret_wrong' }).deliverLead(makeLead(), attempt());
    expect(wrong).toMatchObject({
      kind: 'permanent',
      message: expect.stringContaining('Invalid auth token'),
    });
    expect(JSON.stringify(wrong)).not.toContain('ss_secret_wrong');
    expect((await backend({ authScheme: 'token' }).deliverLead(makeLead(), attempt())).kind).toBe(
      'permanent',
    );
  });

  it('a wrong refId is permanent (404 no active integration)', async () => {
    const outcome = await backend({ refId: 'nope' }).deliverLead(makeLead(), attempt());
    expect(outcome).toEqual({ kind: 'permanent', message: '404: No active integration found.' });
  });

  it('5xx, resets and timeouts are retried', async () => {
    fake.failNext(1, 502);
    expect(await backend().deliverLead(makeLead(), attempt())).toMatchObject({
      kind: 'retry',
      message: expect.stringContaining('502'),
    });
    fake.resetNext(1);
    expect((await backend().deliverLead(makeLead(), attempt())).kind).toBe('retry');
    fake.hangNext(1);
    expect(await backend({ timeoutMs: 200 }).deliverLead(makeLead(), attempt())).toEqual({
      kind: 'retry',
      message: 'timed out after 200 ms',
    });
  });
});

describe('squadstack auth schemes', () => {
  it.each(['basic', 'token'] as const)('%s', async (scheme) => {
    const other = await startSquadStackFake({ authScheme: scheme, token: 'user:pass' });
    try {
      const b = createSquadStackBackend(
        'calls',
        { ...base, baseUrl: other.url, refId: other.refId, token: 'user:pass', authScheme: scheme },
        deps,
      );
      expect((await b.deliverLead(makeLead(), attempt())).kind).toBe('ok');
      expect(other.requests[0]?.authorization).toBe(
        scheme === 'basic' ? `Basic ${btoa('user:pass')}` : 'Token user:pass',
      );
    } finally {
      await other.close();
    }
  });
});

describe('squadstack rate limit', () => {
  it('429 pauses the backend for the throttle window (60 s by default, scaled here)', async () => {
    const limited = await startSquadStackFake({ rateLimit: { count: 2, windowMs: 2_000 } });
    try {
      const b = createSquadStackBackend(
        'calls',
        // Set above the vendor's real limit, so its 429 is reached (the backend paces to its own).
        { ...base, baseUrl: limited.url, refId: limited.refId, rateLimit: '10/2s' },
        deps,
      );
      await b.deliverLead(makeLead(), attempt());
      await b.deliverLead(makeLead(), attempt());
      const third = await b.deliverLead(makeLead(), attempt());
      expect(third).toMatchObject({ kind: 'retry', delayMs: 2_000, pauseBackendMs: 2_000 });
      expect(limited.rateLimited).toBe(1);
      const bulk = await b.deliverLeads?.(
        [makeLead(), makeLead(), makeLead()].map((lead) => ({ lead, attempt: attempt() })),
      );
      expect(bulk?.map((o) => o.kind)).toEqual(['retry', 'retry', 'retry']);
      expect(bulk?.[0]).toMatchObject({ pauseBackendMs: 2_000 });
    } finally {
      await limited.close();
    }
  });

  it('honours Retry-After when sent, and the 60 s default of the documented rate', async () => {
    const limited = await startSquadStackFake({
      rateLimit: { count: 1, windowMs: 60_000 },
      retryAfterSeconds: 9,
    });
    try {
      const b = createSquadStackBackend(
        'calls',
        { ...base, baseUrl: limited.url, refId: limited.refId },
        deps,
      );
      await b.deliverLead(makeLead(), attempt());
      expect(await b.deliverLead(makeLead(), attempt())).toMatchObject({
        kind: 'retry',
        delayMs: 9_000,
        pauseBackendMs: 9_000,
      });
    } finally {
      await limited.close();
    }
    const plain = await startSquadStackFake({ rateLimit: { count: 1, windowMs: 60_000 } });
    try {
      const b = createSquadStackBackend('calls', { ...base, baseUrl: plain.url, refId: plain.refId }, deps);
      await b.deliverLead(makeLead(), attempt());
      expect(await b.deliverLead(makeLead(), attempt())).toMatchObject({
        kind: 'retry',
        delayMs: 60_000,
        pauseBackendMs: 60_000,
      });
    } finally {
      await plain.close();
    }
  });
});

describe('squadstack bulk', () => {
  it('sends two or more leads as one array and classifies each lead on its own', async () => {
    const existing = makeLead();
    await backend({ mode: 'create' }).deliverLead(existing, attempt());
    const fresh = makeLead();
    const german = makeLead({ phone: '+4915112345678' }); // sent as +4915112345678, not 15112345678
    const noPhone = makeLead({ phone: '' });
    const before = fake.requests.length;
    const items = [fresh, existing, german, noPhone].map((lead) => ({ lead, attempt: attempt() }));
    const outcomes = await backend({ mode: 'create', phoneFormat: 'national' }).deliverLeads?.(items);
    expect(fake.requests.length - before).toBe(1);
    expect(fake.requests.at(-1)).toMatchObject({ bulk: true, size: 3, path: `/${fake.refId}/lead-created` });
    expect(outcomes?.map((o) => o.kind)).toEqual(['ok', 'conflict', 'ok', 'permanent']);
    expect(outcomes?.[1]).toMatchObject({
      externalId: existing.id,
      message: expect.stringContaining('Duplicate Lead ID'),
    });
    expect(fake.lead(german.id)?.phone_number).toBe('+4915112345678');
  });

  it('a per-lead 400 in a bulk answer is permanent with its error_msg', async () => {
    const strict = await startSquadStackFake({ phoneFormat: 'e164' });
    try {
      const indian = makeLead(); // sent nationally: refused by an E.164-only campaign
      const german = makeLead({ phone: '+4915112345678' }); // sent in E.164: accepted
      const outcomes = await backend({ baseUrl: strict.url, refId: strict.refId }).deliverLeads?.(
        [indian, german].map((lead) => ({ lead, attempt: attempt() })),
      );
      expect(outcomes).toEqual([
        {
          kind: 'permanent',
          message: '400: phone_number: Invalid value provided.',
          fieldErrors: { phone_number: ['Invalid value provided.'] },
        },
        { kind: 'ok', externalId: german.id },
      ]);
    } finally {
      await strict.close();
    }
  });

  it('splits more than 100 leads into calls of at most 100', async () => {
    const leads = Array.from({ length: 250 }, () => makeLead());
    const before = fake.requests.length;
    const outcomes = await backend().deliverLeads?.(leads.map((lead) => ({ lead, attempt: attempt() })));
    const calls = fake.requests.slice(before);
    expect(calls.map((c) => c.size)).toEqual([100, 100, 50]);
    expect(calls.every((c) => c.status === 200)).toBe(true);
    expect(outcomes?.every((o) => o.kind === 'ok')).toBe(true);
    expect(leads.every((lead) => fake.creations(lead.id) === 1)).toBe(true);
  });

  it('a failed bulk call gives every lead the same retry; a lost bulk reply is safe to resend', async () => {
    const leads = [makeLead(), makeLead(), makeLead()];
    const items = leads.map((lead) => ({ lead, attempt: attempt() }));
    fake.failNext(1, 503);
    expect((await backend().deliverLeads?.(items))?.map((o) => o.kind)).toEqual(['retry', 'retry', 'retry']);
    fake.loseReplyNext(1);
    expect((await backend({ mode: 'create' }).deliverLeads?.(items))?.map((o) => o.kind)).toEqual([
      'retry',
      'retry',
      'retry',
    ]);
    expect((await backend({ mode: 'create' }).deliverLeads?.(items))?.map((o) => o.kind)).toEqual([
      'conflict',
      'conflict',
      'conflict',
    ]);
    expect(leads.every((lead) => fake.creations(lead.id) === 1)).toBe(true);
  });
});

describe('squadstack bulk refused as a whole', () => {
  it('falls back to smaller calls instead of dead-lettering every lead of a refused bulk call', async () => {
    const leads = Array.from({ length: 6 }, () => makeLead());
    fake.refuseBulkNext(1);
    const before = fake.requests.length;
    const outcomes = await backend().deliverLeads?.(leads.map((lead) => ({ lead, attempt: attempt() })));
    expect(outcomes).toEqual(leads.map((lead) => ({ kind: 'ok', externalId: lead.id })));
    expect(leads.every((lead) => fake.creations(lead.id) === 1)).toBe(true);
    // Bisected: the refused call of 6, then two calls of 3.
    expect(fake.requests.slice(before).map((r) => [r.size, r.status])).toEqual([
      [6, 400],
      [3, 200],
      [3, 200],
    ]);
  });

  it('bisects down to single calls; only a lead refused on its own is dead-lettered', async () => {
    const strict = await startSquadStackFake({
      phoneFormat: 'e164',
      rateLimit: { count: 1000, windowMs: 1000 },
    });
    try {
      const leads = Array.from({ length: 5 }, (_, i) =>
        makeLead({ phone: i === 3 ? '+919876543210' : `+4915112345${600 + i}` }),
      );
      strict.refuseBulkNext(100);
      const outcomes = await backend({ baseUrl: strict.url, refId: strict.refId }).deliverLeads?.(
        leads.map((lead) => ({ lead, attempt: attempt() })),
      );
      expect(outcomes?.map((o) => o.kind)).toEqual(['ok', 'ok', 'ok', 'permanent', 'ok']);
      expect(outcomes?.[3]).toMatchObject({ message: '400: phone_number: Invalid value provided.' });
      expect(strict.leads).toHaveLength(4);
      // Every lead ended in a single call of its own: no lead was judged by another's refusal.
      expect(strict.requests.filter((r) => !r.bulk)).toHaveLength(5);
    } finally {
      await strict.close();
    }
  });

  it('a whole-call 401 or 404 is not retried lead by lead: it is the same for every lead', async () => {
    const leads = [makeLead(), makeLead(), makeLead()];
    const before = fake.requests.length;
    const outcomes = await backend({ refId: 'nope' }).deliverLeads?.(
      leads.map((lead) => ({ lead, attempt: attempt() })),
    );
    expect(outcomes?.map((o) => o.kind)).toEqual(['permanent', 'permanent', 'permanent']);
    expect(fake.requests.length - before).toBe(1);
  });

  it('bulk: false sends every lead as a single call', async () => {
    const b = backend({ bulk: false });
    expect(b.deliverLeads).toBeUndefined();
    expect(b.limits.batchSize).toBe(1);
    const lead = makeLead();
    expect(await b.deliverLead(lead, attempt())).toEqual({ kind: 'ok', externalId: lead.id });
    expect(fake.requests.at(-1)).toMatchObject({ bulk: false, size: 1 });
    expect(
      squadstackConfigSchema.safeParse({ type: 'squadstack', refId: 'a', token: 't', bulk: 'no' }).success,
    ).toBe(false);
  });
});

describe('squadstack check', () => {
  it('accepts a good token and campaign without creating a lead', async () => {
    const before = fake.leads.length;
    expect(await backend().check?.(new AbortController().signal)).toEqual([
      {
        ok: true,
        what: 'token, campaign and bulk endpoint accepted (POST …/lead-upserted with one lead that has no lead_id)',
      },
    ]);
    expect(await backend({ bulk: false }).check?.(new AbortController().signal)).toEqual([
      {
        ok: true,
        what: 'token, campaign and endpoint accepted (POST …/lead-upserted with one lead that has no lead_id)',
      },
    ]);
    expect(fake.leads.length).toBe(before);
  });

  it('does not count a 400 as success', async () => {
    fake.refuseBulkNext(1);
    const [refused] = (await backend().check?.(new AbortController().signal)) ?? [];
    expect(refused).toMatchObject({ ok: false, detail: expect.stringMatching(/^400: field_name: /) });
    // Single calls: only the 400 naming the lead_id left out proves the request was understood.
    fake.failNext(1, 400);
    const [single] = (await backend({ bulk: false }).check?.(new AbortController().signal)) ?? [];
    expect(single).toMatchObject({ ok: false, detail: expect.stringMatching(/^400: We're facing/) });
  });

  it("a 2xx that is not SquadStack's bulk answer fails the check (is baseUrl right?)", async () => {
    const [result] =
      (await createSquadStackBackend(
        'calls',
        { ...base, baseUrl: 'http://127.0.0.1:9', refId: 'r' },
        {
          ...deps,
          fetch: async () =>
            new Response('<html>welcome</html>', { status: 200, headers: { 'content-type': 'text/html' } }),
        },
      ).check?.(new AbortController().signal)) ?? [];
    expect(result).toMatchObject({ ok: false, detail: expect.stringContaining('not SquadStack') });
  });

  it('reports a bad token and a bad refId', async () => {
    const [badToken] =
      (await backend({ token: 'ss_wrong_token' }).check?.(new AbortController().signal)) ?? [];
    expect(badToken).toMatchObject({ ok: false, detail: expect.stringMatching(/^401 .*Invalid auth token/) });
    expect(JSON.stringify(badToken)).not.toContain('ss_wrong_token');
    const [badRef] = (await backend({ refId: 'other' }).check?.(new AbortController().signal)) ?? [];
    expect(badRef).toMatchObject({
      ok: false,
      detail: expect.stringContaining('No active integration found.'),
    });
  });
});
