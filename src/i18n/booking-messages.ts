import { pickCatalogue, type ReceivedMessages } from './received-messages';

/**
 * The booking elements' own sentences (the fields' messages are the lead form's catalogue).
 * Only English is in the bundle; the other languages' (src/proxy/locales/) come from the proxy
 * with the calendar's definition or the booking.
 */
export interface BookingMessages {
  loading: string;
  yourTime: string;
  /** The heading of the step that books the chosen time. */
  confirmTitle: string;
  calendarTime: string;
  book: string;
  booking: string;
  booked: string;
  slotTaken: string;
  slotTakenNoAlternatives: string;
  alternativesLabel: string;
  chosen: string;
  failed: string;
  addToCalendar: string;
  downloadIcs: string;
  googleCalendar: string;
  outlook: string;
  manage: string;
  appointment: string;
  badSlot: string;
  yourBooking: string;
  reschedule: string;
  cancelBooking: string;
  cancelQuestion: string;
  confirmCancel: string;
  keep: string;
  cancelled: string;
  moveQuestion: string;
  move: string;
  rescheduled: string;
  manageFailed: string;
  linkInvalid: string;
  back: string;
  changeTime: string;
  chooseTime: string;
}

/** English, the reference catalogue. */
export const bookingMessagesEn: BookingMessages = {
  loading: 'Loading…',
  yourTime: 'Your time',
  confirmTitle: 'Confirm your booking',
  calendarTime: 'Local time of the calendar',
  book: 'Book',
  booking: 'Booking…',
  booked: 'You are booked.',
  slotTaken: 'Sorry — this time was just taken. Choose one of these free times; your details are kept.',
  slotTakenNoAlternatives:
    'Sorry — this time was just taken. Please choose another time; your details are kept.',
  alternativesLabel: 'Free times nearby',
  chosen: 'Time changed to {time}. Press Book to confirm.',
  failed: 'Booking failed. Your entries are kept; please try again.',
  addToCalendar: 'Add to calendar',
  downloadIcs: 'Download .ics (Apple, Outlook desktop)',
  googleCalendar: 'Google Calendar',
  outlook: 'Outlook.com',
  manage: 'Reschedule or cancel',
  appointment: 'Appointment',
  badSlot: 'This time slot is not valid.',
  yourBooking: 'Your booking',
  reschedule: 'Reschedule',
  cancelBooking: 'Cancel booking',
  cancelQuestion: 'Cancel this booking? This cannot be undone.',
  confirmCancel: 'Yes, cancel it',
  keep: 'Keep it',
  cancelled: 'This booking is cancelled.',
  moveQuestion: 'Move your booking to {time}?',
  move: 'Move it',
  rescheduled: 'Your booking has been moved.',
  manageFailed: 'That did not work. Please try again.',
  linkInvalid: 'This link is not valid (any more). Use the newest link you received.',
  back: 'Back',
  changeTime: 'Change the time',
  chooseTime: 'Choose a time',
};

/** The booking sentences for a locale: the proxy's in that language, else English. */
export function getBookingMessages(locale: string, received?: ReceivedMessages): BookingMessages {
  return pickCatalogue(bookingMessagesEn, locale, received, 'booking');
}
