/** Who fetched a tracking URL (src/proxy/tracking/judge-open.ts, judge-click.ts). */
export type TrackingVerdict = 'human' | 'proxy' | 'machine';

/**
 * One fetch of a pixel or click link, as stored: the verdict and its reason, the client
 * only as a keyed hash and a truncated network. Machine fetches are kept too (to see what
 * scanners did), but never become signals.
 */
export interface TrackingEvent {
  /** Stable per fetch (token, source, second): a replayed request is stored once. */
  id: string;
  kind: 'open' | 'click';
  emailId: string;
  leadId: string;
  campaign: string | null;
  /** The sealed destination of a click. */
  url: string | null;
  verdict: TrackingVerdict;
  reason: string;
  sourceHash: string;
  network: string;
  /** An open that counts as a distinct open of its email (opens within 5 minutes are one). */
  counted: boolean;
  /** ms since the epoch */
  occurredAt: number;
}

/**
 * An intent signal for one known lead, as stored and as a later outbox entry will carry it
 * (CONTRACT §4 `signal.<type>` data: `{ id, type, leadId, detail, occurredAt, machine }`).
 */
export interface IntentSignal {
  /** Stable: derived from what the signal is (tracking/to-stable-id.ts), so replays store it once. */
  id: string;
  leadId: string;
  /** LIO's types (seed 003 §9.1) or one of `tracking.signalTypes`. */
  type: string;
  detail: Record<string, unknown>;
  /** ms since the epoch */
  occurredAt: number;
  /** True for an open fetched by a mail image proxy (CONTRACT §4: a mail-privacy proxy or scanner). */
  machine: boolean;
  /** `email` from the tracking routes, `page` from POST /v1/signals. */
  source: 'email' | 'page';
  /** The tracking event it came from, for email signals. */
  eventId: string | null;
}

/**
 * A signal as it leaves the proxy: the `data` of a `signal.<type>` webhook event (CONTRACT §4)
 * and the payload of its outbox entries, written with the signal.
 */
export interface SignalEventData {
  id: string;
  type: string;
  leadId: string;
  detail: Record<string, unknown>;
  /** ISO 8601 */
  occurredAt: string;
  machine: boolean;
}

/** The outbound shape of a stored signal (CONTRACT §4 `signal.<type>` data). */
export function toSignalEventData(signal: IntentSignal): SignalEventData {
  return {
    id: signal.id,
    type: signal.type,
    leadId: signal.leadId,
    detail: signal.detail,
    occurredAt: new Date(signal.occurredAt).toISOString(),
    machine: signal.machine,
  };
}
