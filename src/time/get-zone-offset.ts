// One formatter per zone; the key is caller input (a visitor's `tz`), so the cache is capped.
const formats = new Map<string, Intl.DateTimeFormat>();
const MAX_FORMATS = 512;

function getFormat(zone: string): Intl.DateTimeFormat {
  let format = formats.get(zone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    if (formats.size >= MAX_FORMATS) formats.clear();
    formats.set(zone, format);
  }
  return format;
}

/**
 * The UTC offset of `zone` at `instant` (epoch milliseconds), in milliseconds (`+02:00` →
 * 7 200 000). It reads the zone's wall clock for that instant from Intl, so the host's own
 * time zone never enters. (date-fns-tz's `getTimezoneOffset` is not used: it reads its `date`
 * argument as a wall-clock time through the host's local getters, which is a different
 * question and depends on the process `TZ`.) Throws a RangeError for an unknown zone.
 */
export function getZoneOffset(zone: string, instant: number): number {
  let year = 0;
  let month = 1;
  let day = 1;
  let hour = 0;
  let minute = 0;
  let second = 0;
  for (const part of getFormat(zone).formatToParts(instant)) {
    switch (part.type) {
      case 'year':
        year = Number(part.value);
        break;
      case 'month':
        month = Number(part.value);
        break;
      case 'day':
        day = Number(part.value);
        break;
      case 'hour':
        hour = Number(part.value) % 24;
        break;
      case 'minute':
        minute = Number(part.value);
        break;
      case 'second':
        second = Number(part.value);
        break;
    }
  }
  // Date.UTC maps years 0–99 to 19xx; calendars live far from those years.
  const wall = Date.UTC(year, month - 1, day, hour, minute, second);
  return wall - Math.floor(instant / 1000) * 1000;
}
