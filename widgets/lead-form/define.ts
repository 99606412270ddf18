import type { HTMLAttributes as PreactHTMLAttributes } from 'preact';
import type * as React from 'react';
import { captureCurrentPage } from '../../src/client/attribution';
import { emitLeadkitEvent } from '../../src/client/emit-event';
import { storeLeadRef } from '../../src/client/lead-ref';
import type { LeadFormEventMap } from '../../src/client/leadkit-events';
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

/** Preact and React 19 pass `on<event>` props through as listeners for that exact event name. */
type LeadFormEventProps = {
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

declare module 'react' {
  namespace JSX {
    interface IntrinsicElements {
      'leadkit-form': React.DetailedHTMLProps<React.HTMLAttributes<LeadFormElement>, LeadFormElement> &
        LeadFormProperties;
    }
  }
}
