import { describe, expect, it } from 'vitest';
import { getCoveringDates } from './get-covering-dates';

describe('getCoveringDates', () => {
  it('names the calendar dates whose days cover the visitor range', () => {
    // Auckland 06-01 00:00 (+12) is Berlin 05-31 14:00; Auckland 06-01 24:00 is Berlin 06-01 14:00.
    expect(getCoveringDates('2026-06-01', '2026-06-01', 'Pacific/Auckland', 'Europe/Berlin')).toEqual({
      from: '2026-05-31',
      to: '2026-06-01',
    });
    // Los Angeles 06-01..06-02 (-07) is Berlin 06-01 09:00 .. 06-03 09:00.
    expect(getCoveringDates('2026-06-01', '2026-06-02', 'America/Los_Angeles', 'Europe/Berlin')).toEqual({
      from: '2026-06-01',
      to: '2026-06-03',
    });
    expect(getCoveringDates('2026-06-01', '2026-06-03', 'Europe/Paris', 'Europe/Berlin')).toEqual({
      from: '2026-06-01',
      to: '2026-06-03',
    });
    // Kolkata 06-01 00:00 is 05-31 20:30 in Berlin (+02): half an hour offsets still count.
    expect(getCoveringDates('2026-06-01', '2026-06-01', 'Asia/Kolkata', 'Europe/Berlin')).toEqual({
      from: '2026-05-31',
      to: '2026-06-01',
    });
  });

  it('refuses reversed or malformed dates', () => {
    expect(() => getCoveringDates('2026-06-02', '2026-06-01', 'UTC', 'UTC')).toThrow(RangeError);
    expect(() => getCoveringDates('2026-6-1', '2026-06-01', 'UTC', 'UTC')).toThrow(RangeError);
  });
});
