import { type CalendarRules, WEEKDAYS } from './calendar-rules';
import { isValidTimeZone } from './is-valid-time-zone';
import { parseDateOnly } from './parse-date-only';
import { parseHoursRange } from './parse-hours-range';

/** One problem with a calendar's rules, by path relative to the rules (`hours.mon[1]`). */
export interface CalendarRulesProblem {
  path: string;
  message: string;
}

function isCount(value: unknown, max: number): boolean {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= max;
}

/**
 * Every problem that would make `getCalendarSlots` refuse these rules: an unknown zone, an
 * unknown weekday, a malformed, empty or overlapping range, a negative or fractional count,
 * a closed entry that is not a date. Empty when the rules are usable; config validation
 * reports these with the calendar's path in front.
 */
export function getCalendarRulesProblems(rules: CalendarRules): CalendarRulesProblem[] {
  const problems: CalendarRulesProblem[] = [];
  if (!isValidTimeZone(rules.timezone)) {
    problems.push({ path: 'timezone', message: `unknown time zone ${JSON.stringify(rules.timezone)}` });
  }
  for (const [weekday, ranges] of Object.entries(rules.hours ?? {})) {
    if (!(WEEKDAYS as readonly string[]).includes(weekday)) {
      problems.push({
        path: `hours.${weekday}`,
        message: 'not a weekday (mon, tue, wed, thu, fri, sat, sun)',
      });
      continue;
    }
    if (!Array.isArray(ranges)) {
      problems.push({ path: `hours.${weekday}`, message: 'must be a list of "HH:MM-HH:MM" ranges' });
      continue;
    }
    const parsed = ranges.map((text, index) => ({ index, range: parseHoursRange(text) }));
    for (const { index, range } of parsed) {
      if (!range) {
        problems.push({
          path: `hours.${weekday}[${index}]`,
          message: `${JSON.stringify(ranges[index])} is not a range "HH:MM-HH:MM" with start before end (end may be 24:00)`,
        });
      }
    }
    const valid = parsed
      .filter((entry) => entry.range !== null)
      .sort((a, b) => (a.range?.startMinute ?? 0) - (b.range?.startMinute ?? 0));
    for (let i = 1; i < valid.length; i++) {
      const before = valid[i - 1];
      const after = valid[i];
      if (before?.range && after?.range && after.range.startMinute < before.range.endMinute) {
        problems.push({
          path: `hours.${weekday}[${after.index}]`,
          message: `overlaps ${JSON.stringify(ranges[before.index])}`,
        });
      }
    }
  }
  if (!isCount(rules.bufferMinutes, 24 * 60)) {
    problems.push({ path: 'bufferMinutes', message: 'must be a whole number of minutes from 0 to 1440' });
  }
  if (!isCount(rules.minNoticeMinutes, 366 * 24 * 60)) {
    problems.push({
      path: 'minNoticeMinutes',
      message: 'must be a whole number of minutes from 0 (at most a year)',
    });
  }
  if (!isCount(rules.maxDaysAhead, 3660)) {
    problems.push({ path: 'maxDaysAhead', message: 'must be a whole number of days from 0 to 3660' });
  }
  (rules.closed ?? []).forEach((date, index) => {
    if (parseDateOnly(date) === null) {
      problems.push({
        path: `closed[${index}]`,
        message: `${JSON.stringify(date)} is not a date (YYYY-MM-DD)`,
      });
    }
  });
  return problems;
}
