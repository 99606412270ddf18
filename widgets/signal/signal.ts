/**
 * `<leadkit-signal>` — sends one intent signal for the known lead the first time it is in
 * view, e.g. `<leadkit-signal type="pricing_page_visit"></leadkit-signal>` on a pricing page,
 * or around the section whose reading counts. It renders nothing of its own (children show as
 * usual); a `display: none` one is never in view, so it never fires.
 *
 * Attributes (reactive): `type`* (a signal type the proxy knows: docs/tracking.md),
 * `detail` (JSON object), `endpoint` (the proxy; else as `LeadKit.signal` finds it).
 * Events, CSS parts, custom properties: none. Sent once per page view (path) for one type and
 * detail, with `LeadKit.signal`'s rules: only for a known lead, never with Global Privacy
 * Control. A plain HTMLElement, no shadow root, no Preact.
 */
import { getPageSignals } from '../../src/client/leadkit-api';
import { warnSignal } from '../../src/client/signal-sender';
import { parseJsonAttribute } from '../lead-form/lead-form-attributes';

/**
 * Sends the signal an element declares, once per page view: `type`/`detail` on
 * `<leadkit-signal>`, `data-leadkit-signal`/`data-leadkit-detail` on a link or button.
 */
export function sendDeclaredSignal(element: Element, prefix: '' | 'data-leadkit-'): void {
  const type = element.getAttribute(prefix ? 'data-leadkit-signal' : 'type') ?? '';
  const detail = parseJsonAttribute(element.getAttribute(`${prefix}detail`));
  if (!detail.ok) warnSignal(`the ${prefix}detail of signal "${type}" ${detail.message}`);
  getPageSignals().addOnce(type, detail.ok ? detail.value : undefined);
}

// In Node (SSR) there is no HTMLElement: a plain base keeps the import from throwing.
const ElementBase: typeof HTMLElement =
  typeof HTMLElement === 'undefined' ? (class {} as unknown as typeof HTMLElement) : HTMLElement;

/** The `<leadkit-signal>` element class; importing it registers nothing (`defineSignal()` does). */
export class SignalElement extends ElementBase {
  static get observedAttributes(): string[] {
    return ['type', 'detail'];
  }

  #observer: IntersectionObserver | undefined;

  connectedCallback(): void {
    this.disconnectedCallback();
    if (typeof IntersectionObserver === 'undefined') return;
    this.#observer = new IntersectionObserver((entries) => {
      if (!entries.some((entry) => entry.isIntersecting)) return;
      this.disconnectedCallback();
      sendDeclaredSignal(this, '');
    });
    this.#observer.observe(this);
  }

  disconnectedCallback(): void {
    this.#observer?.disconnect();
    this.#observer = undefined;
  }

  /** A new type or detail is a new signal: watch again (the same one is still sent once). */
  attributeChangedCallback(): void {
    if (this.isConnected) this.connectedCallback();
  }
}
