import { addDays } from './add-days';
import { getZoneDate } from './get-zone-date';
import { getZoneDayStart } from './get-zone-day-start';
import { parseDateOnly } from './parse-date-only';

/**
 * The dates in `calendarZone` whose days together cover the dates `from..to` (inclusive) of
 * `visitorZone`: what to ask a vendor whose availability takes bare dates in the clinic's
 * zone (QualifyBase `GET /availability`). The answer may hold slots outside the visitor's
 * range; `groupSlotsByDay` drops them.
 *
 * @example getCoveringDates('2026-06-01', '2026-06-01', 'Pacific/Auckland', 'Europe/Berlin')
 *   // { from: '2026-05-31', to: '2026-06-01' }
 */
export function getCoveringDates(
  from: string,
  to: string,
  visitorZone: string,
  calendarZone: string,
): { from: string; to: string } {
  const first = parseDateOnly(from);
  const last = parseDateOnly(to);
  if (first === null || last === null || last < first) {
    throw new RangeError(
      `getCoveringDates: need dates from <= to, got ${JSON.stringify(from)}..${JSON.stringify(to)}`,
    );
  }
  const start = getZoneDayStart(visitorZone, from);
  const end = getZoneDayStart(visitorZone, addDays(to, 1));
  return {
    from: getZoneDate(new Date(start), calendarZone),
    to: getZoneDate(new Date(end - 1), calendarZone),
  };
}
