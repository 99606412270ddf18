import { describe, expect, it } from 'vitest';
import { groupSlotsByDay } from './group-slots-by-day';

const span = (start: string, minutes = 30) => ({
  start: new Date(start),
  end: new Date(Date.parse(start) + minutes * 60_000),
});

describe('groupSlotsByDay', () => {
  it("sorts, drops duplicates and slots outside the range, files each under its start's date in the zone", () => {
    const days = groupSlotsByDay(
      [
        span('2026-06-02T08:00:00Z'),
        span('2026-06-01T21:45:00Z'), // 23:45 Berlin on 06-01, ends after midnight
        span('2026-06-02T08:00:00Z'),
        span('2026-06-02T08:00:00Z', 60), // same start, other length: kept
        span('2026-05-31T21:00:00Z'), // 23:00 Berlin on 05-31: outside
        span('2026-06-03T22:00:00Z'), // 00:00 Berlin on 06-04: outside
      ],
      'Europe/Berlin',
      '2026-06-01',
      '2026-06-03',
    );
    expect(days).toEqual([
      {
        date: '2026-06-01',
        slots: [{ start: '2026-06-01T23:45:00+02:00', end: '2026-06-02T00:15:00+02:00' }],
      },
      {
        date: '2026-06-02',
        slots: [
          { start: '2026-06-02T10:00:00+02:00', end: '2026-06-02T10:30:00+02:00' },
          { start: '2026-06-02T10:00:00+02:00', end: '2026-06-02T11:00:00+02:00' },
        ],
      },
      { date: '2026-06-03', slots: [] },
    ]);
  });

  it('tells the repeated hour apart by offset', () => {
    const days = groupSlotsByDay(
      [span('2026-11-01T06:30:00Z'), span('2026-11-01T05:30:00Z')],
      'America/New_York',
      '2026-11-01',
      '2026-11-01',
    );
    expect(days[0]?.slots.map((slot) => slot.start)).toEqual([
      '2026-11-01T01:30:00-04:00',
      '2026-11-01T01:30:00-05:00',
    ]);
  });

  it('refuses an unknown zone, reversed dates and broken spans', () => {
    expect(() => groupSlotsByDay([], 'Nowhere/City', '2026-06-01', '2026-06-01')).toThrow(RangeError);
    expect(() => groupSlotsByDay([], 'UTC', '2026-06-02', '2026-06-01')).toThrow(RangeError);
    expect(() =>
      groupSlotsByDay([{ start: new Date('x'), end: new Date() }], 'UTC', '2026-06-01', '2026-06-01'),
    ).toThrow(/slot 0/);
  });
});
