/**
 * `<leadkit-booking-confirm>` — the attendee's details for one slot, and the booking.
 *
 * Attributes (reactive): `endpoint`*, `calendar`*, `start`* and `end`* (ISO 8601 instants,
 * a free slot as `leadkit:slot-selected` gives it), `theme`, `locale`, `timezone`,
 * `prefill` (JSON), `hidden-fields` (JSON), `lead-ref` (the signed reference of a lead just
 * captured; else the one the browser kept after a form's submission).
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
import { render } from 'preact';
import { type ClientDeps, getBrowserDeps } from '../../src/client/client-deps';
import { emitLeadkitEvent, type LeadkitEventDetail } from '../../src/client/emit-event';
import type { BookingEventDetails } from '../../src/client/leadkit-events';
import { getThemeCss } from '../../themes/index';
import { parseJsonAttribute } from '../lead-form/lead-form-attributes';
import { adoptStyles, leadFormCss } from '../lead-form/lead-form-styles';
import { bookingCss } from './booking-confirm-styles';
import { BookingConfirm, type BookingConfirmStatus } from './booking-confirm-view';

const OBSERVED = [
  'endpoint',
  'calendar',
  'start',
  'end',
  'theme',
  'locale',
  'timezone',
  'prefill',
  'hidden-fields',
  'lead-ref',
] as const;

const ElementBase: typeof HTMLElement =
  typeof HTMLElement === 'undefined' ? (class {} as unknown as typeof HTMLElement) : HTMLElement;

/** The `<leadkit-booking-confirm>` element class; importing it registers nothing. */
export class BookingConfirmElement extends ElementBase {
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
  #status: BookingConfirmStatus = 'loading';
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
  get start(): string {
    return this.getAttribute('start') ?? '';
  }
  set start(value: string) {
    this.setAttribute('start', String(value));
  }
  get end(): string {
    return this.getAttribute('end') ?? '';
  }
  set end(value: string) {
    this.setAttribute('end', String(value));
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
  /** `loading`, `load-failed`, `editing`, `sending`, `booked` or `failed`. */
  get status(): BookingConfirmStatus {
    return this.#status;
  }

  connectedCallback(): void {
    try {
      this.#connected = true;
      this.#lifetime = new AbortController();
      this.#deps ??= BookingConfirmElement.createDeps();
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
      render(
        <BookingConfirm
          endpoint={this.endpoint}
          calendar={this.calendar}
          start={this.start}
          end={this.end}
          locale={this.getAttribute('locale') ?? undefined}
          pageLocale={lang || undefined}
          browserLocale={typeof navigator === 'undefined' ? undefined : navigator.language}
          timezone={this.getAttribute('timezone') ?? undefined}
          prefill={this.#prefill}
          hiddenFields={this.#hiddenFields}
          leadRef={this.getAttribute('lead-ref') ?? undefined}
          pageUrl={this.ownerDocument.location?.href ?? ''}
          deps={deps}
          signal={this.#lifetime?.signal}
          emit={(name, detail) => this.#emit(name, detail)}
          onStatus={(status) => {
            this.#status = status;
          }}
        />,
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
