import * as z from 'zod/mini';
import { getCoveringDates } from '../../time/get-covering-dates';
import { groupSlotsByDay } from '../../time/group-slots-by-day';
import type { Backend, BackendDeps, BookingStore, DeliveryOutcome } from '../backend';
import type { VendorCallResult, VendorRequest } from '../http/vendor-request';
import { getQualifybaseMessage } from './qualifybase-classify';

/** `AvailabilityDay[]` under `data` (seed 004 `GET /availability`). */
const availabilitySchema = z.looseObject({
  data: z.array(
    z.looseObject({
      date: z.string(),
      slots: z.array(
        z.looseObject({
          starts_at: z.iso.datetime({ offset: true }),
          ends_at: z.iso.datetime({ offset: true }),
        }),
      ),
    }),
  ),
});
/** `{ data: Appointment }` as far as leadkit reads it. */
const appointmentSchema = z.looseObject({ id: z.string().check(z.minLength(1)) });
const appointmentListSchema = z.looseObject({
  data: z.array(
    z.looseObject({
      id: z.string(),
      lead_id: z.string(),
      scheduled_at: z.string(),
      status: z.optional(z.string()),
    }),
  ),
});

/** What the calendar half of the QualifyBase backend needs from the lead half. */
export interface QualifybaseCalendarContext {
  name: string;
  baseUrl: string;
  headers: Record<string, string>;
  /** The backend's limited sender: the key's one 120/min limiter, shared with lead delivery. */
  send: (request: Omit<VendorRequest, 'timeoutMs'>) => Promise<VendorCallResult>;
  deliverLead: Backend['deliverLead'];
  deps: BackendDeps;
  /** `AppointmentCreate.status` (config `appointmentStatus`). */
  status: 'pending_confirmation' | 'confirmed';
  /** `AppointmentCreate.title` (config `appointmentTitle`). */
  title: string;
}

/** "limit: Max slots per day", maximum 50. */
const MAX_SLOTS_PER_DAY = 50;

const isLost = (result: VendorCallResult) => !result.ok || result.response.status >= 500;

/**
 * QualifyBase as a calendar backend (seed 004 `/availability`, `/appointments`):
 * - availability: the document takes bare dates and no zone, so we ask for the clinic-zone
 *   dates that cover the visitor's range (`getCoveringDates`) and file each `starts_at` under
 *   its date in the requested zone. Decision (the document is silent on slot lengths and has
 *   no duration parameter): only slots exactly `durationMinutes` long are offered.
 * - book: the lead is upserted first (`POST /leads`, external id + Idempotency-Key, the lead
 *   delivery call itself) for its `lead_id`; then `POST /appointments`, 409 = taken.
 *   `POST /appointments` has no Idempotency-Key, so after a lost answer (timeout, reset, 5xx)
 *   the appointment is looked up (`GET /appointments?from&to`, same lead and start) before
 *   one retry; still unknown → a retryable failure, nothing stored.
 * - reschedule `PATCH /appointments/{id}` (409 = conflict), cancel `DELETE` (404: already gone).
 */
