import { formatDateOnly, parseDateOnly } from './parse-date-only';

/** The date `days` after `date` (both `YYYY-MM-DD`; `days` may be negative). Throws on a bad date. */
export function addDays(date: string, days: number): string {
  const day = parseDateOnly(date);
  if (day === null) throw new RangeError(`not a date (YYYY-MM-DD): ${JSON.stringify(date)}`);
  return formatDateOnly(day + days);
}
