import { randomUUID } from 'node:crypto';
import type { Backend, CalendarCapabilities } from '../../backends/backend';
import type { BookingView, StoredBooking } from '../../model/booking';
import { findNearestSlots } from '../../time/find-nearest-slots';
import { formatInstant } from '../../time/format-instant';
import { isValidTimeZone } from '../../time/is-valid-time-zone';
import type { ResolvedForm } from '../config/load-config';
import type { ResolvedCalendar } from '../config/resolve-calendar';
import type { ProxyContext } from '../proxy-context';
import { ProxyError } from '../proxy-error';
import { createManageToken } from '../security/manage-token';
import { type AvailabilityCache, createAvailabilityCache } from './availability-cache';

/**
 * How long an availability answer is reused (docs/booking.md): 15 s, or
 * `LEADKIT_AVAILABILITY_CACHE_MS` (0 turns the cache off; the benchmark measures both).
 */
export const AVAILABILITY_TTL_MS = (() => {
  const set = Number(process.env.LEADKIT_AVAILABILITY_CACHE_MS);
  return Number.isFinite(set) && set >= 0 && process.env.LEADKIT_AVAILABILITY_CACHE_MS !== '' ? set : 15_000;
})();
/** A manage link works until this long after the booking's end (CONTRACT: 30 days). */
export const MANAGE_TOKEN_DAYS = 30;
const DAY_MS = 86_400_000;

/** What the calendar and booking routes share: one per proxy. */
export interface BookingContext {
  cache: AvailabilityCache;
  /** The calendar, or 404. */
  getCalendar(id: string): ResolvedCalendar;
  getForm(calendar: ResolvedCalendar): ResolvedForm;
  /** The calendar's backend; it has `book` and `availability` (checked at config load). */
  getBackend(calendar: ResolvedCalendar): Backend;
  getCapabilities(calendar: ResolvedCalendar): CalendarCapabilities;
  /** Outbox entries for a booking event: one per backend of the form's `deliver` that takes events. */
  newEvents(calendar: ResolvedCalendar): Array<{ id: string; backend: string }>;
  /** Wakes the outbox for the backends entries were queued for. */
  wake(backends: Iterable<string>): void;
  /** Free slots (cached); 503 when the backend cannot answer. */
  getAvailability(
    calendar: ResolvedCalendar,
    query: { from: string; to: string; zone: string; durationMinutes: number },
  ): ReturnType<NonNullable<Backend['availability']>>;
  /** 409 slot_unavailable with up to three nearest free slots of the same length. */
  slotUnavailable(calendar: ResolvedCalendar, start: string, end: string, zone?: string): Promise<ProxyError>;
  /** A fresh manage token and link for a booking (token expires 30 days after its end). */
  getManageLink(
    calendar: ResolvedCalendar,
    booking: StoredBooking,
    requestUrl: string,
  ): {
    manageToken: string;
    manageUrl: string;
  };
  toView(calendar: ResolvedCalendar, booking: StoredBooking): BookingView;
}

const contexts = new WeakMap<ProxyContext, BookingContext>();

/** The booking context of a proxy (created on first use). */
export function getBookingContext(ctx: ProxyContext): BookingContext {
  let booking = contexts.get(ctx);
  if (!booking) {
    booking = createBookingContext(ctx);
    contexts.set(ctx, booking);
  }
  return booking;
}

