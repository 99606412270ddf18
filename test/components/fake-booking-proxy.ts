import type { FormDefinition } from '../../src/model/form';
import { DEMO_FORM, json, PHONE_METADATA, type SeenRequest, withLocaleMessages } from './fake-proxy';

/** A free slot the fake calendar offers. */
export const SLOT = { start: '2026-11-24T14:00:00+01:00', end: '2026-11-24T14:30:00+01:00' };
/** The three nearest free slots a 409 offers. */
export const ALTERNATIVES = [
  { start: '2026-11-24T14:30:00+01:00', end: '2026-11-24T15:00:00+01:00' },
  { start: '2026-11-24T13:30:00+01:00', end: '2026-11-24T14:00:00+01:00' },
  { start: '2026-11-24T15:00:00+01:00', end: '2026-11-24T15:30:00+01:00' },
];

/**
 * A stand-in for the proxy's calendar and booking routes (CONTRACT §4): the calendar's
 * definition with its form, bookings with Idempotency-Key replay, a scripted list of slots
 * that are "taken" (409 slot_unavailable with alternatives), and the manage routes.
 */
export function createFakeBookingProxy(
  options: {
    form?: FormDefinition;
    calendarZone?: string;
    taken?: string[];
    canReschedule?: boolean;
    canCancel?: boolean;
  } = {},
) {
  const requests: SeenRequest[] = [];
  const bookings = new Map<string, { start: string; end: string; status: string; key: string }>();
  const taken = new Set(options.taken ?? []);
  const view = (id: string) => {
    const b = bookings.get(id);
    if (!b) return undefined;
    return {
      bookingId: id,
      calendar: 'demo',
      start: b.start,
      end: b.end,
      timezone: options.calendarZone ?? 'Europe/Berlin',
      status: b.status,
      canReschedule: b.status === 'confirmed' && (options.canReschedule ?? true),
      canCancel: b.status === 'confirmed' && (options.canCancel ?? true),
      manageToken: `tok-${id}`,
      manageUrl: `https://leads.example.com/manage/${id}?token=tok-${id}`,
    };
  };
  const fetch = async (input: string, init: RequestInit = {}): Promise<Response> => {
    const headers = Object.fromEntries(
      Object.entries((init.headers as Record<string, string>) ?? {}).map(([k, v]) => [k.toLowerCase(), v]),
    );
    const method = init.method ?? 'GET';
    const body = typeof init.body === 'string' ? JSON.parse(init.body) : undefined;
    requests.push({ method, url: input, headers, body, signal: init.signal ?? undefined });
    const url = new URL(input);
    const path = url.pathname;
    if (method === 'GET' && /^\/v1\/calendars\/[^/]+$/.test(path)) {
      const id = decodeURIComponent(path.split('/')[3] ?? '');
      if (id !== 'demo')
        return json(404, { error: { code: 'calendar_not_found', message: 'No such calendar.' } });
      const form = options.form ?? DEMO_FORM;
      return json(200, {
        id,
        timezone: options.calendarZone ?? 'Europe/Berlin',
        durationMinutes: 30,
        durations: [30],
        maxDaysAhead: 60,
        canReschedule: options.canReschedule ?? true,
        canCancel: options.canCancel ?? true,
        form: { ...form, phoneMetadata: PHONE_METADATA },
        ...withLocaleMessages(input, form.locale, ['form', 'slotPicker', 'booking']),
      });
    }
    if (method === 'POST' && /^\/v1\/calendars\/demo\/bookings$/.test(path)) {
      const key = headers['idempotency-key'] ?? '';
      const replay = [...bookings.entries()].find(([, b]) => b.key === key);
      if (replay) return json(201, view(replay[0]));
      if (taken.has(body.start))
        return json(409, {
          error: {
            code: 'slot_unavailable',
            message: 'This slot is no longer free; pick another.',
            alternatives: ALTERNATIVES,
          },
        });
      const id = `b_${bookings.size + 1}`;
      bookings.set(id, { start: body.start, end: body.end, status: 'confirmed', key });
      taken.add(body.start);
      return json(201, { ...view(id), leadId: `lead-${id}` });
    }
    const manage = /^\/v1\/bookings\/([^/]+)$/.exec(path);
    if (manage) {
      const id = decodeURIComponent(manage[1] ?? '');
      const b = bookings.get(id);
      if (!b) return json(404, { error: { code: 'booking_not_found', message: 'No such booking.' } });
      if (url.searchParams.get('token') !== `tok-${id}`)
        return json(403, { error: { code: 'invalid_token', message: 'The token is not valid.' } });
      if (method === 'PATCH') {
        if (taken.has(body.start))
          return json(409, {
            error: {
              code: 'slot_unavailable',
              message: 'This slot is no longer free.',
              alternatives: ALTERNATIVES,
            },
          });
        taken.delete(b.start);
        b.start = body.start;
        b.end = body.end;
        taken.add(b.start);
      }
      if (method === 'DELETE') b.status = 'cancelled';
      return json(200, {
        ...view(id),
        ...(method === 'GET' ? withLocaleMessages(input, undefined, ['booking']) : {}),
      });
    }
    return json(404, { error: { code: 'not_found', message: 'No such route.' } });
  };
  /** Adds a booking as if made earlier (for the manage view). */
  const seed = (id: string, slot: { start: string; end: string }) => {
    bookings.set(id, { ...slot, status: 'confirmed', key: `seed-${id}` });
    taken.add(slot.start);
  };
  return {
    fetch,
    requests,
    bookings,
    seed,
    takeSlot: (start: string) => taken.add(start),
    posts: () => requests.filter((r) => r.method === 'POST'),
  };
}
