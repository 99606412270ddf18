/**
 * `<leadkit-slot-picker>` — the free times of a calendar, in the visitor's time zone.
 *
 * Attributes (reactive): `endpoint`*, `calendar`*, `timezone` (IANA; default the browser's),
 * `locale` (BCP 47; default the page's `lang`, then the browser's), `duration` (minutes, one
 * of the calendar's `durations`), `theme` (`light` | `dark` | `minimal`).
 * Properties: the same; `markTaken(start)` removes a slot someone else just booked (and
 * announces it), `refresh()` loads the free times again; read-only `selected`
 * (`{ start, end, timezone }` of the chosen time, or undefined).
 *
 * Events (bubbling, composed; also pushed to `window.dataLayer` as `leadkit_*`):
 * `leadkit:ready` `{ calendar }`, `leadkit:slot-selected` `{ start, end, timezone, calendar }`
 * (`start`/`end` ISO 8601 with the offset of `timezone`), `leadkit:error` `{ code, message, calendar }`
 * (declared once in src/client/leadkit-events.ts).
 *
 * Keyboard (WAI-ARIA APG date-picker grid): arrows by day and week (mirrored in RTL),
 * Home/End (week), PageUp/PageDown (month), Shift+PageUp/PageDown (year), Enter/Space chooses a
 * day and moves focus to its times; times: arrows, Home/End, typeahead ("14" → 14:00), Enter.
 *
 * CSS parts: `root`, `month`, `button`, `nav`, `grid`, `day`, `day-available`, `times`, `slot`,
 * `slot-selected`, `back`, `next-available`, `timezone`, `timezone-button`, `timezone-popover`.
 * Custom properties: as `<leadkit-form>` (`--leadkit-color-primary`, `--leadkit-color-on-primary`,
 * `--leadkit-color-text`, `--leadkit-color-muted`, `--leadkit-color-bg`, `--leadkit-color-field-bg`,
 * `--leadkit-color-border`, `--leadkit-color-error`, `--leadkit-color-focus`, `--leadkit-radius`,
 * `--leadkit-font`, `--leadkit-font-size`, `--leadkit-spacing`, `--leadkit-padding`).
 */
import { render } from 'preact';
import { getBrowserTimeZone } from '../../src/client/browser-context';
import { type ClientDeps, getBrowserDeps } from '../../src/client/client-deps';
import { emitLeadkitEvent, type LeadkitEventDetail } from '../../src/client/emit-event';
import type { SlotPickerEventDetails, SlotSelectedDetail } from '../../src/client/leadkit-events';
import { resolveLocale } from '../../src/i18n/get-messages';
import { isValidTimeZone } from '../../src/time/is-valid-time-zone';
import { getThemeCss } from '../../themes/index';
import { adoptStyles } from '../lead-form/lead-form-styles';
import { slotPickerCss } from './slot-picker-styles';
import { SlotPicker } from './slot-picker-view';

/** The attributes of `<leadkit-slot-picker>` (CONTRACT §2). */
export interface SlotPickerAttributes {
  /** Base URL of the leadkit proxy. Required. */
  endpoint: string;
  /** The calendar's id in the proxy's config. Required. */
  calendar: string;
  /** IANA zone the times are shown in; default the browser's. */
  timezone?: string;
  /** BCP 47 tag; default the page's `lang`, then the browser's. */
  locale?: string;
  /** Slot length in minutes, one of the calendar's `durations`. */
  duration?: string | number;
  /** `light`, `dark` or `minimal`. */
  theme?: string;
}

const OBSERVED = ['endpoint', 'calendar', 'timezone', 'locale', 'duration', 'theme'] as const;

const ElementBase: typeof HTMLElement =
  typeof HTMLElement === 'undefined' ? (class {} as unknown as typeof HTMLElement) : HTMLElement;

/**
 * The `<leadkit-slot-picker>` element class. Importing this module registers nothing; call
 * `defineSlotPicker()` (widgets/slot-picker/define.ts) or `define()`.
 */
export class SlotPickerElement extends ElementBase {
  static get observedAttributes(): string[] {
    return [...OBSERVED];
  }

  /** Test seam: replace to fake fetch and clock for every instance created after. */
  static createDeps: () => ClientDeps = getBrowserDeps;

