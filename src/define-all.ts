import { defineBooking } from '../widgets/booking/define';
import { defineBookingConfirm } from '../widgets/booking-confirm/define';
import { defineLeadForm } from '../widgets/lead-form/define';
import { defineSignal } from '../widgets/signal/define';
import { defineSlotPicker } from '../widgets/slot-picker/define';

/**
 * Registers every leadkit element (`<leadkit-form>`, the booking elements, `<leadkit-signal>`)
 * and starts page signals (`lk_ref` capture, `data-leadkit-signal` clicks: widgets/signal/define.ts).
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
  defineSignal();
  defineLeadForm();
  defineSlotPicker();
  defineBookingConfirm();
  defineBooking();
}
