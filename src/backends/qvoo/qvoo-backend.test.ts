import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type QvooFake, startQvooFake } from '../../../test/fakes/qvoo-fake';
import {
  createTestDeps,
  makeAttempt,
  makeTestLead,
  type TestDeps,
} from '../../../test/support/backend-test-kit';
import type { CanonicalLead } from '../../model/lead';
import type { Backend, DeliveryOutcome } from '../backend';
import { createQvooBackend, type QvooConfig, qvooConfigSchema } from './qvoo-backend';

let fake: QvooFake;
let leadCounter = 0;

beforeAll(async () => {
  fake = await startQvooFake({ rateLimit: null });
});
afterAll(async () => {
  await fake.close();
});

interface QvooTestDeps extends TestDeps {
  /** The deps' clock: it stands still until a test moves `clock.now`. */
  clock: { now: Date };
}

function makeDeps(stateMap = new Map<string, string>()): QvooTestDeps {
  const clock = { now: new Date() };
  return { ...createTestDeps({ stateMap, now: () => clock.now }), clock };
}

function makeBackend(
  overrides: Partial<QvooConfig> = {},
  deps: QvooTestDeps = makeDeps(),
): { backend: Backend; deps: QvooTestDeps } {
  const config = qvooConfigSchema.parse({
    type: 'qvoo',
    baseUrl: fake.url,
    workspaceId: fake.workspaceId,
    apiKey: fake.apiKey,
    timeoutMs: 5000,
    rateLimit: '1000/min',
    ...overrides,
  });
  return { backend: createQvooBackend('qvoo', config, deps), deps };
}

/** A lead with a phone number no other test uses. */
function makeLead(overrides: Partial<CanonicalLead> = {}): CanonicalLead {
  leadCounter++;
  return makeTestLead({
    createdAt: new Date().toISOString(),
    fields: {
      name: `Lead ${leadCounter}`,
      email: `lead${leadCounter}@example.com`,
      phone: `+91987650${String(leadCounter).padStart(4, '0')}`,
    },
    ...overrides,
  });
}

function deliver(
  backend: Backend,
  lead: CanonicalLead,
  externalId: string | null = null,
  attempt = 1,
): Promise<DeliveryOutcome> {
  return backend.deliverLead(lead, makeAttempt({ deliveryId: `d_${lead.id}`, attempt, externalId }));
}

function leadsWithPhone(phone: string) {
  return fake.leads.filter((lead) => lead.fields.mobileNumber === phone);
}

beforeEach(() => {
  fake.setRateLimit(null);
  fake.setDown(false);
});
afterEach(() => {
  fake.setLeadFields([]);
});

