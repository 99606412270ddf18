import { randomUUID } from 'node:crypto';
import ICAL from 'ical.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createManageToken } from '../../src/proxy/security/manage-token';
import { ADMIN_TOKEN, startTestProxy, type TestProxy, waitFor } from '../support/start-test-proxy';
import { makeWebhookSecret, startWebhookReceiver, type WebhookReceiver } from '../support/webhook-receiver';

const ORIGIN = 'https://clinic.example.com';
const CONSENT = { granted: true, text: 'I agree to be contacted about my enquiry.', version: '1' };
const SECRET = 'test-secret-0123456789abcdef';
const HOURS = ['09:00-12:00', '13:00-17:00'];

type Slot = { start: string; end: string };
type Availability = { calendar: string; timezone: string; days: Array<{ date: string; slots: Slot[] }> };
type Created = {
  bookingId: string;
  leadId: string;
  start: string;
  end: string;
  timezone: string;
  status: string;
  manageToken: string;
  manageUrl: string;
};

/** A Monday at least four days ahead (UTC date; the calendar is in Europe/Berlin). */
function nextMonday(weeksLater = 0): string {
  const day = new Date(Date.now() + 4 * 86_400_000);
  day.setUTCDate(day.getUTCDate() + ((8 - day.getUTCDay()) % 7) + 7 * weeksLater);
  return day.toISOString().slice(0, 10);
}

function bookingBody(slot: Slot, overrides: Record<string, unknown> = {}) {
  return {
    submissionId: randomUUID(),
    start: slot.start,
    end: slot.end,
    fields: { name: 'Jane Doe', email: 'jane.doe@example.com', phone: '+49 151 12345678' },
    consent: CONSENT,
    context: {
      pageUrl: `${ORIGIN}/book`,
      locale: 'de-DE',
      timezone: 'Europe/Berlin',
      startedAt: new Date(Date.now() - 30_000).toISOString(),
      hp: '',
    },
    ...overrides,
  };
}

