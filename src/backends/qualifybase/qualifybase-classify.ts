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

/**
 * Whether the answer is "Reusing a key with a different body returns 409
 * `idempotency_conflict`" — which, since one delivery always maps to the same body, means
 * a bug or a config change between attempts; the backend logs it loudly.
 */
export function isIdempotencyConflict(response: Pick<VendorResponse, 'json' | 'status'>): boolean {
  if (response.status !== 409) return false;
  const parsed = qualifybaseErrorSchema.safeParse(response.json);
  return parsed.success && parsed.data.error.code === 'idempotency_conflict';
}

/**
 * Classifies the answer to `POST /leads`:
 * - `201` created, `200` upserted ("existing lead matched external_source + external_id"),
 *   either one `Idempotent-Replayed: true` when the vendor replayed a cached answer → `ok`
 *   with the vendor's lead id;
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
  if (response.status === 200 || response.status === 201) {
    const parsed = qualifybaseLeadResponseSchema.safeParse(response.json);
    const replayed = response.headers.get('idempotent-replayed') === 'true';
    const what = response.status === 201 ? 'created' : 'upserted: the lead already existed and was updated';
    if (!parsed.success) return { kind: 'ok', message: `${what}; the answer carried no lead id` };
    return { kind: 'ok', externalId: parsed.data.data.id, message: replayed ? `${what} (replayed)` : what };
  }
  return classifyStatus(response, getQualifybaseMessage(response), options);
}
