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
 * Home/End (week; End from past the week's last free day goes on to the next free day, however
 * far ahead), PageUp/PageDown (month), Shift+PageUp/PageDown (year), Enter/Space chooses a
 * day and moves focus to its times; times: arrows, Home/End, typeahead ("14" → 14:00), Enter.
 *
 * CSS parts: `root`, `month`, `button`, `nav`, `grid`, `day`, `day-available`, `times`, `slot`,
 * `slot-selected`, `back`, `next-available`, `timezone`, `timezone-button`, `timezone-popover`.
 * Custom properties: as `<leadkit-form>` (`--leadkit-color-primary`, `--leadkit-color-on-primary`,
 * `--leadkit-color-text`, `--leadkit-color-muted`, `--leadkit-color-bg`, `--leadkit-color-field-bg`,
 * `--leadkit-color-border`, `--leadkit-color-error`, `--leadkit-color-focus`, `--leadkit-radius`,
 * `--leadkit-font`, `--leadkit-font-size`, `--leadkit-spacing`, `--leadkit-padding`).
 */
import { getBrowserTimeZone } from '../../src/client/browser-context';
import type { ClientDeps } from '../../src/client/client-deps';
import type { SlotPickerEventDetails, SlotSelectedDetail } from '../../src/client/leadkit-events';
import { resolveLocale } from '../../src/i18n/get-messages';
import { isValidTimeZone } from '../../src/time/is-valid-time-zone';
import { LeadkitElement } from '../shared/leadkit-element';
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

/**
 * The `<leadkit-slot-picker>` element class. Importing this module registers nothing; call
 * `defineSlotPicker()` (widgets/slot-picker/define.ts) or `define()`.
 */
export class SlotPickerElement extends LeadkitElement {
  static override attributes = {
    endpoint: 'required',
    calendar: 'required',
    timezone: 'optional',
    locale: 'optional',
    duration: 'own',
    theme: 'optional',
  } as const;
  static override styles = [slotPickerCss];

  /** Base URL of the leadkit proxy (the `endpoint` attribute). */
  declare endpoint: string;
  /** The calendar's id in the proxy's config. */
  declare calendar: string;
  declare timezone: string | null;
  declare locale: string | null;
  declare theme: string | null;

  #taken = new Set<number>();
  #refreshKey = 0;
  #chosenZone: string | undefined;
  #selected: SlotSelectedDetail | undefined;

  get duration(): number | undefined {
    const value = Number(this.getAttribute('duration'));
    return this.hasAttribute('duration') && Number.isInteger(value) && value > 0 ? value : undefined;
  }
  set duration(value: number | string | null | undefined) {
    if (value === null || value === undefined) this.removeAttribute('duration');
    else this.setAttribute('duration', String(value));
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
    this.scheduleRender();
  }

  /** Loads the free times again (what was loaded is forgotten). */
  refresh(): void {
    this.#refreshKey++;
    this.scheduleRender();
  }

  override attributeChangedCallback(name: string, oldValue: string | null, value: string | null): void {
    // A new `timezone` from the page wins over the zone the visitor chose in the picker.
    if (name === 'timezone' && oldValue !== value) this.#chosenZone = undefined;
    super.attributeChangedCallback(name, oldValue, value);
  }

  protected override renderView(deps: ClientDeps, signal: AbortSignal | undefined) {
    const page = this.getPage();
    const locale = resolveLocale([this.locale, page.pageLocale, page.browserLocale]);
    const attribute = this.timezone;
    const device = getBrowserTimeZone() ?? 'UTC';
    const zone = this.#chosenZone ?? (attribute && isValidTimeZone(attribute) ? attribute : device);
    return (
      <SlotPicker
        endpoint={this.endpoint}
        calendar={this.calendar}
        locale={locale}
        timezone={zone}
        zoneFromDevice={zone === device && !this.#chosenZone && !(attribute && isValidTimeZone(attribute))}
        {...(this.duration !== undefined ? { duration: this.duration } : {})}
        pageUrl={this.ownerDocument.location?.href}
        deps={deps}
        signal={signal}
        taken={this.#taken}
        refreshKey={this.#refreshKey}
        emit={(name, detail) => this.emit(name, detail)}
        onZoneChange={(next) => {
          this.#chosenZone = next;
          this.scheduleRender();
        }}
      />
    );
  }

  protected override emit<K extends keyof SlotPickerEventDetails>(
    name: K,
    detail: Omit<SlotPickerEventDetails[K], 'calendar'>,
  ): void {
    const full = { ...detail, calendar: this.calendar } as SlotPickerEventDetails[K];
    if (name === 'leadkit:slot-selected') this.#selected = full as SlotSelectedDetail;
    super.emit(name, full);
  }
}
