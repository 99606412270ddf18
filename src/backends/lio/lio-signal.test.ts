import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type LioFake, startLioFake } from '../../../test/fakes/lio-fake';
import { createTestDeps, makeAttempt } from '../../../test/support/backend-test-kit';
import type { SignalEventData } from '../../model/signal';
import type { LeadDeliveryState } from '../../store/store';
import type { Backend } from '../backend';
import { createLioBackend } from './lio-backend';
import { findLioLeadId, toLioSignal } from './lio-signal';

const data = (overrides: Partial<SignalEventData> = {}): SignalEventData => ({
  id: 'sig_1',
  type: 'link_clicked',
  leadId: 'lead-1',
  detail: { emailId: 'e1', url: 'https://example.com/' },
  occurredAt: '2026-12-01T10:00:00.000Z',
  machine: false,
  ...overrides,
});
const delivered = (externalId: string | null): LeadDeliveryState => ({
  id: 'msg_lead',
  status: 'delivered',
  externalId,
  lastError: null,
});

describe('toLioSignal / findLioLeadId', () => {
  it("maps a §9.1 type as it is and a custom type to LIO's manual, keeping the type", () => {
    expect(toLioSignal(data(), 80001)).toEqual({
      lead_id: 80001,
      signal_type: 'link_clicked',
      signal_detail: { emailId: 'e1', url: 'https://example.com/', leadkit_signal_id: 'sig_1' },
      occurred_at: '2026-12-01T10:00:00.000Z',
    });
    expect(toLioSignal(data({ type: 'webinar_attended', detail: {} }), 7)).toMatchObject({
      signal_type: 'manual',
      signal_detail: { leadkit_type: 'webinar_attended', leadkit_signal_id: 'sig_1' },
    });
  });

  it('waits for a lead on its way, and dead-letters for a dead, missing or id-less one', () => {
    expect(findLioLeadId(delivered('80001'))).toEqual({ ok: true, id: 80001 });
    expect(findLioLeadId({ ...delivered(null), status: 'pending' })).toMatchObject({
      ok: false,
      outcome: { kind: 'retry', waiting: true },
    });
    const dead = findLioLeadId({ ...delivered(null), status: 'dead', lastError: '422: bad email' });
    expect(dead).toMatchObject({ ok: false, outcome: { kind: 'permanent' } });
    expect(!dead.ok && dead.outcome.message).toContain('422: bad email');
    expect(findLioLeadId(null)).toMatchObject({ ok: false, outcome: { kind: 'permanent' } });
    expect(findLioLeadId(delivered('abc'))).toMatchObject({ ok: false, outcome: { kind: 'permanent' } });
  });
});

describe('LIO backend: intent signals', () => {
  let fake: LioFake;
  let backend: Backend;
  const login = { email: 'ops@example.com', password: 'pw-123456' };
  beforeAll(async () => {
    fake = await startLioFake({ login });
  });
  afterAll(() => fake.close());
  beforeEach(() => {
    fake.reset();
    backend = createLioBackend(
      'crm',
      { type: 'lio', baseUrl: fake.url, apiKey: fake.apiKey, ...login },
      createTestDeps(),
    );
  });

  it('logs in once and posts the signal for the LIO lead id with the bearer token', async () => {
    const lead = fake.seedLead({ email: 'a@b.co' });
    const before = fake.logins;
    const ok = await backend.deliverSignal?.(
      { data: data(), leadDelivery: delivered(String(lead.id)) },
      makeAttempt(),
    );
    expect(ok).toMatchObject({ kind: 'ok' });
    await backend.deliverSignal?.(
      { data: data({ id: 'sig_2' }), leadDelivery: delivered(String(lead.id)) },
      makeAttempt(),
    );
    expect(fake.logins - before).toBe(1);
    expect(fake.intentSignals.map((s) => [s.lead_id, s.signal_type])).toEqual([
      [lead.id, 'link_clicked'],
      [lead.id, 'link_clicked'],
    ]);
    const sent = fake.requests.find((r) => r.path === '/api/v1/intent-signal');
    expect(sent?.headers['x-api-key']).toBeUndefined();
  });

  it('logs in again after a 401 to its cached token, within the same attempt', async () => {
    const lead = fake.seedLead({ email: 'a@b.co' });
    await backend.deliverSignal?.({ data: data(), leadDelivery: delivered(String(lead.id)) }, makeAttempt());
    fake.revokeTokens();
    const before = fake.logins;
    const ok = await backend.deliverSignal?.(
      { data: data({ id: 'sig_3' }), leadDelivery: delivered(String(lead.id)) },
      makeAttempt(),
    );
    expect(ok).toMatchObject({ kind: 'ok' });
    expect(fake.logins - before).toBe(1);
    expect(fake.intentSignals).toHaveLength(2);
  });

  it("dead-letters a signal LIO refuses (a lead id it does not know) with LIO's words", async () => {
    const outcome = await backend.deliverSignal?.(
      { data: data(), leadDelivery: delivered('12') },
      makeAttempt(),
    );
    expect(outcome).toMatchObject({ kind: 'permanent' });
    expect(outcome?.kind === 'permanent' && outcome.message).toContain('Lead not found');
  });

  it('takes no signals without a login, and no machine opens with one', () => {
    const keyOnly = createLioBackend(
      'crm',
      { type: 'lio', baseUrl: fake.url, apiKey: 'k' },
      createTestDeps(),
    );
    expect(keyOnly.deliverSignal).toBeUndefined();
    const machine = {
      id: 's',
      leadId: 'l',
      type: 'email_opened',
      detail: {},
      occurredAt: 0,
      source: 'email',
      eventId: null,
    } as const;
    expect(backend.takesSignal?.({ ...machine, machine: true })).toBe(false);
    expect(backend.takesSignal?.({ ...machine, machine: false })).toBe(true);
  });
});
