import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { StoredBooking } from '../../src/model/booking';
import type { CanonicalLead } from '../../src/model/lead';
import type { IntentSignal, TrackingEvent } from '../../src/model/signal';
import type { NewBooking, NewLead, Store } from '../../src/store/store';
import { makeTestLead } from '../support/backend-test-kit';

/** A canonical lead for store tests: a UUID for its id and the current time, as the proxy gives. */
export function makeLead(overrides: Partial<CanonicalLead> = {}): CanonicalLead {
  const id = randomUUID();
  return makeTestLead({ id, leadRef: `ref-${id}`, createdAt: new Date().toISOString(), ...overrides });
}

function newLead(backends: string[], overrides: Partial<NewLead> = {}): NewLead {
  const lead = makeLead();
  return {
    lead,
    idempotencyKey: randomUUID(),
    bodyHash: 'hash-a',
    spam: null,
    deliveries: backends.map((backend) => ({ id: `msg_${randomUUID()}`, backend, kind: 'lead' as const })),
    ...overrides,
  };
}

const MIN = 60_000;
const DAY0 = Date.parse('2026-12-07T09:00:00Z');

/** A booking of `calendar` from `startMin` minutes after DAY0, `lengthMin` long, with a new lead. */
function newBooking(
  startMin: number,
  lengthMin: number,
  options: { calendar?: string; bufferMinutes?: number; events?: string[]; leadBackends?: string[] } = {},
): NewBooking {
  const lead = newLead(options.leadBackends ?? ['inbox']);
  const key = randomUUID();
  lead.idempotencyKey = key;
  const booking: StoredBooking = {
    id: randomUUID(),
    calendar: options.calendar ?? 'demo',
    leadId: lead.lead.id,
    start: new Date(DAY0 + startMin * MIN).toISOString(),
    end: new Date(DAY0 + (startMin + lengthMin) * MIN).toISOString(),
    timezone: 'Europe/Berlin',
    status: 'confirmed',
    sequence: 0,
    previous: null,
    fields: lead.lead.fields,
    externalId: null,
    createdAt: new Date().toISOString(),
    updatedAt: new Date().toISOString(),
  };
  return {
    booking,
    idempotencyKey: key,
    bodyHash: 'booking-hash-a',
    lead,
    events: (options.events ?? []).map((backend) => ({ id: `msg_${randomUUID()}`, backend })),
    overlap: { bufferMinutes: options.bufferMinutes ?? 0 },
  };
}

/**
 * The Store contract, written once. Every dialect runs it: `describeStoreSuite('sqlite', …)`
 * here, the PostgreSQL store with its issue.
 */
