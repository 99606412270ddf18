import { describe, expect, it } from 'vitest';
import type { AvailabilityDay } from './availability-day';
import type { CalendarRules, Weekday } from './calendar-rules';
import { getCalendarSlots } from './get-calendar-slots';

// An oracle that shares no code with src/time: Intl's own wall-clock parts and offset names.
const formats = new Map<string, Intl.DateTimeFormat>();

function getFormat(zone: string): Intl.DateTimeFormat {
  let format = formats.get(zone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-CA', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      timeZoneName: 'longOffset',
    });
    formats.set(zone, format);
  }
  return format;
}

function wallClock(
  zone: string,
  instant: number,
): { date: string; minute: number; text: string; offset: string } {
  const parts: Record<string, string> = {};
  for (const part of getFormat(zone).formatToParts(instant)) parts[part.type] = part.value;
  const date = `${parts.year}-${parts.month}-${parts.day}`;
  const offset = parts.timeZoneName === 'GMT' ? '+00:00' : (parts.timeZoneName ?? '').slice(3);
  return {
    date,
    minute: Number(parts.hour) * 60 + Number(parts.minute),
    text: `${date}T${parts.hour}:${parts.minute}:${parts.second}${offset}`,
    offset,
  };
}

const offsetName = (zone: string, instant: number) => wallClock(zone, instant).offset;

/** Every offset change of `zone` in 2026–2028, found by scanning daily and bisecting to the second. */
function findTransitions(zone: string): number[] {
  const found: number[] = [];
  const end = Date.UTC(2029, 0, 1);
  let previous = offsetName(zone, Date.UTC(2026, 0, 1));
  for (let t = Date.UTC(2026, 0, 1) + 86_400_000; t <= end; t += 86_400_000) {
    const current = offsetName(zone, t);
    if (current === previous) continue;
    let lo = t - 86_400_000;
    let hi = t;
    while (hi - lo > 1000) {
      const mid = lo + Math.floor((hi - lo) / 2000) * 1000;
      if (offsetName(zone, mid) === previous) lo = mid;
      else hi = mid;
    }
    found.push(hi);
    previous = current;
  }
  return found;
}

const ALL_DAYS: Weekday[] = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];
const everyDay = (ranges: string[]) => Object.fromEntries(ALL_DAYS.map((day) => [day, ranges]));
const hhmm = (minute: number) =>
  `${String(Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}`;
const parseRange = (text: string) => {
  const [start = '', end = ''] = text.split('-');
  const toMinute = (t: string) => Number(t.slice(0, 2)) * 60 + Number(t.slice(3));
  return { start: toMinute(start), end: toMinute(end) };
};

function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

function check(
  failures: string[],
  days: AvailabilityDay[],
  rules: CalendarRules,
  duration: number,
  visitorZone: string,
  calendarTransitions: readonly number[],
): number {
  let previousEnd = Number.NEGATIVE_INFINITY;
  let previousStart = Number.NEGATIVE_INFINITY;
  let count = 0;
  for (const day of days) {
    for (const slot of day.slots) {
      const start = Date.parse(slot.start);
      const end = Date.parse(slot.end);
      const where = `${rules.timezone} ${JSON.stringify(rules.hours.mon)} ${duration} min, visitor ${visitorZone}: ${slot.start}`;
      // Strictly increasing, never overlapping, exactly the duration long.
      if (!(start > previousStart && start >= previousEnd))
        failures.push(`${where}: not after the slot before`);
      if (end - start !== duration * 60_000) failures.push(`${where}: lasts ${(end - start) / 60_000} min`);
      // Written in the visitor's wall clock and offset, and filed under that date.
      const visitorWall = wallClock(visitorZone, start);
      if (slot.start !== visitorWall.text) failures.push(`${where}: should read ${visitorWall.text}`);
      if (slot.end !== wallClock(visitorZone, end).text)
        failures.push(`${where}: end ${slot.end} is misread`);
      if (day.date !== visitorWall.date) failures.push(`${where}: filed under ${day.date}`);
      // Inside working hours in the calendar's wall clock, at its start, at its last instant
      // and on both sides of every offset change within it.
      const probes = [start, end - 1];
      for (const transition of calendarTransitions) {
        if (transition > start && transition < end) probes.push(transition - 1, transition);
      }
      const first = wallClock(rules.timezone, start);
      const ranges = (rules.hours.mon ?? []).map(parseRange);
      const range = ranges.find((r) => r.start <= first.minute && first.minute < r.end);
      if (!range) failures.push(`${where}: starts outside the hours`);
      for (const probe of probes.slice(1)) {
        const wall = wallClock(rules.timezone, probe);
        if (wall.date !== first.date) failures.push(`${where}: leaves its date`);
        if (!(range && wall.minute >= range.start && wall.minute < range.end))
          failures.push(`${where}: leaves its range`);
      }
      previousStart = start;
      previousEnd = end;
      count++;
    }
  }
  return count;
}

