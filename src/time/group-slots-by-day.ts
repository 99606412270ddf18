import type { AvailabilityDay } from './availability-day';
import { createZoneTimeline } from './create-zone-timeline';
import { formatInstantWithOffset } from './format-instant';
import type { Interval } from './interval';
import { isValidTimeZone } from './is-valid-time-zone';
import { formatDateOnly, parseDateOnly } from './parse-date-only';

const DAY_MS = 86_400_000;
const MARGIN_MS = 16 * 3_600_000;

/**
 * Files slots a vendor returned under the dates `from..to` (inclusive) of `zone`, each under
 * the date its start falls on there: sorted by start (then end), exact duplicates dropped,
 * slots starting outside the range dropped, every date present. Throws a RangeError for an
 * unknown zone, bad dates, or an interval that is not a valid, non-empty span — a vendor's
 * answer is checked in its backend before it gets here.
 */
export function groupSlotsByDay(
  slots: readonly Interval[],
  zone: string,
  from: string,
  to: string,
): AvailabilityDay[] {
  if (!isValidTimeZone(zone))
    throw new RangeError(`groupSlotsByDay: unknown time zone ${JSON.stringify(zone)}`);
  const firstDay = parseDateOnly(from);
  const lastDay = parseDateOnly(to);
  if (firstDay === null || lastDay === null || lastDay < firstDay) {
    throw new RangeError(
      `groupSlotsByDay: need dates from <= to, got ${JSON.stringify(from)}..${JSON.stringify(to)}`,
    );
  }
  const spans = slots.map((slot, index) => {
    const start = slot.start instanceof Date ? slot.start.getTime() : Number.NaN;
    const end = slot.end instanceof Date ? slot.end.getTime() : Number.NaN;
    if (!(end > start))
      throw new RangeError(`groupSlotsByDay: slot ${index} is not a valid span (start before end)`);
    return { start, end };
  });
  spans.sort((a, b) => a.start - b.start || a.end - b.end);

  const days: AvailabilityDay[] = [];
  for (let day = firstDay; day <= lastDay; day++) days.push({ date: formatDateOnly(day), slots: [] });
  const timeline = createZoneTimeline(
    zone,
    firstDay * DAY_MS - MARGIN_MS,
    (lastDay + 1) * DAY_MS + MARGIN_MS,
  );
  let previous: { start: number; end: number } | undefined;
  for (const span of spans) {
    if (previous && previous.start === span.start && previous.end === span.end) continue;
    previous = span;
    const offset = timeline.offsetAt(span.start);
    const target = days[Math.floor((span.start + offset) / DAY_MS) - firstDay];
    if (!target) continue;
    target.slots.push({
      start: formatInstantWithOffset(span.start, offset),
      end: formatInstantWithOffset(span.end, timeline.offsetAt(span.end)),
    });
  }
  return days;
}
