import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type LioFake, startLioFake } from '../../../test/fakes/lio-fake';
import { createTestDeps, makeTestLead } from '../../../test/support/backend-test-kit';
import { createMemoryBookings } from '../../../test/support/memory-bookings';
import type { NewBooking } from '../../store/store';
import type { Backend, CalendarSpec } from '../backend';
import { createLioBackend } from './lio-backend';
import { parseLioSlots } from './lio-calendar';

const calendar: CalendarSpec = {
  id: 'rep',
  timezone: 'America/New_York',
  durationMinutes: 30,
  durations: [30],
  rules: {
    timezone: 'America/New_York',
    hours: {},
    bufferMinutes: 0,
    minNoticeMinutes: 0,
    maxDaysAhead: 60,
    closed: [],
  },
};
const now = new Date('2026-06-01T00:00:00Z');
const signal = new AbortController().signal;
const SLOTS = [
  { start: '2026-06-02T13:00:00Z', end: '2026-06-02T13:30:00Z' },
  { start: '2026-06-02T22:30:00Z', end: '2026-06-02T23:00:00Z' }, // 00:30 on 3 June in Berlin
];
const S0 = SLOTS[0] as { start: string; end: string };

function makeSave(id: string, start: string, end: string): Omit<NewBooking, 'overlap'> {
  return {
    booking: {
      id,
      calendar: 'rep',
      leadId: `lead_${id}`,
      start,
      end,
      timezone: 'America/New_York',
      status: 'confirmed',
      sequence: 0,
      previous: null,
      fields: {},
      externalId: null,
      createdAt: now.toISOString(),
      updatedAt: now.toISOString(),
    },
    idempotencyKey: `key_${id}`,
    bodyHash: 'h',
    lead: null,
    events: [],
  };
}
const lead = makeTestLead({ id: 'lead_1', fields: { name: 'Jane Doe', email: 'jane@example.com' } });

let fake: LioFake;
let backend: Backend;
let bookings: ReturnType<typeof createMemoryBookings>;
let logs: ReturnType<typeof createTestDeps>['logs'];

beforeAll(async () => {
  fake = await startLioFake({ rateLimit: { count: 1000, windowMs: 1000 }, bookingSlugs: ['dr-smith'] });
});
afterAll(() => fake.close());
beforeEach(() => {
  fake.reset();
  fake.setSlots(SLOTS);
  bookings = createMemoryBookings();
  const deps = createTestDeps();
  logs = deps.logs;
  backend = createLioBackend(
    'lio',
    { type: 'lio', baseUrl: fake.url, apiKey: fake.apiKey, bookingSlug: 'dr-smith', timeoutMs: 300 } as never,
    { ...deps, bookings },
  );
});

describe('parseLioSlots', () => {
  it('accepts a list, { data }, grouped days and a date map; refuses anything else', () => {
    const one = [{ start: '2026-06-02T13:00:00Z', end: '2026-06-02T13:30:00Z' }];
    const expected = [{ start: new Date('2026-06-02T13:00:00Z'), end: new Date('2026-06-02T13:30:00Z') }];
    expect(parseLioSlots(one)).toEqual(expected);
    expect(parseLioSlots({ data: [{ starts_at: one[0]?.start, ends_at: one[0]?.end }] })).toEqual(expected);
    expect(parseLioSlots({ data: [{ date: '2026-06-02', slots: one }] })).toEqual(expected);
    expect(parseLioSlots({ '2026-06-02': one })).toEqual(expected);
    expect(parseLioSlots({ data: [{ time: '13:00' }] })).toBeNull();
    expect(parseLioSlots('<html>')).toBeNull();
  });
});

describe('LIO calendar', () => {
  it('cannot reschedule or cancel', () => {
    expect(backend.calendarCapabilities?.(calendar)).toEqual({ canReschedule: false, canCancel: false });
    expect(backend.reschedule).toBeUndefined();
    expect(backend.cancel).toBeUndefined();
  });

  for (const shape of ['list', 'data', 'grouped'] as const) {
    it(`reads availability answered as ${shape}, in the visitor's zone`, async () => {
      fake.setSlots(SLOTS, shape);
      const days = await backend.availability?.({
        calendar,
        from: '2026-06-03',
        to: '2026-06-03',
        zone: 'Europe/Berlin',
        durationMinutes: 30,
        now,
        signal,
      });
      expect(days).toEqual([
        {
          date: '2026-06-03',
          slots: [{ start: '2026-06-03T00:30:00+02:00', end: '2026-06-03T01:00:00+02:00' }],
        },
      ]);
      expect(fake.requests.at(-1)?.headers['x-api-key']).toBeUndefined();
    });
  }

  it('refuses an availability answer it does not recognise', async () => {
    fake.answerNext(1, 200, { slots: 'soon' });
    await expect(
      backend.availability?.({
        calendar,
        from: '2026-06-02',
        to: '2026-06-02',
        zone: 'UTC',
        durationMinutes: 30,
        now,
        signal,
      }),
    ).rejects.toThrow(/unrecognised answer/);
  });

  it('confirms a booking with name and email; a taken slot is slot_unavailable', async () => {
    const first = await backend.book?.({
      calendar,
      save: makeSave('b1', S0.start, S0.end),
      lead,
      now,
      signal,
    });
    expect(first?.kind).toBe('booked');
    expect(fake.confirmations).toEqual([
      {
        slug: 'dr-smith',
        start: SLOTS[0]?.start,
        end: SLOTS[0]?.end,
        name: 'Jane Doe',
        email: 'jane@example.com',
      },
    ]);
    const again = await backend.book?.({
      calendar,
      save: makeSave('b2', S0.start, S0.end),
      lead,
      now,
      signal,
    });
    expect(again).toEqual({ kind: 'slot_unavailable' });
  });

  it('after a timed-out confirm never resends: the slot gone → booking kept for an operator', async () => {
    fake.hangAfterConfirmNext();
    const result = await backend.book?.({
      calendar,
      save: makeSave('b3', S0.start, S0.end),
      lead,
      now,
      signal,
    });
    expect(result?.kind).toBe('booked');
    expect(fake.confirmations).toHaveLength(1);
    expect(fake.requests.filter((r) => r.path.endsWith('/confirm'))).toHaveLength(1);
    expect(bookings.saved).toHaveLength(1);
    expect(logs.some((l) => l.level === 'error' && /check it in LIO/.test(l.msg ?? ''))).toBe(true);
  });

  it('after a lost confirm whose slot is still offered answers not booked, nothing stored', async () => {
    fake.resetNext(1);
    const result = await backend.book?.({
      calendar,
      save: makeSave('b4', S0.start, S0.end),
      lead,
      now,
      signal,
    });
    expect(result).toMatchObject({ kind: 'failed', retryable: true });
    expect(fake.confirmations).toHaveLength(0);
    expect(bookings.saved).toHaveLength(0);
    expect(fake.requests.filter((r) => r.path.endsWith('/confirm'))).toHaveLength(1);
  });
});
