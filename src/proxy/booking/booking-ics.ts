import { formatInstant } from '../../time/format-instant';
import { isValidTimeZone } from '../../time/is-valid-time-zone';

/** What the calendar file says about a booking (the store's booking, mapped by the route). */
export interface IcsBooking {
  id: string;
  calendar: string;
  calendarName?: string;
  start: Date;
  end: Date;
  /** The calendar's IANA zone; named in the file, the instants themselves are UTC. */
  timezone: string;
  status: 'confirmed' | 'cancelled';
  /** Rises with every change (reschedule, cancel) so a re-import updates the event. */
  sequence: number;
  summary: string;
  description?: string;
  /** The manage page; an absolute URL. */
  url?: string;
  /** An email address, or `Name <email>`. */
  organizer?: string;
  createdAt: Date;
  updatedAt: Date;
}

/** How the file names its producer and the domain of its UIDs. */
export interface IcsOptions {
  /** Default `-//leadkit//booking//EN`. */
  prodId?: string;
  /** The right-hand side of the UID (`<id>@<domain>`), normally the proxy's public host. */
  domain: string;
}

const CRLF = '\r\n';
const MAX_LINE_OCTETS = 75;
// Control characters are not allowed in TEXT values (RFC 5545 §3.3.11) nor anywhere in a
// content line except HTAB.
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g;
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point
const ANY_CONTROL = /[\u0000-\u001f\u007f]/;

function fail(message: string): never {
  throw new RangeError(`toIcs: ${message}`);
}

/** RFC 5545 §3.3.11 TEXT: backslash, semicolon and comma escaped, every line break as `\n`. */
function escapeText(value: string): string {
  return value
    .replace(CONTROL, ' ')
    .replace(/\\/g, '\\\\')
    .replace(/;/g, '\\;')
    .replace(/,/g, '\\,')
    .replace(/\r\n|\r|\n/g, '\\n');
}

/** RFC 5545 §3.1: lines longer than 75 octets are folded (CRLF + space), never inside a UTF-8 character. */
function foldLine(line: string): string {
  const parts: string[] = [];
  let current = '';
  let octets = 0;
  for (const char of line) {
    const size = char.length === 2 ? 4 : char.charCodeAt(0) < 0x80 ? 1 : char.charCodeAt(0) < 0x800 ? 2 : 3;
    if (octets + size > MAX_LINE_OCTETS) {
      parts.push(current);
      // The continuation's leading space counts toward its 75 octets.
      current = ' ';
      octets = 1;
    }
    current += char;
    octets += size;
  }
  parts.push(current);
  return parts.join(CRLF);
}

function toUtcStamp(date: Date, name: string): string {
  const ms = date instanceof Date ? date.getTime() : Number.NaN;
  if (Number.isNaN(ms)) fail(`${name} is not a valid date`);
  // 2026-06-01T08:00:00.000Z → 20260601T080000Z (UTC form, §3.3.5)
  return new Date(ms)
    .toISOString()
    .replace(/\.\d{3}Z$/, 'Z')
    .replace(/[-:]/g, '');
}

