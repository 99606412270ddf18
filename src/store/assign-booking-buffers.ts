/** What the buffer of a copied booking depends on. Times in ms. */
export interface BookingSpan {
  id: string;
  calendar: string;
  status: string;
  start_at: number;
  end_at: number;
}

/** The longest booking the overlap rule knows of (the PostgreSQL schema's check, too). */
const MAX_BOOKING_MS = 86_400_000;

/**
 * The `buffer_ms` each copied booking gets in the PostgreSQL schema: what the PostgreSQL
 * store writes for a booking made there — the calendar's buffer (`bufferOf`, ms) when a
 * local calendar's overlap rule applies, null when a vendor's calendar decides (`bufferOf`
 * null) — as long as the exclusion constraints can hold it beside the bookings before it:
 *
 * - A confirmed booking that overlaps one given a rule cannot have one itself (it was made
 *   while the calendar had none here, on a vendor's calendar): null.
 * - One closer to a booking than the buffer (the buffer was raised after both were made)
 *   gets 0: still never overlapping, and out of the way of the bookings under the buffer.
 *
 * A booking longer than a day (or of no length) has no rule (the schema's check). The
 * buffer only backs up the check every new booking runs against the stored ones; the
 * copied bookings, stored before any instance starts, never race with one.
 */
export function assignBookingBuffers(
  bookings: readonly BookingSpan[],
  bufferOf: (calendar: string) => number | null,
): Map<string, number | null> {
  const assigned = new Map<string, number | null>();
  const byCalendar = new Map<string, BookingSpan[]>();
  for (const booking of bookings) {
    const buffer = bufferOf(booking.calendar);
    const length = booking.end_at - booking.start_at;
    if (buffer === null || length <= 0 || length > MAX_BOOKING_MS) {
      assigned.set(booking.id, null);
    } else if (booking.status !== 'confirmed') {
      // A cancelled booking keeps the rule it was made under; the constraints skip it.
      assigned.set(booking.id, buffer);
    } else {
      const list = byCalendar.get(booking.calendar) ?? [];
      list.push(booking);
      byCalendar.set(booking.calendar, list);
    }
  }
  for (const [calendar, list] of byCalendar) {
    const buffer = bufferOf(calendar) as number;
    list.sort((a, b) => a.start_at - b.start_at || a.end_at - b.end_at || (a.id < b.id ? -1 : 1));
    // Sorted by start, a booking can only meet an earlier one that ends (plus buffer) after it starts.
    let ruledEnd = Number.NEGATIVE_INFINITY;
    let bufferedEnd = Number.NEGATIVE_INFINITY;
    for (const booking of list) {
      if (booking.start_at < ruledEnd) {
        assigned.set(booking.id, null);
        continue;
      }
      if (booking.start_at < bufferedEnd) {
        assigned.set(booking.id, 0);
      } else {
        assigned.set(booking.id, buffer);
        bufferedEnd = Math.max(bufferedEnd, booking.end_at + buffer);
      }
      ruledEnd = Math.max(ruledEnd, booking.end_at);
    }
  }
  return assigned;
}
