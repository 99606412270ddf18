/** A working-hours range as minutes since the date's midnight: `[startMinute, endMinute)`. */
export interface HoursRange {
  startMinute: number;
  endMinute: number;
}

/**
 * Parses `"09:00-12:30"` (24-hour wall clock; `"24:00"` allowed as the end) into minutes, or
 * null when the text is malformed or the range is empty or reversed.
 */
export function parseHoursRange(text: string): HoursRange | null {
  if (typeof text !== 'string') return null;
  const match = /^(\d{2}):(\d{2})-(\d{2}):(\d{2})$/.exec(text);
  if (!match) return null;
  const [startHour, startMin, endHour, endMin] = match.slice(1).map(Number) as [
    number,
    number,
    number,
    number,
  ];
  if (startHour > 23 || startMin > 59 || endMin > 59) return null;
  if (endHour > 24 || (endHour === 24 && endMin !== 0)) return null;
  const startMinute = startHour * 60 + startMin;
  const endMinute = endHour * 60 + endMin;
  return startMinute < endMinute ? { startMinute, endMinute } : null;
}
