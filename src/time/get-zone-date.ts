import { getZoneOffset } from './get-zone-offset';

/** The `YYYY-MM-DD` date that `instant` falls on in `zone`. */
export function getZoneDate(instant: Date, zone: string): string {
  const ms = instant.getTime();
  return new Date(ms + getZoneOffset(zone, ms)).toISOString().slice(0, 10);
}