function toOrganizer(organizer: string): string {
  const named = /^\s*([^<>]*?)\s*<([^<>\s]+@[^<>\s]+)>\s*$/.exec(organizer);
  const bare = /^\s*(?:mailto:)?([^\s<>@]+@[^\s<>@]+)\s*$/i.exec(organizer);
  if (named?.[2]) {
    // A parameter value may not hold a DQUOTE (§3.2); a quoted one may hold ; , :
    const name = (named[1] ?? '').replace(/"/g, "'").replace(CONTROL, ' ');
    return name ? `ORGANIZER;CN="${name}":mailto:${named[2]}` : `ORGANIZER:mailto:${named[2]}`;
  }
  if (bare?.[1]) return `ORGANIZER:mailto:${bare[1]}`;
  return fail('organizer must be an email address or "Name <email>"');
}

/**
 * The booking as an iCalendar file (RFC 5545): one VEVENT in a `METHOD:PUBLISH` calendar,
 * CRLF line endings, lines folded at 75 octets, text escaped. The `UID` (`<id>@<domain>`) is
 * the same for the booking's whole life and `SEQUENCE` is the booking's, so importing the
 * file again after a reschedule or cancel updates the event instead of adding one;
 * a cancelled booking says `STATUS:CANCELLED`.
 *
 * Times are UTC (`…Z`): a `TZID` would need a VTIMEZONE this file would have to carry, so
 * the calendar's zone is named instead — in `X-WR-TIMEZONE` for clients that use it, and in
 * the description's last line (`Time: 2026-06-01 10:00–10:30 (Europe/Berlin)`) for people.
 * `DTSTAMP` is the booking's `updatedAt`, so one state of a booking is always the same file.
 * Throws a RangeError for an invalid date, zone, sequence, URL or organizer.
 */
export function toIcs(booking: IcsBooking, options: IcsOptions): string {
  if (!isValidTimeZone(booking.timezone)) fail(`unknown time zone ${JSON.stringify(booking.timezone)}`);
  if (!Number.isInteger(booking.sequence) || booking.sequence < 0)
    fail('sequence must be a whole number from 0');
  if (booking.status !== 'confirmed' && booking.status !== 'cancelled')
    fail('status must be confirmed or cancelled');
  for (const [name, value] of [
    ['id', booking.id],
    ['domain', options.domain],
  ] as const) {
    if (typeof value !== 'string' || value.length === 0 || ANY_CONTROL.test(value) || /\s/.test(value)) {
      fail(`${name} must be a non-empty string without spaces or control characters`);
    }
  }
  const dtStart = toUtcStamp(booking.start, 'start');
  const dtEnd = toUtcStamp(booking.end, 'end');
  if (booking.end.getTime() <= booking.start.getTime()) fail('end must be after start');

  const start = formatInstant(booking.start, booking.timezone);
  const end = formatInstant(booking.end, booking.timezone);
  const endText =
    end.slice(0, 10) === start.slice(0, 10) ? end.slice(11, 16) : `${end.slice(0, 10)} ${end.slice(11, 16)}`;
  const when = `Time: ${start.slice(0, 10)} ${start.slice(11, 16)}–${endText} (${booking.timezone})`;
  const description = booking.description ? `${booking.description}\n\n${when}` : when;

  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    `PRODID:${escapeText(options.prodId ?? '-//leadkit//booking//EN')}`,
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
    `X-WR-TIMEZONE:${booking.timezone}`,
    `X-WR-CALNAME:${escapeText(booking.calendarName ?? booking.calendar)}`,
    'BEGIN:VEVENT',
    `UID:${booking.id}@${options.domain}`,
    `SEQUENCE:${booking.sequence}`,
    `DTSTAMP:${toUtcStamp(booking.updatedAt, 'updatedAt')}`,
    `CREATED:${toUtcStamp(booking.createdAt, 'createdAt')}`,
    `LAST-MODIFIED:${toUtcStamp(booking.updatedAt, 'updatedAt')}`,
    `DTSTART:${dtStart}`,
    `DTEND:${dtEnd}`,
    `SUMMARY:${escapeText(booking.summary)}`,
    `DESCRIPTION:${escapeText(description)}`,
    `STATUS:${booking.status === 'cancelled' ? 'CANCELLED' : 'CONFIRMED'}`,
    'TRANSP:OPAQUE',
  ];
  if (booking.url !== undefined) {
    let url: URL | undefined;
    try {
      url = new URL(booking.url);
    } catch {
      url = undefined;
    }
    if (!url || (url.protocol !== 'https:' && url.protocol !== 'http:'))
      fail('url must be an absolute http(s) URL');
    lines.push(`URL:${url.href}`);
  }
  if (booking.organizer !== undefined) lines.push(toOrganizer(booking.organizer));
  lines.push('END:VEVENT', 'END:VCALENDAR');
  return lines.map(foldLine).join(CRLF) + CRLF;
}
