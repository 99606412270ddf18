import type { HTMLAttributes as PreactHTMLAttributes } from 'preact';
import { setFormBooking } from '../lead-form/form-booking';
import { defineSlotPicker } from '../slot-picker/define';
import { BookingElement } from './booking';
import { BookingHandoff } from './booking-handoff';

/**
 * Registers `<leadkit-booking>` once (a second call is a no-op), and `<leadkit-slot-picker>`,
 * which its flow places by tag; from then on a `<leadkit-form>` whose definition names a
 * calendar turns into its booking after a successful submission (form → instant booking).
 */
export function defineBooking(): void {
  if (typeof customElements === 'undefined') return;
  defineSlotPicker();
  setFormBooking(BookingHandoff);
  if (!customElements.get('leadkit-booking')) customElements.define('leadkit-booking', BookingElement);
}

/** The attributes of `<leadkit-booking>`, for templates. */
export interface BookingAttributes {
  endpoint: string;
  calendar?: string;
  booking?: string;
  token?: string;
  theme?: string;
  locale?: string;
  timezone?: string;
  prefill?: string;
  'hidden-fields'?: string;
  'lead-ref'?: string;
  /** A form whose fields are asked instead of the calendar's; the lead goes to it, the booking is linked. */
  form?: string;
}

declare global {
  interface HTMLElementTagNameMap {
    'leadkit-booking': BookingElement;
  }
}

declare module 'preact' {
  namespace JSX {
    interface IntrinsicElements {
      'leadkit-booking': PreactHTMLAttributes<BookingElement> & BookingAttributes;
    }
  }
}
