import type { HTMLAttributes as PreactHTMLAttributes } from 'preact';
import { BookingElement } from './booking';

/** Registers `<leadkit-booking>` once (a second call is a no-op). */
export function defineBooking(): void {
  if (typeof customElements === 'undefined') return;
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
