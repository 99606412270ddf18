/**
 * The ES module entry (`dist/leadkit.mjs`) for apps: every element class, `define()`, `mount()`
 * and the `LeadKit` client API, exported by name so nothing becomes public by accident
 * (test/package-exports.test.ts pins the list). Nothing here runs on import: importing
 * `LeadFormElement` alone pulls in the form and nothing else.
 */

export { BookingElement } from '../widgets/booking/booking';
export type { BookingAttributes } from '../widgets/booking/define';
export { defineBooking } from '../widgets/booking/define';
export { BookingConfirmElement } from '../widgets/booking-confirm/booking-confirm';
export type { BookingConfirmAttributes } from '../widgets/booking-confirm/define';
export { defineBookingConfirm } from '../widgets/booking-confirm/define';
export { defineLeadForm } from '../widgets/lead-form/define';
export type { LeadFormAttributes } from '../widgets/lead-form/lead-form';
export { LeadFormElement } from '../widgets/lead-form/lead-form';
export type { SignalAttributes } from '../widgets/signal/define';
export { defineSignal } from '../widgets/signal/define';
export { SignalElement } from '../widgets/signal/signal';
export { defineSlotPicker } from '../widgets/slot-picker/define';
export type { SlotPickerAttributes } from '../widgets/slot-picker/slot-picker';
export { SlotPickerElement } from '../widgets/slot-picker/slot-picker';
export type { LeadKitApi, QueuedSignal } from './client/leadkit-api';
export { LeadKit } from './client/leadkit-api';
export type {
  BookingEventDetail,
  BookingEventMap,
  LeadErrorCode,
  LeadErrorDetail,
  LeadFormEventMap,
  LeadFormStatus,
  LeadReadyDetail,
  LeadSubmitDetail,
  LeadSuccessDetail,
  SlotPickerEventMap,
  SlotSelectedDetail,
} from './client/leadkit-events';
export { define } from './define-all';
export type { FieldDef, FieldType, Label } from './model/field';
export type { FormDefinition } from './model/form';
export type { LeadSubmission } from './model/lead';
export type { MountedForm, MountFormOptions, MountKind } from './mount';
export { mount } from './mount';