describe('booking over HTTP (local calendar)', () => {
  let proxy: TestProxy;
  let receiver: WebhookReceiver;
  const secret = makeWebhookSecret();

  beforeAll(async () => {
    receiver = await startWebhookReceiver({ secret });
    proxy = await startTestProxy({
      secret: SECRET,
      backends: { inbox: { type: 'local' }, hook: { type: 'webhook', url: receiver.url, secret } },
      forms: {
        clinic: {
          origins: [ORIGIN],
          fields: ['name', 'email', 'phone'],
          consent: { text: CONSENT.text, version: '1', required: true },
          deliver: ['inbox', 'hook'],
          limits: { perIp: '1000/min', perForm: '1000/min' },
        },
      },
      calendars: {
        clinic: {
          origins: [ORIGIN],
          backend: 'inbox',
          form: 'clinic',
          timezone: 'Europe/Berlin',
          durationMinutes: 30,
          durations: [30, 60],
          hours: { mon: HOURS, tue: HOURS, wed: HOURS, thu: HOURS, fri: HOURS },
          minNoticeMinutes: 0,
          maxDaysAhead: 90,
        },
      },
    });
  });
  afterAll(async () => {
    await proxy?.shutdown();
    await receiver?.close();
  });

  const get = (path: string, headers: Record<string, string> = {}) =>
    fetch(`${proxy.url}${path}`, { headers, signal: AbortSignal.timeout(10_000) });
  const availability = async (query: string) => {
    const res = await get(`/v1/calendars/clinic/availability?${query}`);
    expect(res.status).toBe(200);
    return (await res.json()) as Availability;
  };
  const book = (body: Record<string, unknown>, headers: Record<string, string> = {}) =>
    proxy.post('/v1/calendars/clinic/bookings', body, {
      origin: ORIGIN,
      'idempotency-key': String(body.submissionId),
      ...headers,
    });
  const manage = (
    id: string,
    token: string,
    method = 'GET',
    body?: unknown,
    headers: Record<string, string> = {},
  ) =>
    fetch(`${proxy.url}/v1/bookings/${id}?token=${encodeURIComponent(token)}`, {
      method,
      headers: { ...(body ? { 'content-type': 'application/json' } : {}), ...headers },
      body: body ? JSON.stringify(body) : undefined,
      signal: AbortSignal.timeout(10_000),
    });
  const slotsOf = async (date: string, duration = 30) =>
    (await availability(`from=${date}&duration=${duration}`)).days[0]?.slots ?? [];

  it('publishes the calendar with its form and what the manage page may do', async () => {
    const res = await get('/v1/calendars/clinic', { origin: ORIGIN });
    expect(res.status).toBe(200);
    expect(res.headers.get('access-control-allow-origin')).toBe(ORIGIN);
    const body = (await res.json()) as Record<string, unknown> & {
      form: { id: string; fields: Array<{ name: string }> };
    };
    expect(body).toMatchObject({
      id: 'clinic',
      timezone: 'Europe/Berlin',
      durationMinutes: 30,
      durations: [30, 60],
      maxDaysAhead: 90,
      canReschedule: true,
      canCancel: true,
      form: { id: 'clinic', consent: { version: '1', required: true } },
    });
    expect(body.form.fields.map((f) => f.name)).toEqual(['name', 'email', 'phone']);
    const other = await get('/v1/calendars/clinic', { origin: 'https://evil.example' });
    expect(other.headers.get('access-control-allow-origin')).toBeNull();
    expect((await get('/v1/calendars/nope')).status).toBe(404);
  });

  it("lists the working hours of a date as slots in the calendar zone or the visitor's", async () => {
    const monday = nextMonday();
    const berlin = await availability(`from=${monday}`);
    expect(berlin).toMatchObject({ calendar: 'clinic', timezone: 'Europe/Berlin' });
    expect(berlin.days.map((d) => d.date)).toEqual([monday]);
    const slots = berlin.days[0]?.slots ?? [];
    // 09:00-12:00 and 13:00-17:00 in 30 minutes: 6 + 8.
    expect(slots).toHaveLength(14);
    expect(slots[0]?.start).toMatch(new RegExp(`^${monday}T09:00:00\\+0[12]:00$`));
    expect(slots.map((s) => s.start.slice(11, 16))).not.toContain('12:00');
    expect(await slotsOf(monday, 60)).toHaveLength(7);
    const week = await availability(`from=${monday}&to=${nextMonday(1)}`);
    expect(week.days).toHaveLength(8);
    // Saturday and Sunday have no hours.
    expect(week.days.slice(5, 7).every((d) => d.slots.length === 0)).toBe(true);
    const york = await availability(`from=${monday}&tz=America/New_York`);
    expect(york.timezone).toBe('America/New_York');
    const first = york.days[0]?.slots[0];
    expect(first?.start).toMatch(/T03:00:00-0[45]:00$/);
    expect(Date.parse(first?.start ?? '')).toBe(Date.parse(slots[0]?.start ?? ''));
  });

  it('refuses bad availability queries with 400 by parameter', async () => {
    const monday = nextMonday();
    const late = new Date(Date.parse(monday) + 62 * 86_400_000).toISOString().slice(0, 10);
    const cases: Array<[string, string]> = [
      [`from=${monday}&to=${late}`, 'to'],
      [`from=${monday}&to=2020-01-01`, 'to'],
      ['from=tomorrow', 'from'],
      [`from=${monday}&duration=45`, 'duration'],
      [`from=${monday}&tz=Mars/Olympus`, 'tz'],
    ];
    for (const [query, field] of cases) {
      const res = await get(`/v1/calendars/clinic/availability?${query}`);
      expect(res.status, query).toBe(400);
      const { error } = (await res.json()) as { error: { fields: Record<string, string> } };
      expect(Object.keys(error.fields), query).toContain(field);
    }
    const sixtyTwo = new Date(Date.parse(monday) + 61 * 86_400_000).toISOString().slice(0, 10);
    expect((await availability(`from=${monday}&to=${sixtyTwo}`)).days).toHaveLength(62);
  });

  it('books a free slot (201), answers a replay the same and a reused key with 409, and takes the slot off', async () => {
    const date = nextMonday(1);
    const before = await slotsOf(date);
    const slot = before[2] as Slot;
    const body = bookingBody(slot);
    const res = await book(body);
    expect(res.status).toBe(201);
    expect(res.headers.get('access-control-allow-origin')).toBe(ORIGIN);
    const created = (await res.json()) as Created;
    expect(created).toMatchObject({
      start: slot.start,
      end: slot.end,
      timezone: 'Europe/Berlin',
      status: 'confirmed',
    });
    expect(created.manageUrl).toBe(
      `${proxy.url}/manage/${created.bookingId}?token=${encodeURIComponent(created.manageToken)}`,
    );
    const replay = await book(body);
    expect(replay.status).toBe(201);
    expect(replay.headers.get('idempotent-replayed')).toBe('true');
    expect(await replay.json()).toEqual(created);
    const reused = await book({ ...body, start: (before[3] as Slot).start, end: (before[3] as Slot).end });
    expect(reused.status).toBe(409);
    expect(((await reused.json()) as { error: { code: string } }).error.code).toBe('idempotency_conflict');
    // The cached answer was dropped with the booking.
    const after = await slotsOf(date);
    expect(after.map((s) => s.start)).not.toContain(slot.start);
    expect(after).toHaveLength(before.length - 1);
    const lead = await proxy.proxy.store.getLead(created.leadId);
    expect(lead?.lead).toMatchObject({
      bookingId: created.bookingId,
      fields: { phone: '+4915112345678' },
      booking: { id: created.bookingId, calendar: 'clinic', timezone: 'Europe/Berlin' },
    });
  });

  it('answers a taken slot with 409 slot_unavailable and the three nearest free slots of that length', async () => {
    const date = nextMonday(2);
    const slots = await slotsOf(date);
    const taken = slots[4] as Slot; // 11:00
    expect((await book(bookingBody(taken))).status).toBe(201);
    const res = await book(bookingBody(taken));
    expect(res.status).toBe(409);
    const { error } = (await res.json()) as {
      error: { code: string; message: string; alternatives: Slot[] };
    };
    expect(error.code).toBe('slot_unavailable');
    expect(error.alternatives.map((s) => Date.parse(s.start))).toEqual(
      [slots[3], slots[5], slots[2]].map((s) => Date.parse((s as Slot).start)),
    );
    expect(error.alternatives.every((s) => Date.parse(s.end) - Date.parse(s.start) === 30 * 60_000)).toBe(
      true,
    );
    // A 60-minute booking overlapping the taken 30 minutes is refused too, and no longer offered.
    const hour = { start: taken.start, end: new Date(Date.parse(taken.start) + 60 * 60_000).toISOString() };
    expect((await slotsOf(date, 60)).map((s) => Date.parse(s.start))).not.toContain(Date.parse(hour.start));
    expect((await book(bookingBody(hour))).status).toBe(409);
    // Outside working hours is no slot at all.
    const noon = {
      start: slots[5]?.end ?? '',
      end: new Date(Date.parse(slots[5]?.end ?? '') + 30 * 60_000).toISOString(),
    };
    expect((await book(bookingBody(noon))).status).toBe(409);
  });

  it('lets exactly one of 50 concurrent bookings of one slot through', async () => {
    const slot = (await slotsOf(nextMonday(3)))[0] as Slot;
    const answers = await Promise.all(Array.from({ length: 50 }, () => book(bookingBody(slot))));
    const statuses = answers.map((r) => r.status);
    expect(statuses.filter((s) => s === 201)).toHaveLength(1);
    expect(statuses.filter((s) => s === 409)).toHaveLength(49);
    await Promise.all(answers.map((r) => r.body?.cancel()));
  });

  it("validates the booking's lead like a form's and checks who may call", async () => {
    const slot = (await slotsOf(nextMonday(4)))[0] as Slot;
    const noConsent = await book(bookingBody(slot, { consent: undefined }));
    expect(noConsent.status).toBe(400);
    expect(
      ((await noConsent.json()) as { error: { fields: Record<string, string> } }).error.fields,
    ).toMatchObject({
      consent: 'is required',
    });
    const longer = await book(
      bookingBody({ start: slot.start, end: new Date(Date.parse(slot.start) + 45 * 60_000).toISOString() }),
    );
    expect(longer.status).toBe(400);
    expect((await book(bookingBody(slot), { origin: 'https://evil.example' })).status).toBe(403);
    const serverCall = await proxy.post('/v1/calendars/clinic/bookings', bookingBody(slot), {});
    expect(serverCall.status).toBe(403);
    const spam = await book(
      bookingBody(slot, {
        context: { hp: 'filled', startedAt: new Date(Date.now() - 30_000).toISOString() },
      }),
    );
    expect(spam.status).toBe(400);
    expect(((await spam.json()) as { error: { code: string } }).error.code).toBe('submission_rejected');
    const admin = bookingBody(slot, { context: undefined });
    const ok = await proxy.post('/v1/calendars/clinic/bookings', admin, {
      authorization: `Bearer ${ADMIN_TOKEN}`,
      'idempotency-key': admin.submissionId,
    });
    expect(ok.status).toBe(201);
  });

  it('links a booking to a lead just captured by its leadRef, never by a bare id', async () => {
    const lead = bookingBody({ start: '', end: '' });
    const { start: _s, end: _e, ...leadBody } = lead;
    const sent = await proxy.post('/v1/forms/clinic/leads', leadBody, {
      origin: ORIGIN,
      'idempotency-key': lead.submissionId,
    });
    expect(sent.status).toBe(202);
    const { leadId, leadRef } = (await sent.json()) as { leadId: string; leadRef: string };
    const slot = (await slotsOf(nextMonday(4)))[3] as Slot;
    for (const bad of [leadId, `${leadRef.slice(0, -2)}AA`]) {
      const res = await book(bookingBody(slot, { leadRef: bad }));
      expect(res.status).toBe(400);
      expect(((await res.json()) as { error: { fields: Record<string, string> } }).error.fields.leadRef).toBe(
        'is not a lead reference this proxy issued',
      );
    }
    const linked = await book(bookingBody(slot, { leadRef }));
    expect(linked.status).toBe(201);
    expect(((await linked.json()) as Created).leadId).toBe(leadId);
  });

  it('manages a booking with its token: view, reschedule, cancel; refuses a tampered, foreign or expired token', async () => {
    const date = nextMonday(5);
    const slots = await slotsOf(date);
    const [a, b] = await Promise.all(
      [slots[0], slots[1]].map(
        async (slot) => (await (await book(bookingBody(slot as Slot))).json()) as Created,
      ),
    );
    if (!a || !b) throw new Error('booking failed');
    const view = await manage(a.bookingId, a.manageToken, 'GET', undefined, { origin: ORIGIN });
    expect(view.status).toBe(200);
    expect(view.headers.get('access-control-allow-origin')).toBe(ORIGIN);
    expect(await view.json()).toMatchObject({
      bookingId: a.bookingId,
      start: a.start,
      status: 'confirmed',
      sequence: 0,
      canReschedule: true,
      canCancel: true,
    });
    const tampered = `${a.manageToken.slice(0, -1)}${a.manageToken.endsWith('A') ? 'B' : 'A'}`;
    expect((await manage(a.bookingId, tampered)).status).toBe(403);
    expect((await manage(a.bookingId, b.manageToken)).status).toBe(403);
    expect((await manage(randomUUID(), a.manageToken)).status).toBe(403);
    const expired = createManageToken(a.bookingId, new Date(Date.now() - 1000), SECRET);
    const old = await manage(a.bookingId, expired);
    expect(old.status).toBe(403);
    expect(((await old.json()) as { error: { code: string } }).error.code).toBe('token_expired');
    expect(
      (await manage(a.bookingId, a.manageToken, 'GET', undefined, { origin: 'https://evil.example' })).status,
    ).toBe(403);
    const preflight = (path: string, origin: string, method: string) =>
      fetch(`${proxy.url}${path}`, {
        method: 'OPTIONS',
        headers: {
          origin,
          'access-control-request-method': method,
          'access-control-request-headers': 'content-type',
        },
      });
    const manageFlight = await preflight(`/v1/bookings/${a.bookingId}?token=x`, ORIGIN, 'PATCH');
    expect(manageFlight.status).toBe(204);
    expect(manageFlight.headers.get('access-control-allow-methods')).toContain('PATCH');
    expect(manageFlight.headers.get('access-control-allow-origin')).toBe(ORIGIN);
    expect((await preflight(`/v1/bookings/${a.bookingId}`, 'https://evil.example', 'DELETE')).status).toBe(
      403,
    );
    const bookFlight = await preflight('/v1/calendars/clinic/bookings', ORIGIN, 'POST');
    expect(bookFlight.status).toBe(204);
    expect(bookFlight.headers.get('access-control-allow-headers')).toContain('idempotency-key');
    expect((await preflight('/v1/calendars/clinic/bookings', 'https://evil.example', 'POST')).status).toBe(
      403,
    );

    // Onto b's slot: taken.
    expect((await manage(a.bookingId, a.manageToken, 'PATCH', { start: b.start, end: b.end })).status).toBe(
      409,
    );
    const target = slots[6] as Slot;
    const moved = await manage(a.bookingId, a.manageToken, 'PATCH', target);
    expect(moved.status).toBe(200);
    expect(await moved.json()).toMatchObject({
      bookingId: a.bookingId,
      start: target.start,
      sequence: 1,
      previous: { start: new Date(a.start).toISOString(), end: new Date(a.end).toISOString() },
    });
    const free = (await slotsOf(date)).map((s) => s.start);
    expect(free).toContain(a.start);
    expect(free).not.toContain(target.start);

    const cancelled = await manage(a.bookingId, a.manageToken, 'DELETE');
    expect(cancelled.status).toBe(200);
    const first = (await cancelled.json()) as Record<string, unknown>;
    expect(first).toMatchObject({ status: 'cancelled', sequence: 2, canReschedule: false, canCancel: false });
    const again = await manage(a.bookingId, a.manageToken, 'DELETE');
    expect(again.status).toBe(200);
    expect(await again.json()).toEqual(first);
    const late = await manage(a.bookingId, a.manageToken, 'PATCH', slots[8]);
    expect(late.status).toBe(409);
    expect(((await late.json()) as { error: { code: string } }).error.code).toBe('booking_cancelled');
    expect((await slotsOf(date)).map((s) => s.start)).toContain(target.start);
  });

  it('serves the booking as an iCalendar file that updates the same event', async () => {
    const slots = await slotsOf(nextMonday(6));
    const created = (await (await book(bookingBody(slots[0] as Slot))).json()) as Created;
    const ics = async () => {
      const res = await get(
        `/v1/bookings/${created.bookingId}/calendar.ics?token=${encodeURIComponent(created.manageToken)}`,
      );
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toMatch(/^text\/calendar/);
      const calendar = new ICAL.Component(ICAL.parse(await res.text()));
      const event = calendar.getFirstSubcomponent('vevent') as ICAL.Component;
      return {
        method: calendar.getFirstPropertyValue('method'),
        uid: event.getFirstPropertyValue('uid'),
        sequence: Number(event.getFirstPropertyValue('sequence')),
        status: event.getFirstPropertyValue('status'),
        start: (event.getFirstPropertyValue('dtstart') as ICAL.Time).toJSDate().getTime(),
        end: (event.getFirstPropertyValue('dtend') as ICAL.Time).toJSDate().getTime(),
      };
    };
    const first = await ics();
    expect(first).toMatchObject({ method: 'PUBLISH', sequence: 0, status: 'CONFIRMED' });
    // The same UID whichever of the proxy's own hosts served the file.
    const viaLocalhost = await fetch(
      `${proxy.url.replace('127.0.0.1', 'localhost')}/v1/bookings/${created.bookingId}/calendar.ics?token=${encodeURIComponent(created.manageToken)}`,
    );
    expect(await viaLocalhost.text()).toContain(`UID:${String(first.uid)}`);
    expect(first.start).toBe(Date.parse(created.start));
    expect(first.end).toBe(Date.parse(created.end));
    await manage(created.bookingId, created.manageToken, 'PATCH', slots[2]);
    const second = await ics();
    expect(second.uid).toBe(first.uid);
    expect(second.sequence).toBeGreaterThan(first.sequence);
    expect(second.start).toBe(Date.parse((slots[2] as Slot).start));
    await manage(created.bookingId, created.manageToken, 'DELETE');
    const third = await ics();
    expect(third).toMatchObject({ uid: first.uid, status: 'CANCELLED' });
    expect(third.sequence).toBeGreaterThan(second.sequence);
    expect((await get(`/v1/bookings/${created.bookingId}/calendar.ics?token=x`)).status).toBe(403);
  });

  it('sends signed booking.created, rescheduled and cancelled events, and lead.created with the bookingId', async () => {
    const slots = await slotsOf(nextMonday(7));
    const created = (await (await book(bookingBody(slots[1] as Slot))).json()) as Created;
    await manage(created.bookingId, created.manageToken, 'PATCH', slots[3]);
    await manage(created.bookingId, created.manageToken, 'DELETE');
    const ofBooking = () => receiver.received.filter((r) => r.payload.data.id === created.bookingId);
    await waitFor(() => ofBooking().length === 3, 10_000, 'three booking events');
    const [made, moved, gone] = ['booking.created', 'booking.rescheduled', 'booking.cancelled'].map(
      (type) => ofBooking().find((r) => r.payload.type === type)?.payload.data,
    );
    expect(made).toEqual({
      id: created.bookingId,
      calendar: 'clinic',
      leadId: created.leadId,
      start: new Date(created.start).toISOString(),
      end: new Date(created.end).toISOString(),
      timezone: 'Europe/Berlin',
      status: 'confirmed',
      fields: { name: 'Jane Doe', email: 'jane.doe@example.com', phone: '+4915112345678' },
    });
    expect(moved).toMatchObject({
      start: new Date((slots[3] as Slot).start).toISOString(),
      previous: { start: new Date(created.start).toISOString() },
    });
    expect(gone).toMatchObject({ status: 'cancelled' });
    await waitFor(
      () =>
        receiver.received.some(
          (r) => r.payload.type === 'lead.created' && r.payload.data.id === created.leadId,
        ),
      10_000,
      'lead.created',
    );
    const lead = receiver.received.find(
      (r) => r.payload.type === 'lead.created' && r.payload.data.id === created.leadId,
    );
    expect(lead?.payload.data).toMatchObject({ bookingId: created.bookingId, form: 'clinic' });
    expect(receiver.rejected).toBe(0);
  });
});
