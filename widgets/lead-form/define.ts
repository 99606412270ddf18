import type { HTMLAttributes as PreactHTMLAttributes } from 'preact';
import { captureCurrentPage } from '../../src/client/attribution';
import { emitLeadkitEvent } from '../../src/client/emit-event';
import { storeLeadRef } from '../../src/client/lead-ref';
import { flushQueue } from '../../src/client/offline-queue';
import { type LeadFormAttributes, LeadFormElement } from './lead-form';

let pageStarted = false;

/**
 * Registers `<leadkit-form>` once (a second call, or a second copy of the script, is a
 * no-op). Once per page load it also records the visit for attribution, so the campaign
 * that brought the visitor is kept even on pages without a form, and resends submissions
 * an earlier page left in the offline queue (same `Idempotency-Key`, so each arrives once);
 * their `leadkit:success` is dispatched on `document`.
 */
export function defineLeadForm(): void {
  if (typeof customElements === 'undefined') return;
  try {
    if (!pageStarted) {
      pageStarted = true;
      const deps = LeadFormElement.createDeps();
      captureCurrentPage(deps);
      // One-shot: every attempt has its own timeout, and nothing here outlives the page.
      void flushQueue(undefined, {
        deps,
        signal: new AbortController().signal,
        onResult: (entry, result) => {
          if (result.kind === 'accepted') {
            if (result.leadRef) storeLeadRef(result.leadRef, deps);
            emitLeadkitEvent(document, 'leadkit:success', {
              leadId: result.leadId,
              form: entry.form,
              queued: true,
            });
          } else if (result.kind === 'rejected') {
            emitLeadkitEvent(document, 'leadkit:error', {
              code: result.code,
              message: result.message,
              form: entry.form,
            });
          }
        },
      }).catch(() => undefined);
    }
    if (!customElements.get('leadkit-form')) customElements.define('leadkit-form', LeadFormElement);
  } catch {
    // Another library may have claimed the name in between; the page keeps working.
  }
}

/** Properties a framework may set on the element (React 19, Preact and Vue set these as properties). */
type LeadFormProperties = Partial<
  Omit<LeadFormAttributes, 'prefill' | 'hidden-fields' | 'success-message'> & {
    prefill: Record<string, unknown> | string;
    hiddenFields: Record<string, unknown>;
    'hidden-fields': string;
    successMessage: string;
    'success-message': string;
  }
> & { endpoint: string; form: string };

/** Preact passes `on<event>` props through as listeners for that exact event name. */
type LeadFormEventProps = {
  'onleadkit:ready'?: (event: CustomEvent<{ form: string }>) => void;
  'onleadkit:submit'?: (event: CustomEvent<{ form: string; submissionId: string }>) => void;
  'onleadkit:success'?: (event: CustomEvent<{ leadId: string; form: string; queued?: boolean }>) => void;
  'onleadkit:error'?: (event: CustomEvent<{ code: string; message: string; form?: string }>) => void;
};

declare global {
  interface HTMLElementTagNameMap {
    'leadkit-form': LeadFormElement;
  }
  interface HTMLElementEventMap {
    'leadkit:ready': CustomEvent<{ form: string }>;
    'leadkit:submit': CustomEvent<{ form: string; submissionId: string }>;
    'leadkit:success': CustomEvent<{ leadId: string; form: string; queued?: boolean }>;
    'leadkit:error': CustomEvent<{ code: string; message: string; form?: string }>;
  }
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
      } & LeadFormProperties;
    }
  }
}