  #root: ShadowRoot;
  #mount: HTMLDivElement;
  #deps: ClientDeps | undefined;
  #fallbackStyle: HTMLStyleElement | undefined;
  #lifetime: AbortController | undefined;
  #connected = false;
  #renderQueued = false;
  #taken = new Set<number>();
  #refreshKey = 0;
  #chosenZone: string | undefined;
  #selected: SlotSelectedDetail | undefined;

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
  get timezone(): string | null {
    return this.getAttribute('timezone');
  }
  set timezone(value: string | null) {
    this.#reflect('timezone', value);
  }
  get locale(): string | null {
    return this.getAttribute('locale');
  }
  set locale(value: string | null) {
    this.#reflect('locale', value);
  }
  get duration(): number | undefined {
    const value = Number(this.getAttribute('duration'));
    return this.hasAttribute('duration') && Number.isInteger(value) && value > 0 ? value : undefined;
  }
  set duration(value: number | string | null | undefined) {
    this.#reflect('duration', value === null || value === undefined ? null : String(value));
  }
  get theme(): string | null {
    return this.getAttribute('theme');
  }
  set theme(value: string | null) {
    this.#reflect('theme', value);
  }
  /** The time the visitor chose, as `leadkit:slot-selected` carried it. */
  get selected(): SlotSelectedDetail | undefined {
    return this.#selected;
  }

  /**
   * Marks a slot as just taken (e.g. after a booking answered `409 slot_unavailable`): it
   * disappears from the times, and the polite live region says so.
   * @example picker.markTaken('2026-03-04T14:00:00+01:00')
   */
  markTaken(start: string): void {
    const instant = Date.parse(start);
    if (Number.isNaN(instant)) return;
    this.#taken = new Set(this.#taken).add(instant);
    if (this.#selected && Date.parse(this.#selected.start) === instant) this.#selected = undefined;
    this.#scheduleRender();
  }

  /** Loads the free times again (what was loaded is forgotten). */
  refresh(): void {
    this.#refreshKey++;
    this.#scheduleRender();
  }

  connectedCallback(): void {
    try {
      for (const name of ['endpoint', 'calendar', 'timezone', 'locale', 'duration', 'theme']) {
        if (Object.hasOwn(this, name)) {
          const value = (this as Record<string, unknown>)[name];
          delete (this as Record<string, unknown>)[name];
          (this as Record<string, unknown>)[name] = value;
        }
      }
      this.#connected = true;
      this.#lifetime = new AbortController();
      this.#deps ??= SlotPickerElement.createDeps();
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
    if (name === 'timezone') this.#chosenZone = undefined;
    if (name === 'theme' && this.#connected) this.#applyTheme();
    this.#scheduleRender();
  }

  #reflect(name: string, value: string | null | undefined): void {
    if (value === null || value === undefined) this.removeAttribute(name);
    else this.setAttribute(name, String(value));
  }

  #applyTheme(): void {
    const theme = getThemeCss(this.theme);
    this.#fallbackStyle = adoptStyles(
      this.#root,
      theme ? [slotPickerCss, theme] : [slotPickerCss],
      this.#fallbackStyle,
    );
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
      const locale = resolveLocale([
        this.locale,
        lang,
        typeof navigator === 'undefined' ? undefined : navigator.language,
      ]);
      const attribute = this.timezone;
      const device = getBrowserTimeZone() ?? 'UTC';
      const zone = this.#chosenZone ?? (attribute && isValidTimeZone(attribute) ? attribute : device);
      render(
        <SlotPicker
          endpoint={this.endpoint}
          calendar={this.calendar}
          locale={locale}
          timezone={zone}
          zoneFromDevice={zone === device && !this.#chosenZone && !(attribute && isValidTimeZone(attribute))}
          {...(this.duration !== undefined ? { duration: this.duration } : {})}
          pageUrl={this.ownerDocument.location?.href}
          deps={deps}
          signal={this.#lifetime?.signal}
          taken={this.#taken}
          refreshKey={this.#refreshKey}
          emit={(name, detail) => this.#emit(name, detail)}
          onZoneChange={(next) => {
            this.#chosenZone = next;
            this.#scheduleRender();
          }}
        />,
        this.#mount,
      );
    } catch (error) {
      this.#fail(error);
    }
  }

  #emit<K extends keyof SlotPickerEventDetails>(
    name: K,
    detail: Omit<SlotPickerEventDetails[K], 'calendar'>,
  ): void {
    const full = { ...detail, calendar: this.calendar } as SlotPickerEventDetails[K];
    if (name === 'leadkit:slot-selected') this.#selected = full as SlotSelectedDetail;
    emitLeadkitEvent(this, name, full as unknown as LeadkitEventDetail<K>);
  }

  #fail(error: unknown): void {
    this.#emit('leadkit:error', {
      code: 'internal',
      message: error instanceof Error ? error.message : 'Unexpected error.',
    });
  }
}
