import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type QualifybaseFake, startQualifybaseFake } from '../../../test/fakes/qualifybase-fake';
import { createTestDeps, makeTestLead } from '../../../test/support/backend-test-kit';
import { createMemoryBookings } from '../../../test/support/memory-bookings';
import type { StoredBooking } from '../../model/booking';
import type { NewBooking } from '../../store/store';
import type { Backend, CalendarSpec } from '../backend';
import { createQualifybaseBackend, qualifybaseConfigSchema } from './qualifybase-backend';

const calendar: CalendarSpec = {
  id: 'dr-smith',
  timezone: 'Europe/Berlin',
  durationMinutes: 30,
  durations: [30],
  rules: {
    timezone: 'Europe/Berlin',
    hours: {},
    bufferMinutes: 0,
    minNoticeMinutes: 0,
    maxDaysAhead: 60,
    closed: [],
  },
};
const now = new Date('2026-06-01T00:00:00Z');
const signal = new AbortController().signal;

function makeSave(id: string, start: string, end: string): Omit<NewBooking, 'overlap'> {
  return {
    booking: {
      id,
      calendar: 'dr-smith',
      leadId: `lead_${id}`,
      start,
      end,
      timezone: 'Europe/Berlin',
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
const lead = (id: string) =>
  makeTestLead({ id: `lead_${id}`, fields: { name: 'Jane Doe', email: 'jane@example.com' } });

let fake: QualifybaseFake;
let backend: Backend;
let bookings: ReturnType<typeof createMemoryBookings>;

beforeAll(async () => {
  fake = await startQualifybaseFake({
    rateLimit: { count: 1000, windowMs: 60_000 },
    timezone: 'Europe/Berlin',
  });
});
afterAll(async () => {
  await fake.close();
});
beforeEach(() => {
  fake.reset();
  bookings = createMemoryBookings();
  const config = qualifybaseConfigSchema.parse({
    type: 'qualifybase',
    baseUrl: fake.url,
    apiKey: fake.apiKey,
    timeoutMs: 500,
  });
  backend = createQualifybaseBackend('clinic', config, { ...createTestDeps(), bookings });
  fake.setSlots([
    // 23:30 Berlin on 1 June = 07:30 in Tokyo on 2 June.
    { starts_at: '2026-06-01T21:30:00Z', ends_at: '2026-06-01T22:00:00Z' },
    { starts_at: '2026-06-02T07:00:00Z', ends_at: '2026-06-02T07:30:00Z' },
    { starts_at: '2026-06-02T08:00:00Z', ends_at: '2026-06-02T09:00:00Z' }, // 60 min: not a 30-min slot
  ]);
});

describe('QualifyBase calendar', () => {
  it('asks for the clinic dates covering a visitor zone and files slots under the visitor dates', async () => {
    const days = await backend.availability?.({
      calendar,
      from: '2026-06-02',
      to: '2026-06-02',
      zone: 'Asia/Tokyo',
      durationMinutes: 30,
      now,
      signal,
    });
    expect(days).toEqual([
      {
        date: '2026-06-02',
        slots: [
          { start: '2026-06-02T06:30:00+09:00', end: '2026-06-02T07:00:00+09:00' },
          { start: '2026-06-02T16:00:00+09:00', end: '2026-06-02T16:30:00+09:00' },
        ],
      },
    ]);
    const asked = fake.requests.find((r) => r.path.includes('/availability'));
    expect(asked?.path).toContain('from=2026-06-01&to=2026-06-02');
  });

  it('books: upserts the lead, then the appointment with its lead_id; a taken slot is slot_unavailable', async () => {
    const first = await backend.book?.({
      calendar,
      save: makeSave('b1', '2026-06-02T07:00:00Z', '2026-06-02T07:30:00Z'),
      lead: lead('b1'),
      now,
      signal,
    });
    expect(first?.kind).toBe('booked');
    expect(fake.appointments).toHaveLength(1);
    expect(fake.appointments[0]?.lead_id).toBe(fake.leads[0]?.id);
    expect(fake.leads[0]?.external_id).toBe('lead_b1');
    expect(bookings.saved[0]?.externalId).toBe(fake.appointments[0]?.id);

    const second = await backend.book?.({
      calendar,
      save: makeSave('b2', '2026-06-02T07:00:00Z', '2026-06-02T07:30:00Z'),
      lead: lead('b2'),
      now,
      signal,
    });
    expect(second).toEqual({ kind: 'slot_unavailable' });
    expect(fake.appointments).toHaveLength(1);
  });

  it('after a lost answer looks the appointment up instead of booking twice', async () => {
    fake.loseNextBookingAnswer();
    const result = await backend.book?.({
      calendar,
      save: makeSave('b3', '2026-06-02T07:00:00Z', '2026-06-02T07:30:00Z'),
      lead: lead('b3'),
      now,
      signal,
    });
    expect(result?.kind).toBe('booked');
    expect(fake.appointments).toHaveLength(1);
    expect(bookings.saved[0]?.externalId).toBe(fake.appointments[0]?.id);
    expect(fake.requests.some((r) => r.method === 'GET' && r.path.startsWith('/api/v1/appointments?'))).toBe(
      true,
    );
  });

  it('reschedules with PATCH and cancels with DELETE', async () => {
    await backend.book?.({
      calendar,
      save: makeSave('b4', '2026-06-02T07:00:00Z', '2026-06-02T07:30:00Z'),
      lead: lead('b4'),
      now,
      signal,
    });
    const stored = bookings.saved[0] as StoredBooking;
    const moved = await backend.reschedule?.({
      calendar,
      booking: { ...stored },
      start: '2026-06-02T10:00:00Z',
      end: '2026-06-02T10:30:00Z',
      events: [],
      now,
      signal,
    });
    expect(moved?.kind).toBe('rescheduled');
    expect(fake.appointments[0]?.scheduled_at).toBe('2026-06-02T10:00:00Z');
    const cancelled = await backend.cancel?.({ calendar, booking: { ...stored }, events: [], now, signal });
    expect(cancelled?.kind).toBe('cancelled');
    expect(fake.appointments[0]?.status).toBe('cancelled');
  });
});
