/**
 * `<leadkit-booking-confirm>` — the attendee's details for one slot, and the booking.
 *
 * Attributes (reactive): `endpoint`*, `calendar`*, `start`* and `end`* (ISO 8601 instants,
 * a free slot as `leadkit:slot-selected` gives it), `theme`, `locale`, `timezone`,
 * `prefill` (JSON), `hidden-fields` (JSON), `lead-ref` (the signed reference of a lead just
 * captured; else the one the browser kept after a form's submission), `form` (a form id: its
 * fields and consent are asked instead of the calendar's form, and Book sends the lead to it
 * first, then books linked to that lead; CONTRACT §4 "an element's `form` attribute wins").
 * Properties: the same in camelCase; `prefill` and `hiddenFields` take objects. Read-only `status`.
 *
 * Events (bubbling, composed; also pushed to `window.dataLayer` as `leadkit_*`):
 * `leadkit:ready` `{ calendar }`, `leadkit:submit` `{ calendar, submissionId }`,
 * `leadkit:booked` `{ bookingId, start, end, timezone }`, `leadkit:slot-selected`
 * `{ start, end, timezone }` (an alternative taken after `slot_unavailable`),
 * `leadkit:error` `{ code, message, calendar }` (declared in src/client/leadkit-events.ts).
 *
 * CSS parts: the lead form's (`root`, `form`, `field`, `label`, `input`, `country`, `error`,
 * `button`, `message`, `consent`) and `summary`, `alternatives`, `slot`, `booked`,
 * `calendar-links`, `link`, `manage`. Custom properties: the lead form's `--leadkit-*`.
 */
import type { ClientDeps } from '../../src/client/client-deps';
import { leadFormCss } from '../lead-form/lead-form-styles';
import { LeadkitElement } from '../shared/leadkit-element';
import { bookingCss } from './booking-confirm-styles';
import { BookingConfirm, type BookingConfirmStatus } from './booking-confirm-view';
import { type BookingDetailsProperties, withBookingDetails } from './booking-details-attributes';

// The generated properties, typed.
export interface BookingConfirmElement extends BookingDetailsProperties {}

/** The `<leadkit-booking-confirm>` element class; importing it registers nothing. */
// biome-ignore lint/suspicious/noUnsafeDeclarationMerging: see the interface above.
export class BookingConfirmElement extends LeadkitElement {
  static override attributes = /* @__PURE__ */ withBookingDetails({
    endpoint: 'required',
    calendar: 'required',
    start: 'required',
    end: 'required',
  } as const);
  static override styles = [leadFormCss, bookingCss];

  /** Base URL of the leadkit proxy (the `endpoint` attribute). */
  declare endpoint: string;
  /** The calendar's id in the proxy's config. */
  declare calendar: string;
  /** The slot's start, an ISO 8601 instant. */
  declare start: string;
  /** The slot's end, an ISO 8601 instant. */
  declare end: string;

  #status: BookingConfirmStatus = 'loading';

  /** `loading`, `load-failed`, `editing`, `sending`, `booked` or `failed`. */
  get status(): BookingConfirmStatus {
    return this.#status;
  }

  protected override renderView(deps: ClientDeps, signal: AbortSignal | undefined) {
    return (
      <BookingConfirm
        {...this.getPage()}
        endpoint={this.endpoint}
        calendar={this.calendar}
        start={this.start}
        end={this.end}
        locale={this.locale ?? undefined}
        timezone={this.timezone ?? undefined}
        prefill={this.prefill}
        hiddenFields={this.hiddenFields}
        leadRef={this.leadRef ?? undefined}
        form={this.form ?? undefined}
        deps={deps}
        signal={signal}
        emit={(name, detail) => this.emit(name, detail)}
        onStatus={(status) => {
          this.#status = status;
        }}
      />
    );
  }
}
