import { getLanguage } from './get-messages';

/** The booking elements' own sentences (the fields' messages are the lead form's catalogue). */
export interface BookingMessages {
  loading: string;
  yourTime: string;
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

const EN: BookingMessages = {
  loading: 'Loading…',
  yourTime: 'Your time',
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

const DE: BookingMessages = {
  loading: 'Wird geladen…',
  yourTime: 'Ihre Zeit',
  calendarTime: 'Ortszeit des Kalenders',
  book: 'Buchen',
  booking: 'Wird gebucht…',
  booked: 'Ihr Termin ist gebucht.',
  slotTaken:
    'Leider wurde dieser Termin gerade vergeben. Wählen Sie eine dieser freien Zeiten; Ihre Angaben bleiben erhalten.',
  slotTakenNoAlternatives:
    'Leider wurde dieser Termin gerade vergeben. Bitte wählen Sie eine andere Zeit; Ihre Angaben bleiben erhalten.',
  alternativesLabel: 'Freie Zeiten in der Nähe',
  chosen: 'Zeit geändert auf {time}. Drücken Sie „Buchen“ zum Bestätigen.',
  failed: 'Die Buchung ist fehlgeschlagen. Ihre Angaben bleiben erhalten; bitte erneut versuchen.',
  addToCalendar: 'Zum Kalender hinzufügen',
  downloadIcs: '.ics herunterladen (Apple, Outlook)',
  googleCalendar: 'Google Kalender',
  outlook: 'Outlook.com',
  manage: 'Verschieben oder absagen',
  appointment: 'Termin',
  badSlot: 'Dieser Termin ist ungültig.',
  yourBooking: 'Ihr Termin',
  reschedule: 'Verschieben',
  cancelBooking: 'Termin absagen',
  cancelQuestion: 'Diesen Termin absagen? Das lässt sich nicht rückgängig machen.',
  confirmCancel: 'Ja, absagen',
  keep: 'Behalten',
  cancelled: 'Dieser Termin ist abgesagt.',
  moveQuestion: 'Termin auf {time} verschieben?',
  move: 'Verschieben',
  rescheduled: 'Ihr Termin wurde verschoben.',
  manageFailed: 'Das hat nicht geklappt. Bitte erneut versuchen.',
  linkInvalid: 'Dieser Link ist nicht (mehr) gültig. Bitte den neuesten Link verwenden.',
  back: 'Zurück',
  changeTime: 'Zeit ändern',
  chooseTime: 'Zeit wählen',
};

/** The booking sentences for a locale: German or English (the fallback) today. */
export function getBookingMessages(locale: string): BookingMessages {
  return getLanguage(locale) === 'de' ? DE : EN;
}
