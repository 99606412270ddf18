import { describe, expect, it } from 'vitest';
import type { CalendarRules } from './calendar-rules';
import { getCalendarSlots } from './get-calendar-slots';
import type { Interval } from './interval';

const longAgo = new Date('2026-01-01T00:00:00Z');

function rules(overrides: Partial<CalendarRules>): CalendarRules {
  return {
    timezone: 'Europe/Berlin',
    hours: {},
    bufferMinutes: 0,
    minNoticeMinutes: 0,
    maxDaysAhead: 3000,
    closed: [],
    ...overrides,
  };
}

/** The slot starts of one date, as the API writes them. */
function starts(input: {
  rules: CalendarRules;
  date: string;
  duration: number;
  zone?: string;
  now?: Date;
  busy?: Interval[];
}): string[] {
  const days = getCalendarSlots({
    rules: input.rules,
    durationMinutes: input.duration,
    from: input.date,
    to: input.date,
    zone: input.zone ?? input.rules.timezone,
    now: input.now ?? longAgo,
    busy: input.busy ?? [],
  });
  expect(days.map((day) => day.date)).toEqual([input.date]);
  return (days[0]?.slots ?? []).map((slot) => slot.start);
}

describe('getCalendarSlots: DST in the calendar zone', () => {
  it('Europe/Berlin spring-forward: no slot in the skipped hour, the slot before it lasts 30 real minutes', () => {
    const berlin = rules({ hours: { sun: ['01:00-04:00'] } });
    const days = getCalendarSlots({
      rules: berlin,
      durationMinutes: 30,
      from: '2026-03-29',
      to: '2026-03-29',
      zone: 'Europe/Berlin',
      now: longAgo,
      busy: [],
    });
    expect(days[0]?.slots).toEqual([
      { start: '2026-03-29T01:00:00+01:00', end: '2026-03-29T01:30:00+01:00' },
      { start: '2026-03-29T01:30:00+01:00', end: '2026-03-29T03:00:00+02:00' },
      { start: '2026-03-29T03:00:00+02:00', end: '2026-03-29T03:30:00+02:00' },
      { start: '2026-03-29T03:30:00+02:00', end: '2026-03-29T04:00:00+02:00' },
    ]);
    // A range that starts inside the skipped hour begins when the clock lands at 03:00.
    expect(
      starts({ rules: rules({ hours: { sun: ['02:30-04:00'] } }), date: '2026-03-29', duration: 30 }),
    ).toEqual(['2026-03-29T03:00:00+02:00', '2026-03-29T03:30:00+02:00']);
  });

  it('Europe/Berlin fall-back: the repeated 02:00 gives two slots told apart by offset', () => {
    expect(
      starts({ rules: rules({ hours: { sun: ['01:00-04:00'] } }), date: '2026-10-25', duration: 60 }),
    ).toEqual([
      '2026-10-25T01:00:00+02:00',
      '2026-10-25T02:00:00+02:00',
      '2026-10-25T02:00:00+01:00',
      '2026-10-25T03:00:00+01:00',
    ]);
  });

  it('Europe/Berlin fall-back: a range starting inside the repeated hour never offers 02:00-02:30 of the second pass', () => {
    expect(
      starts({ rules: rules({ hours: { sun: ['02:30-04:00'] } }), date: '2026-10-25', duration: 30 }),
    ).toEqual([
      '2026-10-25T02:30:00+02:00',
      '2026-10-25T02:30:00+01:00',
      '2026-10-25T03:00:00+01:00',
      '2026-10-25T03:30:00+01:00',
    ]);
  });

  it('America/New_York both changes', () => {
    const ny = rules({ timezone: 'America/New_York', hours: { sun: ['00:00-04:00'] } });
    expect(starts({ rules: ny, date: '2026-03-08', duration: 60 })).toEqual([
      '2026-03-08T00:00:00-05:00',
      '2026-03-08T01:00:00-05:00',
      '2026-03-08T03:00:00-04:00',
    ]);
    expect(
      starts({ rules: { ...ny, hours: { sun: ['00:00-03:00'] } }, date: '2026-11-01', duration: 30 }),
    ).toEqual([
      '2026-11-01T00:00:00-04:00',
      '2026-11-01T00:30:00-04:00',
      '2026-11-01T01:00:00-04:00',
      '2026-11-01T01:30:00-04:00',
      '2026-11-01T01:00:00-05:00',
      '2026-11-01T01:30:00-05:00',
      '2026-11-01T02:00:00-05:00',
      '2026-11-01T02:30:00-05:00',
    ]);
  });

  it('Australia/Lord_Howe: a 30-minute shift both ways', () => {
    const lordHowe = rules({ timezone: 'Australia/Lord_Howe', hours: { sun: ['01:00-04:00'] } });
    expect(starts({ rules: lordHowe, date: '2026-10-04', duration: 30 })).toEqual([
      '2026-10-04T01:00:00+10:30',
      '2026-10-04T01:30:00+10:30',
      '2026-10-04T02:30:00+11:00',
      '2026-10-04T03:00:00+11:00',
      '2026-10-04T03:30:00+11:00',
    ]);
    expect(
      starts({ rules: { ...lordHowe, hours: { sun: ['01:00-03:00'] } }, date: '2026-04-05', duration: 30 }),
    ).toEqual([
      '2026-04-05T01:00:00+11:00',
      '2026-04-05T01:30:00+11:00',
      '2026-04-05T01:30:00+10:30',
      '2026-04-05T02:00:00+10:30',
      '2026-04-05T02:30:00+10:30',
    ]);
  });

  it('Pacific/Chatham: +12:45 and +13:45, the change at 02:45', () => {
    const chatham = rules({ timezone: 'Pacific/Chatham', hours: { sun: ['02:00-05:00'] } });
    expect(starts({ rules: chatham, date: '2026-09-27', duration: 30 })).toEqual([
      '2026-09-27T02:00:00+12:45',
      '2026-09-27T02:30:00+12:45',
      '2026-09-27T04:00:00+13:45',
      '2026-09-27T04:30:00+13:45',
    ]);
    expect(starts({ rules: chatham, date: '2026-04-05', duration: 30 })).toEqual([
      '2026-04-05T02:00:00+13:45',
      '2026-04-05T02:30:00+13:45',
      '2026-04-05T03:00:00+13:45',
      '2026-04-05T03:30:00+13:45',
      '2026-04-05T03:00:00+12:45',
      '2026-04-05T03:30:00+12:45',
      '2026-04-05T04:00:00+12:45',
      '2026-04-05T04:30:00+12:45',
    ]);
  });

  it('Asia/Kolkata (+05:30): a slot must fit its range; shown in a visitor zone it keeps its instant', () => {
    const kolkata = rules({ timezone: 'Asia/Kolkata', hours: { mon: ['09:00-11:00'] } });
    expect(starts({ rules: kolkata, date: '2026-06-01', duration: 45 })).toEqual([
      '2026-06-01T09:00:00+05:30',
      '2026-06-01T09:45:00+05:30',
    ]);
    expect(starts({ rules: kolkata, date: '2026-06-01', duration: 45, zone: 'Europe/Berlin' })).toEqual([
      '2026-06-01T05:30:00+02:00',
      '2026-06-01T06:15:00+02:00',
    ]);
  });

  it('a day that starts inside a shift: America/Havana skips midnight on 2026-03-08', () => {
    const havana = rules({
      timezone: 'America/Havana',
      hours: { sat: ['00:00-24:00'], sun: ['00:00-24:00'] },
    });
    const days = getCalendarSlots({
      rules: havana,
      durationMinutes: 60,
      from: '2026-03-07',
      to: '2026-03-08',
      zone: 'America/Havana',
      now: longAgo,
      busy: [],
    });
    expect(days[0]?.slots).toHaveLength(24);
    expect(days[0]?.slots.at(-1)).toEqual({
      start: '2026-03-07T23:00:00-05:00',
      end: '2026-03-08T01:00:00-04:00',
    });
    expect(days[1]?.slots).toHaveLength(23);
    expect(days[1]?.slots[0]).toEqual({
      start: '2026-03-08T01:00:00-04:00',
      end: '2026-03-08T02:00:00-04:00',
    });
  });
});

