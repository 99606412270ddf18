/**
 * What `leadkit serve` runs with no config file: an SQLite store under ./.leadkit/, one
 * `local` backend and a demo form, allowed from the proxy's own origin, and the demo pages
 * (a config file serves them only with `"demo": true`). The admin token and `secret` are
 * generated on first start and kept in the store.
 * Calendar `demo` (CONTRACT §5) books into the same store through the `local` backend:
 * weekdays 09:00-12:00 and 13:00-17:00 in Europe/Berlin (a clinic's zone with DST, so the
 * demo shows offsets changing), 30-minute slots (60 also allowed), bookable from an hour
 * ahead up to 60 days ahead; its bookings' leads are the demo form's. Form `demo-booking` is
 * the same form with `booking: "demo"` (form → instant booking).
 */
export const DEFAULT_CONFIG = {
  store: 'sqlite:./.leadkit/leadkit.db',
  demo: true,
  backends: { inbox: { type: 'local' } },
  forms: {
    demo: {
      fields: ['name', 'email', 'phone', 'message'],
      deliver: ['inbox'],
      consent: { text: 'I agree to be contacted about my enquiry.', version: '1', required: true },
    },
    // Form → instant booking (demo/form-booking/): after the lead is sent the form turns into
    // the `demo` calendar's picker. Same fields and consent as `demo`, the calendar's form, so
    // the booking asks nothing again.
    'demo-booking': {
      fields: ['name', 'email', 'phone', 'message'],
      deliver: ['inbox'],
      consent: { text: 'I agree to be contacted about my enquiry.', version: '1', required: true },
      booking: 'demo',
    },
  },
  calendars: {
    demo: {
      backend: 'inbox',
      form: 'demo',
      timezone: 'Europe/Berlin',
      durationMinutes: 30,
      durations: [30, 60],
      hours: {
        mon: ['09:00-12:00', '13:00-17:00'],
        tue: ['09:00-12:00', '13:00-17:00'],
        wed: ['09:00-12:00', '13:00-17:00'],
        thu: ['09:00-12:00', '13:00-17:00'],
        fri: ['09:00-12:00', '13:00-17:00'],
      },
      bufferMinutes: 0,
      minNoticeMinutes: 60,
      maxDaysAhead: 60,
    },
  },
} as const;
