import type { DeliveryOutcome } from '../backend';
import { classifyStatus, type VendorResponse } from '../http/vendor-request';
import { lioErrorSchema } from './lio-types';

/** LIO's own words for a failed answer, and its per-field messages when it gave any. */
export interface LioErrorDetail {
  message: string;
  fieldErrors?: Record<string, string[]>;
}

/**
 * Reads LIO's failure envelope `{ success: false, error: { message, type, code } }` (doc 003 §3).
 * §4 shows no body for 422, so `errors` is read both beside and inside `error`, as a map of
 * field → message(s) or a list; a body that is not JSON is quoted (cut to 200 characters).
 */
export function getLioErrorDetail(
  response: Pick<VendorResponse, 'status' | 'json' | 'text'>,
): LioErrorDetail {
  const parsed = lioErrorSchema.safeParse(response.json);
  if (!parsed.success) return { message: response.text.trim().slice(0, 200) || `HTTP ${response.status}` };
  const { error } = parsed.data;
  const message =
    (typeof error === 'string' ? error : error?.message) ??
    parsed.data.message ??
    (response.text.trim().slice(0, 200) || `HTTP ${response.status}`);
  const fieldErrors = toFieldErrors(
    parsed.data.errors ?? (typeof error === 'object' ? error.errors : undefined),
  );
  return fieldErrors ? { message, fieldErrors } : { message };
}

/**
 * Classifies every LIO answer except 409, whose meaning depends on `onDuplicate` and is
 * decided in lio-backend.ts. 2xx ok; 401 ("API key missing") and 403 ("Invalid or expired API
 * key, or the calling IP/domain is not allowed", §4) permanent; 400/404/422 permanent with
 * LIO's message; 408/425/5xx and timeouts retried.
 *
 * 429: §4 says only "retry with exponential backoff" and names no pause, so a `Retry-After`
 * is honoured when LIO sends one and otherwise the backend waits `default429DelayMs` (one
 * window of its rate limit: by then the proxy's token bucket has refilled).
 */
export function classifyLioResponse(
  response: VendorResponse,
  options: { default429DelayMs: number; now: Date },
): DeliveryOutcome {
  const detail = getLioErrorDetail(response);
  const outcome = classifyStatus(response, detail.message, options);
  if (outcome.kind === 'permanent' && detail.fieldErrors)
    return { ...outcome, fieldErrors: detail.fieldErrors };
  return outcome;
}

function toFieldErrors(value: unknown): Record<string, string[]> | undefined {
  const out: Record<string, string[]> = {};
  const add = (key: string, text: string) => {
    out[key] = [...(out[key] ?? []), text];
  };
  if (Array.isArray(value)) {
    for (const item of value) {
      if (typeof item === 'string') add('_', item);
      else if (item && typeof item === 'object') {
        const { field, path, param, message, msg } = item as Record<string, unknown>;
        const key = [field, path, param].find((k) => typeof k === 'string') as string | undefined;
        const text = [message, msg].find((m) => typeof m === 'string') as string | undefined;
        if (text) add(key ?? '_', text);
      }
    }
  } else if (value && typeof value === 'object') {
    for (const [key, messages] of Object.entries(value)) {
      const list = (Array.isArray(messages) ? messages : [messages]).filter(
        (m): m is string => typeof m === 'string',
      );
      if (list.length > 0) out[key] = list;
    }
  }
  return Object.keys(out).length > 0 ? out : undefined;
}
