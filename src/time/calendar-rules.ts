/** A day of the week, as the keys of a calendar's `hours` (CONTRACT §5). */
export type Weekday = 'mon' | 'tue' | 'wed' | 'thu' | 'fri' | 'sat' | 'sun';

/** The weekdays in `Date#getUTCDay()` order (Sunday first), so a day number indexes it. */
export const WEEKDAYS: readonly Weekday[] = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];

/**
 * The rules of a `local` calendar (CONTRACT §5). Every time of day and every date is read in
 * `timezone`, the clinic's wall clock; slots are instants derived from them.
 */
export interface CalendarRules {
  /** IANA zone of the clinic, e.g. `Europe/Berlin`. */
  timezone: string;
  /**
   * Working hours per weekday as `"HH:MM-HH:MM"` wall-clock ranges in `timezone`; `"24:00"` is
   * allowed as an end (up to midnight). Ranges of one weekday must not overlap. A weekday left
   * out has no hours.
   */
  hours: Partial<Record<Weekday, string[]>>;
  /** Minutes kept free before and after every busy interval. */
  bufferMinutes: number;
  /** A slot must start at least this many minutes after `now`. */
  minNoticeMinutes: number;
  /** The last bookable day is today + `maxDaysAhead` (dates in `timezone`); 0 = today only. */
  maxDaysAhead: number;
  /** Dates (`YYYY-MM-DD`, in `timezone`) without any slot. */
  closed: readonly string[];
}