export function describeStoreSuite(name: string, createStore: () => Promise<Store>): void {
  describe(`Store contract: ${name}`, () => {
    let store: Store;
    beforeEach(async () => {
      store = await createStore();
      await store.migrate();
    });
    afterEach(async () => {
      await store.close();
    });

    it('migrates twice without harm', async () => {
      await store.migrate();
      expect((await store.getOutboxStats()).byStatus.pending).toBe(0);
    });

    it('stores a lead with one pending delivery per backend', async () => {
      const input = newLead(['inbox', 'hook']);
      const result = await store.saveLead(input);
      expect(result).toEqual({ kind: 'created', leadId: input.lead.id, leadRef: input.lead.leadRef });
      expect((await store.getLead(input.lead.id))?.lead).toEqual(input.lead);
      const { items } = await store.listDeliveries({ leadId: input.lead.id });
      expect(items.map((d) => d.backend).sort()).toEqual(['hook', 'inbox']);
      expect(items.every((d) => d.status === 'pending' && d.attempts === 0)).toBe(true);
    });

    it('answers a reused idempotency key with the lead already stored, concurrent or not', async () => {
      const first = newLead(['inbox']);
      const again = { ...newLead(['inbox']), idempotencyKey: first.idempotencyKey, bodyHash: 'hash-b' };
      const [a, b] = await Promise.all([store.saveLead(first), store.saveLead(again)]);
      expect(a.kind).toBe('created');
      expect(b).toMatchObject({
        kind: 'existing',
        leadId: first.lead.id,
        bodyHash: 'hash-a',
        form: 'contact',
      });
      expect(await store.getLead(again.lead.id)).toBeNull();
      expect((await store.getOutboxStats()).byStatus.pending).toBe(1);
    });

    it('keeps spam out of lists unless asked', async () => {
      await store.saveLead(newLead([], { spam: 'honeypot' }));
      const real = newLead(['inbox']);
      await store.saveLead(real);
      expect((await store.listLeads({})).items.map((l) => l.lead.id)).toEqual([real.lead.id]);
      expect((await store.listLeads({ includeSpam: true })).items).toHaveLength(2);
    });

    it('pages leads newest first and filters by local backend', async () => {
      const saved: string[] = [];
      for (let i = 0; i < 5; i++) {
        const input = newLead(['inbox']);
        await store.saveLead(input);
        saved.push(input.lead.id);
        if (i % 2 === 0) await store.markLocal(input.lead.id, 'inbox');
      }
      const first = await store.listLeads({ limit: 2 });
      const second = await store.listLeads({ limit: 2, cursor: first.nextCursor ?? undefined });
      const third = await store.listLeads({ limit: 2, cursor: second.nextCursor ?? undefined });
      expect([...first.items, ...second.items, ...third.items].map((l) => l.lead.id)).toEqual(
        [...saved].reverse(),
      );
      expect(third.nextCursor).toBeNull();
      await store.markLocal(saved[0] as string, 'inbox');
      expect((await store.listLeads({ backend: 'inbox' })).items).toHaveLength(3);
    });

    it('leases a due entry to one claimer only, and again after the lease expires', async () => {
      await store.saveLead(newLead(['hook']));
      const now = Date.now();
      const [a, b] = await Promise.all([
        store.claimDeliveries({ backend: 'hook', limit: 10, now, leaseMs: 30_000 }),
        store.claimDeliveries({ backend: 'hook', limit: 10, now, leaseMs: 30_000 }),
      ]);
      expect(a.length + b.length).toBe(1);
      const claimed = (a[0] ?? b[0]) as NonNullable<(typeof a)[0]>;
      expect(claimed.attempts).toBe(1);
      expect(claimed.lead.fields.email).toBe('jane@example.com');
      expect(
        await store.claimDeliveries({ backend: 'hook', limit: 10, now: now + 1_000, leaseMs: 30_000 }),
      ).toEqual([]);
      const retaken = await store.claimDeliveries({
        backend: 'hook',
        limit: 10,
        now: now + 31_000,
        leaseMs: 30_000,
      });
      expect(retaken.map((d) => d.id)).toEqual([claimed.id]);
      expect(retaken[0]?.attempts).toBe(2);
      // The first worker's lease is gone: it can no longer finish the entry.
      expect(
        await store.finishDelivery(claimed.id, claimed.leaseToken, { status: 'delivered' }, now + 32_000),
      ).toBe(false);
      expect(
        await store.finishDelivery(
          claimed.id,
          retaken[0]?.leaseToken ?? '',
          { status: 'delivered', externalId: 'x1' },
          now + 32_000,
        ),
      ).toBe(true);
      const view = (await store.listDeliveries({ backend: 'hook' })).items[0];
      expect(view).toMatchObject({ status: 'delivered', attempts: 2, externalId: 'x1' });
    });

    it('does not claim entries before they are due, and reports when the next falls due', async () => {
      await store.saveLead(newLead(['hook']));
      const [entry] = await store.claimDeliveries({
        backend: 'hook',
        limit: 1,
        now: Date.now(),
        leaseMs: 60_000,
      });
      const later = Date.now() + 60_000;
      await store.finishDelivery(
        entry?.id ?? '',
        entry?.leaseToken ?? '',
        { status: 'pending', nextAttemptAt: later, lastError: '503: down' },
        Date.now(),
      );
      expect(
        await store.claimDeliveries({ backend: 'hook', limit: 1, now: Date.now(), leaseMs: 60_000 }),
      ).toEqual([]);
      expect(await store.getNextDueAt('hook')).toBe(later);
      const view = (await store.listDeliveries({ status: 'pending' })).items[0];
      expect(view).toMatchObject({ lastError: '503: down', nextAttemptAt: new Date(later).toISOString() });
      expect(
        await store.claimDeliveries({ backend: 'hook', limit: 1, now: later, leaseMs: 60_000 }),
      ).toHaveLength(1);
    });

    it('dead-letters, then retries one entry or every dead one', async () => {
      for (let i = 0; i < 3; i++) await store.saveLead(newLead(['hook']));
      const claimed = await store.claimDeliveries({
        backend: 'hook',
        limit: 10,
        now: Date.now(),
        leaseMs: 60_000,
      });
      for (const d of claimed)
        await store.finishDelivery(
          d.id,
          d.leaseToken,
          { status: 'dead', lastError: '410: gone' },
          Date.now(),
        );
      const stats = await store.getOutboxStats();
      expect(stats.byStatus).toEqual({ pending: 0, in_flight: 0, delivered: 0, dead: 3 });
      expect(stats.oldestPendingAt).toBeNull();
      const one = await store.retryDelivery(claimed[0]?.id ?? '', Date.now());
      expect(one).toMatchObject({ status: 'pending', attempts: 0 });
      expect(await store.retryDelivery('msg_unknown', Date.now())).toBeNull();
      expect(await store.retryDeadDeliveries(Date.now())).toBe(2);
      expect((await store.getOutboxStats()).byStatus.pending).toBe(3);
    });

    it('extends a lease that is still held, so nobody claims the entry meanwhile', async () => {
      await store.saveLead(newLead(['hook']));
      const now = Date.now();
      const [held] = await store.claimDeliveries({ backend: 'hook', limit: 1, now, leaseMs: 30_000 });
      if (!held) throw new Error('nothing claimed');
      const lease = { id: held.id, leaseToken: held.leaseToken };
      expect(await store.extendLeases({ leases: [lease], now: now + 20_000, leaseMs: 30_000 })).toEqual([
        held.id,
      ]);
      // Past the first lease, within the extended one.
      expect(
        await store.claimDeliveries({ backend: 'hook', limit: 1, now: now + 40_000, leaseMs: 30_000 }),
      ).toEqual([]);
      const [retaken] = await store.claimDeliveries({
        backend: 'hook',
        limit: 1,
        now: now + 51_000,
        leaseMs: 30_000,
      });
      expect(retaken?.id).toBe(held.id);
      // The first holder's lease is gone: extending it says so and changes nothing.
      expect(await store.extendLeases({ leases: [lease], now: now + 52_000, leaseMs: 30_000 })).toEqual([]);
      expect(
        await store.finishDelivery(held.id, retaken?.leaseToken ?? '', { status: 'delivered' }, now + 53_000),
      ).toBe(true);
      expect(await store.extendLeases({ leases: [lease], now: now + 54_000, leaseMs: 30_000 })).toEqual([]);
    });

    it('gives back a throttled attempt, yet numbers every attempt started', async () => {
      await store.saveLead(newLead(['hook']));
      const now = Date.now();
      const [first] = await store.claimDeliveries({ backend: 'hook', limit: 1, now, leaseMs: 30_000 });
      expect(first).toMatchObject({ attempts: 1, attemptNumber: 1 });
      await store.finishDelivery(
        first?.id ?? '',
        first?.leaseToken ?? '',
        { status: 'pending', nextAttemptAt: now, lastError: 'rate limited (429)', refundAttempt: true },
        now,
      );
      expect((await store.listDeliveries({ backend: 'hook' })).items[0]).toMatchObject({
        status: 'pending',
        attempts: 0,
      });
      const [second] = await store.claimDeliveries({ backend: 'hook', limit: 1, now, leaseMs: 30_000 });
      expect(second).toMatchObject({ attempts: 1, attemptNumber: 2 });
    });

    it('replays a dead entry afresh for attempts and age, still numbered as a redelivery', async () => {
      for (let i = 0; i < 2; i++) await store.saveLead(newLead(['hook']));
      const start = Date.now();
      const claimAll = (now: number) =>
        store.claimDeliveries({ backend: 'hook', limit: 10, now, leaseMs: 30_000 });
      for (const d of await claimAll(start))
        await store.finishDelivery(
          d.id,
          d.leaseToken,
          { status: 'pending', nextAttemptAt: start, lastError: '503' },
          start,
        );
      const twice = await claimAll(start);
      expect(twice.map((d) => d.attempts)).toEqual([2, 2]);
      for (const d of twice)
        await store.finishDelivery(d.id, d.leaseToken, { status: 'dead', lastError: 'gave up' }, start);
      const replayAt = start + 80 * 3_600_000;
      const [one, other] = twice as [(typeof twice)[0], (typeof twice)[0]];
      expect(await store.retryDelivery(one.id, replayAt)).toMatchObject({ status: 'pending', attempts: 0 });
      expect(await store.retryDeadDeliveries(replayAt + 1)).toBe(1);
      const replayed = await claimAll(replayAt + 1);
      expect(replayed.map((d) => [d.id, d.attempts, d.attemptNumber]).sort()).toEqual(
        [
          [one.id, 1, 3],
          [other.id, 1, 3],
        ].sort(),
      );
      expect(replayed.find((d) => d.id === one.id)?.ageFrom).toBe(replayAt);
      expect(replayed.find((d) => d.id === other.id)?.ageFrom).toBe(replayAt + 1);
      expect(replayed.every((d) => d.createdAt === one.createdAt || d.createdAt === other.createdAt)).toBe(
        true,
      );
      expect(one.ageFrom).toBe(one.createdAt);
    });

    it('creates a setting once, even when asked concurrently', async () => {
      const values = await Promise.all(
        [1, 2, 3].map((n) => store.getOrCreateSetting('adminToken', () => `token-${n}`)),
      );
      expect(new Set(values).size).toBe(1);
      expect(await store.getOrCreateSetting('adminToken', () => 'other')).toBe(values[0]);
    });

    it('replaces a setting, and getOrCreateSetting then reads the new value', async () => {
      const first = await store.getOrCreateSetting('adminToken', () => 'first-token');
      await store.setSetting('adminToken', 'rotated-token');
      expect(await store.getOrCreateSetting('adminToken', () => 'other')).toBe('rotated-token');
      expect(first).not.toBe('rotated-token');
    });

    it('keeps backend state per backend', async () => {
      await store.setBackendState('qvoo', 'token', 'a');
      await store.setBackendState('qvoo', 'token', 'b');
      await store.setBackendState('lio', 'token', 'c');
      expect(await store.getBackendState('qvoo', 'token')).toBe('b');
      expect(await store.getBackendState('lio', 'token')).toBe('c');
      expect(await store.getBackendState('lio', 'missing')).toBeNull();
    });

    it("stores a booking, its lead, the lead's deliveries and booking.created entries together", async () => {
      const input = newBooking(0, 30, { events: ['hook'], leadBackends: ['inbox', 'hook'] });
      const saved = await store.saveBooking(input);
      expect(saved).toEqual({ kind: 'created', booking: input.booking });
      expect(await store.getBooking(input.booking.id)).toEqual(input.booking);
      expect((await store.getLead(input.booking.leadId))?.lead).toEqual(input.lead?.lead);
      const kinds = (await store.listDeliveries({ leadId: input.booking.leadId })).items
        .map((d) => `${d.backend}:${d.kind}`)
        .sort();
      expect(kinds).toEqual(['hook:booking.created', 'hook:lead', 'inbox:lead']);
      const claimed = await store.claimDeliveries({
        backend: 'hook',
        limit: 10,
        now: Date.now(),
        leaseMs: 30_000,
      });
      const event = claimed.find((d) => d.kind === 'booking.created');
      expect(event?.event).toEqual({
        id: input.booking.id,
        calendar: 'demo',
        leadId: input.booking.leadId,
        start: input.booking.start,
        end: input.booking.end,
        timezone: 'Europe/Berlin',
        status: 'confirmed',
        fields: input.booking.fields,
      });
      expect(claimed.find((d) => d.kind === 'lead')?.event).toBeNull();
      expect(await store.listBusy({ calendar: 'demo', from: DAY0, to: DAY0 + 60 * MIN })).toEqual([
        { start: DAY0, end: DAY0 + 30 * MIN },
      ]);
      expect(await store.listBusy({ calendar: 'other', from: DAY0, to: DAY0 + 60 * MIN })).toEqual([]);
    });

    it('keeps nothing of a booking whose lead cannot be stored', async () => {
      const first = newBooking(0, 30);
      await store.saveBooking(first);
      const clash = newBooking(120, 30, { events: ['hook'] });
      // The same lead id again: the lead insert fails, so the booking must not stay either.
      if (clash.lead && first.lead) clash.lead.lead = { ...clash.lead.lead, id: first.lead.lead.id };
      await expect(store.saveBooking(clash)).rejects.toThrow();
      expect(await store.getBooking(clash.booking.id)).toBeNull();
      expect((await store.listDeliveries({ backend: 'hook' })).items).toEqual([]);
    });

    it('lets exactly one of 50 concurrent bookings of one slot through', async () => {
      const results = await Promise.all(
        Array.from({ length: 50 }, () => store.saveBooking(newBooking(0, 30))),
      );
      expect(results.filter((r) => r.kind === 'created')).toHaveLength(1);
      expect(results.filter((r) => r.kind === 'slot_unavailable')).toHaveLength(49);
      expect(
        await store.listBusy({ calendar: 'demo', from: DAY0 - 60 * MIN, to: DAY0 + 120 * MIN }),
      ).toHaveLength(1);
      expect((await store.listLeads({})).items).toHaveLength(1);
    });

    it('lets exactly one of 50 concurrent overlapping bookings of different lengths through', async () => {
      // Every one of these contains the minute 09:40-09:41, whatever its length or start.
      const slots = Array.from({ length: 50 }, (_, i) => {
        const length = [15, 30, 45, 60, 90][i % 5] as number;
        const start = 41 - length + (i % Math.min(length, 40));
        return newBooking(start, length);
      });
      const results = await Promise.all(slots.map((s) => store.saveBooking(s)));
      expect(results.filter((r) => r.kind === 'created')).toHaveLength(1);
      expect(
        await store.listBusy({ calendar: 'demo', from: DAY0 - 120 * MIN, to: DAY0 + 240 * MIN }),
      ).toHaveLength(1);
    });

    it('keeps the buffer between bookings, only within one calendar', async () => {
      expect((await store.saveBooking(newBooking(0, 30, { bufferMinutes: 10 }))).kind).toBe('created');
      expect((await store.saveBooking(newBooking(35, 30, { bufferMinutes: 10 }))).kind).toBe(
        'slot_unavailable',
      );
      expect((await store.saveBooking(newBooking(-35, 30, { bufferMinutes: 10 }))).kind).toBe(
        'slot_unavailable',
      );
      expect((await store.saveBooking(newBooking(40, 30, { bufferMinutes: 10 }))).kind).toBe('created');
      expect((await store.saveBooking(newBooking(30, 10, { calendar: 'other' }))).kind).toBe('created');
      // Without a buffer, back to back is fine.
      expect((await store.saveBooking(newBooking(70, 30))).kind).toBe('created');
      // A day-long booking is found from a slot near its end, and listed as busy there.
      expect((await store.saveBooking(newBooking(2000, 1440, { calendar: 'long' }))).kind).toBe('created');
      expect((await store.saveBooking(newBooking(3420, 30, { calendar: 'long' }))).kind).toBe(
        'slot_unavailable',
      );
      expect(
        await store.listBusy({ calendar: 'long', from: DAY0 + 3400 * MIN, to: DAY0 + 3500 * MIN }),
      ).toHaveLength(1);
      await expect(store.saveBooking(newBooking(5000, 1441, { calendar: 'long' }))).rejects.toThrow(
        RangeError,
      );
    });

    it('answers a reused key with the booking stored under it, concurrent or not', async () => {
      const first = newBooking(0, 30);
      const again = {
        ...newBooking(60, 30),
        idempotencyKey: first.idempotencyKey,
        bodyHash: 'booking-hash-b',
      };
      const [a, b] = await Promise.all([store.saveBooking(first), store.saveBooking(again)]);
      expect(a.kind).toBe('created');
      expect(b).toEqual({ kind: 'existing', booking: first.booking, bodyHash: 'booking-hash-a' });
      expect(await store.getBooking(again.booking.id)).toBeNull();
      expect(await store.getBookingByKey(first.idempotencyKey)).toEqual({
        booking: first.booking,
        bodyHash: 'booking-hash-a',
      });
      // A key a plain lead already holds is not a booking's.
      const lead = newLead(['inbox']);
      await store.saveLead(lead);
      const clash = newBooking(120, 30);
      clash.idempotencyKey = lead.idempotencyKey;
      if (clash.lead) clash.lead.idempotencyKey = lead.idempotencyKey;
      expect(await store.saveBooking(clash)).toEqual({ kind: 'key_in_use' });
    });

    it('links a booking to a lead already stored, creating no lead', async () => {
      const lead = newLead(['inbox']);
      await store.saveLead(lead);
      const input = { ...newBooking(0, 30), lead: null };
      input.booking.leadId = lead.lead.id;
      expect((await store.saveBooking(input)).kind).toBe('created');
      expect((await store.listLeads({})).items).toHaveLength(1);
    });

    it('reschedules under the same id with a rising sequence, never onto another booking', async () => {
      const a = newBooking(0, 30, { events: ['hook'] });
      const b = newBooking(60, 30);
      await store.saveBooking(a);
      await store.saveBooking(b);
      const at = (min: number) => new Date(DAY0 + min * MIN).toISOString();
      const move = (start: number, end: number) =>
        store.rescheduleBooking({
          id: a.booking.id,
          start: at(start),
          end: at(end),
          now: new Date(),
          overlap: { bufferMinutes: 0 },
          events: [{ id: `msg_${randomUUID()}`, backend: 'hook' }],
        });
      expect(await move(45, 75)).toEqual({ kind: 'slot_unavailable' });
      // Overlapping only its own old slot is fine.
      const moved = await move(15, 45);
      expect(moved).toMatchObject({
        kind: 'rescheduled',
        booking: {
          id: a.booking.id,
          start: at(15),
          end: at(45),
          sequence: 1,
          previous: { start: at(0), end: at(30) },
        },
      });
      expect((await move(15, 45)).kind).toBe('unchanged');
      expect(await store.listBusy({ calendar: 'demo', from: DAY0, to: DAY0 + 120 * MIN })).toEqual([
        { start: DAY0 + 15 * MIN, end: DAY0 + 45 * MIN },
        { start: DAY0 + 60 * MIN, end: DAY0 + 90 * MIN },
      ]);
      const cancelled = await store.cancelBooking({
        id: a.booking.id,
        now: new Date(),
        events: [{ id: `msg_${randomUUID()}`, backend: 'hook' }],
      });
      expect(cancelled).toMatchObject({
        kind: 'cancelled',
        changed: true,
        booking: { status: 'cancelled', sequence: 2 },
      });
      const twice = await store.cancelBooking({
        id: a.booking.id,
        now: new Date(),
        events: [{ id: `msg_${randomUUID()}`, backend: 'hook' }],
      });
      expect(twice).toMatchObject({ kind: 'cancelled', changed: false, booking: { sequence: 2 } });
      expect((await move(200, 230)).kind).toBe('cancelled');
      expect(await store.cancelBooking({ id: randomUUID(), now: new Date(), events: [] })).toEqual({
        kind: 'not_found',
      });
      // A cancelled booking frees its slot.
      expect((await store.saveBooking(newBooking(15, 30))).kind).toBe('created');
      // Each event kept the booking as it stood then.
      const events = (
        await store.claimDeliveries({ backend: 'hook', limit: 10, now: Date.now(), leaseMs: 30_000 })
      )
        .filter((d) => d.event)
        .map((d) => [d.kind, d.event?.start, d.event?.status, d.event?.previous?.start]);
      expect(events.sort()).toEqual(
        [
          ['booking.cancelled', at(15), 'cancelled', at(0)],
          ['booking.created', at(0), 'confirmed', undefined],
          ['booking.rescheduled', at(15), 'confirmed', at(0)],
        ].sort(),
      );
    });

    const event = (overrides: Partial<TrackingEvent> = {}): TrackingEvent => ({
      id: `evt_${randomUUID()}`,
      kind: 'open',
      emailId: 'AAECAwQFBgc',
      leadId: 'lead-1',
      campaign: 'spring',
      url: null,
      verdict: 'human',
      reason: 'browser',
      sourceHash: 'src-a',
      network: '203.0.113.0/24',
      counted: true,
      occurredAt: 1_000,
      ...overrides,
    });
    const signal = (overrides: Partial<IntentSignal> = {}): IntentSignal => ({
      id: `sig_${randomUUID()}`,
      leadId: 'lead-1',
      type: 'email_opened',
      detail: { emailId: 'AAECAwQFBgc' },
      occurredAt: 1_000,
      machine: false,
      source: 'email',
      eventId: null,
      ...overrides,
    });

    it('records a tracking event with its signals once, a replay of the event not at all', async () => {
      const first = event();
      const opened = signal({ eventId: first.id });
      expect(await store.recordTrackingEvent({ event: first, signals: [opened] })).toEqual({
        recorded: true,
      });
      // The same event again (a replayed request) writes nothing, not even a new signal.
      expect(
        await store.recordTrackingEvent({ event: first, signals: [signal({ type: 'link_clicked' })] }),
      ).toEqual({ recorded: false });
      // Another event planning a signal already stored (racing third opens) keeps the one signal.
      await store.recordTrackingEvent({ event: event({ occurredAt: 2_000 }), signals: [opened] });
      const { items } = await store.listSignals({});
      expect(items).toEqual([opened]);
    });

    it("lists an email's events oldest first, by kind, source, time and counted", async () => {
      await store.recordTrackingEvent({ event: event({ occurredAt: 3_000, counted: false }), signals: [] });
      await store.recordTrackingEvent({ event: event({ occurredAt: 1_000 }), signals: [] });
      await store.recordTrackingEvent({
        event: event({
          kind: 'click',
          url: 'https://www.example.com/',
          sourceHash: 'src-b',
          counted: false,
          occurredAt: 2_000,
        }),
        signals: [],
      });
      await store.recordTrackingEvent({
        event: event({ emailId: 'other-email', occurredAt: 1_500 }),
        signals: [],
      });
      const all = await store.listTrackingEvents({ emailId: 'AAECAwQFBgc' });
      expect(all.map((e) => e.occurredAt)).toEqual([1_000, 2_000, 3_000]);
      expect((await store.listTrackingEvents({ emailId: 'AAECAwQFBgc', kind: 'click' }))[0]).toMatchObject({
        url: 'https://www.example.com/',
        verdict: 'human',
      });
      expect(await store.listTrackingEvents({ emailId: 'AAECAwQFBgc', sourceHash: 'src-b' })).toHaveLength(1);
      expect(await store.listTrackingEvents({ emailId: 'AAECAwQFBgc', since: 2_500 })).toHaveLength(1);
      expect(
        (await store.listTrackingEvents({ emailId: 'AAECAwQFBgc', countedOnly: true })).map(
          (e) => e.occurredAt,
        ),
      ).toEqual([1_000]);
    });

    it("writes a signal's outbox entries with it, never again for the same signal, and claims them with the lead's delivery", async () => {
      const saved = newLead(['crm']);
      await store.saveLead(saved);
      const leadId = saved.lead.id;
      const page = signal({ leadId, type: 'pricing_page_visit', source: 'page', occurredAt: 5_000 });
      const entries = [
        { signalId: page.id, id: `msg_${page.id}_crm`, backend: 'crm' },
        { signalId: page.id, id: `msg_${page.id}_hook`, backend: 'hook' },
      ];
      expect(await store.recordSignal(page, entries)).toEqual({ recorded: true });
      // A replay (same signal id) stores nothing, and enqueues nothing.
      expect(await store.recordSignal(page, entries)).toEqual({ recorded: false });
      const listed = await store.listDeliveries({ leadId });
      expect(
        listed.items
          .filter((d) => d.kind === 'signal')
          .map((d) => d.backend)
          .sort(),
      ).toEqual(['crm', 'hook']);

      const now = Date.now() + 1_000;
      const [hook] = await store.claimDeliveries({ backend: 'hook', limit: 10, now, leaseMs: 30_000 });
      expect(hook).toMatchObject({
        id: `msg_${page.id}_hook`,
        kind: 'signal',
        event: null,
        leadDelivery: null,
        signal: {
          id: page.id,
          type: 'pricing_page_visit',
          leadId,
          detail: page.detail,
          occurredAt: new Date(5_000).toISOString(),
          machine: false,
        },
      });
      // The lead's own entry to crm, as it stands: pending, then delivered with LIO's id.
      const claimedCrm = await store.claimDeliveries({ backend: 'crm', limit: 10, now, leaseMs: 30_000 });
      const leadEntry = claimedCrm.find((d) => d.kind === 'lead');
      const signalEntry = claimedCrm.find((d) => d.kind === 'signal');
      expect(signalEntry?.leadDelivery).toMatchObject({
        id: leadEntry?.id,
        status: 'in_flight',
        externalId: null,
      });
      await store.finishDelivery(
        leadEntry?.id ?? '',
        leadEntry?.leaseToken ?? '',
        { status: 'delivered', externalId: '80001' },
        now,
      );
      await store.finishDelivery(
        signalEntry?.id ?? '',
        signalEntry?.leaseToken ?? '',
        { status: 'pending', nextAttemptAt: now, lastError: 'waiting' },
        now,
      );
      const [again] = await store.claimDeliveries({
        backend: 'crm',
        limit: 10,
        now: now + 1,
        leaseMs: 30_000,
      });
      expect(again?.leadDelivery).toEqual({
        id: leadEntry?.id,
        status: 'delivered',
        externalId: '80001',
        lastError: null,
      });
    });

    it("writes a tracking event's signal entries with it; a replayed event or a signal already stored adds none", async () => {
      const saved = newLead([]);
      await store.saveLead(saved);
      const leadId = saved.lead.id;
      const first = event({ leadId });
      const clicked = signal({ leadId, type: 'link_clicked', eventId: first.id });
      const entry = { signalId: clicked.id, id: `msg_${clicked.id}`, backend: 'hook' };
      await store.recordTrackingEvent({ event: first, signals: [clicked], deliveries: [entry] });
      await store.recordTrackingEvent({ event: first, signals: [clicked], deliveries: [entry] });
      await store.recordTrackingEvent({
        event: event({ leadId, occurredAt: 9_000 }),
        signals: [clicked],
        deliveries: [entry],
      });
      const { items } = await store.listDeliveries({ leadId });
      expect(items.map((d) => [d.id, d.kind, d.backend])).toEqual([[entry.id, 'signal', 'hook']]);
    });

    it('records page signals once by id and lists signals newest first, by lead and type, in pages', async () => {
      const a = signal({ type: 'pricing_page_visit', source: 'page', detail: { plan: 'pro' } });
      expect(await store.recordSignal(a)).toEqual({ recorded: true });
      expect(await store.recordSignal(a)).toEqual({ recorded: false });
      const b = signal({ leadId: 'lead-2', type: 'case_study_download', source: 'page', machine: true });
      await store.recordSignal(b);
      const c = signal({ type: 'link_clicked' });
      await store.recordSignal(c);
      expect((await store.listSignals({})).items.map((s) => s.id)).toEqual([c.id, b.id, a.id]);
      expect((await store.listSignals({ leadId: 'lead-2' })).items).toEqual([b]);
      expect((await store.listSignals({ type: 'pricing_page_visit' })).items).toEqual([a]);
      const first = await store.listSignals({ limit: 2 });
      expect(first.items).toHaveLength(2);
      const second = await store.listSignals({ limit: 2, cursor: first.nextCursor ?? undefined });
      expect(second.items.map((s) => s.id)).toEqual([a.id]);
      expect(second.nextCursor).toBeNull();
    });
  });
}
