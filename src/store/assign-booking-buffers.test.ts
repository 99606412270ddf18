import { describe, expect, it } from 'vitest';
import { assignBookingBuffers, type BookingSpan } from './assign-booking-buffers';

const MIN = 60_000;

function span(id: string, startMin: number, endMin: number, extra: Partial<BookingSpan> = {}): BookingSpan {
  return {
    id,
    calendar: 'local',
    status: 'confirmed',
    start_at: startMin * MIN,
    end_at: endMin * MIN,
    ...extra,
  };
}

const buffers = (calendar: string) => (calendar === 'local' ? 15 * MIN : null);

describe('assignBookingBuffers', () => {
  it("gives a local calendar's bookings its buffer and a vendor calendar's none", () => {
    const got = assignBookingBuffers(
      [span('a', 0, 30), span('b', 45, 75), span('v', 0, 30, { calendar: 'vendor' })],
      buffers,
    );
    expect(Object.fromEntries(got)).toEqual({ a: 15 * MIN, b: 15 * MIN, v: null });
  });

  it('gives 0 to a booking closer than the buffer (raised since), null to one that overlaps', () => {
    const got = assignBookingBuffers(
      // Given out of order: the rule is applied by start time.
      [span('close', 35, 65), span('first', 0, 30), span('overlap', 50, 80), span('later', 90, 120)],
      buffers,
    );
    expect(Object.fromEntries(got)).toEqual({ first: 15 * MIN, close: 0, overlap: null, later: 15 * MIN });
  });

  it('keeps the buffer on cancelled bookings, which no constraint compares, and none past a day', () => {
    const got = assignBookingBuffers(
      [span('a', 0, 30), span('c', 10, 40, { status: 'cancelled' }), span('long', 100, 100 + 25 * 60)],
      buffers,
    );
    expect(Object.fromEntries(got)).toEqual({ a: 15 * MIN, c: 15 * MIN, long: null });
  });
});
