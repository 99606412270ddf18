/**
 * `<leadkit-booking>` — the whole booking flow, or, with `booking`, the manage view.
 *
 * Attributes (reactive): `endpoint`*, `calendar`* (not needed with `booking`), `booking` (a
 * booking id: the manage view, as the proxy's manage page uses it), `token` (its manage token;
 * else the page URL's `?token=`), `theme`, `locale`, `timezone`, `prefill` (JSON),
 * `hidden-fields` (JSON), `lead-ref`.
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
import type { KnownLead } from '../booking-confirm/known-lead';
import { leadFormCss } from '../lead-form/lead-form-styles';
import { type JsonAttributeProperties, LeadkitElement } from '../shared/leadkit-element';
import { BookingFlow } from './booking-flow-view';
import { BookingManage } from './booking-manage-view';

// The JSON properties LeadkitElement generates, typed.
export interface BookingElement extends JsonAttributeProperties {}

/** The `<leadkit-booking>` element class; importing it registers nothing. */
// biome-ignore lint/suspicious/noUnsafeDeclarationMerging: see the interface above.
export class BookingElement extends LeadkitElement {
  static override attributes = {
    endpoint: 'required',
    calendar: 'required',
    booking: 'optional',
    token: 'optional',
    theme: 'optional',
    locale: 'optional',
    timezone: 'optional',
    prefill: 'json',
    'hidden-fields': 'json',
    'lead-ref': 'optional',
  } as const;
  static override styles = [leadFormCss, bookingCss];

  /** Base URL of the leadkit proxy (the `endpoint` attribute). */
  declare endpoint: string;
  /** The calendar's id in the proxy's config. */
  declare calendar: string;
  /** A booking id: the manage view. */
  declare booking: string | null;
  /** The booking's manage token; else the page URL's `?token=`. */
  declare token: string | null;
  declare theme: string | null;
  declare locale: string | null;
  declare timezone: string | null;
  /** The signed reference of a lead just captured (the `lead-ref` attribute). */
  declare leadRef: string | null;

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
        lead={this.#lead}
      />
    );
  }
}
