import type { IntentSignal, SignalEventData } from '../../model/signal';
import type { BackendDeps, BackendSignal, DeliveryAttempt, DeliveryOutcome } from '../backend';
import type { RequestLimiter } from '../http/request-limiter';
import { sendLimitedVendorRequest, type VendorResponse } from '../http/vendor-request';
import { createLioSession } from './lio-session';

/** Doc 003 §9.1's closed list of `signal_type` values. */
export const LIO_SIGNAL_TYPES: ReadonlySet<string> = new Set([
  'pricing_page_visit',
  'demo_requested',
  'form_submitted',
  'reply_received',
  'email_opened',
  'email_opened_3x',
  'link_clicked',
  'case_study_download',
  'manual',
]);

/** The body of `POST /api/v1/intent-signal` (doc 003 §9.1). */
export interface LioIntentSignalRequest {
  lead_id: number;
  signal_type: string;
  signal_detail: Record<string, unknown>;
  occurred_at: string;
}

/**
 * Maps a signal to §9.1's body for LIO lead `lioLeadId`. Pure.
 *
 * Decisions where doc 003 is silent:
 * - A custom type (`tracking.signalTypes`) is not in §9.1's closed list: it goes as LIO's own
 *   catch-all `manual`, the leadkit type kept as `signal_detail.leadkit_type`, so a rep sees it
 *   and nothing is lost (skipping it would hide what the site owner chose to track).
 * - §9.1 has no idempotency key: `signal_detail.leadkit_signal_id` carries leadkit's stable
 *   signal id, so a signal sent twice (an answer lost after LIO stored it) can be recognised.
 */
export function toLioSignal(data: SignalEventData, lioLeadId: number): LioIntentSignalRequest {
  const known = LIO_SIGNAL_TYPES.has(data.type);
  return {
    lead_id: lioLeadId,
    signal_type: known ? data.type : 'manual',
    signal_detail: {
      ...data.detail,
      ...(known ? {} : { leadkit_type: data.type }),
      leadkit_signal_id: data.id,
    },
    occurred_at: data.occurredAt,
  };
}

/**
 * Whether LIO gets a signal at all. Decision: not an open fetched by a mail-privacy proxy
 * (`machine`): §9.1 has no field to tell it from a person's, and LIO ranks hot leads by these
 * signals (§12.4); the webhook, which carries `machine`, still gets it.
 */
export function lioTakesSignal(signal: IntentSignal): boolean {
  return !signal.machine;
}

/**
 * LIO's lead id from the lead's delivery to the same backend (its `externalId`, §8.1's
 * `data.id`), or why there is none yet: the lead still on its way waits (not counted against
 * `maxAttempts`, only `maxAgeHours` ends the wait), a dead or never queued lead delivery
 * dead-letters the signal with a message that says what to do. Pure.
 */
export function findLioLeadId(
  leadDelivery: BackendSignal['leadDelivery'],
): { ok: true; id: number } | { ok: false; outcome: DeliveryOutcome } {
  if (!leadDelivery)
    return {
      ok: false,
      outcome: { kind: 'permanent', message: 'the lead was never sent to this LIO backend: no LIO lead id' },
    };
  if (leadDelivery.status === 'dead')
    return {
      ok: false,
      outcome: {
        kind: 'permanent',
        message: `the lead's delivery ${leadDelivery.id} to LIO is dead (${leadDelivery.lastError ?? 'no error kept'}); replay it, then this signal`,
      },
    };
  if (leadDelivery.status !== 'delivered')
    return {
      ok: false,
      outcome: {
        kind: 'retry',
        waiting: true,
        message: `waiting for the lead's delivery ${leadDelivery.id} to LIO (${leadDelivery.status})`,
      },
    };
  const id = leadDelivery.externalId;
  // §3: "IDs are numeric"; §9.1: lead_id integer.
  if (id === null || !/^\d{1,15}$/.test(id))
    return {
      ok: false,
      outcome: {
        kind: 'permanent',
        message: `the lead's delivery ${leadDelivery.id} kept no integer LIO lead id (${id ?? 'none'})`,
      },
    };
  return { ok: true, id: Number(id) };
}

/**
 * Delivers signals with `POST /api/v1/intent-signal` (doc 003 §9.1) under LIO's bearer login
 * (§2.1, CONTRACT §5: `email` + `password`; lio-session.ts caches the token until
 * `expires_at`). A 401 to a cached token forgets it and logs in once more within the
 * attempt (§2.2: "A missing, malformed, or expired token returns 401"). Requests share the
 * backend's request limiter with lead delivery: one LIO, one rate.
 */
export function createLioSignalDelivery(
  options: {
    name: string;
    baseUrl: string;
    email: string;
    password: string;
    timeoutMs: number;
    limiter: RequestLimiter;
    classify: (response: VendorResponse) => DeliveryOutcome;
  },
  deps: Pick<BackendDeps, 'fetch' | 'now' | 'state'>,
): (signal: BackendSignal, attempt: DeliveryAttempt) => Promise<DeliveryOutcome> {
  const session = createLioSession(options, deps);
  return async (signal, attempt) => {
    const leadId = findLioLeadId(signal.leadDelivery);
    if (!leadId.ok) return leadId.outcome;
    const body = toLioSignal(signal.data, leadId.id);
    for (let round = 0; ; round++) {
      const token = await session.getToken(attempt.signal);
      if (!token.ok) return token.outcome;
      const result = await sendLimitedVendorRequest(
        deps.fetch,
        options.limiter,
        {
          method: 'POST',
          url: `${options.baseUrl}/api/v1/intent-signal`,
          headers: { authorization: `Bearer ${token.token}` },
          body,
          timeoutMs: options.timeoutMs,
          signal: attempt.signal,
        },
        'LIO',
      );
      if (!result.ok) return result.outcome;
      const { status } = result.response;
      if (status === 401 && round === 0) {
        await session.invalidate();
        continue;
      }
      const outcome = options.classify(result.response);
      // A second 401 right after a login: the account cannot use this endpoint; say so.
      return outcome.kind === 'permanent' && status === 401
        ? { ...outcome, message: `LIO refused a fresh login token (401): ${outcome.message}` }
        : outcome;
    }
  };
}
