/**
 * Every leadkit custom element, by tag: its class, the properties and attributes a framework
 * may set, and its events. `leadkit/vue` and `leadkit/svelte` map over this one table, so a new
 * element is one row here and both frameworks see it. (The React and Preact entries live in each
 * element's define.ts.)
 *
 * `props` keys are what a template writes: camelCase where the element has that property
 * (`hiddenFields` takes an object), kebab-case where it is only an attribute (`lead-ref`, and
 * `hidden-fields` as a JSON string). Vue and Svelte set a key as a property when the element has
 * it and as an attribute otherwise, so `leadRef` (no such property) would set an attribute
 * `leadref` that nothing reads: it is not in the table.
 */

import type { BookingElement } from '../../widgets/booking/booking';
import type { BookingAttributes } from '../../widgets/booking/define';
import type { BookingConfirmElement } from '../../widgets/booking-confirm/booking-confirm';
import type { BookingConfirmAttributes } from '../../widgets/booking-confirm/define';
import type { LeadFormProperties } from '../../widgets/lead-form/define';
import type { LeadFormElement } from '../../widgets/lead-form/lead-form';
import type { SignalAttributes } from '../../widgets/signal/define';
import type { SignalElement } from '../../widgets/signal/signal';
import type { SlotPickerAttributes, SlotPickerElement } from '../../widgets/slot-picker/slot-picker';
import type { BookingEventMap, LeadFormEventMap, SlotPickerEventMap } from '../client/leadkit-events';

/** `prefill` and `hiddenFields` as the booking elements' properties take them (objects). */
interface BookingObjectProperties {
  prefill?: Record<string, unknown> | string;
  hiddenFields?: Record<string, unknown>;
}

/** One row per tag: `element` (the class), `props` (what a framework sets), `events` (name → event). */
export interface LeadkitElementTypes {
  'leadkit-form': { element: LeadFormElement; props: LeadFormProperties; events: LeadFormEventMap };
  'leadkit-slot-picker': {
    element: SlotPickerElement;
    props: SlotPickerAttributes;
    events: SlotPickerEventMap;
  };
  'leadkit-booking-confirm': {
    element: BookingConfirmElement;
    props: Omit<BookingConfirmAttributes, 'prefill'> & BookingObjectProperties;
    events: Pick<
      BookingEventMap,
      'leadkit:ready' | 'leadkit:submit' | 'leadkit:slot-selected' | 'leadkit:booked' | 'leadkit:error'
    >;
  };
  'leadkit-booking': {
    element: BookingElement;
    props: Omit<BookingAttributes, 'prefill'> & BookingObjectProperties;
    events: BookingEventMap;
  };
  'leadkit-signal': { element: SignalElement; props: SignalAttributes; events: Record<never, never> };
}

/** A tag of a leadkit custom element. */
export type LeadkitTag = keyof LeadkitElementTypes;
