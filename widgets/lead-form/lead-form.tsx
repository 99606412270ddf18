/**
 * `<leadkit-form>` — a lead-capture form rendered from the proxy's form definition.
 *
 * Attributes (reactive): `endpoint`*, `form`*, `theme` (`light` | `dark` | `minimal`),
 * `locale`, `timezone`, `prefill` (JSON), `hidden-fields` (JSON), `success-message`, `redirect`.
 * Properties: the same in camelCase (`hiddenFields`, `successMessage`); `prefill` and
 * `hiddenFields` take objects. Read-only `status`.
 *
 * Events (bubbling, composed; also pushed to `window.dataLayer` as `leadkit_*`):
 * `leadkit:ready` `{ form }`, `leadkit:submit` `{ form, submissionId }`,
 * `leadkit:success` `{ leadId, form, queued? }`, `leadkit:error` `{ code, message, form, queued?, fields? }`
 * (declared once in src/client/leadkit-events.ts; docs/events-and-errors.md says when each happens).
 *
 * CSS parts: `root`, `form`, `field`, `label`, `input`, `country`, `error`, `button`,
 * `status`, `message`, `consent`.
 * Custom properties: `--leadkit-color-primary`, `--leadkit-color-on-primary`,
 * `--leadkit-color-text`, `--leadkit-color-muted`, `--leadkit-color-bg`,
 * `--leadkit-color-field-bg`, `--leadkit-color-border`, `--leadkit-color-error`,
 * `--leadkit-color-success`, `--leadkit-color-focus`, `--leadkit-radius`, `--leadkit-font`,
 * `--leadkit-font-size`, `--leadkit-spacing`, `--leadkit-padding`.
 */
import { render } from 'preact';
import { type ClientDeps, getBrowserDeps } from '../../src/client/client-deps';
import { emitLeadkitEvent, type LeadkitEventDetail } from '../../src/client/emit-event';
import type { LeadFormEventDetails, LeadFormStatus } from '../../src/client/leadkit-events';
import { adviseDeveloper, warnDeveloper } from '../../src/client/warn-developer';
import { getThemeCss } from '../../themes/index';
import { type LeadFormAttributes, parseJsonAttribute } from './lead-form-attributes';
import { adoptStyles, leadFormCss } from './lead-form-styles';
import { LeadForm } from './lead-form-view';

export type { LeadFormAttributes };

const OBSERVED = [
  'endpoint',
  'form',
  'theme',
  'locale',
  'timezone',
  'prefill',
  'hidden-fields',
  'success-message',
  'redirect',
] as const;

// Properties a framework may set before the element is defined; they are re-applied
// through the setters on connect (the "lazy properties" pattern).
const UPGRADABLE = [
  'endpoint',
  'form',
  'theme',
  'locale',
  'timezone',
  'prefill',
  'hiddenFields',
  'successMessage',
  'redirect',
] as const;

// In Node (SSR, `import('leadkit')` on a server) there is no HTMLElement: the class is then
// defined over a plain base so the import does not throw, and `define()` registers nothing.
const ElementBase: typeof HTMLElement =
  typeof HTMLElement === 'undefined' ? (class {} as unknown as typeof HTMLElement) : HTMLElement;

/**
 * The `<leadkit-form>` element class. Importing this module registers nothing; call
 * `defineLeadForm()` (widgets/lead-form/define.ts) or `define()` for that.
 */
export class LeadFormElement extends ElementBase {
  static get observedAttributes(): string[] {
    return [...OBSERVED];
  }

  /** Test seam: replace to fake fetch, storage, clock and timers for every instance created after. */
  static createDeps: () => ClientDeps = getBrowserDeps;

