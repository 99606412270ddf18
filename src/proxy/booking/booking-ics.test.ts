import ICAL from 'ical.js';
import { describe, expect, it } from 'vitest';
import { type IcsBooking, toIcs } from './booking-ics';

const booking: IcsBooking = {
  id: 'b_6f1c1d9e',
  calendar: 'dr-smith',
  calendarName: 'Dr. Smith, Praxis',
  start: new Date('2026-10-25T00:30:00Z'), // 02:30 CEST, the first of the two 02:30s in Berlin
  end: new Date('2026-10-25T01:30:00Z'), // 02:30 CET
  timezone: 'Europe/Berlin',
  status: 'confirmed',
  sequence: 0,
  summary: 'Consultation',
  url: 'https://leads.example.com/manage/b_6f1c1d9e?token=abc',
  organizer: 'Praxis Dr. Smith <praxis@example.com>',
  createdAt: new Date('2026-10-01T09:00:00Z'),
  updatedAt: new Date('2026-10-01T09:00:00Z'),
};

function parseEvent(ics: string) {
  const calendar = new ICAL.Component(ICAL.parse(ics));
  const vevent = calendar.getFirstSubcomponent('vevent');
  if (!vevent) throw new Error('no VEVENT');
  return { calendar, vevent, event: new ICAL.Event(vevent) };
}

describe('toIcs', () => {
  it('is an RFC 5545 PUBLISH calendar an independent parser reads back with the same instants', () => {
    const ics = toIcs(booking, { domain: 'leads.example.com' });
    const { calendar, vevent, event } = parseEvent(ics);
    expect(calendar.getFirstPropertyValue('method')).toBe('PUBLISH');
    expect(calendar.getFirstPropertyValue('version')).toBe('2.0');
    expect(calendar.getFirstPropertyValue('x-wr-timezone')).toBe('Europe/Berlin');
    expect(event.uid).toBe('b_6f1c1d9e@leads.example.com');
    expect(event.sequence).toBe(0);
    expect(event.startDate.toJSDate().getTime()).toBe(booking.start.getTime());
    expect(event.endDate.toJSDate().getTime()).toBe(booking.end.getTime());
    expect(event.startDate.zone?.tzid).toBe('UTC');
    expect(vevent.getFirstPropertyValue('status')).toBe('CONFIRMED');
    expect(String(vevent.getFirstPropertyValue('dtstamp'))).toBe('2026-10-01T09:00:00Z');
    expect(vevent.getFirstPropertyValue('url')).toBe(booking.url);
    expect(vevent.getFirstPropertyValue('organizer')).toBe('mailto:praxis@example.com');
    expect(vevent.getFirstProperty('organizer')?.getParameter('cn')).toBe('Praxis Dr. Smith');
    // The zone is named for people too, with the wall clock of the repeated hour.
    expect(event.description).toBe('Time: 2026-10-25 02:30–02:30 (Europe/Berlin)');
    // No TZID without a VTIMEZONE.
    expect(ics).not.toMatch(/TZID/);
  });

  it('uses CRLF only and folds every line at 75 octets without splitting a character', () => {
    const description = 'Grüße aus Köln – 東京の診療所 😀 «Müßiggang» '.repeat(6).slice(0, 200);
    expect([...description].length).toBeGreaterThan(150);
    const ics = toIcs({ ...booking, description }, { domain: 'leads.example.com' });
    expect(ics.endsWith('\r\n')).toBe(true);
    expect(ics.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    const lines = ics.split('\r\n').slice(0, -1);
    for (const line of lines) {
      expect(Buffer.byteLength(line, 'utf8')).toBeLessThanOrEqual(75);
      expect(line).not.toContain('\uFFFD');
    }
    expect(lines.some((line) => line.startsWith(' '))).toBe(true);
    expect(parseEvent(ics).event.description).toBe(
      `${description}\n\nTime: 2026-10-25 02:30–02:30 (Europe/Berlin)`,
    );
  });

  it('escapes backslash, semicolon, comma and line breaks in text', () => {
    const summary = 'Check-up, teeth; x-ray\\scan\nsecond line\r\nthird';
    const ics = toIcs({ ...booking, summary }, { domain: 'leads.example.com' });
    expect(ics).toContain('SUMMARY:Check-up\\, teeth\\; x-ray\\\\scan\\nsecond line\\nthird');
    expect(parseEvent(ics).event.summary).toBe('Check-up, teeth; x-ray\\scan\nsecond line\nthird');
    // An X- property is TEXT by default (RFC 5545 §3.8.8.2), so it is escaped too; ical.js
    // hands unknown properties back raw, hence the check on the line itself.
    expect(ics).toContain('X-WR-CALNAME:Dr. Smith\\, Praxis\r\n');
  });

  it('keeps the UID and raises SEQUENCE across a reschedule; a cancel says CANCELLED', () => {
    const first = parseEvent(toIcs(booking, { domain: 'leads.example.com' })).event;
    const moved = parseEvent(
      toIcs(
        {
          ...booking,
          start: new Date('2026-10-26T09:00:00Z'),
          end: new Date('2026-10-26T10:00:00Z'),
          sequence: 1,
          updatedAt: new Date('2026-10-02T09:00:00Z'),
        },
        { domain: 'leads.example.com' },
      ),
    );
    expect(moved.event.uid).toBe(first.uid);
    expect(moved.event.sequence).toBe(1);
    expect(moved.event.startDate.toJSDate().toISOString()).toBe('2026-10-26T09:00:00.000Z');
    const cancelled = parseEvent(
      toIcs({ ...booking, status: 'cancelled', sequence: 2 }, { domain: 'leads.example.com' }),
    );
    expect(cancelled.vevent.getFirstPropertyValue('status')).toBe('CANCELLED');
    expect(cancelled.event.uid).toBe(first.uid);
    expect(cancelled.event.sequence).toBe(2);
  });

  it('refuses what would make a broken file', () => {
    const domain = { domain: 'leads.example.com' };
    expect(() => toIcs({ ...booking, timezone: 'Mars/Olympus' }, domain)).toThrow(RangeError);
    expect(() => toIcs({ ...booking, end: booking.start }, domain)).toThrow(/end must be after start/);
    expect(() => toIcs({ ...booking, start: new Date('nope') }, domain)).toThrow(/start/);
    expect(() => toIcs({ ...booking, id: 'a\r\nATTENDEE:x' }, domain)).toThrow(/id/);
    expect(() => toIcs({ ...booking, sequence: -1 }, domain)).toThrow(/sequence/);
    expect(() => toIcs({ ...booking, url: 'javascript:alert(1)' }, domain)).toThrow(/url/);
    expect(() => toIcs({ ...booking, organizer: 'someone' }, domain)).toThrow(/organizer/);
  });
});
