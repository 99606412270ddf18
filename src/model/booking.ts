import * as z from 'zod/mini';
import { leadSubmissionSchema } from './lead';

/** An instant as the booking routes take it: ISO 8601 with an offset (`Z` or `+02:00`). */
const instantSchema = z.iso.datetime({ offset: true });

/**
 * The body of `POST /v1/calendars/:cal/bookings` (CONTRACT §4): a lead submission plus the
 * slot, and optionally the `leadRef` of a lead just captured (never a bare lead id).
 * Unknown keys are rejected, as for a lead.
 */
export const bookingSubmissionSchema = z.strictObject({
  ...leadSubmissionSchema.shape,
  start: instantSchema,
  end: instantSchema,
  leadRef: z.optional(z.string().check(z.minLength(1), z.maxLength(512))),
});
export type BookingSubmission = z.infer<typeof bookingSubmissionSchema>;

/** The body of `PATCH /v1/bookings/:id` (reschedule). */
export const rescheduleSchema = z.strictObject({ start: instantSchema, end: instantSchema });

/** `confirmed` until cancelled; a cancelled booking stays cancelled. */
export type BookingStatus = 'confirmed' | 'cancelled';

/** An interval between two instants (ms since the epoch), end exclusive. */
export interface BookingInterval {
  start: number;
  end: number;
}

/**
 * A booking as the store keeps it. `start`/`end` are instants; `timezone` is the
 * calendar's zone at booking time (the one the .ics names and the manage page shows).
 * `sequence` rises with every change (the .ics `SEQUENCE`); `previous` is the slot before
 * the last reschedule.
 */
export interface StoredBooking {
  id: string;
  calendar: string;
  leadId: string;
  start: string;
  end: string;
  timezone: string;
  status: BookingStatus;
  sequence: number;
  previous: { start: string; end: string } | null;
  /** The lead's normalised fields at booking time (the booking events carry them). */
  fields: Record<string, string | boolean>;
  /** The vendor's id for the appointment, when a vendor calendar holds it. */
  externalId: string | null;
  createdAt: string;
  updatedAt: string;
}

/** The booking event types a webhook receives (CONTRACT §4 "Outbound webhooks"). */
export const BOOKING_EVENT_TYPES = ['booking.created', 'booking.rescheduled', 'booking.cancelled'] as const;
export type BookingEventType = (typeof BOOKING_EVENT_TYPES)[number];

/** The `data` of a `booking.*` webhook event (CONTRACT §4). */
export interface BookingEventData {
  id: string;
  calendar: string;
  leadId: string;
  start: string;
  end: string;
  timezone: string;
  status: BookingStatus;
  fields: Record<string, string | boolean>;
  previous?: { start: string; end: string };
}

/** The event data for a booking as it stands now. */
export function toBookingEventData(booking: StoredBooking): BookingEventData {
  return {
    id: booking.id,
    calendar: booking.calendar,
    leadId: booking.leadId,
    start: booking.start,
    end: booking.end,
    timezone: booking.timezone,
    status: booking.status,
    fields: booking.fields,
    ...(booking.previous ? { previous: booking.previous } : {}),
  };
}

/** `201` of `POST /v1/calendars/:cal/bookings` (CONTRACT §4). */
export interface BookingCreated {
  bookingId: string;
  leadId: string;
  start: string;
  end: string;
  timezone: string;
  status: BookingStatus;
  manageToken: string;
  manageUrl: string;
}

/** `GET /v1/bookings/:id`: what the manage page shows and may do. No lead fields (the URL is a credential that travels by e-mail). */
export interface BookingView {
  bookingId: string;
  calendar: string;
  leadId: string;
  start: string;
  end: string;
  timezone: string;
  durationMinutes: number;
  status: BookingStatus;
  sequence: number;
  previous: { start: string; end: string } | null;
  canReschedule: boolean;
  canCancel: boolean;
  createdAt: string;
  updatedAt: string;
}
