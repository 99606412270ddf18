import type { ZoneTimeline } from './create-zone-timeline';
import { parseDateOnly } from './parse-date-only';

/** A half-open span of epoch milliseconds. */
export interface InstantRange {
  start: number;
  end: number;
}

const DAY_MS = 86_400_000;
const MINUTE_MS = 60_000;

/**
 * The instants whose wall clock in the timeline's zone reads `date`, from `startMinute`
 * (inclusive) to `endMinute` (exclusive; 1440 = midnight at the end of the date).
 *
 * Each offset segment maps a wall-clock span to instants linearly, so the answer is the union
 * of one piece per segment; pieces that touch (a skipped or repeated hour inside the range)
 * are joined. A range that begins or ends inside a repeated hour is not one span — its wall
 * clock leaves the range and comes back — and is answered as two ranges, never one that
 * holds times outside the working hours. A skipped start or end maps to the transition.
 * The timeline must cover the date with 16 hours to spare on each side.
 */
export function getWallRangeInstants(
  timeline: ZoneTimeline,
  date: string,
  startMinute: number,
  endMinute: number,
): InstantRange[] {
  const day = parseDateOnly(date);
  if (day === null) throw new RangeError(`not a date (YYYY-MM-DD): ${JSON.stringify(date)}`);
  const wallStart = day * DAY_MS + startMinute * MINUTE_MS;
  const wallEnd = day * DAY_MS + endMinute * MINUTE_MS;
  const ranges: InstantRange[] = [];
  for (const segment of timeline.segments) {
    const start = Math.max(segment.start, wallStart - segment.offset);
    const end = Math.min(segment.end, wallEnd - segment.offset);
    if (start >= end) continue;
    const previous = ranges[ranges.length - 1];
    if (previous && previous.end === start) previous.end = end;
    else ranges.push({ start, end });
  }
  return ranges;
}