describe('delivery', () => {
  it('checks for a duplicate, then creates the lead with X-API-Key', async () => {
    const { backend } = makeBackend({ source: 'website', tags: ['hot-lead'] });
    const lead = makeLead();
    const before = fake.requests.length;
    const outcome = await deliver(backend, lead);
    const [stored, ...others] = leadsWithPhone(lead.fields.phone as string);
    expect(others).toHaveLength(0);
    expect(outcome).toEqual({ kind: 'ok', externalId: stored?._id });
    expect(stored).toMatchObject({
      name: lead.fields.name,
      status: 'new',
      leadStage: 'unassigned',
      source: 'website',
      tags: ['hot-lead'],
      fields: { mobileNumber: lead.fields.phone, emailId: lead.fields.email },
    });
    const sent = fake.requests.slice(before);
    expect(sent.map((r) => r.route)).toEqual(['schema', 'check-duplicate', 'create']);
    expect(sent[1]?.body).toEqual({ phone: lead.fields.phone });
    expect(sent.every((r) => r.headers['x-api-key'] === fake.apiKey)).toBe(true);
  });

  it('a redelivery updates the lead it finds instead of creating a second one, keeping the sales team’s status and fields', async () => {
    fake.setLeadFields([
      {
        fieldKey: 'customField_123',
        displayName: 'Secondary Phone',
        type: 'text',
        required: false,
        isCustom: true,
        options: [],
      },
    ]);
    const { backend } = makeBackend();
    const lead = makeLead();
    const first = await deliver(backend, lead);
    expect(first.kind).toBe('ok');
    const qvooId = (first as { externalId: string }).externalId;

    // A salesperson works on the lead between the two deliveries.
    const salesFields = {
      ...leadsWithPhone(lead.fields.phone as string)[0]?.fields,
      customField_123: 'set by sales',
    };
    const res = await fetch(`${fake.url}/api/v1/workspaces/${fake.workspaceId}/leads/${qvooId}`, {
      method: 'PUT',
      headers: { 'x-api-key': fake.apiKey, 'content-type': 'application/json' },
      body: JSON.stringify({ status: 'contacted', fields: salesFields }),
    });
    expect(res.status).toBe(200);

    const second = await deliver(backend, lead, null, 2);
    expect(second).toMatchObject({ kind: 'ok', externalId: qvooId });
    const stored = leadsWithPhone(lead.fields.phone as string);
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatchObject({
      status: 'contacted',
      fields: { customField_123: 'set by sales', emailId: lead.fields.email },
    });
  });

  it('two leads with the same phone delivered at once make one Qvoo lead, not two', async () => {
    const { backend } = makeBackend();
    const first = makeLead();
    const second = makeLead({ fields: { ...first.fields, name: 'Same Phone' } });
    const outcomes = await Promise.all([deliver(backend, first), deliver(backend, second)]);
    expect(outcomes.map((o) => o.kind)).toEqual(['ok', 'ok']);
    expect(leadsWithPhone(first.fields.phone as string)).toHaveLength(1);
  });

  it('finds an existing lead by email when the lead has no phone', async () => {
    const { backend } = makeBackend();
    const lead = makeLead();
    lead.fields = { name: 'Mail Only', email: `mailonly${leadCounter}@example.com` };
    expect((await deliver(backend, lead)).kind).toBe('ok');
    expect((await deliver(backend, lead, null, 2)).kind).toBe('ok');
    expect(fake.leads.filter((l) => l.fields.emailId === lead.fields.email)).toHaveLength(1);
  });

  it.each(['commit-then-hang', 'commit-then-reset'] as const)(
    'a create whose answer is lost (%s) is retried without a second lead',
    async (kind) => {
      // A short timeout for the attempt that hangs; the normal one for the retry.
      const { backend } = makeBackend();
      const lead = makeLead();
      fake.inject({ kind, route: 'create' });
      const first = await deliver(makeBackend({ timeoutMs: 400 }).backend, lead);
      expect(first.kind).toBe('retry');
      expect(leadsWithPhone(lead.fields.phone as string)).toHaveLength(1);
      const second = await deliver(backend, lead, null, 2);
      expect(second.kind).toBe('ok');
      expect(leadsWithPhone(lead.fields.phone as string)).toHaveLength(1);
    },
  );

  it('uses the kept Qvoo id on a redelivery, and creates again when that lead was deleted', async () => {
    const { backend } = makeBackend();
    const lead = makeLead();
    const first = (await deliver(backend, lead)) as { externalId: string };
    const before = fake.requests.length;
    expect(await deliver(backend, lead, first.externalId, 2)).toMatchObject({
      kind: 'ok',
      externalId: first.externalId,
    });
    expect(fake.requests.slice(before).map((r) => r.route)).toEqual(['get', 'update']);

    const other = makeLead();
    const outcome = await deliver(backend, other, 'ffffffffffffffffffffffff', 2);
    expect(outcome.kind).toBe('ok');
    expect(leadsWithPhone(other.fields.phone as string)).toHaveLength(1);
  });

  it('a validation error is permanent with Qvoo’s message and field errors', async () => {
    fake.setLeadFields([
      {
        fieldKey: 'budget',
        displayName: 'Budget',
        type: 'select',
        required: true,
        isCustom: true,
        options: ['low', 'high'],
      },
    ]);
    const { backend } = makeBackend();
    const outcome = await deliver(backend, makeLead());
    expect(outcome).toEqual({
      kind: 'permanent',
      message: '400: Validation failed: fields.budget Budget is required',
      fieldErrors: { 'fields.budget': ['Budget is required'] },
    });
    const unknownTag = await deliver(makeBackend({ tags: ['no-such-tag'] }).backend, makeLead());
    expect(unknownTag).toMatchObject({
      kind: 'permanent',
      fieldErrors: { tags: ['unknown tag "no-such-tag"'] },
    });
  });

  it('a lead without phone and email is refused before anything is sent', async () => {
    const { backend } = makeBackend();
    const before = fake.requests.length;
    const outcome = await deliver(backend, makeLead({ fields: { name: 'No contact' } }));
    expect(outcome.kind).toBe('permanent');
    expect(fake.requests.length).toBe(before);
  });

  it('a 429 is retried after Retry-After and pauses the backend', async () => {
    const { backend } = makeBackend();
    fake.inject({ kind: 'status', status: 429, headers: { 'retry-after': '7' }, route: 'check-duplicate' });
    expect(await deliver(backend, makeLead())).toMatchObject({
      kind: 'retry',
      delayMs: 7000,
      pauseBackendMs: 7000,
    });
  });

  it('the fake’s sliding window answers 429 with the time until a slot frees up', async () => {
    fake.setRateLimit({ count: 1, windowMs: 60_000 });
    const { backend } = makeBackend();
    const lead = makeLead();
    const outcome = await deliver(backend, lead);
    expect(outcome.kind).toBe('retry');
    const { delayMs } = outcome as { delayMs: number };
    expect(delayMs).toBeGreaterThan(50_000);
    expect(delayMs).toBeLessThanOrEqual(60_000);
    expect(leadsWithPhone(lead.fields.phone as string)).toHaveLength(0);
  });

  it.each([
    ['a 503', { kind: 'status', status: 503 }, /503/],
    ['a 500 on create', { kind: 'status', status: 500, route: 'create' }, /^500/],
    ['a hang', { kind: 'hang' }, /timed out after 400 ms/],
    ['a reset', { kind: 'reset' }, /network error/],
  ] as const)('%s is retried', async (_name, fault, message) => {
    const { backend } = makeBackend();
    const lead = makeLead();
    fake.inject(fault);
    const outcome = await deliver(makeBackend({ timeoutMs: 400 }).backend, lead);
    expect(outcome).toMatchObject({ kind: 'retry', message: expect.stringMatching(message) });
    expect((await deliver(backend, lead, null, 2)).kind).toBe('ok');
    expect(leadsWithPhone(lead.fields.phone as string)).toHaveLength(1);
  });

  it('a wrong API key is permanent and the key is not in the message', async () => {
    const { backend } = makeBackend({ apiKey: 'qvoo_live_wrong_key' });
    const outcome = await deliver(backend, makeLead());
    expect(outcome).toMatchObject({ kind: 'permanent', message: expect.stringContaining('401') });
    expect(JSON.stringify(outcome)).not.toContain('qvoo_live_wrong_key');
  });

  it('an unknown workspace is permanent', async () => {
    const { backend } = makeBackend({ workspaceId: 'nope' });
    expect(await deliver(backend, makeLead())).toMatchObject({
      kind: 'permanent',
      message: 'Qvoo schema discovery failed: 404: Workspace not found',
    });
  });
});

