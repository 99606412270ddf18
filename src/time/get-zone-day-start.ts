import { createZoneTimeline } from './create-zone-timeline';
import { parseDateOnly } from './parse-date-only';

const DAY_MS = 86_400_000;
const MARGIN_MS = 16 * 3_600_000;

/**
 * The first instant (epoch ms) whose wall clock in `zone` reads `date` 00:00 or later: the
 * start of that day. Where midnight is skipped (America/Havana on spring-forward) that is the
 * transition, 01:00 local.
 */
export function getZoneDayStart(zone: string, date: string): number {
  const day = parseDateOnly(date);
  if (day === null) throw new RangeError(`not a date (YYYY-MM-DD): ${JSON.stringify(date)}`);
  const wallStart = day * DAY_MS;
  const timeline = createZoneTimeline(zone, wallStart - MARGIN_MS, wallStart + MARGIN_MS);
  for (const segment of timeline.segments) {
    if (segment.end + segment.offset > wallStart) return Math.max(segment.start, wallStart - segment.offset);
  }
  // Unreachable for real zones (offsets stay within ±14 h); kept total for the type checker.
  return wallStart;
}
