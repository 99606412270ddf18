/**
 * The one declaration of what `<leadkit-form>` tells the page: its statuses, its events and
 * their payloads, and every error code `leadkit:error` may carry. `HTMLElementEventMap`, the
 * JSX `onleadkit:*` props, `mount()`'s callbacks and the emitter all use these types, and
 * docs/events-and-errors.md says when each happens (a test keeps that page complete).
 */

/** Every value of the element's `status` property, in the order a form goes through them. */
export const LEAD_FORM_STATUSES = [
  'loading',
  'load-failed',
  'editing',
  'sending',
  'sent',
  'saved',
  'failed',
] as const;

/**
 * The form's state: `loading` its definition, `load-failed` (a retry button shows),
 * `editing`, `sending`, `sent`, `saved` (kept in the browser's offline queue, sent later)
 * or `failed` (the visitor may retry).
 */
export type LeadFormStatus = (typeof LEAD_FORM_STATUSES)[number];

/**
 * The `code`s of `leadkit:error`: the widget's own, then those the proxy answers on the
 * public routes (CONTRACT §4). A proxy answer without a readable code is `http_<status>`.
 */
export const LEAD_ERROR_CODES = [
  // The widget's own.
  'bad_attribute',
  'bad_endpoint',
  'bad_form_definition',
  'bad_calendar',
  'hidden_field_conflict',
  'offline',
  'network',
  'timeout',
  'internal',
  'define_failed',
  // The proxy's.
  'form_not_found',
  'origin_not_allowed',
  'forbidden',
  'rate_limited',
  'validation_failed',
  'malformed_json',
  'unsupported_media_type',
  'payload_too_large',
  'idempotency_key_required',
  'idempotency_key_mismatch',
  'idempotency_conflict',
  'backend_unavailable',
  'internal_error',
  'not_found',
  // The proxy's, from the calendar and booking routes (CONTRACT §4).
  'calendar_not_found',
  'invalid_query',
  'slot_unavailable',
  'not_supported',
  'booking_not_found',
  'booking_cancelled',
  'invalid_token',
  'token_expired',
] as const;

/** What went wrong, as `leadkit:error` reports it (docs/events-and-errors.md says when each happens). */
export type LeadErrorCode = (typeof LEAD_ERROR_CODES)[number] | `http_${number}`;

/** `leadkit:ready`: the definition is loaded and the fields are shown. */
export interface LeadReadyDetail {
  form: string;
}

/** `leadkit:submit`: a checked submission is about to be sent (or queued). */
export interface LeadSubmitDetail {
  form: string;
  submissionId: string;
}

/** `leadkit:success`: the proxy has the lead. `queued` when it was sent from the offline queue. */
export interface LeadSuccessDetail {
  leadId: string;
  form: string;
  queued?: boolean;
}

/** `leadkit:error`: something the page may want to act on. */
export interface LeadErrorDetail {
  code: LeadErrorCode;
  /** English, for developers; the visitor reads the form's own text in their language. */
  message: string;
  /** The form's id; absent only for `define_failed`, which happens before any form exists. */
  form?: string;
  /** True when the submission is kept in the browser and will be sent later (`offline`). */
  queued?: boolean;
  /** The proxy's per-field problems of a 400 (`{ "fields.email": "is not an email address" }`). */
  fields?: Record<string, string>;
}

/** Each event's `detail`, by event name. */
export interface LeadFormEventDetails {
  'leadkit:ready': LeadReadyDetail;
  'leadkit:submit': LeadSubmitDetail;
  'leadkit:success': LeadSuccessDetail;
  'leadkit:error': LeadErrorDetail;
}

/** The events of `<leadkit-form>` as `CustomEvent`s, by name (merged into `HTMLElementEventMap`). */
export type LeadFormEventMap = { [K in keyof LeadFormEventDetails]: CustomEvent<LeadFormEventDetails[K]> };

/**
 * `leadkit:slot-selected` of `<leadkit-slot-picker>`: the visitor chose a time. `start` and
 * `end` are ISO 8601 instants with the offset of `timezone`, the zone the times were shown in.
 */
export interface SlotSelectedDetail {
  start: string;
  end: string;
  timezone: string;
  calendar: string;
}

/** Each `<leadkit-slot-picker>` event's `detail`, by event name. */
export interface SlotPickerEventDetails {
  'leadkit:ready': { calendar: string };
  'leadkit:slot-selected': SlotSelectedDetail;
  'leadkit:error': Omit<LeadErrorDetail, 'form' | 'queued' | 'fields'> & { calendar: string };
}

/** The events of `<leadkit-slot-picker>` as `CustomEvent`s, by name. */
export type SlotPickerEventMap = {
  [K in keyof SlotPickerEventDetails]: CustomEvent<SlotPickerEventDetails[K]>;
};

/**
 * `leadkit:booked`, `leadkit:rescheduled`, `leadkit:cancelled`: one payload shape for all three
 * (CONTRACT §2). `start`/`end` are ISO 8601 instants with offset; `timezone` is the visitor's.
 */
export interface BookingEventDetail {
  bookingId: string;
  start: string;
  end: string;
  timezone: string;
}

/** Each booking element's event `detail`, by event name (the error is the form's shape). */
export interface BookingEventDetails {
  'leadkit:ready': { calendar: string };
  'leadkit:submit': { calendar: string; submissionId: string };
  /** An alternative taken after `slot_unavailable`, or a slot picked in `<leadkit-booking>`. */
  'leadkit:slot-selected': SlotSelectedDetail;
  'leadkit:booked': BookingEventDetail;
  'leadkit:rescheduled': BookingEventDetail;
  'leadkit:cancelled': BookingEventDetail;
  'leadkit:error': Omit<LeadErrorDetail, 'form'> & { calendar?: string };
}

/** The events of the booking elements as `CustomEvent`s, by name. */
export type BookingEventMap = { [K in keyof BookingEventDetails]: CustomEvent<BookingEventDetails[K]> };