describe('fields: the workspace schema decides', () => {
  const customField = {
    fieldKey: 'customField_123',
    displayName: 'Secondary Phone',
    type: 'text',
    required: false,
    isCustom: true,
    options: [],
  };

  it('sends only schema fieldKeys plus mobileNumber/emailId, names each left-out value once in the log, and delivers', async () => {
    fake.setLeadFields([customField]);
    const { backend, deps } = makeBackend({ fieldMap: { phone2: 'customField_123' } });
    const lead = makeLead({
      attribution: { last: { utm_source: 'google', utm_medium: 'cpc' } },
      hidden: { campaign: 'spring' },
    });
    lead.fields = { ...lead.fields, phone2: '+4915112345678' };
    const before = fake.requests.length;
    const outcome = await deliver(backend, lead);
    expect(outcome.kind).toBe('ok');
    const create = fake.requests.slice(before).find((r) => r.route === 'create');
    expect(Object.keys((create?.body as { fields: object } | undefined)?.fields ?? {}).sort()).toEqual([
      'customField_123',
      'emailId',
      'mobileNumber',
    ]);
    expect(leadsWithPhone(lead.fields.phone as string)[0]?.fields).toMatchObject({
      customField_123: '+4915112345678',
    });

    // A second lead: the same keys are not named again.
    expect((await deliver(backend, makeLead({ attribution: { last: { utm_source: 'bing' } } }))).kind).toBe(
      'ok',
    );
    const named = deps.logs.filter((l) => l.msg?.includes('utm_source has no field in workspace'));
    expect(named).toHaveLength(1);
    expect(named[0]?.msg).toContain('map it with fieldMap');
    expect(deps.logs.filter((l) => l.msg?.includes('campaign has no field'))).toHaveLength(1);
  });

  it('check-config --live names the values without a field (not a failure) and fails a fieldMap target that is none', async () => {
    fake.setLeadFields([customField]);
    const { backend } = makeBackend({
      fieldMap: { phone2: 'customField_123', message: 'customField_999', referrer: '' },
    });
    const results = (await backend.check?.(new AbortController().signal)) ?? [];
    const utm = results.find((r) => r.what.startsWith('utm_source'));
    expect(utm).toMatchObject({
      ok: true,
      what: 'utm_source has no field in workspace "Fake Workspace"; map it with fieldMap',
    });
    expect(results.some((r) => r.what.startsWith('referrer'))).toBe(false);
    expect(results.some((r) => r.what.startsWith('phone2'))).toBe(false);
    expect(results.find((r) => r.what.startsWith('fieldMap sends message'))).toMatchObject({
      ok: false,
      what: 'fieldMap sends message to "customField_999", which is not a lead field of workspace "Fake Workspace"',
    });
  });

  it('a schema that cannot be read stops the delivery as Qvoo’s answer says (401 permanent, 503 retried), nothing sent', async () => {
    const { backend } = makeBackend();
    fake.inject({ kind: 'status', status: 503, route: 'schema' });
    const lead = makeLead();
    expect(await deliver(backend, lead)).toMatchObject({
      kind: 'retry',
      message: expect.stringMatching(/503/),
    });
    expect(leadsWithPhone(lead.fields.phone as string)).toHaveLength(0);
    fake.inject({ kind: 'status', status: 401, route: 'schema' });
    expect(await deliver(makeBackend().backend, lead)).toMatchObject({ kind: 'permanent' });
  });
});

