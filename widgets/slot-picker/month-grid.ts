import { addDays } from '../../src/time/add-days';
import { formatDateOnly, parseDateOnly } from '../../src/time/parse-date-only';

/**
 * The pure core of the picker's month grid (WAI-ARIA APG date-picker dialog, grid part):
 * which dates a month shows in which row, and where each key moves focus. Dates are
 * `YYYY-MM-DD` texts, so no clock or zone enters here.
 */

/** `YYYY-MM` of a date. */
export function getMonth(date: string): string {
  return date.slice(0, 7);
}

/** The first day of the month `months` after `date`'s month, clamped day kept where it exists. */
export function addMonths(date: string, months: number): string {
  const year = Number(date.slice(0, 4));
  const month = Number(date.slice(5, 7)) - 1 + months;
  const day = Number(date.slice(8, 10)) || 1;
  const first = Date.UTC(year, month, 1);
  const last = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  return new Date(first + (Math.min(day, last) - 1) * 86_400_000).toISOString().slice(0, 10);
}

/** The last date of `date`'s month. */
export function getMonthEnd(date: string): string {
  return addDays(addMonths(`${getMonth(date)}-01`, 1), -1);
}

/**
 * The weeks of `date`'s month as rows of seven cells, each a date of the month or null
 * (padding before the first and after the last). `firstWeekday` is 1 = Monday … 7 = Sunday
 * (Intl.Locale `weekInfo.firstDay`).
 */
export function getMonthWeeks(date: string, firstWeekday: number): Array<Array<string | null>> {
  const first = parseDateOnly(`${getMonth(date)}-01`);
  const last = parseDateOnly(getMonthEnd(date));
  if (first === null || last === null) return [];
  // Day 0 (1970-01-01) was a Thursday, ISO weekday 4.
  const isoWeekday = ((((first + 3) % 7) + 7) % 7) + 1;
  const lead = (isoWeekday - firstWeekday + 7) % 7;
  const weeks: Array<Array<string | null>> = [];
  for (let start = first - lead; start <= last; start += 7) {
    weeks.push(
      Array.from({ length: 7 }, (_, i) => {
        const day = start + i;
        return day < first || day > last ? null : formatDateOnly(day);
      }),
    );
  }
  return weeks;
}

/** The date a key press moves grid focus to, or undefined when the key is not a grid key. */
export function getGridKeyTarget(
  date: string,
  key: { key: string; shiftKey?: boolean },
  options: { firstWeekday: number; rtl: boolean },
): string | undefined {
  const day = parseDateOnly(date);
  if (day === null) return undefined;
  const isoWeekday = ((((day + 3) % 7) + 7) % 7) + 1;
  const column = (isoWeekday - options.firstWeekday + 7) % 7;
  // Right-to-left grids run from right to left, so the arrows' meaning mirrors (APG).
  const forward = options.rtl ? 'ArrowLeft' : 'ArrowRight';
  const backward = options.rtl ? 'ArrowRight' : 'ArrowLeft';
  switch (key.key) {
    case forward:
      return addDays(date, 1);
    case backward:
      return addDays(date, -1);
    case 'ArrowDown':
      return addDays(date, 7);
    case 'ArrowUp':
      return addDays(date, -7);
    case 'Home':
      return addDays(date, -column);
    case 'End':
      return addDays(date, 6 - column);
    case 'PageUp':
      return addMonths(date, key.shiftKey ? -12 : -1);
    case 'PageDown':
      return addMonths(date, key.shiftKey ? 12 : 1);
    default:
      return undefined;
  }
}
