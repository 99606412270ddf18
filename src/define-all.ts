import { defineBooking } from '../widgets/booking/define';
import { defineBookingConfirm } from '../widgets/booking-confirm/define';
import { defineLeadForm } from '../widgets/lead-form/define';
import { defineSlotPicker } from '../widgets/slot-picker/define';

/**
 * Registers every leadkit element (`<leadkit-form>`, and the booking elements once they ship).
 * Idempotent: an element already registered, by this or another copy of leadkit, is left alone.
 * Importing `define` pulls in every element; import `defineLeadForm` instead to keep a bundle to
 * the form alone.
 *
 * @example
 * import { define } from 'leadkit';
 * define();
 * document.body.insertAdjacentHTML('beforeend', '<leadkit-form endpoint="https://leads.example.com" form="contact"></leadkit-form>');
 */
export function define(): void {
  defineLeadForm();
  defineSlotPicker();
  defineBookingConfirm();
  defineBooking();
}