describe('auth and answers without what the collection promises', () => {
  it('a configured apiKey wins over OAuth client credentials', async () => {
    const { backend } = makeBackend({ clientId: fake.clientId, clientSecret: fake.clientSecret });
    const before = fake.requests.length;
    expect((await deliver(backend, makeLead())).kind).toBe('ok');
    const sent = fake.requests.slice(before);
    expect(sent.some((r) => r.route === 'token')).toBe(false);
    expect(sent.every((r) => r.headers['x-api-key'] === fake.apiKey && !r.headers.authorization)).toBe(true);
    const checks = (await backend.check?.(new AbortController().signal)) ?? [];
    expect(checks.some((r) => r.what.startsWith('OAuth'))).toBe(false);
    expect(checks.find((r) => r.what.startsWith('workspace'))?.what).toContain('with the API key');
  });

  it('asks check-duplicate by phone even when the lead has an email', async () => {
    const { backend } = makeBackend();
    const lead = makeLead();
    const before = fake.requests.length;
    await deliver(backend, lead);
    const check = fake.requests.slice(before).find((r) => r.route === 'check-duplicate');
    expect(check?.body).toEqual({ phone: lead.fields.phone });
  });

  it('check-duplicate saying exists without a leadId is retried, never a create', async () => {
    const { backend } = makeBackend();
    const lead = makeLead();
    fake.inject({
      kind: 'status',
      status: 200,
      body: { success: true, exists: true },
      route: 'check-duplicate',
    });
    expect(await deliver(backend, lead)).toMatchObject({
      kind: 'retry',
      message: expect.stringContaining('leadId'),
    });
    expect(leadsWithPhone(lead.fields.phone as string)).toHaveLength(0);
  });

  it('a 201 without data._id is retried, not counted as delivered', async () => {
    const { backend } = makeBackend();
    const lead = makeLead();
    fake.inject({ kind: 'status', status: 201, body: { success: true }, route: 'create' });
    expect(await deliver(backend, lead)).toMatchObject({
      kind: 'retry',
      message: 'Qvoo answered 201 to the create without data._id; not counted as delivered',
    });
    expect((await deliver(backend, lead, null, 2)).kind).toBe('ok');
    expect(leadsWithPhone(lead.fields.phone as string)).toHaveLength(1);
  });
});

