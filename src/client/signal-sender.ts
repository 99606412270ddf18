import type { ClientDeps } from './client-deps';
import { isLeadRef, readLeadRef, storeLeadRef } from './lead-ref';
import { getProxyUrl } from './proxy-url';

/** An intent signal waiting for a lead reference or an endpoint (`LeadKit.pendingSignals()`). */
export interface QueuedSignal {
  type: string;
  detail: Record<string, unknown>;
  occurredAt: string;
}

/** What `LeadKit.signal`, `data-leadkit-signal` and `<leadkit-signal>` hand their signals to. */
export interface SignalSender {
  /** Queues a signal and sends what it can; a bad type is warned about and dropped. */
  add(type: string, detail?: Record<string, unknown>): void;
  /** `add`, but once per page (path) for the same type and detail: declarative signals. */
  addOnce(type: string, detail?: Record<string, unknown>): void;
  /** Sets the lead reference; false when malformed or storage refused it (then kept for this page only). */
  identify(leadRef: string): boolean;
  leadRef(): string | undefined;
  /** The proxy signals go to; a `fallback` (the script's own origin) yields to an element's `endpoint`. */
  setEndpoint(endpoint: string, fallback?: boolean): boolean;
  pending(): QueuedSignal[];
  /** Drops the queue and the page's reference (`LeadKit.forget()`). */
  clear(): void;
}

const MAX_PENDING = 50;
const TIMEOUT_MS = 10_000;
const SIGNAL_TYPE = /^[a-z][a-z0-9_.-]{0,63}$/i;

/** The browser asks not to be tracked (Global Privacy Control): page signals are off. */
export function hasPrivacyControl(): boolean {
  return (
    (globalThis.navigator as { globalPrivacyControl?: unknown } | undefined)?.globalPrivacyControl === true
  );
}

/** A warning for the page's developer; never throws (a page may have broken `console`). */
export function warnSignal(message: string): void {
  try {
    console.warn(`leadkit: ${message}`);
  } catch {
    // Nothing else to tell.
  }
}

/**
 * Sends page intent signals to `POST /v1/signals` as `{ type, leadRef, detail, occurredAt }`,
 * only for a known lead: until the lead reference is known (`identify`, an `lk_ref` link, a
 * form submitted on this page) they wait in memory, at most 50, oldest dropped first. With
 * Global Privacy Control nothing is sent and the queue is dropped. The endpoint is the one
 * set explicitly, else the `endpoint` of the first leadkit element on the page, else the
 * script's own origin. Each request is `keepalive` (a click that navigates away still
 * sends it), times out after 10 s, and never throws into the page; one that never reached the
 * proxy waits for the next flush (the proxy stores a repeat of the same signal once).
 */
export function createSignalSender(getDeps: () => ClientDeps): SignalSender {
  const queue: QueuedSignal[] = [];
  const sentOnce = new Set<string>();
  let pageRef: string | undefined;
  let endpoint: string | undefined;
  let fallbackEndpoint: string | undefined;
  let waiting = false;

  const push = (signal: QueuedSignal) => {
    if (queue.length >= MAX_PENDING) queue.shift();
    queue.push(signal);
  };

  const findEndpoint = () => {
    if (endpoint) return endpoint;
    for (const element of globalThis.document?.querySelectorAll('[endpoint]') ?? [])
      if (element.localName.startsWith('leadkit-')) return element.getAttribute('endpoint') as string;
    return fallbackEndpoint;
  };

  const flush = () => {
    if (hasPrivacyControl()) queue.length = 0;
    if (!queue.length) return;
    const deps = getDeps();
    const leadRef = pageRef ?? readLeadRef(deps);
    const found = findEndpoint();
    const url =
      leadRef && found !== undefined && getProxyUrl(found, '/v1/signals', globalThis.location?.href);
    if (!url) {
      // A form submitted on this page makes the lead known (it stores the reference first).
      if (!waiting) globalThis.document?.addEventListener('leadkit:success', flush);
      waiting = true;
      return;
    }
    for (const signal of queue.splice(0)) {
      try {
        deps
          .fetch(url, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({
              type: signal.type,
              leadRef,
              detail: signal.detail,
              occurredAt: signal.occurredAt,
            }),
            keepalive: true,
            credentials: 'omit',
            signal: AbortSignal.timeout(TIMEOUT_MS),
          })
          .then(
            // A refusal is the page's or the config's to fix (400: type or detail; 403: the
            // origin is not in tracking.origins); a 429 is the visitor's pace, not a mistake.
            (response) =>
              response.ok ||
              response.status === 429 ||
              warnSignal(`POST /v1/signals answered ${response.status}`),
            () => push(signal),
          );
      } catch {
        // A fetch that throws instead of rejecting: the signal is lost, the page is not.
      }
    }
  };

  const add = (type: string, detail?: Record<string, unknown>) => {
    if (typeof type !== 'string' || !SIGNAL_TYPE.test(type))
      return warnSignal(`"${type}" is not a signal type`);
    push({
      type,
      detail: typeof detail === 'object' && detail ? { ...detail } : {},
      occurredAt: new Date(getDeps().now()).toISOString(),
    });
    flush();
  };

  return {
    add,
    addOnce(type, detail) {
      const key = JSON.stringify([globalThis.location?.pathname, type, detail]);
      if (sentOnce.has(key)) return;
      sentOnce.add(key);
      add(type, detail);
    },
    identify(leadRef) {
      const stored = storeLeadRef(leadRef, getDeps());
      if (isLeadRef(leadRef)) pageRef = stored ? undefined : leadRef;
      flush();
      return stored;
    },
    leadRef: () => pageRef ?? readLeadRef(getDeps()),
    setEndpoint(value, fallback) {
      if (typeof value !== 'string' || !getProxyUrl(value, '', globalThis.location?.href)) return false;
      if (fallback) fallbackEndpoint = value;
      else endpoint = value;
      flush();
      return true;
    },
    pending: () => queue.map((signal) => ({ ...signal, detail: { ...signal.detail } })),
    clear() {
      queue.length = 0;
      pageRef = undefined;
    },
  };
}
