import { describe, expect, it } from 'vitest';
import { findNearestSlots } from './find-nearest-slots';

const slot = (start: string) => ({ start, end: new Date(Date.parse(start) + 1_800_000).toISOString() });

describe('findNearestSlots', () => {
  const days = [
    {
      date: '2026-06-01',
      slots: [
        slot('2026-06-01T09:00:00+02:00'),
        slot('2026-06-01T10:00:00+02:00'),
        slot('2026-06-01T11:00:00+02:00'),
      ],
    },
    { date: '2026-06-02', slots: [slot('2026-06-02T09:00:00+02:00')] },
  ];

  it('gives the nearest on either side, never the refused start, ties to the earlier', () => {
    const nearest = findNearestSlots(days, new Date('2026-06-01T08:00:00Z')); // 10:00 Berlin
    expect(nearest.map((s) => s.start)).toEqual([
      '2026-06-01T09:00:00+02:00',
      '2026-06-01T11:00:00+02:00',
      '2026-06-02T09:00:00+02:00',
    ]);
    expect(nearest[0]).toEqual(days[0]?.slots[0]);
  });

  it('honours count and an empty input', () => {
    expect(findNearestSlots(days, new Date('2026-06-02T07:00:00Z'), 1).map((s) => s.start)).toEqual([
      '2026-06-01T11:00:00+02:00',
    ]);
    expect(findNearestSlots([], new Date())).toEqual([]);
  });

  it('compares instants, not text: the same instant written with another offset is the refused slot', () => {
    const other = [
      { date: '2026-06-01', slots: [slot('2026-06-01T08:00:00+00:00'), slot('2026-06-01T12:00:00+02:00')] },
    ];
    expect(findNearestSlots(other, new Date('2026-06-01T08:00:00Z')).map((s) => s.start)).toEqual([
      '2026-06-01T12:00:00+02:00',
    ]);
  });
});
