import { getBrowserDeps } from './client-deps';
import { readLeadRef, storeLeadRef } from './lead-ref';
import { removeStoredKeys } from './stored-json';
import { VERSION } from './version';

/** An intent signal as queued by `LeadKit.signal`. */
export interface QueuedSignal {
  type: string;
  detail: Record<string, unknown>;
  occurredAt: string;
}

/** The page-facing API: `window.LeadKit` in the script-tag build, `LeadKit` in the ES module. */
export interface LeadKitApi {
  readonly version: string;
  /**
   * Records an intent signal (`pricing_page_visit`, …) for the known lead. Until the
   * tracking issue lands this only queues, in memory and capped at 50, what it will send to
   * `POST /v1/signals`; nothing leaves the page yet.
   */
  signal(type: string, detail?: Record<string, unknown>): void;
  /** Sets the lead reference explicitly (e.g. from an `lk_ref` link); false if it is malformed or cannot be kept. */
  identify(identity: { leadRef: string }): boolean;
  /** The lead reference this browser knows, if any. */
  getLeadRef(): string | undefined;
  /** The signals waiting to be sent (a copy). */
  pendingSignals(): QueuedSignal[];
  /**
   * Deletes everything leadkit keeps in this browser for this origin: every `leadkit:*` key
   * in localStorage and sessionStorage — the lead reference, the first/last-touch
   * attribution and any submission still waiting in the offline queue (never sent) — and the
   * signals not yet sent. For a privacy page's "forget me" button or a consent withdrawal.
   * False when the browser refused to delete (then call again later).
   */
  forget(): boolean;
}

const MAX_PENDING = 50;
const pending: QueuedSignal[] = [];

/**
 * The LeadKit API object. Creating it has no side effects; storage is touched only when a
 * method is called.
 *
 * @example
 * LeadKit.identify({ leadRef: new URLSearchParams(location.search).get('lk_ref') ?? '' });
 * LeadKit.signal('pricing_page_visit', { plan: 'pro' });
 */
export const LeadKit: LeadKitApi = {
  version: VERSION,
  signal(type, detail = {}) {
    if (typeof type !== 'string' || !/^[a-z][a-z0-9_.-]{0,63}$/i.test(type)) return;
    if (pending.length >= MAX_PENDING) pending.shift();
    pending.push({ type, detail: { ...detail }, occurredAt: new Date().toISOString() });
  },
  identify(identity) {
    return typeof identity?.leadRef === 'string' && storeLeadRef(identity.leadRef, getBrowserDeps());
  },
  getLeadRef() {
    return readLeadRef(getBrowserDeps());
  },
  pendingSignals() {
    return pending.map((s) => ({ ...s, detail: { ...s.detail } }));
  },
  forget() {
    pending.length = 0;
    // Straight to the stores, not through getBrowserDeps: its probe write fails when storage
    // is full, and a full storage is exactly one that still holds data to delete.
    const local = removeStoredKeys(() => globalThis.localStorage, 'leadkit:');
    const session = removeStoredKeys(() => globalThis.sessionStorage, 'leadkit:');
    return local && session;
  },
};
