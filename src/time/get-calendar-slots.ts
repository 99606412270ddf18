import type { AvailabilityDay } from './availability-day';
import type { CalendarRules } from './calendar-rules';
import { createZoneTimeline } from './create-zone-timeline';
import { formatInstantWithOffset } from './format-instant';
import { getCalendarRulesProblems } from './get-calendar-rules-problems';
import { getCoveringDates } from './get-covering-dates';
import { getWallRangeInstants, type InstantRange } from './get-wall-range-instants';
import { getWeekday } from './get-weekday';
import { getZoneDate } from './get-zone-date';
import type { Interval } from './interval';
import { isValidTimeZone } from './is-valid-time-zone';
import { formatDateOnly, parseDateOnly } from './parse-date-only';
import { parseHoursRange } from './parse-hours-range';

const DAY_MS = 86_400_000;
const MINUTE_MS = 60_000;
// Offsets lie within -12 h..+14 h; timelines reach this far past the dates they serve.
const MARGIN_MS = 16 * 3_600_000;
const MAX_DAYS = 3700;

/** What `getCalendarSlots` needs: the calendar's rules and the request, with `now` injected. */
export interface CalendarSlotsInput {
  rules: CalendarRules;
  durationMinutes: number;
  /** First date, in `zone`, inclusive. */
  from: string;
  /** Last date, in `zone`, inclusive. */
  to: string;
  /** The visitor's IANA zone: the zone of the answer's dates and offsets. */
  zone: string;
  now: Date;
  /** Bookings and other busy time; each is widened by `rules.bufferMinutes` on both sides. */
  busy: readonly Interval[];
}

function fail(message: string): never {
  throw new RangeError(`getCalendarSlots: ${message}`);
}

/** Merged, sorted busy spans, each already widened by the buffer. */
function toBlocked(busy: readonly Interval[], bufferMs: number): InstantRange[] {
  const spans = busy
    .map((interval) => ({
      start: interval.start.getTime() - bufferMs,
      end: interval.end.getTime() + bufferMs,
    }))
    .filter((span) => {
      if (Number.isNaN(span.start) || Number.isNaN(span.end)) fail('a busy interval has an invalid date');
      return span.end > span.start;
    })
    .sort((a, b) => a.start - b.start);
  const merged: InstantRange[] = [];
  for (const span of spans) {
    const last = merged[merged.length - 1];
    if (last && span.start <= last.end) last.end = Math.max(last.end, span.end);
    else merged.push({ ...span });
  }
  return merged;
}

function isBlocked(blocked: readonly InstantRange[], start: number, end: number): boolean {
  // The first blocked span that ends after `start`; the slot is free unless that one begins before `end`.
  let lo = 0;
  let hi = blocked.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((blocked[mid] as InstantRange).end <= start) lo = mid + 1;
    else hi = mid;
  }
  const span = blocked[lo];
  return span !== undefined && span.start < end;
}

/**
 * The free slots of a `local` calendar for the dates `from..to` in the visitor's `zone`
 * (CONTRACT §4 availability). Every date of the range appears, with empty `slots` when none.
 *
 * Working hours are wall-clock ranges in the calendar's zone; a slot is an instant span of
 * exactly `durationMinutes` real minutes. Slots step by the duration from the start of each
 * range (in elapsed time, so a 60-minute slot always lasts 60 minutes) and must fit the range.
 * Across a DST change this means: no slot starts in a skipped hour (no 02:30 on
 * spring-forward in Europe/Berlin); a repeated hour inside a range gives two slots with the
 * same wall time told apart by offset (`01:00-04:00` and `01:00-05:00` in New York on
 * fall-back); a range whose edge falls inside a repeated hour keeps only instants whose wall
 * clock is inside the range. A slot is left out when it overlaps a busy interval widened by
 * `bufferMinutes`, starts before `now + minNoticeMinutes`, starts after the end of the date
 * `maxDaysAhead` days after today (both in the calendar's zone), or falls on a `closed` date.
 * A slot is filed under the visitor's date of its start. Slots are strictly increasing and
 * never overlap (the rules forbid overlapping ranges).
 *
 * Throws a RangeError naming the problem for bad rules, zones, dates or duration.
 *
 * @example
 * getCalendarSlots({ rules, durationMinutes: 30, from: '2026-03-29', to: '2026-03-29',
 *   zone: 'Europe/Berlin', now: new Date(), busy: [] })
 * // [{ date: '2026-03-29', slots: [{ start: '2026-03-29T09:00:00+02:00', end: '2026-03-29T09:30:00+02:00' }, …] }]
 */
