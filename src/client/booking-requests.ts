import { parseReceivedMessages, type ReceivedMessages } from '../i18n/received-messages';
import type { FormDefinition } from '../model/form';
import type { LeadSubmission } from '../model/lead';
import { isPhoneMetadata, type PhoneMetadata } from '../phone/phone-metadata';
import type { ClientDeps } from './client-deps';
import { fetchFormDefinition } from './fetch-form-definition';
import type { LeadErrorCode } from './leadkit-events';
import { parseFormDefinition } from './parse-form-definition';
import { getProxyUrl } from './proxy-url';
import { type ProxyResponse, requestWithRetry } from './request-with-retry';
import { DEFAULT_RETRY_POLICY } from './retry-delay';

/** The public part of `GET /v1/calendars/:cal` the widgets use (CONTRACT §4). */
export interface CalendarDefinition {
  id: string;
  timezone: string;
  durationMinutes: number;
  canReschedule: boolean;
  canCancel: boolean;
  /** The calendar's form, in the lead form's own shape (rendered and checked the same way). */
  form: FormDefinition;
  phoneMetadata?: PhoneMetadata;
  /** The catalogues for the visitor's language, when it is not English (checked when used). */
  messages?: ReceivedMessages;
  /**
   * With an element's `form` attribute (CONTRACT §4: it wins), `form` is that form and this is
   * the calendar's own, which the booking request itself is checked against.
   */
  calendarForm?: FormDefinition;
}

/** The booking as `GET /v1/bookings/:id` and the 201 of a booking show it. */
export interface BookingView {
  bookingId: string;
  calendar?: string;
  start: string;
  end: string;
  timezone: string;
  status: string;
  canReschedule?: boolean;
  canCancel?: boolean;
  manageToken?: string;
  manageUrl?: string;
  /** With `GET`: the booking sentences for the visitor's language, when it is not English. */
  messages?: ReceivedMessages;
}

/** A failed booking call: what `leadkit:error` carries, plus a 409's alternatives. */
export type BookingFailure = Exclude<ProxyResponse, { kind: 'ok' }>;

/** What every booking call answers: the parsed body, or the failure. */
export type BookingResult<T> = { ok: true; value: T } | { ok: false; failure: BookingFailure };

interface CallOptions {
  deps: ClientDeps;
  signal: AbortSignal;
  base?: string;
  /** The locale candidates (`toLocaleQuery`), so a `GET` answer carries the catalogue. */
  query?: string;
}

const BAD_ENDPOINT: BookingFailure = {
  kind: 'rejected',
  status: 0,
  code: 'bad_endpoint' satisfies LeadErrorCode,
  message: 'The endpoint attribute is not an http(s) URL.',
};

async function call(
  endpoint: string,
  path: string,
  init: RequestInit,
  options: CallOptions,
): Promise<BookingResult<unknown>> {
  const url = getProxyUrl(endpoint, path, options.base);
  if (!url) return { ok: false, failure: BAD_ENDPOINT };
  const answer = await requestWithRetry(
    url,
    { credentials: 'omit', ...init, headers: { accept: 'application/json', ...(init.headers ?? {}) } },
    { deps: options.deps, signal: options.signal, policy: DEFAULT_RETRY_POLICY },
  );
  return answer.kind === 'ok' ? { ok: true, value: answer.body } : { ok: false, failure: answer };
}

function shapeFailure(message: string): { ok: false; failure: BookingFailure } {
  return { ok: false, failure: { kind: 'rejected', status: 200, code: 'bad_form_definition', message } };
}

function toBookingView(body: unknown): BookingView | undefined {
  const b = body as Partial<BookingView> | null;
  if (typeof b?.bookingId !== 'string' || typeof b.start !== 'string' || typeof b.end !== 'string')
    return undefined;
  return {
    bookingId: b.bookingId,
    start: b.start,
    end: b.end,
    timezone: typeof b.timezone === 'string' ? b.timezone : 'UTC',
    status: typeof b.status === 'string' ? b.status : 'confirmed',
    ...(typeof b.calendar === 'string' ? { calendar: b.calendar } : {}),
    ...(typeof b.canReschedule === 'boolean' ? { canReschedule: b.canReschedule } : {}),
    ...(typeof b.canCancel === 'boolean' ? { canCancel: b.canCancel } : {}),
    ...(typeof b.manageToken === 'string' ? { manageToken: b.manageToken } : {}),
    ...(typeof b.manageUrl === 'string' && /^https?:\/\//i.test(b.manageUrl)
      ? { manageUrl: b.manageUrl }
      : {}),
  };
}

/**
 * Fetches `GET /v1/calendars/:cal`; its `form` is parsed with the lead form's own parser, so
 * the confirm step renders and validates exactly like `<leadkit-form>`.
 */
