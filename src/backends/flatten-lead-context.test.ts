import { describe, expect, it } from 'vitest';
import { makeTestLead } from '../../test/support/backend-test-kit';
import { flattenLeadContext } from './flatten-lead-context';
import { toLeadcenterNotes } from './leadcenter/leadcenter-notes';

const booking = {
  id: 'bk-1',
  calendar: 'dr-smith',
  start: '2026-12-07T08:00:00.000Z',
  end: '2026-12-07T08:30:00.000Z',
  timezone: 'Europe/Berlin',
};

describe("the booked slot on a booking's lead", () => {
  it('reaches vendors with only custom fields as booking_* pairs, and none on a plain lead', () => {
    const pairs = Object.fromEntries(flattenLeadContext(makeTestLead({ bookingId: 'bk-1', booking })));
    expect(pairs).toMatchObject({
      booking_id: 'bk-1',
      booking_calendar: 'dr-smith',
      booking_start: booking.start,
      booking_end: booking.end,
      booking_timezone: 'Europe/Berlin',
    });
    expect(
      Object.keys(Object.fromEntries(flattenLeadContext(makeTestLead()))).some((k) =>
        k.startsWith('booking_'),
      ),
    ).toBe(false);
  });

  it('is written into LeadCenter.AI notes', () => {
    const notes = toLeadcenterNotes(makeTestLead({ bookingId: 'bk-1', booking }), undefined, {}, true);
    expect(notes).toContain(`booking: ${booking.start} to ${booking.end} (Europe/Berlin), bk-1`);
  });
});
