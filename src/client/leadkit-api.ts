import { captureLeadRef } from './capture-lead-ref';
import { getBrowserDeps } from './client-deps';
import { createSignalSender, type QueuedSignal, type SignalSender } from './signal-sender';
import { removeStoredKeys } from './stored-json';
import { VERSION } from './version';

export type { QueuedSignal };

/** The page-facing API: `window.LeadKit` in the script-tag build, `LeadKit` in the ES module. */
export interface LeadKitApi {
  readonly version: string;
  /**
   * Sends an intent signal (`pricing_page_visit`, `case_study_download`, …) for the known
   * lead to the proxy's `POST /v1/signals`. Without a lead reference yet it waits in memory
   * (at most 50) and goes once one is known; with Global Privacy Control on, nothing is sent.
   * Never throws; a signal the proxy refuses is reported as a console warning.
   */
  signal(type: string, detail?: Record<string, unknown>): void;
  /** Sets the lead reference explicitly (e.g. from an `lk_ref` link); false if it is malformed or cannot be kept. */
  identify(identity: { leadRef: string }): boolean;
  /**
   * `endpoint`: the proxy signals go to (else the `endpoint` of a leadkit element on the
   * page, else the origin `leadkit.js` was loaded from). `refParam`: the query parameter
   * tracking links carry the lead reference in, when the proxy's `tracking.refParam` is not
   * `lk_ref`; it is taken from the address bar at once. False when `endpoint` is not an
   * http(s) URL.
   */
  configure(options: { endpoint?: string; refParam?: string }): boolean;
  /** The lead reference this browser knows, if any. */
  getLeadRef(): string | undefined;
  /** The signals waiting for a lead reference or an endpoint (a copy). */
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

let sender: SignalSender | undefined;

/**
 * The page's one signal queue, shared by `LeadKit.signal`, `data-leadkit-signal` and
 * `<leadkit-signal>`; made on first use, so an app that imports only the form carries none of it.
 */
export function getPageSignals(): SignalSender {
  sender ??= createSignalSender(getBrowserDeps);
  return sender;
}

/**
 * The LeadKit API object. Creating it has no side effects; storage is touched only when a
 * method is called.
 *
 * @example
 * LeadKit.configure({ endpoint: 'https://leads.example.com' });
 * LeadKit.signal('pricing_page_visit', { plan: 'pro' });
 */
export const LeadKit: LeadKitApi = {
  version: VERSION,
  signal: (type, detail) => getPageSignals().add(type, detail),
  identify: (identity) => getPageSignals().identify(identity?.leadRef),
  configure(options) {
    const signals = getPageSignals();
    if (typeof options?.refParam === 'string' && options.refParam)
      captureLeadRef(options.refParam, signals.identify);
    return options?.endpoint === undefined || signals.setEndpoint(options.endpoint);
  },
  getLeadRef: () => getPageSignals().leadRef(),
  pendingSignals: () => getPageSignals().pending(),
  forget() {
    getPageSignals().clear();
    // Straight to the stores, not through getBrowserDeps: its probe write fails when storage
    // is full, and a full storage is exactly one that still holds data to delete.
    const local = removeStoredKeys(() => globalThis.localStorage, 'leadkit:');
    const session = removeStoredKeys(() => globalThis.sessionStorage, 'leadkit:');
    return local && session;
  },
};