describe('base URL', () => {
  it('check-config --live explains a 404 from a doubled /api/v1', async () => {
    const { backend } = makeBackend({ baseUrl: `${fake.url}/api/v1` });
    const results = (await backend.check?.(new AbortController().signal)) ?? [];
    expect(results[0]).toMatchObject({ ok: false, what: 'Qvoo API healthy' });
    expect(results[0]?.detail).toMatch(
      /^404: .*baseUrl ends in \/api\/v1.*appends \/api\/v1.*set baseUrl to "http:\/\/127\.0\.0\.1:\d+"/,
    );
  });
});

describe('OAuth client credentials', () => {
  // A schema copy that stays fresh while a test moves the clock by an hour: no background refresh in between.
  const oauth = (): Partial<QvooConfig> => ({
    apiKey: undefined,
    clientId: fake.clientId,
    clientSecret: fake.clientSecret,
    schemaTtlSeconds: 86_400,
  });

  it('fetches one token, sends it as Bearer, and keeps it across a restart', async () => {
    const deps = makeDeps();
    const { backend } = makeBackend(oauth(), deps);
    const issued = fake.stats.tokensIssued;
    const before = fake.requests.length;
    const results = await Promise.all([
      deliver(backend, makeLead()),
      deliver(backend, makeLead()),
      deliver(backend, makeLead()),
    ]);
    expect(results.map((r) => r.kind)).toEqual(['ok', 'ok', 'ok']);
    expect(fake.stats.tokensIssued).toBe(issued + 1);
    const workspaceCalls = fake.requests.slice(before).filter((r) => r.route !== 'token');
    expect(workspaceCalls.every((r) => String(r.headers.authorization).startsWith('Bearer fake_at_'))).toBe(
      true,
    );
    expect(workspaceCalls.every((r) => r.headers['x-api-key'] === undefined)).toBe(true);

    const restarted = makeBackend(oauth(), makeDeps(deps.stateMap)).backend;
    expect((await deliver(restarted, makeLead())).kind).toBe('ok');
    expect(fake.stats.tokensIssued).toBe(issued + 1);
  });

  it('refreshes an expiring token with the refresh token', async () => {
    const deps = makeDeps();
    const { backend } = makeBackend(oauth(), deps);
    expect((await deliver(backend, makeLead())).kind).toBe('ok');
    deps.clock.now = new Date(deps.clock.now.getTime() + 3600_000);
    const before = fake.requests.length;
    expect((await deliver(backend, makeLead())).kind).toBe('ok');
    expect(fake.requests.slice(before).map((r) => r.route)).toEqual(['refresh', 'check-duplicate', 'create']);
  });

  it('after a 401 (revoked token) fetches a new token and succeeds', async () => {
    const deps = makeDeps();
    const { backend } = makeBackend(oauth(), deps);
    expect((await deliver(backend, makeLead())).kind).toBe('ok');
    fake.revokeTokens();
    const before = fake.requests.length;
    expect((await deliver(backend, makeLead())).kind).toBe('ok');
    expect(fake.requests.slice(before).map((r) => [r.route, r.status])).toEqual([
      ['check-duplicate', 401],
      ['token', 200],
      ['check-duplicate', 200],
      ['create', 201],
    ]);
  });

  it('falls back to client credentials when the refresh token is refused', async () => {
    const deps = makeDeps();
    const { backend } = makeBackend(oauth(), deps);
    expect((await deliver(backend, makeLead())).kind).toBe('ok');
    fake.revokeTokens();
    deps.clock.now = new Date(deps.clock.now.getTime() + 3600_000);
    const before = fake.requests.length;
    expect((await deliver(backend, makeLead())).kind).toBe('ok');
    expect(fake.requests.slice(before).map((r) => r.route)).toEqual([
      'refresh',
      'token',
      'check-duplicate',
      'create',
    ]);
  });

  it('a 429 from the token route is retried after its Retry-After', async () => {
    const { backend } = makeBackend(oauth());
    fake.inject({ kind: 'status', status: 429, headers: { 'retry-after': '9' }, route: 'token' });
    expect(await deliver(backend, makeLead())).toMatchObject({ kind: 'retry', delayMs: 9000 });
  });

  it('wrong client credentials are permanent, without the secret in the message', async () => {
    const { backend } = makeBackend({ ...oauth(), clientSecret: 'qvoo_secret_wrong' });
    const outcome = await deliver(backend, makeLead());
    expect(outcome).toMatchObject({ kind: 'permanent', message: expect.stringContaining('401') });
    expect(JSON.stringify(outcome)).not.toContain('qvoo_secret_wrong');
  });
});