export function createQualifybaseCalendar(
  ctx: QualifybaseCalendarContext,
): Pick<Backend, 'calendarCapabilities' | 'availability' | 'book' | 'reschedule' | 'cancel'> {
  const { baseUrl, headers, send, deps } = ctx;
  const getBookings = (): BookingStore => {
    if (!deps.bookings) throw new Error('a QualifyBase calendar needs the proxy store');
    return deps.bookings;
  };
  const failed = (what: string, result: VendorCallResult) => ({
    kind: 'failed' as const,
    retryable: isLost(result) || (result.ok && result.response.status === 429),
    message: result.ok
      ? `QualifyBase ${what}: HTTP ${result.response.status}: ${getQualifybaseMessage(result.response)}`
      : `QualifyBase ${what}: ${result.outcome.message}`,
  });

  const findAppointment = async (leadId: string, start: string, signal: AbortSignal) => {
    const at = new Date(Date.parse(start)).toISOString();
    const query = new URLSearchParams({ from: at, to: at, limit: '200' });
    const result = await send({ method: 'GET', url: `${baseUrl}/appointments?${query}`, headers, signal });
    if (!result.ok || result.response.status !== 200) return { known: false as const };
    const list = appointmentListSchema.safeParse(result.response.json);
    if (!list.success) return { known: false as const };
    const found = list.data.data.find(
      (a) =>
        a.lead_id === leadId && Date.parse(a.scheduled_at) === Date.parse(start) && a.status !== 'cancelled',
    );
    return { known: true as const, id: found?.id ?? null };
  };

  return {
    calendarCapabilities: () => ({ canReschedule: true, canCancel: true }),

    async availability({ calendar, from, to, zone, durationMinutes, now, signal }) {
      const dates = getCoveringDates(from, to, zone, calendar.timezone);
      const query = new URLSearchParams({ from: dates.from, to: dates.to, limit: String(MAX_SLOTS_PER_DAY) });
      const result = await send({ method: 'GET', url: `${baseUrl}/availability?${query}`, headers, signal });
      if (!result.ok || result.response.status !== 200)
        throw new Error(failed('availability', result).message);
      const parsed = availabilitySchema.safeParse(result.response.json);
      if (!parsed.success)
        throw new Error('QualifyBase availability: the answer is not { data: AvailabilityDay[] } (seed 004)');
      const lengthMs = durationMinutes * 60_000;
      const latest = now.getTime() + calendar.rules.maxDaysAhead * 86_400_000;
      const slots = parsed.data.data.flatMap((day) =>
        day.slots
          .map((slot) => ({ start: new Date(slot.starts_at), end: new Date(slot.ends_at) }))
          .filter(
            (slot) =>
              slot.end.getTime() - slot.start.getTime() === lengthMs &&
              slot.start.getTime() > now.getTime() &&
              slot.start.getTime() <= latest,
          ),
      );
      return groupSlotsByDay(slots, zone, from, to);
    },

    async book({ save, lead, signal }) {
      const upsert: DeliveryOutcome = await ctx.deliverLead(lead, {
        deliveryId: `booking:${save.idempotencyKey}`,
        attempt: 1,
        externalId: null,
        signal,
      });
      if ((upsert.kind !== 'ok' && upsert.kind !== 'conflict') || !upsert.externalId) {
        return {
          kind: 'failed',
          retryable: upsert.kind === 'retry',
          message: `QualifyBase lead upsert: ${'message' in upsert ? upsert.message : 'no lead id'}`,
        };
      }
      const leadId = upsert.externalId;
      const body = {
        lead_id: leadId,
        scheduled_at: save.booking.start,
        ends_at: save.booking.end,
        title: ctx.title,
        notes: `leadkit booking ${save.booking.id}`,
        status: ctx.status,
      };
      let appointmentId: string | null = null;
      for (let round = 0; round < 2 && appointmentId === null; round++) {
        const result = await send({ method: 'POST', url: `${baseUrl}/appointments`, headers, body, signal });
        if (result.ok && result.response.status === 409) return { kind: 'slot_unavailable' };
        if (result.ok && result.response.status >= 200 && result.response.status < 300) {
          const parsed = z.looseObject({ data: appointmentSchema }).safeParse(result.response.json);
          if (parsed.success) appointmentId = parsed.data.data.id;
        } else if (!isLost(result)) return failed('booking', result);
        if (appointmentId !== null) break;
        // Lost or unreadable answer: it may have been booked. Look before sending again.
        const lookup = await findAppointment(leadId, save.booking.start, signal);
        if (!lookup.known) return failed('booking (answer lost, look-up failed)', result);
        appointmentId = lookup.id;
        if (appointmentId === null && round === 1) return failed('booking (answer lost twice)', result);
      }
      if (appointmentId === null)
        return { kind: 'failed', retryable: true, message: 'QualifyBase booking: no appointment id' };
      const saved = await getBookings().saveBooking({
        ...save,
        booking: { ...save.booking, externalId: appointmentId },
        overlap: null,
      });
      if (saved.kind === 'created') return { kind: 'booked', booking: saved.booking };
      // A concurrent replay stored first: ours is a second appointment, so it is cancelled.
      await send({
        method: 'DELETE',
        url: `${baseUrl}/appointments/${encodeURIComponent(appointmentId)}`,
        headers,
        signal,
      });
      if (saved.kind === 'existing')
        return { kind: 'replay', booking: saved.booking, bodyHash: saved.bodyHash };
      return saved;
    },

    async reschedule({ booking, start, end, events, now, signal }) {
      const same =
        Date.parse(start) === Date.parse(booking.start) && Date.parse(end) === Date.parse(booking.end);
      if (!same && booking.status === 'confirmed' && booking.externalId) {
        const result = await send({
          method: 'PATCH',
          url: `${baseUrl}/appointments/${encodeURIComponent(booking.externalId)}`,
          headers,
          body: { scheduled_at: start, ends_at: end },
          signal,
        });
        if (result.ok && result.response.status === 409) return { kind: 'slot_unavailable' };
        if (!result.ok || result.response.status !== 200) return failed('reschedule', result);
      }
      return getBookings().rescheduleBooking({ id: booking.id, start, end, now, events, overlap: null });
    },

    async cancel({ booking, events, now, signal }) {
      if (booking.status === 'confirmed' && booking.externalId) {
        const result = await send({
          method: 'DELETE',
          url: `${baseUrl}/appointments/${encodeURIComponent(booking.externalId)}`,
          headers,
          signal,
        });
        // 404: gone at the clinic already, which is what a cancel wants.
        if (!result.ok || (result.response.status !== 200 && result.response.status !== 404))
          return failed('cancel', result);
      }
      return getBookings().cancelBooking({ id: booking.id, now, events });
    },
  };
}
