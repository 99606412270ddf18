import { render, type VNode } from 'preact';
import { type ClientDeps, getBrowserDeps } from '../../src/client/client-deps';
import {
  emitLeadkitEvent,
  type LeadkitEventDetail,
  type LeadkitEventName,
} from '../../src/client/emit-event';
import { getThemeCss } from '../../themes/index';
import { parseJsonAttribute } from '../lead-form/lead-form-attributes';
import { adoptStyles } from '../lead-form/lead-form-styles';

/**
 * How the property of an observed attribute (its name in camelCase: `success-message` →
 * `successMessage`) behaves: `required` reads `''` when the attribute is absent, `optional`
 * reads `null` and removes the attribute when set to null or undefined, `json` holds an
 * object (the attribute takes JSON; a bad value is a `bad_attribute` error), `own` is written
 * out by the element itself.
 */
export type AttributeKind = 'required' | 'optional' | 'json' | 'own';

/** The typing of the generated `prefill` and `hiddenFields` properties (merged into the element classes). */
export interface JsonAttributeProperties {
  /** Field values to start with; an object (the `prefill` attribute takes JSON). */
  get prefill(): Record<string, unknown> | undefined;
  set prefill(value: Record<string, unknown> | undefined | null);
  /** Values sent but not shown; an object (the `hidden-fields` attribute takes JSON). */
  get hiddenFields(): Record<string, unknown> | undefined;
  set hiddenFields(value: Record<string, unknown> | undefined | null);
}

// In Node (SSR, `import('leadkit')` on a server) there is no HTMLElement: the classes are then
// defined over a plain base so the import does not throw, and `define()` registers nothing.
const ElementBase: typeof HTMLElement =
  typeof HTMLElement === 'undefined' ? (class {} as unknown as typeof HTMLElement) : HTMLElement;

const installed = new WeakSet<object>();

const toProperty = (name: string) => name.replace(/-(\w)/g, (_, letter: string) => letter.toUpperCase());

/**
 * What every leadkit element shares: an open shadow root with its stylesheets and the
 * `theme`, properties that reflect the observed attributes (generated from `attributes`, on
 * first registration), JSON attributes, one render per microtask for any number of changes,
 * and a lifetime `AbortController` aborted in `disconnectedCallback` that ends every request,
 * timer and listener the element started. It never throws into the host page: a failure is a
 * `leadkit:error` (`internal`), and an attribute error found before the element is in the
 * page is reported once it is, when a listener can hear it. Importing it registers nothing.
 */
export abstract class LeadkitElement extends ElementBase {
  /** The observed attributes, in order, and how each one's property behaves. */
  static attributes: Readonly<Record<string, AttributeKind>> = {};
  /** The element's own stylesheets; the theme's is added after them. */
  static styles: readonly string[] = [];
  /** The attribute whose value goes with the errors this shell reports (`form` or `calendar`). */
  static idAttribute = 'calendar';
  /** Test seam: replace (per element class) to fake fetch, storage, clock and timers for every instance created after. */
  static createDeps: () => ClientDeps = getBrowserDeps;

  static get observedAttributes(): string[] {
    // biome-ignore lint/complexity/noThisInStatic: the element class being defined, not this base.
    return LeadkitElement.#observe(this);
  }

