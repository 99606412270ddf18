import { parseDateOnly } from './parse-date-only';

/**
 * How many dates `from..to` holds, both inclusive (`2026-01-01..2026-01-01` → 1); 0 when `to`
 * is before `from`, null when either is not a date. The availability route allows at most 62.
 */
export function countDays(from: string, to: string): number | null {
  const first = parseDateOnly(from);
  const last = parseDateOnly(to);
  if (first === null || last === null) return null;
  return Math.max(0, last - first + 1);
}
