import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type LioFake, startLioFake } from '../fakes/lio-fake';
import { type QualifybaseFake, startQualifybaseFake } from '../fakes/qualifybase-fake';
import { startTestProxy, type TestProxy } from '../support/start-test-proxy';

const ORIGIN = 'https://clinic.example.com';
type Slot = { start: string; end: string };

/** Ten days ahead at 07:00 UTC (09:00 in Berlin in summer, 08:00 in winter), then every hour. */
const DAY = new Date(Date.now() + 10 * 86_400_000).toISOString().slice(0, 10);
const SLOTS: Slot[] = [7, 8, 9, 10].map((h) => ({
  start: `${DAY}T${String(h).padStart(2, '0')}:00:00.000Z`,
  end: `${DAY}T${String(h).padStart(2, '0')}:30:00.000Z`,
}));
const at = (i: number) => SLOTS[i] as Slot;

function bookingBody(slot: Slot) {
  return {
    submissionId: randomUUID(),
    start: slot.start,
    end: slot.end,
    fields: { name: 'Jane Doe', email: 'jane.doe@example.com' },
    context: { pageUrl: `${ORIGIN}/book`, startedAt: new Date(Date.now() - 30_000).toISOString(), hp: '' },
  };
}

describe('booking over HTTP on vendor calendars', () => {
  let proxy: TestProxy;
  let qb: QualifybaseFake;
  let lio: LioFake;

  beforeAll(async () => {
    qb = await startQualifybaseFake({
      rateLimit: { count: 1000, windowMs: 60_000 },
      timezone: 'Europe/Berlin',
    });
    lio = await startLioFake({ rateLimit: { count: 1000, windowMs: 1000 }, bookingSlugs: ['dr-lio'] });
    proxy = await startTestProxy({
      backends: {
        clinic: { type: 'qualifybase', baseUrl: qb.url, apiKey: qb.apiKey, timeoutMs: 1_000 },
        lio: { type: 'lio', baseUrl: lio.url, apiKey: lio.apiKey, bookingSlug: 'dr-lio', timeoutMs: 500 },
      },
      forms: {
        book: {
          origins: [ORIGIN],
          fields: ['name', 'email'],
          deliver: [],
          limits: { perIp: '1000/min', perForm: '1000/min' },
        },
      },
      calendars: {
        qb: { origins: [ORIGIN], backend: 'clinic', form: 'book', timezone: 'Europe/Berlin' },
        lio: { origins: [ORIGIN], backend: 'lio', form: 'book', timezone: 'Europe/Berlin' },
      },
    });
  });
  afterAll(async () => {
    await proxy?.shutdown();
    await qb?.close();
    await lio?.close();
  });

  const book = (cal: string, body: Record<string, unknown>) =>
    proxy.post(`/v1/calendars/${cal}/bookings`, body, {
      origin: ORIGIN,
      'idempotency-key': String(body.submissionId),
    });
  const manage = (id: string, token: string, method: string, body?: unknown) =>
    fetch(`${proxy.url}/v1/bookings/${id}?token=${encodeURIComponent(token)}`, {
      method,
      headers: body ? { 'content-type': 'application/json' } : {},
      body: body ? JSON.stringify(body) : undefined,
      signal: AbortSignal.timeout(10_000),
    });

  it('QualifyBase: availability in a visitor zone, booking, taken → 409 with alternatives, lost answer, reschedule, cancel', async () => {
    qb.setSlots(SLOTS.map((s) => ({ starts_at: s.start, ends_at: s.end })));
    const res = await fetch(`${proxy.url}/v1/calendars/qb/availability?from=${DAY}&tz=America/New_York`);
    expect(res.status).toBe(200);
    const body = (await res.json()) as { days: Array<{ date: string; slots: Slot[] }> };
    expect(body.days).toHaveLength(1);
    expect(body.days[0]?.slots.map((s) => Date.parse(s.start))).toEqual(
      SLOTS.map((s) => Date.parse(s.start)),
    );
    expect(body.days[0]?.slots[0]?.start).toMatch(/-0[45]:00$/);

    const created = await book('qb', bookingBody(at(0)));
    expect(created.status).toBe(201);
    const booking = (await created.json()) as { bookingId: string; manageToken: string };
    expect(qb.appointments).toHaveLength(1);
    expect(qb.appointments[0]?.lead_id).toBe(qb.leads[0]?.id);

    const taken = await book('qb', bookingBody(at(0)));
    expect(taken.status).toBe(409);
    const error = ((await taken.json()) as { error: { code: string; alternatives: Slot[] } }).error;
    expect(error.code).toBe('slot_unavailable');
    expect(error.alternatives.map((s) => Date.parse(s.start))).toEqual(
      [1, 2, 3].map((i) => Date.parse(at(i).start)),
    );

    qb.loseNextBookingAnswer();
    const lost = await book('qb', bookingBody(at(1)));
    expect(lost.status).toBe(201);
    expect(
      qb.appointments.filter((a) => Date.parse(a.scheduled_at) === Date.parse(at(1).start)),
    ).toHaveLength(1);

    const moved = await manage(booking.bookingId, booking.manageToken, 'PATCH', at(2));
    expect(moved.status).toBe(200);
    expect(Date.parse(qb.appointments[0]?.scheduled_at ?? '')).toBe(Date.parse(at(2).start));
    const cancelled = await manage(booking.bookingId, booking.manageToken, 'DELETE');
    expect(cancelled.status).toBe(200);
    expect(qb.appointments[0]?.status).toBe('cancelled');
  });

  it('LIO: books, answers honestly after a timed-out confirm, and refuses reschedule/cancel as not_supported', async () => {
    lio.setSlots(SLOTS, 'data');
    const res = await fetch(`${proxy.url}/v1/calendars/lio/availability?from=${DAY}&tz=Asia/Tokyo`);
    expect(res.status).toBe(200);
    const created = await book('lio', bookingBody(at(0)));
    expect(created.status).toBe(201);
    const booking = (await created.json()) as { bookingId: string; manageToken: string };
    expect(lio.confirmations).toHaveLength(1);

    lio.hangAfterConfirmNext();
    const timedOut = await book('lio', bookingBody(at(1)));
    // Booked at LIO, the answer lost: the slot is gone on re-read, so the booking is kept.
    expect(timedOut.status).toBe(201);
    expect(lio.confirmations).toHaveLength(2);
    expect(lio.requests.filter((r) => r.path.endsWith('/confirm'))).toHaveLength(2);

    for (const [method, body] of [
      ['PATCH', at(3)],
      ['DELETE', undefined],
    ] as const) {
      const answer = await manage(booking.bookingId, booking.manageToken, method, body);
      expect(answer.status).toBe(409);
      expect(((await answer.json()) as { error: { code: string } }).error.code).toBe('not_supported');
    }
  });
});
