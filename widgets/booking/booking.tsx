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
import { render } from 'preact';
import { type ClientDeps, getBrowserDeps } from '../../src/client/client-deps';
import { emitLeadkitEvent, type LeadkitEventDetail } from '../../src/client/emit-event';
import type { BookingEventDetails } from '../../src/client/leadkit-events';
import { getThemeCss } from '../../themes/index';
import { bookingCss } from '../booking-confirm/booking-confirm-styles';
import { parseJsonAttribute } from '../lead-form/lead-form-attributes';
import { adoptStyles, leadFormCss } from '../lead-form/lead-form-styles';
import { BookingFlow } from './booking-flow-view';
import { BookingManage } from './booking-manage-view';

const OBSERVED = [
  'endpoint',
  'calendar',
  'booking',
  'token',
  'theme',
  'locale',
  'timezone',
  'prefill',
  'hidden-fields',
  'lead-ref',
] as const;

const ElementBase: typeof HTMLElement =
  typeof HTMLElement === 'undefined' ? (class {} as unknown as typeof HTMLElement) : HTMLElement;

/** The `<leadkit-booking>` element class; importing it registers nothing. */
export class BookingElement extends ElementBase {
  static get observedAttributes(): string[] {
    return [...OBSERVED];
  }

  /** Test seam: replace to fake fetch, storage, clock and timers. */
  static createDeps: () => ClientDeps = getBrowserDeps;

  #root: ShadowRoot;
  #mount: HTMLDivElement;
  #deps: ClientDeps | undefined;
  #fallbackStyle: HTMLStyleElement | undefined;
  #prefill: Record<string, unknown> | undefined;
  #hiddenFields: Record<string, unknown> | undefined;
  #lifetime: AbortController | undefined;
  #connected = false;
  #renderQueued = false;

  constructor() {
    super();
    this.#root = this.attachShadow({ mode: 'open' });
    this.#mount = this.ownerDocument.createElement('div');
  }

  get endpoint(): string {
    return this.getAttribute('endpoint') ?? '';
  }
  set endpoint(value: string) {
    this.setAttribute('endpoint', String(value));
  }
  get calendar(): string {
    return this.getAttribute('calendar') ?? '';
  }
  set calendar(value: string) {
    this.setAttribute('calendar', String(value));
  }
  /** Field values to start with (the attribute takes JSON). */
  get prefill(): Record<string, unknown> | undefined {
    return this.#prefill;
  }
  set prefill(value: Record<string, unknown> | undefined | null) {
    this.#prefill = value && typeof value === 'object' ? { ...value } : undefined;
    this.#scheduleRender();
  }
  /** Values sent with the booking but not shown (the `hidden-fields` attribute takes JSON). */
  get hiddenFields(): Record<string, unknown> | undefined {
    return this.#hiddenFields;
  }
  set hiddenFields(value: Record<string, unknown> | undefined | null) {
    this.#hiddenFields = value && typeof value === 'object' ? { ...value } : undefined;
    this.#scheduleRender();
  }

  connectedCallback(): void {
    try {
      this.#connected = true;
      this.#lifetime = new AbortController();
      this.#deps ??= BookingElement.createDeps();
      if (!this.#mount.isConnected) this.#root.append(this.#mount);
      this.#applyTheme();
      this.#render();
    } catch (error) {
      this.#fail(error);
    }
  }

  disconnectedCallback(): void {
    this.#connected = false;
    this.#lifetime?.abort();
    try {
      render(null, this.#mount);
    } catch (error) {
      this.#fail(error);
    }
  }

  attributeChangedCallback(name: string, oldValue: string | null, value: string | null): void {
    if (oldValue === value) return;
    if (name === 'prefill' || name === 'hidden-fields') {
      const parsed = parseJsonAttribute(value);
      if (!parsed.ok) {
        if (this.#connected)
          this.#emit('leadkit:error', {
            code: 'bad_attribute',
            message: `The ${name} attribute ${parsed.message}.`,
          });
        return;
      }
      if (name === 'prefill') this.#prefill = parsed.value;
      else this.#hiddenFields = parsed.value;
    }
    if (name === 'theme' && this.#connected) this.#applyTheme();
    this.#scheduleRender();
  }

  #applyTheme(): void {
    const theme = getThemeCss(this.getAttribute('theme'));
    const sheets = theme ? [leadFormCss, bookingCss, theme] : [leadFormCss, bookingCss];
    this.#fallbackStyle = adoptStyles(this.#root, sheets, this.#fallbackStyle);
  }

  #scheduleRender(): void {
    if (!this.#connected || this.#renderQueued) return;
    this.#renderQueued = true;
    queueMicrotask(() => {
      this.#renderQueued = false;
      if (this.#connected) this.#render();
    });
  }

  #render(): void {
    const deps = this.#deps;
    if (!deps) return;
    try {
      const lang = this.closest('[lang]')?.getAttribute('lang') || this.ownerDocument.documentElement.lang;
      const common = {
        endpoint: this.endpoint,
        locale: this.getAttribute('locale') ?? undefined,
        pageLocale: lang || undefined,
        browserLocale: typeof navigator === 'undefined' ? undefined : navigator.language,
        timezone: this.getAttribute('timezone') ?? undefined,
        theme: this.getAttribute('theme') ?? undefined,
        pageUrl: this.ownerDocument.location?.href ?? '',
        deps,
        signal: this.#lifetime?.signal,
        emit: <K extends keyof BookingEventDetails>(name: K, detail: BookingEventDetails[K]) =>
          this.#emit(name, detail),
      };
      const bookingId = this.getAttribute('booking');
      render(
        bookingId ? (
          <BookingManage
            key={bookingId}
            {...common}
            bookingId={bookingId}
            token={this.getAttribute('token') ?? undefined}
          />
        ) : (
          <BookingFlow
            {...common}
            calendar={this.calendar}
            prefill={this.#prefill}
            hiddenFields={this.#hiddenFields}
            leadRef={this.getAttribute('lead-ref') ?? undefined}
          />
        ),
        this.#mount,
      );
    } catch (error) {
      this.#fail(error);
    }
  }

  #emit<K extends keyof BookingEventDetails>(name: K, detail: BookingEventDetails[K]): void {
    emitLeadkitEvent<K>(this, name, detail as LeadkitEventDetail<K>);
  }

  #fail(error: unknown): void {
    this.#emit('leadkit:error', {
      code: 'internal',
      message: error instanceof Error ? error.message : 'Unexpected error.',
      calendar: this.calendar,
    });
  }
}
