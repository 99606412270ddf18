/**
 * `<leadkit-booking>` — the whole booking flow, or, with `booking`, the manage view.
 *
 * Attributes (reactive): `endpoint`*, `calendar`* (not needed with `booking`), `booking` (a
 * booking id: the manage view, as the proxy's manage page uses it), `token` (its manage token;
 * else the page URL's `?token=`), `theme`, `locale`, `timezone`, `prefill` (JSON),
 * `hidden-fields` (JSON), `lead-ref`, `form` (as for `<leadkit-booking-confirm>`: that form's
 * fields are asked, the lead goes to it, and the booking is linked to the lead).
 * Property `lead`: a lead just captured (form → instant booking), whose details are not asked again.
 *
 * Flow: `<leadkit-slot-picker>` → the details of `<leadkit-booking-confirm>` → booked (add to
 * calendar, manage link). "Change the time" goes back and keeps what was typed.
 * Manage view: the booking; "Reschedule" (with the picker) and "Cancel booking" (after a
 * confirmation) only where the calendar's `canReschedule` / `canCancel` allow.
 *
 * Events (bubbling, composed; also in `window.dataLayer`): `leadkit:ready`,
 * `leadkit:slot-selected`, `leadkit:submit`, `leadkit:booked`, `leadkit:rescheduled`,
 * `leadkit:cancelled` (`{ bookingId, start, end, timezone }`), `leadkit:error`.
 * CSS parts: those of `<leadkit-booking-confirm>`, and `picker`, `back`, `confirm`.
 */
import type { ClientDeps } from '../../src/client/client-deps';
import type { BookingEventDetails } from '../../src/client/leadkit-events';
import { bookingCss } from '../booking-confirm/booking-confirm-styles';
import {
  type BookingDetailsProperties,
  withBookingDetails,
} from '../booking-confirm/booking-details-attributes';
import type { KnownLead } from '../booking-confirm/known-lead';
import { leadFormCss } from '../lead-form/lead-form-styles';
import { LeadkitElement } from '../shared/leadkit-element';
import { BookingFlow } from './booking-flow-view';
import { BookingManage } from './booking-manage-view';

// The generated properties, typed.
export interface BookingElement extends BookingDetailsProperties {}

/** The `<leadkit-booking>` element class; importing it registers nothing. */
// biome-ignore lint/suspicious/noUnsafeDeclarationMerging: see the interface above.
export class BookingElement extends LeadkitElement {
  static override attributes = /* @__PURE__ */ withBookingDetails({
    endpoint: 'required',
    calendar: 'required',
    booking: 'optional',
    token: 'optional',
  } as const);
  static override styles = [leadFormCss, bookingCss];

  /** Base URL of the leadkit proxy (the `endpoint` attribute). */
  declare endpoint: string;
  /** The calendar's id in the proxy's config. */
  declare calendar: string;
  /** A booking id: the manage view. */
  declare booking: string | null;
  /** The booking's manage token; else the page URL's `?token=`. */
  declare token: string | null;

  #lead: KnownLead | undefined;

  /**
   * A lead just captured (form → instant booking; `<leadkit-form>` sets it): the booking is
   * linked to it by its `leadRef`, and the details step asks only what it leaves open.
   */
  get lead(): KnownLead | undefined {
    return this.#lead;
  }
  set lead(value: KnownLead | undefined | null) {
    this.#lead = value && typeof value.leadRef === 'string' ? value : undefined;
    this.scheduleRender();
  }

  protected override renderView(deps: ClientDeps, signal: AbortSignal | undefined) {
    const common = {
      ...this.getPage(),
      endpoint: this.endpoint,
      locale: this.locale ?? undefined,
      timezone: this.timezone ?? undefined,
      theme: this.theme ?? undefined,
      deps,
      signal,
      emit: <K extends keyof BookingEventDetails>(name: K, detail: BookingEventDetails[K]) =>
        this.emit(name, detail),
    };
    const bookingId = this.booking;
    return bookingId ? (
      <BookingManage key={bookingId} {...common} bookingId={bookingId} token={this.token ?? undefined} />
    ) : (
      <BookingFlow
        {...common}
        calendar={this.calendar}
        prefill={this.prefill}
        hiddenFields={this.hiddenFields}
        leadRef={this.leadRef ?? undefined}
        form={this.form ?? undefined}
        lead={this.#lead}
      />
    );
  }
}