export function getCalendarSlots(input: CalendarSlotsInput): AvailabilityDay[] {
  const { rules, durationMinutes, from, to, zone, now, busy } = input;
  const problems = getCalendarRulesProblems(rules);
  if (problems.length > 0) fail(problems.map((p) => `${p.path}: ${p.message}`).join('; '));
  if (!isValidTimeZone(zone)) fail(`unknown time zone ${JSON.stringify(zone)}`);
  if (!Number.isInteger(durationMinutes) || durationMinutes <= 0 || durationMinutes > 24 * 60) {
    fail('durationMinutes must be a whole number from 1 to 1440');
  }
  const firstDay = parseDateOnly(from);
  const lastDay = parseDateOnly(to);
  if (firstDay === null || lastDay === null)
    fail(`from and to must be dates (YYYY-MM-DD), got ${from}..${to}`);
  if (lastDay < firstDay) fail(`to (${to}) is before from (${from})`);
  // The route allows 62 days; this bound only keeps a careless caller from building years of days.
  if (lastDay - firstDay + 1 > MAX_DAYS) fail(`from..to spans more than ${MAX_DAYS} days`);
  const nowMs = now.getTime();
  if (Number.isNaN(nowMs)) fail('now is an invalid date');

  const calendarZone = rules.timezone;
  const durationMs = durationMinutes * MINUTE_MS;
  const earliestStart = nowMs + rules.minNoticeMinutes * MINUTE_MS;
  const today = parseDateOnly(getZoneDate(now, calendarZone)) as number;
  const lastBookableDay = today + rules.maxDaysAhead;
  const closed = new Set(rules.closed);
  const blocked = toBlocked(busy, rules.bufferMinutes * MINUTE_MS);

  const covering = getCoveringDates(from, to, zone, calendarZone);
  // Dates before today in the calendar's zone hold only slots that start before now.
  const calendarFirst = Math.max(parseDateOnly(covering.from) as number, today);
  const calendarLast = Math.min(parseDateOnly(covering.to) as number, lastBookableDay);
  const calendarTimeline = createZoneTimeline(
    calendarZone,
    calendarFirst * DAY_MS - MARGIN_MS,
    (Math.max(calendarFirst, calendarLast) + 1) * DAY_MS + MARGIN_MS,
  );

  const starts: number[] = [];
  for (let day = calendarFirst; day <= calendarLast; day++) {
    const date = formatDateOnly(day);
    if (closed.has(date)) continue;
    const ranges = (rules.hours[getWeekday(date)] ?? []).map((text) => parseHoursRange(text));
    for (const range of ranges) {
      if (!range) continue; // unreachable: the rules were checked above
      for (const span of getWallRangeInstants(calendarTimeline, date, range.startMinute, range.endMinute)) {
        for (let start = span.start; start + durationMs <= span.end; start += durationMs) {
          if (start < earliestStart || isBlocked(blocked, start, start + durationMs)) continue;
          starts.push(start);
        }
      }
    }
  }
  starts.sort((a, b) => a - b);

  const days: AvailabilityDay[] = [];
  for (let day = firstDay; day <= lastDay; day++) days.push({ date: formatDateOnly(day), slots: [] });
  const visitorTimeline = createZoneTimeline(
    zone,
    firstDay * DAY_MS - MARGIN_MS,
    (lastDay + 1) * DAY_MS + MARGIN_MS,
  );
  for (const start of starts) {
    const offset = visitorTimeline.offsetAt(start);
    const target = days[Math.floor((start + offset) / DAY_MS) - firstDay];
    if (!target) continue; // a covering calendar date reaches past the visitor's range
    const end = start + durationMs;
    target.slots.push({
      start: formatInstantWithOffset(start, offset),
      end: formatInstantWithOffset(end, visitorTimeline.offsetAt(end)),
    });
  }
  return days;
}
