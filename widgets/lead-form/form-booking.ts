import type { VNode } from 'preact';
import type { KnownLead } from '../booking-confirm/known-lead';

/** What a form whose definition names a calendar (`booking`) hands to the booking that follows it. */
export interface FormBookingProps {
  endpoint: string;
  calendar: string;
  locale: string;
  timezone?: string | undefined;
  theme?: string | undefined;
  /** The lead just captured; until then the booking stays hidden (it is only loading). */
  lead: KnownLead | undefined;
}

/** Renders the booking that follows a sent lead. */
export type FormBookingView = (props: FormBookingProps) => VNode | null;

let view: FormBookingView | undefined;

/**
 * Form → instant booking is registered by `defineBooking()` (the script tag and `define()` call
 * it), not imported by the form: an app that imports only `defineLeadForm()` bundles none of
 * the booking (test/bundle-size.test.ts), and its forms end at their success message.
 */
export function setFormBooking(next: FormBookingView): void {
  view = next;
}

/** The registered booking view, or undefined when no booking element was defined. */
export function getFormBooking(): FormBookingView | undefined {
  return view;
}
