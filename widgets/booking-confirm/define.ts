import type { HTMLAttributes as PreactHTMLAttributes } from 'preact';
import { BookingConfirmElement } from './booking-confirm';

/** Registers `<leadkit-booking-confirm>` once (a second call is a no-op). */
export function defineBookingConfirm(): void {
  if (typeof customElements === 'undefined') return;
  if (!customElements.get('leadkit-booking-confirm'))
    customElements.define('leadkit-booking-confirm', BookingConfirmElement);
}

/** The attributes of `<leadkit-booking-confirm>`, for templates. */
export interface BookingConfirmAttributes {
  endpoint: string;
  calendar: string;
  start: string;
  end: string;
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
    'leadkit-booking-confirm': BookingConfirmElement;
  }
}

declare module 'preact' {
  namespace JSX {
    interface IntrinsicElements {
      'leadkit-booking-confirm': PreactHTMLAttributes<BookingConfirmElement> & BookingConfirmAttributes;
    }
  }
}