describe('request rate', () => {
  it('halves the outbox rate (two requests per lead) and keeps requests under the vendor’s window: no 429', async () => {
    fake.setRateLimit({ count: 8, windowMs: 400 });
    const { backend } = makeBackend({ rateLimit: '8/0.4s', concurrency: 4, timeoutMs: 5000 });
    expect(backend.limits.rateLimit).toEqual({ count: 4, windowMs: 400 });
    const limited = fake.stats.rateLimited;
    const leads = Array.from({ length: 10 }, () => makeLead());
    const outcomes = await Promise.all(leads.map((lead) => deliver(backend, lead)));
    expect(outcomes.filter((o) => o.kind !== 'ok')).toEqual([]);
    expect(fake.stats.rateLimited).toBe(limited);
    for (const lead of leads) expect(leadsWithPhone(lead.fields.phone as string)).toHaveLength(1);
  });
});

describe('config', () => {
  it('needs an API key or both OAuth client credentials', () => {
    const base = { type: 'qvoo', baseUrl: 'https://crm.qvoo.example', workspaceId: 'ws' };
    expect(qvooConfigSchema.safeParse(base).success).toBe(false);
    expect(qvooConfigSchema.safeParse({ ...base, clientId: 'id' }).success).toBe(false);
    expect(qvooConfigSchema.safeParse({ ...base, clientId: 'id', clientSecret: 's' }).success).toBe(true);
    expect(qvooConfigSchema.safeParse({ ...base, apiKey: 'k', extra: 1 }).success).toBe(false);
    const { backend } = makeBackend({ rateLimit: undefined, timeoutMs: undefined });
    expect(backend.limits).toMatchObject({
      rateLimit: { count: 30, windowMs: 60_000 },
      timeoutMs: 10_000,
      concurrency: 4,
    });
  });
});

