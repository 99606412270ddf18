import type { DeliveryOutcome } from '../backend';
import { classifyStatus, type VendorResponse } from '../http/vendor-request';
import { leadcenterErrorSchema, leadcenterSingleSchema } from './leadcenter-types';

/** The vendor's words from an error answer, and its per-field messages when it gave any. */
export interface LeadcenterError {
  message: string;
  fieldErrors?: Record<string, string[]>;
}

/** Key for messages in an `errors` list that name no field. */
export const GENERAL_ERRORS_KEY = '_general';

function toMessages(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(toMessages);
  if (value && typeof value === 'object' && typeof (value as { message?: unknown }).message === 'string') {
    return [(value as { message: string }).message];
  }
  return [];
}

/**
 * `errors` parsed defensively (CONTRACT §5: "LeadCenter.AI's `errors` may be a map or a
 * list"): a Laravel map `{ email: ["…"] }` (values a string or a list), a list of strings,
 * or a list of `{ field, message }` objects; list items without a field go under `_general`.
 */
export function toFieldErrors(errors: unknown): Record<string, string[]> | undefined {
  const out: Record<string, string[]> = {};
  const add = (key: string, messages: string[]) => {
    if (messages.length > 0) out[key] = [...(out[key] ?? []), ...messages];
  };
  if (Array.isArray(errors)) {
    for (const item of errors) {
      const field = item && typeof item === 'object' ? (item as { field?: unknown }).field : undefined;
      add(typeof field === 'string' && field ? field : GENERAL_ERRORS_KEY, toMessages(item));
    }
  } else if (errors && typeof errors === 'object') {
    for (const [field, value] of Object.entries(errors)) add(field, toMessages(value));
  } else if (typeof errors === 'string') {
    add(GENERAL_ERRORS_KEY, [errors]);
  }
  return Object.keys(out).length > 0 ? out : undefined;
}

/**
 * Reads the document's error envelope `{ success: false, message, errors }`. The message
 * carries the field messages too (`email: The email has already been taken.`), because
 * `outbox list` and the delivery log show only the message. At most 500 characters.
 */
export function getLeadcenterError(
  response: Pick<VendorResponse, 'json' | 'text' | 'status'>,
): LeadcenterError {
  const parsed = leadcenterErrorSchema.safeParse(response.json);
  if (!parsed.success) {
    const text = response.text.trim().replace(/\s+/g, ' ').slice(0, 300);
    return { message: text || `no message (HTTP ${response.status})` };
  }
  const fieldErrors = toFieldErrors(parsed.data.errors);
  const details = fieldErrors
    ? Object.entries(fieldErrors)
        .map(([field, messages]) =>
          field === GENERAL_ERRORS_KEY ? messages.join(' ') : `${field}: ${messages.join(' ')}`,
        )
        .join('; ')
    : '';
  const head = parsed.data.message?.trim() || 'no message';
  const message = (details && details !== head ? `${head} (${details})` : head).slice(0, 500);
  return fieldErrors ? { message, fieldErrors } : { message };
}

/** Laravel's unique-rule wording, the only duplicate signal a 422 can carry. */
const TAKEN = /has already been taken/i;

/** The vendor's id of a lead in a single-resource answer, or undefined. */
export function getLeadcenterId(json: unknown): string | undefined {
  const parsed = leadcenterSingleSchema.safeParse(json);
  if (!parsed.success) return undefined;
  const lead =
    'data' in parsed.data && parsed.data.data && typeof parsed.data.data === 'object'
      ? parsed.data.data
      : parsed.data;
  return String((lead as { id: string | number }).id);
}

/**
 * Classifies the answer to the lead create:
 * - 2xx with the vendor's lead id → `ok`; without one → `permanent`, saying the lead may be
 *   there (a resend could duplicate it, a silent `ok` could lose it);
 * - 409 → `conflict`: the document does not list 409, but where a self-hosted or future
 *   API answers it, it can only mean the lead is already there;
 * - 422 → `permanent` with the envelope's message and field messages, except that on a
 *   redelivery a 422 whose every message is Laravel's "has already been taken" is a
 *   `conflict` (our own earlier attempt created it);
 * - 429 → `retry` after `Retry-After`, else one rate window (the document names no limit);
 * - the rest as `classifyStatus` (CONTRACT §5).
 */
export function classifyLeadcenterResponse(
  response: VendorResponse,
  options: { default429DelayMs: number; now?: Date; redelivery: boolean },
): DeliveryOutcome {
  if (response.status >= 200 && response.status < 300) {
    const externalId = getLeadcenterId(response.json);
    if (externalId) return { kind: 'ok', externalId };
    // The document: a single resource comes back as "a JSON object of its properties"; a 2xx
    // without the lead may be a create that worked (resending could make a second lead: there
    // is no upsert, and the lookup cannot always tell), or no create at all (an HTML page from
    // a wrong path). Neither is safe to call delivered or to resend blind: a dead letter that
    // says so, for a person to check; `outbox retry` then searches before creating.
    return {
      kind: 'permanent',
      message: `${response.status} without a lead id (the document gives a created resource as a JSON object of its properties): the lead may have been created; check LeadCenter.AI before \`leadkit outbox retry\` (which searches first), and that paths.create is the lead create route`,
    };
  }
  const error = getLeadcenterError(response);
  if (response.status === 409) return { kind: 'conflict', message: `409: ${error.message}` };
  if (response.status === 422) {
    const messages = Object.values(error.fieldErrors ?? {}).flat();
    if (options.redelivery && messages.length > 0 && messages.every((m) => TAKEN.test(m))) {
      return { kind: 'conflict', message: `422 on a redelivery: ${error.message}` };
    }
    return {
      kind: 'permanent',
      message: `422: ${error.message}`,
      ...(error.fieldErrors ? { fieldErrors: error.fieldErrors } : {}),
    };
  }
  const outcome = classifyStatus(response, error.message, options);
  if (outcome.kind === 'permanent' && error.fieldErrors)
    return { ...outcome, fieldErrors: error.fieldErrors };
  return outcome;
}

/**
 * Why a route may have answered 404 when the URL repeats a segment (`…/v1/v1/leads`): the
 * document's routes are `{{domain}}/v1/…`, and a baseUrl that already ends in `/v1` doubles the
 * prefix leadkit's default paths carry. Empty when no segment repeats.
 */
export function explainLeadcenter404(baseUrl: string, path: string): string {
  const pathname = new URL(`${baseUrl}${path}`).pathname;
  const repeated = /\/([^/]+)\/\1(?=\/|$)/.exec(pathname);
  if (!repeated) return '';
  return ` — the URL has /${repeated[1]} twice (${pathname}): drop it from baseUrl (the document's routes are {{domain}}/v1/…, and the paths already start with /v1)`;
}
