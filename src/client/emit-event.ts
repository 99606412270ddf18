import type { BookingEventDetails, LeadFormEventDetails, SlotPickerEventDetails } from './leadkit-events';

/** The events every leadkit element may dispatch (CONTRACT §2). */
export type LeadkitEventName =
  | 'leadkit:ready'
  | 'leadkit:submit'
  | 'leadkit:success'
  | 'leadkit:error'
  | 'leadkit:slot-selected'
  | 'leadkit:booked'
  | 'leadkit:cancelled'
  | 'leadkit:rescheduled';

/** The `detail` an event carries: every event is declared once, in leadkit-events.ts. */
export type LeadkitEventDetail<K extends LeadkitEventName> = K extends keyof LeadFormEventDetails
  ? LeadFormEventDetails[K] | (K extends keyof BookingEventDetails ? BookingEventDetails[K] : never)
  : K extends keyof SlotPickerEventDetails
    ? SlotPickerEventDetails[K] | (K extends keyof BookingEventDetails ? BookingEventDetails[K] : never)
    : K extends keyof BookingEventDetails
      ? BookingEventDetails[K]
      : Record<string, unknown>;

/**
 * Dispatches a bubbling, composed `CustomEvent` from `target` and, where the page has a
 * `dataLayer`, pushes `{ event: 'leadkit_success', …detail }` for tag managers. Details
 * never carry field values, so nothing personal reaches third-party tags. Never throws:
 * a broken `dataLayer` shim is the page's problem, not a reason to lose the lead.
 */
export function emitLeadkitEvent<K extends LeadkitEventName>(
  target: EventTarget,
  name: K,
  detail: LeadkitEventDetail<K>,
): void {
  try {
    target.dispatchEvent(new CustomEvent(name, { detail, bubbles: true, composed: true }));
  } catch {
    // dispatchEvent reports listener errors itself; this only guards exotic targets.
  }
  try {
    const layer = (globalThis as { dataLayer?: { push?: (entry: unknown) => unknown } }).dataLayer;
    if (typeof layer?.push === 'function') layer.push({ event: name.replace(/[:-]/g, '_'), ...detail });
  } catch {
    // See above.
  }
}