describe('getCalendarSlots: zones, dates and rules', () => {
  const berlinWeek = rules({ hours: { mon: ['09:00-17:00'], tue: ['09:00-17:00'], wed: ['09:00-17:00'] } });

  it("a visitor's day gets slots from two calendar days (Pacific/Auckland visitor, Berlin clinic)", () => {
    expect(starts({ rules: berlinWeek, date: '2026-06-02', duration: 60, zone: 'Pacific/Auckland' })).toEqual(
      [
        // Berlin Monday 14:00–17:00 …
        '2026-06-02T00:00:00+12:00',
        '2026-06-02T01:00:00+12:00',
        '2026-06-02T02:00:00+12:00',
        // … and Berlin Tuesday 09:00–14:00
        '2026-06-02T19:00:00+12:00',
        '2026-06-02T20:00:00+12:00',
        '2026-06-02T21:00:00+12:00',
        '2026-06-02T22:00:00+12:00',
        '2026-06-02T23:00:00+12:00',
      ],
    );
  });

  it('lists every date of the range, empty where there are no hours', () => {
    const days = getCalendarSlots({
      rules: berlinWeek,
      durationMinutes: 60,
      from: '2026-06-05',
      to: '2026-06-08',
      zone: 'Europe/Berlin',
      now: longAgo,
      busy: [],
    });
    expect(days.map((day) => [day.date, day.slots.length])).toEqual([
      ['2026-06-05', 0],
      ['2026-06-06', 0],
      ['2026-06-07', 0],
      ['2026-06-08', 8],
    ]);
  });

  it('"24:00" ends a range at midnight', () => {
    const days = getCalendarSlots({
      rules: rules({ hours: { mon: ['22:00-24:00'] } }),
      durationMinutes: 60,
      from: '2026-06-01',
      to: '2026-06-01',
      zone: 'Europe/Berlin',
      now: longAgo,
      busy: [],
    });
    expect(days[0]?.slots).toEqual([
      { start: '2026-06-01T22:00:00+02:00', end: '2026-06-01T23:00:00+02:00' },
      { start: '2026-06-01T23:00:00+02:00', end: '2026-06-02T00:00:00+02:00' },
    ]);
  });

  it('leaves out slots overlapping a busy interval widened by the buffer on both sides', () => {
    const monday = rules({ hours: { mon: ['09:00-12:00'] } });
    const busy = [{ start: new Date('2026-06-01T08:00:00Z'), end: new Date('2026-06-01T08:30:00Z') }]; // 10:00–10:30 Berlin
    expect(
      starts({ rules: monday, date: '2026-06-01', duration: 30, busy }).map((s) => s.slice(11, 16)),
    ).toEqual(['09:00', '09:30', '10:30', '11:00', '11:30']);
    expect(
      starts({ rules: { ...monday, bufferMinutes: 15 }, date: '2026-06-01', duration: 30, busy }).map((s) =>
        s.slice(11, 16),
      ),
    ).toEqual(['09:00', '11:00', '11:30']);
  });

  it('leaves out slots starting before now + minNotice; one starting exactly then stays', () => {
    const monday = rules({ hours: { mon: ['09:00-12:00'] }, minNoticeMinutes: 60 });
    const at = (now: string) =>
      starts({ rules: monday, date: '2026-06-01', duration: 30, now: new Date(now) }).map((s) =>
        s.slice(11, 16),
      );
    expect(at('2026-06-01T07:10:00Z')).toEqual(['10:30', '11:00', '11:30']);
    expect(at('2026-06-01T07:00:00Z')).toEqual(['10:00', '10:30', '11:00', '11:30']);
  });

  it('offers nothing before now, however far back the range starts', () => {
    const days = getCalendarSlots({
      rules: berlinWeek,
      durationMinutes: 60,
      from: '2020-01-01',
      to: '2026-06-02',
      zone: 'Europe/Berlin',
      now: new Date('2026-06-02T10:30:00Z'),
      busy: [],
    });
    expect(days).toHaveLength(2345);
    expect(days.flatMap((day) => day.slots.map((slot) => slot.start))).toEqual([
      '2026-06-02T13:00:00+02:00',
      '2026-06-02T14:00:00+02:00',
      '2026-06-02T15:00:00+02:00',
      '2026-06-02T16:00:00+02:00',
    ]);
  });

  it("counts maxDaysAhead in the calendar's zone from now", () => {
    // 22:30 UTC on Monday is already Tuesday 00:30 in Berlin: Tuesday + 1 = Wednesday is the last day.
    const days = getCalendarSlots({
      rules: { ...berlinWeek, maxDaysAhead: 1 },
      durationMinutes: 60,
      from: '2026-06-01',
      to: '2026-06-04',
      zone: 'UTC',
      now: new Date('2026-06-01T22:30:00Z'),
      busy: [],
    });
    expect(days.map((day) => [day.date, day.slots.length])).toEqual([
      ['2026-06-01', 0],
      ['2026-06-02', 8],
      ['2026-06-03', 8],
      ['2026-06-04', 0],
    ]);
  });

  it("closes dates of the calendar's zone, whatever the visitor's zone", () => {
    const closed = { ...berlinWeek, closed: ['2026-06-02'] };
    expect(starts({ rules: closed, date: '2026-06-02', duration: 60 })).toEqual([]);
    // The Auckland date 2026-06-02 still gets Berlin Monday's afternoon.
    expect(starts({ rules: closed, date: '2026-06-02', duration: 60, zone: 'Pacific/Auckland' })).toEqual([
      '2026-06-02T00:00:00+12:00',
      '2026-06-02T01:00:00+12:00',
      '2026-06-02T02:00:00+12:00',
    ]);
  });

  it('refuses bad input with a RangeError naming the problem', () => {
    const input = {
      rules: berlinWeek,
      durationMinutes: 60,
      from: '2026-06-01',
      to: '2026-06-01',
      zone: 'Europe/Berlin',
      now: longAgo,
      busy: [],
    };
    expect(() => getCalendarSlots({ ...input, zone: 'Mars/Olympus' })).toThrow(
      /unknown time zone "Mars\/Olympus"/,
    );
    expect(() => getCalendarSlots({ ...input, to: '2026-05-31' })).toThrow(/before from/);
    expect(() => getCalendarSlots({ ...input, from: '2026-02-30' })).toThrow(RangeError);
    expect(() => getCalendarSlots({ ...input, durationMinutes: 0 })).toThrow(/durationMinutes/);
    expect(() => getCalendarSlots({ ...input, from: '1000-01-01', to: '9999-12-31' })).toThrow(
      /more than 3700 days/,
    );
    expect(() =>
      getCalendarSlots({ ...input, rules: rules({ hours: { mon: ['09:00-12:00', '11:00-13:00'] } }) }),
    ).toThrow(/hours\.mon\[1\]: overlaps "09:00-12:00"/);
    expect(() => getCalendarSlots({ ...input, rules: rules({ hours: { mon: ['12:00-09:00'] } }) })).toThrow(
      /hours\.mon\[0\]/,
    );
  });
});
