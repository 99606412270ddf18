import { describe, expect, it } from 'vitest';
import { addMonths, getGridKeyTarget, getMonthWeeks } from './month-grid';

describe('month grid', () => {
  it('lays March 2026 out from Monday, with padding before the 1st (a Sunday)', () => {
    const weeks = getMonthWeeks('2026-03-15', 1);
    expect(weeks[0]).toEqual([null, null, null, null, null, null, '2026-03-01']);
    expect(weeks.at(-1)).toEqual(['2026-03-30', '2026-03-31', null, null, null, null, null]);
    expect(weeks.length).toBe(6);
  });

  it('starts weeks on Sunday where the locale does', () => {
    expect(getMonthWeeks('2026-03-01', 7)[0]?.[0]).toBe('2026-03-01');
  });

  it('clamps the day when paging to a shorter month', () => {
    expect(addMonths('2026-01-31', 1)).toBe('2026-02-28');
    expect(addMonths('2026-03-31', -12)).toBe('2025-03-31');
  });

  it('moves by day, week, row ends, month and year, mirroring arrows in RTL', () => {
    const ltr = { firstWeekday: 1, rtl: false };
    expect(getGridKeyTarget('2026-03-04', { key: 'ArrowRight' }, ltr)).toBe('2026-03-05');
    expect(getGridKeyTarget('2026-03-04', { key: 'ArrowRight' }, { ...ltr, rtl: true })).toBe('2026-03-03');
    expect(getGridKeyTarget('2026-03-04', { key: 'ArrowDown' }, ltr)).toBe('2026-03-11');
    expect(getGridKeyTarget('2026-03-04', { key: 'Home' }, ltr)).toBe('2026-03-02');
    expect(getGridKeyTarget('2026-03-04', { key: 'End' }, ltr)).toBe('2026-03-08');
    expect(getGridKeyTarget('2026-03-04', { key: 'PageDown' }, ltr)).toBe('2026-04-04');
    expect(getGridKeyTarget('2026-03-04', { key: 'PageUp', shiftKey: true }, ltr)).toBe('2025-03-04');
    expect(getGridKeyTarget('2026-03-04', { key: 'a' }, ltr)).toBeUndefined();
  });
});
