import * as z from 'zod/mini';
import { formatInstant } from '../../time/format-instant';
import { getCalendarSlots } from '../../time/get-calendar-slots';
import type { Backend, BackendDeps, BookingStore, CalendarSpec } from '../backend';
import { type BackendDefinition, commonBackendShape, resolveLimits } from '../backend-config';

export const localConfigSchema = z.strictObject({ type: z.literal('local'), ...commonBackendShape });
export type LocalConfig = z.infer<typeof localConfigSchema>;

const DAY_MS = 86_400_000;

/**
 * Whether the calendar's rules offer exactly this slot (working hours, its step, notice,
 * days ahead, closed dates), bookings aside: those are the store's to refuse, in the same
 * transaction as the insert.
 */
function isOffered(calendar: CalendarSpec, start: string, end: string, now: Date): boolean {
  const startMs = Date.parse(start);
  const minutes = (Date.parse(end) - startMs) / 60_000;
  if (!calendar.durations.includes(minutes)) return false;
  const date = formatInstant(new Date(startMs), calendar.timezone).slice(0, 10);
  const [day] = getCalendarSlots({
    rules: calendar.rules,
    durationMinutes: minutes,
    from: date,
    to: date,
    zone: calendar.timezone,
    now,
    busy: [],
  });
  return (day?.slots ?? []).some((slot) => Date.parse(slot.start) === startMs);
}

/**
 * The embedded default: the lead already sits in the proxy's store, so delivering it only
 * records that this backend received it (`leadkit leads list` reads those). As a calendar
 * backend it books into the same store, whose write transaction makes overlaps impossible.
 */
export function createLocalBackend(name: string, config: LocalConfig, deps: BackendDeps): Backend {
  const getBookings = (): BookingStore => {
    if (!deps.bookings) throw new Error('the local calendar needs the proxy store');
    return deps.bookings;
  };
  return {
    name,
    type: 'local',
    limits: resolveLimits(config, { rateLimit: null, concurrency: 32, timeoutMs: 5_000 }),
    async deliverLead(lead) {
      await deps.leads.markLocal(lead.id, name);
      return { kind: 'ok', externalId: lead.id };
    },

    calendarCapabilities: () => ({ canReschedule: true, canCancel: true }),

    async availability({ calendar, from, to, zone, durationMinutes, now }) {
      // Bookings of the dates, read generously: a day either side covers any zone offset
      // and the largest buffer (a day).
      const busy = await getBookings().listBusy({
        calendar: calendar.id,
        from: Date.parse(`${from}T00:00:00Z`) - 2 * DAY_MS,
        to: Date.parse(`${to}T00:00:00Z`) + 3 * DAY_MS,
      });
      return getCalendarSlots({
        rules: calendar.rules,
        durationMinutes,
        from,
        to,
        zone,
        now,
        busy: busy.map((b) => ({ start: new Date(b.start), end: new Date(b.end) })),
      });
    },

    async book({ calendar, save, now }) {
      if (!isOffered(calendar, save.booking.start, save.booking.end, now))
        return { kind: 'slot_unavailable' };
      const saved = await getBookings().saveBooking({
        ...save,
        overlap: { bufferMinutes: calendar.rules.bufferMinutes },
      });
      switch (saved.kind) {
        case 'created':
          return { kind: 'booked', booking: saved.booking };
        case 'existing':
          return { kind: 'replay', booking: saved.booking, bodyHash: saved.bodyHash };
        default:
          return saved;
      }
    },

    async reschedule({ calendar, booking, start, end, events, now }) {
      const same =
        Date.parse(start) === Date.parse(booking.start) && Date.parse(end) === Date.parse(booking.end);
      if (!same && booking.status === 'confirmed' && !isOffered(calendar, start, end, now))
        return { kind: 'slot_unavailable' };
      return getBookings().rescheduleBooking({
        id: booking.id,
        start,
        end,
        now,
        events,
        overlap: { bufferMinutes: calendar.rules.bufferMinutes },
      });
    },

    async cancel({ booking, events, now }) {
      return getBookings().cancelBooking({ id: booking.id, now, events });
    },
  };
}

export const localBackend: BackendDefinition<LocalConfig> = {
  type: 'local',
  configSchema: localConfigSchema,
  create: createLocalBackend,
  calendar: true,
};
