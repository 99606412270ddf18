import type { BookingMessages } from '../../i18n/booking-messages';
import type { Messages } from '../../i18n/messages';
import type { SlotPickerMessages } from '../../i18n/slot-picker-messages';

/**
 * One language's sentences for every element, typed against the English catalogues that ship
 * in the bundle: a missing key is a type error. Only the proxy imports these; it sends the
 * parts an answer's element needs as the definition's `messages`.
 */
export interface LocaleCatalogue {
  form: Messages;
  slotPicker: SlotPickerMessages;
  booking: BookingMessages;
}