export async function fetchCalendarDefinition(
  endpoint: string,
  calendarId: string,
  options: CallOptions,
): Promise<BookingResult<CalendarDefinition>> {
  const answer = await call(
    endpoint,
    `/v1/calendars/${encodeURIComponent(calendarId)}${options.query ? `?${options.query}` : ''}`,
    { method: 'GET', credentials: 'same-origin' },
    options,
  );
  if (!answer.ok) return answer;
  const body = answer.value as Record<string, unknown> | null;
  const form = parseFormDefinition(body?.form);
  if (!form.success || typeof body?.id !== 'string' || typeof body.timezone !== 'string')
    return shapeFailure('The calendar definition has an unexpected shape.');
  const phoneMetadata = (body.form as { phoneMetadata?: unknown }).phoneMetadata;
  const messages = parseReceivedMessages(body.messages);
  return {
    ok: true,
    value: {
      id: body.id,
      timezone: body.timezone,
      durationMinutes: typeof body.durationMinutes === 'number' ? body.durationMinutes : 30,
      canReschedule: body.canReschedule === true,
      canCancel: body.canCancel === true,
      form: form.data,
      ...(isPhoneMetadata(phoneMetadata) ? { phoneMetadata } : {}),
      ...(messages ? { messages } : {}),
    },
  };
}

/**
 * The calendar's definition for a details step whose element names a `form`: the calendar,
 * with `GET /v1/forms/:form`'s fields and consent as `form` and the calendar's own form kept
 * as `calendarForm`. Without `form` (or naming the calendar's own) it is the calendar alone.
 */
export async function fetchDetailsDefinition(
  endpoint: string,
  calendarId: string,
  formId: string | undefined,
  options: CallOptions,
): Promise<BookingResult<CalendarDefinition>> {
  const [calendar, form] = await Promise.all([
    fetchCalendarDefinition(endpoint, calendarId, options),
    formId ? fetchFormDefinition(endpoint, formId, options) : undefined,
  ]);
  if (!calendar.ok || !form || (form.ok && form.form.id === calendar.value.form.id)) return calendar;
  if (!form.ok)
    return {
      ok: false,
      failure:
        form.code === 'aborted'
          ? { kind: 'aborted' }
          : { kind: 'rejected', status: 0, code: form.code, message: form.message },
    };
  const { phoneMetadata, ...rest } = calendar.value;
  return {
    ok: true,
    value: {
      ...rest,
      form: form.form,
      calendarForm: calendar.value.form,
      ...(form.phoneMetadata ? { phoneMetadata: form.phoneMetadata } : {}),
    },
  };
}

/** The `POST /v1/calendars/:cal/bookings` body: a lead submission plus the slot (CONTRACT §4). */
export type BookingSubmission = LeadSubmission & { start: string; end: string; leadRef?: string };

/**
 * Books a slot, with its `submissionId` as `Idempotency-Key` like a lead, so a retry after a
 * lost answer is the same booking and is answered with the same 201.
 */
export async function createBooking(
  endpoint: string,
  calendarId: string,
  submission: BookingSubmission,
  options: CallOptions,
): Promise<BookingResult<BookingView>> {
  const answer = await call(
    endpoint,
    `/v1/calendars/${encodeURIComponent(calendarId)}/bookings`,
    {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'idempotency-key': submission.submissionId },
      body: JSON.stringify(submission),
      keepalive: true,
    },
    options,
  );
  if (!answer.ok) return answer;
  const view = toBookingView(answer.value);
  return view ? { ok: true, value: view } : shapeFailure('The booking answer has an unexpected shape.');
}

/** `GET`, `PATCH` (reschedule to `{ start, end }`) or `DELETE` (cancel) `/v1/bookings/:id?token=`. */
export async function manageBooking(
  endpoint: string,
  bookingId: string,
  token: string,
  action: { method: 'GET' } | { method: 'PATCH'; start: string; end: string } | { method: 'DELETE' },
  options: CallOptions,
): Promise<BookingResult<BookingView>> {
  const query = action.method === 'GET' && options.query ? `&${options.query}` : '';
  const path = `/v1/bookings/${encodeURIComponent(bookingId)}?token=${encodeURIComponent(token)}${query}`;
  const answer = await call(
    endpoint,
    path,
    action.method === 'PATCH'
      ? {
          method: 'PATCH',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ start: action.start, end: action.end }),
        }
      : { method: action.method },
    options,
  );
  if (!answer.ok) return answer;
  const view = toBookingView(answer.value);
  const messages = parseReceivedMessages((answer.value as { messages?: unknown } | null)?.messages);
  if (view && messages) view.messages = messages;
  return view ? { ok: true, value: view } : shapeFailure('The booking answer has an unexpected shape.');
}

/** The `.ics` download of a booking (`GET /v1/bookings/:id/calendar.ics?token=`). */
export function getBookingIcsUrl(endpoint: string, bookingId: string, token: string, base?: string) {
  return getProxyUrl(
    endpoint,
    `/v1/bookings/${encodeURIComponent(bookingId)}/calendar.ics?token=${encodeURIComponent(token)}`,
    base,
  );
}
