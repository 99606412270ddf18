import { getZoneOffset } from './get-zone-offset';

/**
 * `instant` (epoch ms) as ISO 8601 with the given UTC offset (ms), to the second:
 * `2026-10-25T02:30:00+01:00`. Milliseconds are cut, not rounded, so the text never names a
 * later instant than the one given.
 */
export function formatInstantWithOffset(instant: number, offsetMs: number): string {
  // Offsets with seconds exist only in local mean time before ~1900; ISO has no room for them,
  // so the offset is rounded to the minute and the wall clock follows it (the instant stays exact).
  const offsetMinutes = Math.round(offsetMs / 60_000);
  const whole = Math.floor(instant / 1000) * 1000;
  const wall = new Date(whole + offsetMinutes * 60_000).toISOString().slice(0, 19);
  const abs = Math.abs(offsetMinutes);
  const hh = String(Math.floor(abs / 60)).padStart(2, '0');
  const mm = String(abs % 60).padStart(2, '0');
  return `${wall}${offsetMinutes < 0 ? '-' : '+'}${hh}:${mm}`;
}

/**
 * `date` as ISO 8601 in `zone`'s wall clock with that zone's offset at that instant, to the
 * second (no milliseconds).
 *
 * @example formatInstant(new Date('2026-03-29T01:00:00Z'), 'Europe/Berlin') // '2026-03-29T03:00:00+02:00'
 */
export function formatInstant(date: Date, zone: string): string {
  const ms = date.getTime();
  if (Number.isNaN(ms)) throw new RangeError('formatInstant: invalid date');
  return formatInstantWithOffset(ms, getZoneOffset(zone, ms));
}
