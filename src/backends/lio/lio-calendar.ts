import * as z from 'zod/mini';
import type { CanonicalLead } from '../../model/lead';
import { groupSlotsByDay } from '../../time/group-slots-by-day';
import type { Interval } from '../../time/interval';
import type { AvailableDay, Backend, BackendDeps, BookingStore, CalendarSpec } from '../backend';
import type { VendorCallResult } from '../http/vendor-request';
import { getLioErrorDetail } from './lio-classify';

const instant = z.iso.datetime({ offset: true });
const slotSchema = z.union([
  z.looseObject({ start: instant, end: instant }),
  z.looseObject({ starts_at: instant, ends_at: instant }),
]);
const slotListSchema = z.array(slotSchema);
const groupedSchema = z.array(z.looseObject({ date: z.string(), slots: slotListSchema }));

/**
 * The slots in a §10 availability answer. Decision (doc 003 §10 shows no response shape):
 * accepted are a list of slots, the same under `data`, and days `{ date, slots }` (a list,
 * under `data` or not, or a `{ "YYYY-MM-DD": slots }` map); a slot is `{ start, end }` or
 * `{ starts_at, ends_at }`, ISO instants with an offset. Anything else is refused (null).
 */
export function parseLioSlots(json: unknown): Interval[] | null {
  const inner = json && typeof json === 'object' && !Array.isArray(json) && 'data' in json ? json.data : json;
  const toInterval = (slot: z.infer<typeof slotSchema>): Interval => {
    const pair = slot as { start?: string; end?: string; starts_at?: string; ends_at?: string };
    return {
      start: new Date(pair.start ?? pair.starts_at ?? Number.NaN),
      end: new Date(pair.end ?? pair.ends_at ?? Number.NaN),
    };
  };
  const list = slotListSchema.safeParse(inner);
  if (list.success) return list.data.map(toInterval);
  const grouped = groupedSchema.safeParse(inner);
  if (grouped.success) return grouped.data.flatMap((day) => day.slots.map(toInterval));
  const map = z.record(z.string().check(z.regex(/^\d{4}-\d{2}-\d{2}$/)), slotListSchema).safeParse(inner);
  if (map.success && Object.keys(map.data).length > 0) return Object.values(map.data).flat().map(toInterval);
  return null;
}

type Call = (
  method: 'GET' | 'POST',
  path: string,
  body: unknown,
  signal: AbortSignal,
) => Promise<VendorCallResult>;

/** Attendee name for §10 confirm: `name`, else first and last name. */
function toAttendeeName(lead: CanonicalLead): string {
  const text = (key: string) =>
    typeof lead.fields[key] === 'string' ? (lead.fields[key] as string).trim() : '';
  return text('name') || [text('first_name'), text('last_name')].filter(Boolean).join(' ') || text('email');
}

/**
 * LIO's public booking (doc 003 §10, no auth) as a calendar: `GET …/availability` asked in
 * the visitor's zone (`from`, `to` as dates, `duration`, `tz`; `date` is not sent, `from` =
 * `to` says one day), and `POST …/confirm`. No reschedule or cancel: §10 has neither.
 *
 * Confirm is not idempotent (no key, no look-up of bookings without a login), so a confirm
 * whose answer is lost is never resent. The availability is read again instead: the slot
 * still offered → it was not booked (503, nothing stored, the visitor may try again); the
 * slot gone, or the re-read failing → uncertain: the booking is stored (it may well be ours)
 * and an error is logged for an operator to check in LIO. A 409 or 422 to confirm is a taken
 * slot (the document names no error; a slot no longer free is the likely refusal).
 */
