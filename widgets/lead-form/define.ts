import type { HTMLAttributes as PreactHTMLAttributes } from 'preact';
import { captureCurrentPage } from '../../src/client/attribution';
import type { ClientDeps } from '../../src/client/client-deps';
import { emitLeadkitEvent } from '../../src/client/emit-event';
import { storeLeadRef } from '../../src/client/lead-ref';
import type { LeadFormEventMap } from '../../src/client/leadkit-events';
import { flushQueue, offerQueuedResult, type QueuedSubmission } from '../../src/client/offline-queue';
import type { SendLeadResult } from '../../src/client/send-lead';
import { adviseDeveloper } from '../../src/client/warn-developer';
import { type LeadFormAttributes, LeadFormElement } from './lead-form';

let pageStarted = false;

/**
 * The page's own queue flusher, form or not: once when the script loads and again whenever
 * the browser comes back online, it resends every submission left in the offline queue (same
 * `Idempotency-Key`, and one tab at a time per entry, so each arrives once). A mounted form of
 * the same `form` takes the result (and dispatches the event itself); otherwise
 * `leadkit:success` / `leadkit:error` are dispatched on `document`.
 */
function startQueueFlusher(deps: ClientDeps): void {
  const onResult = (entry: QueuedSubmission, result: SendLeadResult) => {
    if (offerQueuedResult(entry, result)) return;
    if (result.kind === 'accepted') {
      if (result.leadRef) storeLeadRef(result.leadRef, deps);
      emitLeadkitEvent(document, 'leadkit:success', {
        leadId: result.leadId,
        form: entry.form,
        queued: true,
      });
    } else if (result.kind === 'rejected') {
      adviseDeveloper(result.code, entry.form, globalThis.location?.origin);
      emitLeadkitEvent(document, 'leadkit:error', {
        code: result.code,
        message: result.message,
        form: entry.form,
        ...(result.fields ? { fields: result.fields } : {}),
      });
    }
  };
  // Page-long on purpose: the queue outlives every form. Each attempt has its own timeout.
  const flush = () =>
    void flushQueue(undefined, { deps, signal: new AbortController().signal, onResult }).catch(
      () => undefined,
    );
  flush();
  globalThis.addEventListener?.('online', flush);
}

/**
 * Registers `<leadkit-form>` once (a second call, or a second copy of the script, is a
 * no-op). Once per page load it also records the visit for attribution, so the campaign
 * that brought the visitor is kept even on pages without a form, and starts the page's
 * offline-queue flusher (see `startQueueFlusher`).
 */
export function defineLeadForm(): void {
  if (typeof customElements === 'undefined') return;
  try {
    if (!pageStarted) {
      pageStarted = true;
      const deps = LeadFormElement.createDeps();
      captureCurrentPage(deps);
      startQueueFlusher(deps);
    }
    if (!customElements.get('leadkit-form')) customElements.define('leadkit-form', LeadFormElement);
  } catch {
    // Another library may have claimed the name in between; the page keeps working.
  }
}

/** Properties a framework may set on the element (React 19, Preact and Vue set these as properties). */
export type LeadFormProperties = Partial<
  Omit<LeadFormAttributes, 'prefill' | 'hidden-fields' | 'success-message'> & {
    prefill: Record<string, unknown> | string;
    hiddenFields: Record<string, unknown>;
    'hidden-fields': string;
    successMessage: string;
    'success-message': string;
  }
> & { endpoint: string; form: string };

/** Preact and React 19 pass `on<event>` props through as listeners for that exact event name. */
export type LeadFormEventProps = {
  [K in keyof LeadFormEventMap as `on${K}`]?: (event: LeadFormEventMap[K]) => void;
};

declare global {
  interface HTMLElementTagNameMap {
    'leadkit-form': LeadFormElement;
  }
  interface HTMLElementEventMap extends LeadFormEventMap {}
}

declare module 'preact' {
  namespace JSX {
    interface IntrinsicElements {
      'leadkit-form': PreactHTMLAttributes<LeadFormElement> & LeadFormProperties & LeadFormEventProps;
    }
  }
}

/**
 * A React 19 ref to the element, written out so these declarations name nothing from React
 * (and named so as not to meet React's own `ElementRef` inside `declare module 'react'`):
 * an app without `@types/react` type-checks them too (with `skipLibCheck: false`).
 */
type LeadFormRef<T> = ((instance: T | null) => unknown) | { current: T | null } | null;

/**
 * React's own props of an HTML element (`className`, `style`, `onClick`, `key`, …), read from
 * React's `JSX.IntrinsicElements` itself; nothing where React's types are not installed.
 */
type ReactHtmlProps<Intrinsics> = Intrinsics extends { div: infer Div } ? Omit<Div, 'ref'> : unknown;

declare module 'react' {
  namespace JSX {
    interface IntrinsicElements {
      'leadkit-form': ReactHtmlProps<this> & {
        ref?: LeadFormRef<LeadFormElement>;
      } & LeadFormProperties &
        LeadFormEventProps;
    }
  }
}