describe('formFields (schema discovery)', () => {
  const schemaFields = [
    {
      fieldKey: 'mobileNumber',
      displayName: 'Mobile',
      type: 'text',
      required: true,
      isCustom: false,
      options: [],
    },
    {
      fieldKey: 'customField_123',
      displayName: 'Secondary Phone',
      type: 'text',
      required: false,
      isCustom: true,
      options: [],
    },
    {
      fieldKey: 'budget',
      displayName: 'Budget',
      type: 'select',
      required: false,
      isCustom: true,
      options: ['low', { value: 'high', label: 'High' }],
    },
  ];

  it('publishes the workspace’s lead fields, named so the mapper sends them back to their fieldKey', async () => {
    fake.setLeadFields(schemaFields);
    const { backend } = makeBackend({ fieldMap: { phone2: 'customField_123' } });
    const fields = await backend.formFields?.(new AbortController().signal);
    expect(fields).toEqual([
      { name: 'phone', type: 'tel', label: 'Mobile', required: true, autocomplete: 'tel' },
      { name: 'phone2', type: 'text', label: 'Secondary Phone' },
      {
        name: 'budget',
        type: 'select',
        label: 'Budget',
        options: [
          { value: 'low', label: 'low' },
          { value: 'high', label: 'High' },
        ],
      },
    ]);
  });

  it('serves the cached copy, refreshes it in the background when stale, and serves the last good copy while Qvoo is down', async () => {
    fake.setLeadFields(schemaFields);
    const deps = makeDeps();
    const { backend } = makeBackend({ schemaTtlSeconds: 60 }, deps);
    const signal = new AbortController().signal;
    const schemaCalls = () => fake.requests.filter((r) => r.route === 'schema').length;

    const first = await backend.formFields?.(signal);
    const calls = schemaCalls();
    expect(await backend.formFields?.(signal)).toEqual(first);
    expect(schemaCalls()).toBe(calls);

    // Stale: served at once, refreshed behind the answer.
    fake.setLeadFields(schemaFields.slice(0, 1));
    deps.clock.now = new Date(deps.clock.now.getTime() + 61_000);
    expect(await backend.formFields?.(signal)).toEqual(first);
    await expect.poll(() => schemaCalls()).toBe(calls + 1);
    await expect.poll(async () => (await backend.formFields?.(signal))?.length).toBe(1);

    // Down: the last good copy, from memory and, after a restart, from the state store.
    fake.setDown(true);
    deps.clock.now = new Date(deps.clock.now.getTime() + 120_000);
    expect(await backend.formFields?.(signal)).toHaveLength(1);
    await expect.poll(() => deps.logs.some((l) => l.msg?.includes('serving the last good copy'))).toBe(true);
    const restarted = makeBackend({}, makeDeps(deps.stateMap)).backend;
    expect(await restarted.formFields?.(signal)).toHaveLength(1);

    // Down with no copy at all: an error, not an empty form.
    await expect(makeBackend().backend.formFields?.(signal)).rejects.toThrow(/schema discovery failed: 503/);
    await backend.close?.();
  });
});

describe('check (check-config --live)', () => {
  it('checks health, credentials, workspace, metadata and schema without creating anything', async () => {
    const created = fake.stats.created;
    const { backend } = makeBackend({
      status: 'new',
      leadStage: 'unassigned',
      source: 'website',
      tags: ['hot-lead', 'vip'],
    });
    const results = await backend.check?.(new AbortController().signal);
    expect(results?.slice(0, 8).map((r) => [r.ok, r.what])).toEqual([
      [true, 'Qvoo API healthy (version 1.0.0)'],
      [true, 'workspace "Fake Workspace" reachable with the API key'],
      [true, 'status "new" exists'],
      [true, 'lead stage "unassigned" exists'],
      [true, 'source "website" exists'],
      [true, 'tag "hot-lead" exists'],
      [false, 'tag "vip" exists'],
      [true, 'schema discovery answers (0 lead fields)'],
    ]);
    // Then, with no lead fields in the workspace, every derived value is named: informative, not a failure.
    const named = results?.slice(8) ?? [];
    expect(named.map((r) => r.what)).toContain(
      'utm_source has no field in workspace "Fake Workspace"; map it with fieldMap',
    );
    expect(named.every((r) => r.ok && r.what.includes('has no field in workspace'))).toBe(true);
    expect(fake.stats.created).toBe(created);
  });

  it('reports a stage that does not exist and stops at bad credentials', async () => {
    const stage = await makeBackend({ leadStage: 'no-such-stage' }).backend.check?.(
      new AbortController().signal,
    );
    expect(stage?.find((r) => r.what.startsWith('lead stage'))).toEqual({
      ok: false,
      what: 'lead stage "no-such-stage" exists',
      detail: 'not in the workspace metadata',
    });
    const bad = await makeBackend({ apiKey: 'qvoo_live_bad' }).backend.check?.(new AbortController().signal);
    expect(bad?.at(-1)).toEqual({
      ok: false,
      what: 'workspace reachable with the API key',
      detail: '401: Unauthorized: invalid or missing API key',
    });
    const oauth = await makeBackend({
      apiKey: undefined,
      clientId: fake.clientId,
      clientSecret: 'wrong',
    }).backend.check?.(new AbortController().signal);
    expect(oauth?.at(-1)).toMatchObject({ ok: false, what: 'OAuth client credentials accepted' });
  });
});
