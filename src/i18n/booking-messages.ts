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
};

/** The booking sentences for a locale: German or English (the fallback) today. */
export function getBookingMessages(locale: string): BookingMessages {
  return getLanguage(locale) === 'de' ? DE : EN;
}