  static #observe(element: typeof LeadkitElement): string[] {
    const proto = element.prototype;
    // Installed once per class, when `customElements.define` asks, so an import alone changes nothing.
    if (!installed.has(proto)) {
      installed.add(proto);
      for (const [name, kind] of Object.entries(element.attributes)) {
        const property = toProperty(name);
        if (kind === 'own') continue;
        Object.defineProperty(proto, property, {
          configurable: true,
          ...(kind === 'json'
            ? {
                get(this: LeadkitElement) {
                  return this.#json[property];
                },
                set(this: LeadkitElement, value: unknown) {
                  this.#json[property] = value && typeof value === 'object' ? { ...value } : undefined;
                  this.scheduleRender();
                },
              }
            : {
                get(this: LeadkitElement) {
                  return this.getAttribute(name) ?? (kind === 'required' ? '' : null);
                },
                set(this: LeadkitElement, value: unknown) {
                  if (kind === 'optional' && (value === null || value === undefined))
                    this.removeAttribute(name);
                  else this.setAttribute(name, String(value));
                },
              }),
        });
      }
    }
    return Object.keys(element.attributes);
  }

  #root: ShadowRoot;
  #mount: HTMLDivElement;
  #deps: ClientDeps | undefined;
  #fallbackStyle: HTMLStyleElement | undefined;
  #json: Record<string, Record<string, unknown> | undefined> = {};
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

  /** The view for the current attributes and properties. */
  protected abstract renderView(deps: ClientDeps, signal: AbortSignal | undefined): VNode;

  /** Where the view's locale, query prefill and relative endpoint come from. */
  protected getPage(): {
    pageLocale: string | undefined;
    browserLocale: string | undefined;
    pageUrl: string;
  } {
    const lang = this.closest('[lang]')?.getAttribute('lang') || this.ownerDocument.documentElement.lang;
    return {
      pageLocale: lang || undefined,
      browserLocale: typeof navigator === 'undefined' ? undefined : navigator.language,
      pageUrl: this.ownerDocument.location?.href ?? '',
    };
  }

  connectedCallback(): void {
    try {
      // Properties a framework set before the element was defined are re-applied through
      // the setters (the "lazy properties" pattern).
      for (const name of Object.keys((this.constructor as typeof LeadkitElement).attributes)) {
        const property = toProperty(name);
        if (Object.hasOwn(this, property)) {
          const value = (this as Record<string, unknown>)[property];
          delete (this as Record<string, unknown>)[property];
          (this as Record<string, unknown>)[property] = value;
        }
      }
      this.#connected = true;
      this.#lifetime = new AbortController();
      this.#deps ??= (this.constructor as typeof LeadkitElement).createDeps();
      if (!this.#mount.isConnected) this.#root.append(this.#mount);
      this.#applyTheme();
      for (const message of this.#pendingErrors.splice(0)) this.#report('bad_attribute', message);
      this.#render();
    } catch (error) {
      this.fail(error);
    }
  }

  disconnectedCallback(): void {
    this.#connected = false;
    // Stops every request, timer and listener the element started, synchronously.
    this.#lifetime?.abort();
    try {
      // Unmounting runs every effect's cleanup, which aborts its requests, timers and listeners.
      render(null, this.#mount);
    } catch (error) {
      this.fail(error);
    }
  }

  attributeChangedCallback(name: string, oldValue: string | null, value: string | null): void {
    if (oldValue === value) return;
    if ((this.constructor as typeof LeadkitElement).attributes[name] === 'json') {
      const parsed = parseJsonAttribute(value);
      if (!parsed.ok) {
        const message = `The ${name} attribute ${parsed.message}.`;
        if (this.#connected) this.#report('bad_attribute', message);
        else this.#pendingErrors.push(message);
        return;
      }
      this.#json[toProperty(name)] = parsed.value;
    }
    if (name === 'theme' && this.#connected) this.#applyTheme();
    this.scheduleRender();
  }

  /** Dispatches a leadkit event from the element (an element adds its own keys by overriding this). */
  protected emit(name: LeadkitEventName, detail: object): void {
    emitLeadkitEvent(this, name, detail as LeadkitEventDetail<typeof name>);
  }

  // Several attributes often change together (a framework re-render); one render covers them.
  protected scheduleRender(): void {
    if (!this.#connected || this.#renderQueued) return;
    this.#renderQueued = true;
    queueMicrotask(() => {
      this.#renderQueued = false;
      if (this.#connected) this.#render();
    });
  }

  // The host page must never see an exception from us; it hears about it as an event.
  protected fail(error: unknown): void {
    this.#report('internal', error instanceof Error ? error.message : 'Unexpected error.');
  }

  #report(code: 'internal' | 'bad_attribute', message: string): void {
    const id = (this.constructor as typeof LeadkitElement).idAttribute;
    this.emit('leadkit:error', { code, message, [id]: this.getAttribute(id) ?? '' });
  }

  #applyTheme(): void {
    const theme = getThemeCss(this.getAttribute('theme'));
    const styles = (this.constructor as typeof LeadkitElement).styles;
    this.#fallbackStyle = adoptStyles(
      this.#root,
      theme ? [...styles, theme] : [...styles],
      this.#fallbackStyle,
    );
  }

  #render(): void {
    const deps = this.#deps;
    if (!deps) return;
    try {
      render(this.renderView(deps, this.#lifetime?.signal), this.#mount);
    } catch (error) {
      this.fail(error);
    }
  }
}
