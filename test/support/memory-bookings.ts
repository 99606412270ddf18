import type { BookingStore } from '../../src/backends/backend';
import type { StoredBooking } from '../../src/model/booking';
import type { NewBooking } from '../../src/store/store';

/** Just enough of the store for a vendor calendar: vendor calendars store with `overlap: null`. */
export function createMemoryBookings(): BookingStore & { saved: StoredBooking[] } {
  const saved: StoredBooking[] = [];
  return {
    saved,
    async saveBooking(input: NewBooking) {
      saved.push(input.booking);
      return { kind: 'created', booking: input.booking };
    },
    async rescheduleBooking({ id, start, end }) {
      const booking = saved.find((b) => b.id === id);
      if (!booking) return { kind: 'not_found' };
      if (booking.status === 'cancelled') return { kind: 'cancelled', booking };
      Object.assign(booking, { start, end, sequence: booking.sequence + 1 });
      return { kind: 'rescheduled', booking };
    },
    async cancelBooking({ id }) {
      const booking = saved.find((b) => b.id === id);
      if (!booking) return { kind: 'not_found' };
      const changed = booking.status !== 'cancelled';
      booking.status = 'cancelled';
      return { kind: 'cancelled', booking, changed };
    },
    async listBusy() {
      return [];
    },
  };
}
