import type { HTMLAttributes as PreactHTMLAttributes } from 'preact';
import { captureLeadRef } from '../../src/client/capture-lead-ref';
import { getPageSignals } from '../../src/client/leadkit-api';
import { SignalElement, sendDeclaredSignal } from './signal';

/**
 * Registers `<leadkit-signal>` once and, on that first registration, starts page signals:
 * the `lk_ref` a tracking link brought is taken from the address bar (kept first-party, then
 * removed with `history.replaceState`), and one delegated click listener sends the signal of
 * any `data-leadkit-signal` link or button, once per page view. A second call, or a second
 * copy of the script (the element is registered already), does neither again.
 */
export function defineSignal(): void {
  if (typeof customElements === 'undefined' || customElements.get('leadkit-signal')) return;
  try {
    customElements.define('leadkit-signal', SignalElement);
    captureLeadRef('lk_ref', getPageSignals().identify);
    // Capture phase: a page handler that stops the click's propagation still counts it.
    document.addEventListener(
      'click',
      (event) => {
        const target = (event.target as Element | null)?.closest?.('[data-leadkit-signal]');
        if (target) sendDeclaredSignal(target, 'data-leadkit-');
      },
      true,
    );
  } catch {
    // Another library may have claimed the name in between; the page keeps working.
  }
}

/** The attributes of `<leadkit-signal>`, for templates. */
export interface SignalAttributes {
  /** The signal type, e.g. `pricing_page_visit`. Required. */
  type: string;
  /** JSON object sent as the signal's detail, e.g. `{"plan":"pro"}`. */
  detail?: string;
  /** Base URL of the leadkit proxy; default: a leadkit element's `endpoint`, else the script's origin. */
  endpoint?: string;
}

type SignalRef<T> = ((instance: T | null) => unknown) | { current: T | null } | null;
type ReactHtmlProps<Intrinsics> = Intrinsics extends { div: infer Div } ? Omit<Div, 'ref'> : unknown;

declare global {
  interface HTMLElementTagNameMap {
    'leadkit-signal': SignalElement;
  }
}

declare module 'preact' {
  namespace JSX {
    interface IntrinsicElements {
      'leadkit-signal': PreactHTMLAttributes<SignalElement> & SignalAttributes;
    }
  }
}

declare module 'react' {
  namespace JSX {
    interface IntrinsicElements {
      'leadkit-signal': ReactHtmlProps<this> & { ref?: SignalRef<SignalElement> } & SignalAttributes;
    }
  }
}