export function createLioCalendar(ctx: {
  name: string;
  slug: string | undefined;
  call: Call;
  deps: BackendDeps;
}): Pick<Backend, 'calendarCapabilities' | 'availability' | 'book'> {
  const { deps } = ctx;
  const base = () => {
    if (!ctx.slug) throw new Error(`LIO backend "${ctx.name}": a calendar needs bookingSlug`);
    return `/api/v1/booking/${encodeURIComponent(ctx.slug)}`;
  };
  const getBookings = (): BookingStore => {
    if (!deps.bookings) throw new Error('a LIO calendar needs the proxy store');
    return deps.bookings;
  };
  const describe = (result: VendorCallResult) =>
    result.ok
      ? `HTTP ${result.response.status}: ${getLioErrorDetail(result.response).message}`
      : result.outcome.message;

  const readDays = async (
    calendar: CalendarSpec,
    from: string,
    to: string,
    zone: string,
    durationMinutes: number,
    now: Date,
    signal: AbortSignal,
  ): Promise<AvailableDay[]> => {
    const query = new URLSearchParams({ from, to, duration: String(durationMinutes), tz: zone });
    const result = await ctx.call('GET', `${base()}/availability?${query}`, undefined, signal);
    if (!result.ok || result.response.status !== 200)
      throw new Error(`LIO availability: ${describe(result)}`);
    const slots = parseLioSlots(result.response.json);
    if (!slots)
      throw new Error(
        'LIO availability: unrecognised answer (expected slots { start, end } or { starts_at, ends_at }, as a list, under data, or grouped by date)',
      );
    const latest = now.getTime() + calendar.rules.maxDaysAhead * 86_400_000;
    const lengthMs = durationMinutes * 60_000;
    return groupSlotsByDay(
      slots.filter(
        (s) =>
          s.end.getTime() - s.start.getTime() === lengthMs &&
          s.start.getTime() > now.getTime() &&
          s.start.getTime() <= latest,
      ),
      zone,
      from,
      to,
    );
  };

  return {
    calendarCapabilities: () => ({ canReschedule: false, canCancel: false }),

    availability: ({ calendar, from, to, zone, durationMinutes, now, signal }) =>
      readDays(calendar, from, to, zone, durationMinutes, now, signal),

    async book({ calendar, save, lead, now, signal }) {
      const email = typeof lead.fields.email === 'string' ? lead.fields.email : '';
      if (!email)
        return {
          kind: 'failed',
          retryable: false,
          message: 'LIO confirm requires email (doc 003 §10); the lead has none',
        };
      const body: Record<string, string> = {
        start: save.booking.start,
        end: save.booking.end,
        name: toAttendeeName(lead),
        email,
      };
      for (const key of ['company', 'phone'] as const)
        if (typeof lead.fields[key] === 'string' && lead.fields[key]) body[key] = lead.fields[key] as string;
      if (typeof lead.fields.message === 'string' && lead.fields.message) body.notes = lead.fields.message;

      const result = await ctx.call('POST', `${base()}/confirm`, body, signal);
      let externalId: string | null = null;
      if (result.ok && (result.response.status === 409 || result.response.status === 422))
        return { kind: 'slot_unavailable' };
      if (result.ok && result.response.status >= 200 && result.response.status < 300) {
        const id = z
          .looseObject({ data: z.looseObject({ id: z.union([z.string(), z.number()]) }) })
          .safeParse(result.response.json);
        externalId = id.success ? String(id.data.data.id) : null;
      } else if (result.ok && result.response.status < 500 && result.response.status !== 429) {
        return { kind: 'failed', retryable: false, message: `LIO confirm: ${describe(result)}` };
      } else {
        // Lost or failed answer: it may have booked. Never resent; read the slot's day again.
        const durationMinutes = (Date.parse(save.booking.end) - Date.parse(save.booking.start)) / 60_000;
        const date = new Intl.DateTimeFormat('en-CA', {
          timeZone: calendar.timezone,
          year: 'numeric',
          month: '2-digit',
          day: '2-digit',
        }).format(new Date(save.booking.start));
        let stillOffered: boolean | null = null;
        try {
          const days = await readDays(calendar, date, date, calendar.timezone, durationMinutes, now, signal);
          stillOffered = days.some((d) =>
            d.slots.some((s) => Date.parse(s.start) === Date.parse(save.booking.start)),
          );
        } catch {
          stillOffered = null;
        }
        if (stillOffered === true)
          return {
            kind: 'failed',
            retryable: true,
            message: `LIO confirm: ${describe(result)}; the slot is still offered, so it was not booked`,
          };
        deps.logger.error(
          { backend: ctx.name, bookingId: save.booking.id, start: save.booking.start, stillOffered },
          'LIO confirm answer lost and the slot is no longer offered (or could not be read): booking kept, check it in LIO',
        );
      }
      const saved = await getBookings().saveBooking({
        ...save,
        booking: { ...save.booking, externalId },
        overlap: null,
      });
      if (saved.kind === 'created') return { kind: 'booked', booking: saved.booking };
      if (saved.kind === 'existing')
        return { kind: 'replay', booking: saved.booking, bodyHash: saved.bodyHash };
      return saved;
    },
  };
}