function createBookingContext(ctx: ProxyContext): BookingContext {
  const cache = createAvailabilityCache({ ttlMs: AVAILABILITY_TTL_MS, now: () => ctx.now().getTime() });

  const self: BookingContext = {
    cache,
    getCalendar(id) {
      const calendar = Object.hasOwn(ctx.config.calendars, id) ? ctx.config.calendars[id] : undefined;
      if (!calendar)
        throw new ProxyError(404, 'calendar_not_found', `There is no calendar "${id.slice(0, 64)}".`);
      return calendar;
    },
    getForm(calendar) {
      return ctx.config.forms[calendar.form] as ResolvedForm;
    },
    getBackend(calendar) {
      const backend = ctx.backends.get(calendar.backend);
      if (!backend?.book || !backend.availability)
        throw new ProxyError(503, 'backend_unavailable', 'This calendar cannot take bookings right now.');
      return backend;
    },
    getCapabilities(calendar) {
      const backend = ctx.backends.get(calendar.backend);
      const caps = backend?.calendarCapabilities?.(calendar) ?? { canReschedule: false, canCancel: false };
      return {
        canReschedule: caps.canReschedule && Boolean(backend?.reschedule),
        canCancel: caps.canCancel && Boolean(backend?.cancel),
      };
    },
    newEvents(calendar) {
      return self
        .getForm(calendar)
        .deliver.filter((name) => ctx.backends.get(name)?.deliverEvent)
        .map((backend) => ({ id: `msg_${randomUUID().replaceAll('-', '')}`, backend }));
    },
    wake(backends) {
      for (const backend of new Set(backends)) ctx.outbox.wake(backend);
    },
    getAvailability(calendar, query) {
      const backend = self.getBackend(calendar);
      const key = `${query.from}|${query.to}|${query.zone}|${query.durationMinutes}`;
      return cache
        .get(calendar.id, key, () =>
          (backend.availability as NonNullable<Backend['availability']>)({
            calendar,
            ...query,
            now: ctx.now(),
            signal: AbortSignal.timeout(backend.limits.timeoutMs),
          }),
        )
        .catch((error: unknown) => {
          if (error instanceof ProxyError) throw error;
          ctx.logger.warn({ calendar: calendar.id, err: (error as Error).message }, 'availability failed');
          throw new ProxyError(503, 'backend_unavailable', 'The calendar cannot be read right now.', {
            headers: { 'retry-after': '5' },
          });
        });
    },
    async slotUnavailable(calendar, start, end, zone) {
      const shown = zone && isValidTimeZone(zone) ? zone : calendar.timezone;
      const startMs = Date.parse(start);
      const durationMinutes = Math.round((Date.parse(end) - startMs) / 60_000);
      let alternatives: Array<{ start: string; end: string }> = [];
      if (calendar.durations.includes(durationMinutes)) {
        // A day before to a week after, in the zone shown: enough to find three near slots.
        const from = formatInstant(new Date(startMs - DAY_MS), shown).slice(0, 10);
        const to = formatInstant(new Date(startMs + 7 * DAY_MS), shown).slice(0, 10);
        const days = await self
          .getAvailability(calendar, { from, to, zone: shown, durationMinutes })
          .catch(() => []);
        alternatives = findNearestSlots(days, new Date(startMs), 3);
      }
      return new ProxyError(409, 'slot_unavailable', 'This slot is no longer free; pick another.', {
        details: { alternatives },
      });
    },
    getManageLink(calendar, booking, requestUrl) {
      const expiresAt = new Date(Date.parse(booking.end) + MANAGE_TOKEN_DAYS * DAY_MS);
      const manageToken = createManageToken(booking.id, expiresAt, ctx.secret);
      const base = (ctx.config.publicUrl ?? new URL(requestUrl).origin).replace(/\/+$/, '');
      const template = calendar.manageUrl ?? `${base}/manage/{id}?token={token}`;
      const manageUrl = template
        .replaceAll('{id}', encodeURIComponent(booking.id))
        .replaceAll('{token}', encodeURIComponent(manageToken));
      return { manageToken, manageUrl };
    },
    toView(calendar, booking) {
      return {
        bookingId: booking.id,
        calendar: booking.calendar,
        leadId: booking.leadId,
        start: formatInstant(new Date(booking.start), booking.timezone),
        end: formatInstant(new Date(booking.end), booking.timezone),
        timezone: booking.timezone,
        durationMinutes: Math.round((Date.parse(booking.end) - Date.parse(booking.start)) / 60_000),
        status: booking.status,
        sequence: booking.sequence,
        previous: booking.previous,
        // A cancelled booking can be neither moved nor cancelled again: the manage page offers nothing.
        ...(booking.status === 'confirmed'
          ? self.getCapabilities(calendar)
          : { canReschedule: false, canCancel: false }),
        createdAt: booking.createdAt,
        updatedAt: booking.updatedAt,
      };
    },
  };
  return self;
}
