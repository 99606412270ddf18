import { describe, expect, it } from 'vitest';
import { countDays } from './count-days';
import { formatInstant } from './format-instant';
import { getWeekday } from './get-weekday';
import { getZoneDate } from './get-zone-date';
import { getZoneOffset } from './get-zone-offset';
import { isValidTimeZone } from './is-valid-time-zone';
import { parseDateOnly } from './parse-date-only';

describe('formatInstant and the zone helpers', () => {
  it('writes ISO 8601 with the zone offset at that instant, seconds, no millis', () => {
    expect(formatInstant(new Date('2026-03-29T00:59:59.999Z'), 'Europe/Berlin')).toBe(
      '2026-03-29T01:59:59+01:00',
    );
    expect(formatInstant(new Date('2026-03-29T01:00:00Z'), 'Europe/Berlin')).toBe(
      '2026-03-29T03:00:00+02:00',
    );
    expect(formatInstant(new Date('2026-06-01T12:00:00Z'), 'Asia/Kolkata')).toBe('2026-06-01T17:30:00+05:30');
    expect(formatInstant(new Date('2026-06-01T12:00:00Z'), 'Pacific/Chatham')).toBe(
      '2026-06-02T00:45:00+12:45',
    );
    expect(formatInstant(new Date('2026-06-01T12:00:00Z'), 'America/St_Johns')).toBe(
      '2026-06-01T09:30:00-02:30',
    );
    expect(formatInstant(new Date('2026-06-01T12:00:00Z'), 'UTC')).toBe('2026-06-01T12:00:00+00:00');
    expect(() => formatInstant(new Date('nope'), 'UTC')).toThrow(RangeError);
  });

  it('reads offsets of instants, not of host wall clocks', () => {
    // date-fns-tz's getTimezoneOffset answers 1 h here (it reads its argument as a wall time).
    expect(getZoneOffset('Europe/Berlin', Date.parse('2026-03-29T01:30:00Z'))).toBe(2 * 3_600_000);
    expect(getZoneDate(new Date('2026-06-01T22:30:00Z'), 'Europe/Berlin')).toBe('2026-06-02');
    expect(getZoneDate(new Date('2026-06-01T22:30:00Z'), 'America/New_York')).toBe('2026-06-01');
  });

  it('validates zones and dates, counts days inclusively, names weekdays', () => {
    expect(isValidTimeZone('Europe/Berlin')).toBe(true);
    expect(isValidTimeZone('UTC')).toBe(true);
    for (const bad of ['', 'Mars/Olympus', 'Europe/Berlin\n', 'x'.repeat(100)])
      expect(isValidTimeZone(bad)).toBe(false);
    expect(parseDateOnly('2028-02-29')).not.toBeNull();
    for (const bad of ['2026-02-29', '2026-13-01', '2026-1-01', '20260101', ' 2026-01-01'])
      expect(parseDateOnly(bad)).toBeNull();
    expect(countDays('2026-01-01', '2026-01-01')).toBe(1);
    expect(countDays('2026-01-01', '2026-03-03')).toBe(62);
    expect(countDays('2026-01-02', '2026-01-01')).toBe(0);
    expect(countDays('2026-01-02', 'tomorrow')).toBeNull();
    expect(getWeekday('2026-03-29')).toBe('sun');
    expect(getWeekday('1969-12-31')).toBe('wed');
  });
});