  #root: ShadowRoot;
  #mount: HTMLDivElement;
  #deps: ClientDeps | undefined;
  #fallbackStyle: HTMLStyleElement | undefined;
  #prefill: Record<string, unknown> | undefined;
  #hiddenFields: Record<string, unknown> | undefined;
  #status: LeadFormStatus = 'loading';
  #lifetime: AbortController | undefined;
  #renderQueued = false;
  #connected = false;
  // Attribute errors found before the element is in the page, where no listener could hear them.
  #pendingErrors: string[] = [];

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
  get form(): string {
    return this.getAttribute('form') ?? '';
  }
  set form(value: string) {
    this.setAttribute('form', String(value));
  }
  get theme(): string | null {
    return this.getAttribute('theme');
  }
  set theme(value: string | null) {
    this.#reflect('theme', value);
  }
  get locale(): string | null {
    return this.getAttribute('locale');
  }
  set locale(value: string | null) {
    this.#reflect('locale', value);
  }
  get timezone(): string | null {
    return this.getAttribute('timezone');
  }
  set timezone(value: string | null) {
    this.#reflect('timezone', value);
  }
  get successMessage(): string | null {
    return this.getAttribute('success-message');
  }
  set successMessage(value: string | null) {
    this.#reflect('success-message', value);
  }
  get redirect(): string | null {
    return this.getAttribute('redirect');
  }
  set redirect(value: string | null) {
    this.#reflect('redirect', value);
  }
  /** Field values to start with; an object (the attribute takes JSON). */
  get prefill(): Record<string, unknown> | undefined {
    return this.#prefill;
  }
  set prefill(value: Record<string, unknown> | undefined | null) {
    this.#prefill = value && typeof value === 'object' ? { ...value } : undefined;
    this.#scheduleRender();
  }
  /** Values sent with the lead but not shown; an object (the `hidden-fields` attribute takes JSON). */
  get hiddenFields(): Record<string, unknown> | undefined {
    return this.#hiddenFields;
  }
  set hiddenFields(value: Record<string, unknown> | undefined | null) {
    this.#hiddenFields = value && typeof value === 'object' ? { ...value } : undefined;
    this.#scheduleRender();
  }
  /** The form's current state: `loading`, `load-failed`, `editing`, `sending`, `sent`, `saved` or `failed`. */
  get status(): LeadFormStatus {
    return this.#status;
  }

  connectedCallback(): void {
    try {
      for (const name of UPGRADABLE) {
        if (Object.hasOwn(this, name)) {
          const value = (this as Record<string, unknown>)[name];
          delete (this as Record<string, unknown>)[name];
          (this as Record<string, unknown>)[name] = value;
        }
      }
      this.#connected = true;
      this.#lifetime = new AbortController();
      this.#deps ??= LeadFormElement.createDeps();
      if (!this.#mount.isConnected) this.#root.append(this.#mount);
      this.#applyTheme();
      for (const message of this.#pendingErrors.splice(0)) this.#reportAttribute(message);
      this.#render();
    } catch (error) {
      this.#fail(error);
    }
  }

  disconnectedCallback(): void {
    this.#connected = false;
    // Stops every request, timer and listener the form started, synchronously.
    this.#lifetime?.abort();
    try {
      // Unmounting runs every effect's cleanup, which aborts its requests, timers and listeners.
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
        const message = `The ${name} attribute ${parsed.message}.`;
        if (this.#connected) this.#reportAttribute(message);
        else this.#pendingErrors.push(message);
        return;
      }
      if (name === 'prefill') this.#prefill = parsed.value;
      else this.#hiddenFields = parsed.value;
    }
    if (name === 'theme' && this.#connected) this.#applyTheme();
    this.#scheduleRender();
  }

  #reportAttribute(message: string): void {
    warnDeveloper(this.form, message);
    this.#emit('leadkit:error', { code: 'bad_attribute', message });
  }

  #reflect(name: string, value: string | null | undefined): void {
    if (value === null || value === undefined) this.removeAttribute(name);
    else this.setAttribute(name, String(value));
  }

  #applyTheme(): void {
    const theme = getThemeCss(this.theme);
    this.#fallbackStyle = adoptStyles(
      this.#root,
      theme ? [leadFormCss, theme] : [leadFormCss],
      this.#fallbackStyle,
    );
  }

  // Several attributes often change together (a framework re-render); one render covers them.
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
        <LeadForm
          endpoint={this.endpoint}
          form={this.form}
          locale={this.locale ?? undefined}
          pageLocale={lang || undefined}
          browserLocale={typeof navigator === 'undefined' ? undefined : navigator.language}
          timezone={this.timezone ?? undefined}
          prefill={this.#prefill}
          hiddenFields={this.#hiddenFields}
          successMessage={this.successMessage ?? undefined}
          redirect={this.redirect ?? undefined}
          pageUrl={this.ownerDocument.location?.href ?? ''}
          deps={deps}
          signal={this.#lifetime?.signal}
          emit={(name, detail) => this.#emit(name, detail)}
          navigate={(url) => this.ownerDocument.location?.assign(url)}
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

  #emit<K extends keyof LeadFormEventDetails>(name: K, detail: Omit<LeadFormEventDetails[K], 'form'>): void {
    const full = { form: this.form, ...detail } as LeadkitEventDetail<K>;
    if (name === 'leadkit:error') {
      const { code, form } = full as LeadFormEventDetails['leadkit:error'];
      adviseDeveloper(code, form ?? this.form, this.ownerDocument.location?.origin);
    }
    emitLeadkitEvent<K>(this, name, full);
  }

  // The host page must never see an exception from us; it hears about it as an event.
  #fail(error: unknown): void {
    this.#emit('leadkit:error', {
      code: 'internal',
      message: error instanceof Error ? error.message : 'Unexpected error.',
    });
  }
}