describe('getCalendarSlots property: every zone, every transition 2026–2028', () => {
  it('slots are increasing, disjoint, inside working hours and under the right visitor date', () => {
    const started = performance.now();
    const zones = Intl.supportedValuesOf('timeZone');
    const now = new Date('2025-01-01T00:00:00Z');
    let calls = 0;
    let slots = 0;
    let transitionsSeen = 0;
    const failures: string[] = [];
    zones.forEach((zone, zoneIndex) => {
      const transitions = findTransitions(zone);
      transitionsSeen += transitions.length;
      // A zone without a change in these years is still covered once, mid-2027.
      const moments = transitions.length > 0 ? transitions : [Date.UTC(2027, 5, 15, 12)];
      moments.forEach((transition, index) => {
        const before = Date.parse(`${wallClock(zone, transition - 1).text.slice(0, 19)}Z`);
        const after = Date.parse(`${wallClock(zone, transition).text.slice(0, 19)}Z`);
        // A boundary in the middle of the skipped or repeated wall-clock window.
        const middle = Math.round((((before + after) / 2 / 60_000) % 1440) / 5) * 5;
        const cut = middle > 0 && middle < 1440 ? [[`00:00-${hhmm(middle)}`, `${hhmm(middle)}-24:00`]] : [];
        const hourSets: Array<[string[], number]> = [
          [['00:00-24:00'], 60],
          ...cut.map((ranges): [string[], number] => [ranges, 45]),
          [['01:00-03:30', '03:30-05:00', '09:00-17:00'], 60],
        ];
        const other = zones[(zoneIndex * 7919 + index * 104_729) % zones.length] as string;
        for (const visitorZone of [zone, other]) {
          const date = wallClock(visitorZone, transition).date;
          for (const [ranges, duration] of hourSets) {
            const rules: CalendarRules = {
              timezone: zone,
              hours: everyDay(ranges),
              bufferMinutes: 0,
              minNoticeMinutes: 0,
              maxDaysAhead: 3660,
              closed: [],
            };
            const days = getCalendarSlots({
              rules,
              durationMinutes: duration,
              from: date,
              to: date,
              zone: visitorZone,
              now,
              busy: [],
            });
            if (days.length !== 1 || days[0]?.date !== date)
              failures.push(`${zone} ${date}: days ${JSON.stringify(days.map((d) => d.date))}`);
            slots += check(failures, days, rules, duration, visitorZone, transitions);
            calls++;
            if (visitorZone === zone && ranges[0] === '00:00-24:00') {
              // Completeness for the whole-day range: as many hour slots as the day holds.
              const length = findDayStart(zone, addDays(date, 1)) - findDayStart(zone, date);
              if (days[0]?.slots.length !== Math.floor(length / 3_600_000)) {
                failures.push(
                  `${zone} ${date}: ${days[0]?.slots.length} slots in a day of ${length / 60_000} min`,
                );
              }
            }
          }
        }
      });
    });
    const seconds = (performance.now() - started) / 1000;
    console.info(
      `time property: ${zones.length} zones, ${transitionsSeen} transitions, ${calls} calls, ${slots} slots checked in ${seconds.toFixed(1)} s`,
    );
    expect(failures.slice(0, 10)).toEqual([]);
    expect(transitionsSeen).toBeGreaterThan(300);
  }, 60_000);
});

/** The first instant whose wall date in `zone` is `date`, by scanning minutes from 15 h before UTC midnight. */
function findDayStart(zone: string, date: string): number {
  let lo = Date.parse(`${date}T00:00:00Z`) - 15 * 3_600_000;
  let hi = Date.parse(`${date}T00:00:00Z`) + 15 * 3_600_000;
  // The wall date is monotone in the instant across a day boundary for real zones.
  while (hi - lo > 1000) {
    const mid = lo + Math.floor((hi - lo) / 2000) * 1000;
    if (wallClock(zone, mid).date < date) lo = mid;
    else hi = mid;
  }
  return hi;
}
