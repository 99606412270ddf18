import { WEEKDAYS, type Weekday } from './calendar-rules';
import { parseDateOnly } from './parse-date-only';

/** The weekday of a `YYYY-MM-DD` date (a date's weekday does not depend on any zone). */
export function getWeekday(date: string): Weekday {
  const day = parseDateOnly(date);
  if (day === null) throw new RangeError(`not a date (YYYY-MM-DD): ${JSON.stringify(date)}`);
  // Day 0, 1970-01-01, was a Thursday (index 4 of WEEKDAYS).
  return WEEKDAYS[(((day + 4) % 7) + 7) % 7] as Weekday;
}
