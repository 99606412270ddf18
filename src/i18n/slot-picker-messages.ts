import type { PluralForms } from './get-messages';
import { pickCatalogue, type ReceivedMessages } from './received-messages';

/**
 * The slot picker's strings. Kept apart from the form's `Messages` so that a page importing
 * only the form does not carry them; only English is in the bundle, the other languages'
 * catalogues (src/proxy/locales/) come from the proxy with the calendar's definition.
 * `{name}` placeholders are filled by `formatMessage`; `{count}` strings have a form per plural
 * category the language has (`selectPlural`: Arabic tells six apart, English two).
 */
export interface SlotPickerMessages {
  loading: string;
  loadFailed: string;
  retry: string;
  previousMonth: string;
  nextMonth: string;
  /** Accessible name of a day: `{date}` is the full date. */
  dayTimes: PluralForms;
  dayNoTimes: string;
  /** `{date}`: the chosen day. */
  timesFor: string;
  noTimes: string;
  backToCalendar: string;
  /** `{zone}`: the zone's name. */
  timesInZone: string;
  fromDevice: string;
  changeZone: string;
  searchZone: string;
  /** `{time}` in the calendar's zone `{zone}`. */
  calendarTime: string;
  justTaken: string;
  /** `{time}`: the chosen time. */
  selected: string;
  /** `{month}` shown, `{count}` days with times. */
  monthShown: PluralForms;
  nextAvailable: string;
  /** The week shown has no free time; `{date}` is the next day that has. */
  weekEmpty: string;
}

/** English, the reference catalogue. */
export const slotPickerMessagesEn: SlotPickerMessages = {
  loading: 'Loading free times…',
  loadFailed: 'The free times could not be loaded.',
  retry: 'Try again',
  previousMonth: 'Previous month',
  nextMonth: 'Next month',
  dayTimes: { one: '{date}, {count} time available', other: '{date}, {count} times available' },
  dayNoTimes: '{date}, no times available',
  timesFor: 'Times on {date}',
  noTimes: 'No free times on this day.',
  backToCalendar: 'Choose another day',
  timesInZone: 'Times in {zone}',
  fromDevice: '(from your device)',
  changeZone: 'Change time zone',
  searchZone: 'Search time zones',
  calendarTime: '{time} in {zone}',
  justTaken: 'That time was just taken. Please choose another.',
  selected: '{time} selected',
  monthShown: { one: '{month}: {count} day with free times', other: '{month}: {count} days with free times' },
  nextAvailable: 'Next available time',
  weekEmpty: 'No free times this week. The next is on {date}.',
};

/** The picker's catalogue for a locale: the proxy's in that language, else English. */
export function getSlotPickerMessages(locale: string, received?: ReceivedMessages): SlotPickerMessages {
  return pickCatalogue(slotPickerMessagesEn, locale, received, 'slotPicker');
}
