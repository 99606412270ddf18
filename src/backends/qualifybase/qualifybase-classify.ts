import type { DeliveryOutcome } from '../backend';
import { classifyStatus, type VendorResponse } from '../http/vendor-request';
import { qualifybaseErrorSchema, qualifybaseLeadResponseSchema } from './qualifybase-types';

/**
 * The vendor's own words from an error answer: `code: message` from the document's `Error`
 * envelope, else the start of the body (a proxy's HTML page, say), never more than 300 chars.
 */
export function getQualifybaseMessage(response: Pick<VendorResponse, 'json' | 'text' | 'status'>): string {
  const parsed = qualifybaseErrorSchema.safeParse(response.json);
  if (parsed.success) return `${parsed.data.error.code}: ${parsed.data.error.message}`.slice(0, 300);
  const text = response.text.trim().replace(/\s+/g, ' ');
  return text ? text.slice(0, 300) : `no message (HTTP ${response.status})`;
}

/** Why a keyed answer is worth one more try without the key, and whether it means a bug. */
export interface ResendReason {
  kind: 'idempotency-conflict' | 'conflict' | 'replayed-failure' | 'no-lead-id';
  /** For the log: what QualifyBase answered. */
  why: string;
}

/**
 * Whether the answer to a keyed `POST /leads` is one the key itself keeps from improving,
 * so the lead should go once more without `Idempotency-Key` (safe: "If external_source +
 * external_id match an existing lead, the endpoint upserts"):
 * - 409 `idempotency_conflict` ("Reusing a key with a different body"): since one delivery
 *   always maps to the same body, a bug or a config change between attempts — logged loudly;
 * - any other 409: the document lists none for this route, and whatever it is (a request
 *   with this key still running, say), the upsert without the key settles it;
 * - a non-2xx with `Idempotent-Replayed: true`: "Replays within 24h return the original
 *   response", so this is an earlier failure (a 500, cached Stripe-style), which the key
 *   would keep returning until the lead dies;
 * - a 2xx without the `{ data: Lead }` id the document gives for its 200 and 201: replayed as is
 *   on every retry with the key. It may have created the lead; the upsert finds it.
 */
export function getResendReason(
  response: Pick<VendorResponse, 'json' | 'status' | 'headers'>,
): ResendReason | null {
  const { status } = response;
  const replayed = response.headers.get('idempotent-replayed') === 'true';
  if (status === 409) {
    const parsed = qualifybaseErrorSchema.safeParse(response.json);
    const code = parsed.success ? parsed.data.error.code : undefined;
    return code === 'idempotency_conflict'
      ? {
          kind: 'idempotency-conflict',
          why: 'QualifyBase answered 409 idempotency_conflict: this delivery was sent before with a different body',
        }
      : { kind: 'conflict', why: `QualifyBase answered 409 ${code ?? '(no code)'}` };
  }
  if ((status < 200 || status >= 300) && replayed) {
    return {
      kind: 'replayed-failure',
      why: `QualifyBase replayed an earlier ${status} for this Idempotency-Key (Idempotent-Replayed: true)`,
    };
  }
  if (status >= 200 && status < 300 && !qualifybaseLeadResponseSchema.safeParse(response.json).success) {
    return { kind: 'no-lead-id', why: `QualifyBase answered ${status} without the lead id` };
  }
  return null;
}

/**
 * Why `GET <baseUrl>/leads` may have answered 404: the document's server is `{appUrl}/api/v1`,
 * and a baseUrl without it, or with it twice (`…/api/v1/api/v1`, from pasting a URL that
 * already had it), misses every route. Empty when baseUrl has it once.
 */
export function explainQualifybase404(baseUrl: string): string {
  const path = new URL(baseUrl).pathname.replace(/\/+$/, '');
  const times = path.split('/api/v1').length - 1;
  if (times > 1) return ` — baseUrl has /api/v1 twice (${path}); it should end in a single /api/v1`;
  if (!path.endsWith('/api/v1'))
    return ` — the document's server is {appUrl}/api/v1: baseUrl should end in /api/v1 (e.g. ${QUALIFYBASE_EXAMPLE_BASE_URL})`;
  return '';
}

const QUALIFYBASE_EXAMPLE_BASE_URL = 'https://app.qualifybase.com/api/v1';

/**
 * Classifies the answer to `POST /leads`:
 * - `201` created, `200` upserted ("existing lead matched external_source + external_id"),
 *   either one `Idempotent-Replayed: true` when the vendor replayed a cached answer → `ok`
 *   with the vendor's lead id; without that id → `retry` (the upsert makes a resend safe,
 *   and an answer that is not the document's is no proof the lead arrived);
 * - `429` → `retry` after `Retry-After`, else after `default429DelayMs` (the rate window),
 *   and the backend pauses for as long: the document gives no Retry-After, so a blind
 *   immediate retry would only be refused again;
 * - everything else as `classifyStatus` (CONTRACT §5), with `code: message` from the
 *   document's `Error` envelope. A `400` ("Invalid input") is permanent: sent again it
 *   would be refused again.
 */
export function classifyQualifybaseResponse(
  response: VendorResponse,
  options: { default429DelayMs: number; now?: Date },
): DeliveryOutcome {
  if (response.status >= 200 && response.status < 300) {
    const parsed = qualifybaseLeadResponseSchema.safeParse(response.json);
    const replayed = response.headers.get('idempotent-replayed') === 'true';
    const what = response.status === 201 ? 'created' : 'upserted: the lead already existed and was updated';
    // Not "ok" on faith: the document promises `{ data: Lead }`; a resend is a harmless upsert.
    if (!parsed.success) {
      return {
        kind: 'retry',
        message: `${response.status} with no lead id in the answer (the document gives { data: Lead }); resent, an upsert by external_id`,
      };
    }
    return { kind: 'ok', externalId: parsed.data.data.id, message: replayed ? `${what} (replayed)` : what };
  }
  return classifyStatus(response, getQualifybaseMessage(response), options);
}
