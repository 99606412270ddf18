import { formatMessage, selectPlural } from '../../src/i18n/get-messages';
import type { SlotPickerMessages } from '../../src/i18n/slot-picker-messages';

/**
 * The picker's text from Intl. A date (`YYYY-MM-DD`) has no zone, so it is formatted as UTC
 * midnight in `timeZone: 'UTC'`; an instant is always formatted with an explicit zone. The
 * host's local time never enters.
 */

function utcDate(date: string): Date {
  return new Date(`${date}T00:00:00Z`);
}

/** "Tuesday 4 March" (in the locale's order and words). */
export function getDayName(date: string, locale: string): string {
  return new Intl.DateTimeFormat(locale, {
    timeZone: 'UTC',
    weekday: 'long',
    day: 'numeric',
    month: 'long',
  }).format(utcDate(date));
}

/** "March 2026". */
export function getMonthTitle(date: string, locale: string): string {
  return new Intl.DateTimeFormat(locale, { timeZone: 'UTC', month: 'long', year: 'numeric' }).format(
    utcDate(date),
  );
}

/** A day's accessible name with its number of free times. */
export function getDayLabel(
  date: string,
  count: number | undefined,
  locale: string,
  text: SlotPickerMessages,
): string {
  const name = getDayName(date, locale);
  if (count === undefined) return name;
  if (count === 0) return formatMessage(text.dayNoTimes, { date: name });
  return formatMessage(selectPlural(text.dayTimes, count, locale), { date: name, count });
}

/** Column headers from the week's first day: `short` shown, `long` for assistive technology. */
export function getWeekdayNames(
  locale: string,
  firstWeekday: number,
): Array<{ short: string; long: string }> {
  // 2026-03-02 was a Monday (ISO weekday 1).
  return Array.from({ length: 7 }, (_, i) => {
    const day = utcDate(`2026-03-${String(2 + ((firstWeekday - 1 + i) % 7)).padStart(2, '0')}`);
    return {
      short: new Intl.DateTimeFormat(locale, { timeZone: 'UTC', weekday: 'short' }).format(day),
      long: new Intl.DateTimeFormat(locale, { timeZone: 'UTC', weekday: 'long' }).format(day),
    };
  });
}

/** The locale's first day of the week (1 = Monday … 7 = Sunday), Monday where Intl does not say. */
export function getFirstWeekday(locale: string): number {
  try {
    const info = new Intl.Locale(locale) as Intl.Locale & {
      getWeekInfo?: () => { firstDay: number };
      weekInfo?: { firstDay: number };
    };
    return info.getWeekInfo?.().firstDay ?? info.weekInfo?.firstDay ?? 1;
  } catch {
    return 1;
  }
}

/**
 * A slot's time in `zone`, 12 or 24 h as the locale writes it; with the UTC offset
 * ("01:30 GMT+1") when `withOffset`, so a repeated hour on a DST-change day is unambiguous.
 */
export function formatSlotTime(instant: string, zone: string, locale: string, withOffset = false): string {
  return new Intl.DateTimeFormat(locale, {
    timeZone: zone,
    hour: 'numeric',
    minute: '2-digit',
    ...(withOffset ? { timeZoneName: 'shortOffset' as const } : {}),
  }).format(new Date(instant));
}

/** The same time as 24 h digits (`14:05`), which typeahead also matches. */
export function getSlotClock(instant: string, zone: string): string {
  return new Intl.DateTimeFormat('en-GB', {
    timeZone: zone,
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).format(new Date(instant));
}

/** A zone's name for people: `America/New_York` → `America/New York`. */
export function getZoneLabel(zone: string): string {
  return zone.replace(/_/g, ' ');
}

/** Whether a day's slots carry more than one UTC offset (a DST change falls on it). */
export function hasOffsetChange(slots: ReadonlyArray<{ start: string }>): boolean {
  const offsets = new Set(slots.map((s) => s.start.slice(19).replace(/^\.\d+/, '')));
  return offsets.size > 1;
}
