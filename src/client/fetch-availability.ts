import { parseReceivedMessages, type ReceivedMessages } from '../i18n/received-messages';
import type { AvailabilityDay } from '../time/availability-day';
import type { ClientDeps } from './client-deps';
import type { LeadErrorCode } from './leadkit-events';
import { getProxyUrl } from './proxy-url';
import { requestWithRetry } from './request-with-retry';
import { DEFAULT_RETRY_POLICY } from './retry-delay';

/** What the picker needs of `GET /v1/calendars/:cal` (CONTRACT §4). */
export interface CalendarSummary {
  id: string;
  timezone: string;
  durationMinutes: number;
  durations: number[];
  maxDaysAhead: number;
  /** The picker's catalogue for the visitor's language, when it is not English. */
  messages?: ReceivedMessages;
}

/** A value the proxy answered, or why there is none (`code` is what `leadkit:error` carries). */
export type ProxyResult<T> =
  | { ok: true; data: T }
  | { ok: false; code: LeadErrorCode | 'aborted'; message: string };

const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

async function getJson(
  url: string | undefined,
  options: { deps: ClientDeps; signal: AbortSignal },
): Promise<ProxyResult<unknown>> {
  if (!url)
    return { ok: false, code: 'bad_endpoint', message: 'The endpoint attribute is not an http(s) URL.' };
  const answer = await requestWithRetry(
    url,
    { method: 'GET', headers: { accept: 'application/json' }, credentials: 'same-origin' },
    { deps: options.deps, signal: options.signal, policy: DEFAULT_RETRY_POLICY },
  );
  switch (answer.kind) {
    case 'ok':
      return { ok: true, data: answer.body };
    case 'aborted':
      return { ok: false, code: 'aborted', message: 'Loading was cancelled.' };
    case 'unreachable':
      return { ok: false, code: answer.reason, message: 'The calendar server could not be reached.' };
    default:
      return { ok: false, code: answer.code, message: answer.message };
  }
}

const unexpected = {
  ok: false,
  code: 'bad_calendar',
  message: 'The calendar answer has an unexpected shape.',
} as const;

/** Fetches a calendar's public definition; its shape is checked, not assumed (a trust boundary). */
export async function fetchCalendar(
  endpoint: string,
  calendar: string,
  options: { deps: ClientDeps; signal: AbortSignal; base?: string; query?: string },
): Promise<ProxyResult<CalendarSummary>> {
  const url = getProxyUrl(
    endpoint,
    `/v1/calendars/${encodeURIComponent(calendar)}${options.query ? `?${options.query}` : ''}`,
    options.base,
  );
  const result = await getJson(url, options);
  if (!result.ok) return result;
  const body = result.data as Partial<CalendarSummary> | null;
  if (
    !body ||
    typeof body.timezone !== 'string' ||
    typeof body.durationMinutes !== 'number' ||
    typeof body.maxDaysAhead !== 'number'
  )
    return unexpected;
  const messages = parseReceivedMessages((body as { messages?: unknown }).messages);
  const durations = Array.isArray(body.durations)
    ? body.durations.filter((d): d is number => typeof d === 'number')
    : [body.durationMinutes];
  return {
    ok: true,
    data: {
      id: String(body.id ?? calendar),
      timezone: body.timezone,
      durationMinutes: body.durationMinutes,
      durations,
      maxDaysAhead: body.maxDaysAhead,
      ...(messages ? { messages } : {}),
    },
  };
}

/**
 * Fetches the free slots from `from` to `to` (dates in `zone`, both inclusive, at most 62
 * days). Days and slots that do not have the documented shape are dropped, so a bad entry
 * cannot put a wrong time in front of a visitor.
 */
export async function fetchAvailability(
  endpoint: string,
  calendar: string,
  query: { from: string; to: string; zone: string; duration?: number },
  options: { deps: ClientDeps; signal: AbortSignal; base?: string },
): Promise<ProxyResult<AvailabilityDay[]>> {
  const params = new URLSearchParams({ from: query.from, to: query.to, tz: query.zone });
  if (query.duration !== undefined) params.set('duration', String(query.duration));
  const url = getProxyUrl(
    endpoint,
    `/v1/calendars/${encodeURIComponent(calendar)}/availability?${params}`,
    options.base,
  );
  const result = await getJson(url, options);
  if (!result.ok) return result;
  const days = (result.data as { days?: unknown } | null)?.days;
  if (!Array.isArray(days)) return unexpected;
  const parsed: AvailabilityDay[] = [];
  for (const day of days as Array<{ date?: unknown; slots?: unknown }>) {
    if (typeof day?.date !== 'string' || !DATE.test(day.date) || !Array.isArray(day.slots)) continue;
    const slots = (day.slots as Array<{ start?: unknown; end?: unknown }>).filter(
      (s): s is { start: string; end: string } =>
        typeof s?.start === 'string' &&
        typeof s.end === 'string' &&
        ISO_INSTANT.test(s.start) &&
        ISO_INSTANT.test(s.end),
    );
    parsed.push({ date: day.date, slots: slots.map(({ start, end }) => ({ start, end })) });
  }
  return { ok: true, data: parsed };
}
