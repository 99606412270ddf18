import type { DeliveryOutcome } from '../backend';
import { classifyStatus, type VendorResponse } from '../http/vendor-request';
import { qvooErrorSchema } from './qvoo-types';

/** What Qvoo said went wrong, read defensively from an error answer. */
export interface QvooErrorText {
  message: string;
  fieldErrors?: Record<string, string[]>;
}

/**
 * Qvoo documents no rate limit and no 429 pause; when it answers 429 without
 * `Retry-After`, the backend pauses for one full window of the assumed `60/min`.
 */
export const QVOO_DEFAULT_429_DELAY_MS = 60_000;

const MAX_MESSAGE_LENGTH = 500;

/**
 * Reads the vendor's message from an error answer: `message`, else `error` (text or
 * `{ message }`), else the start of the raw text. `errors` may be a map of field →
 * messages or a list (of strings or `{ field, message }`); both become `fieldErrors`.
 */
export function getQvooErrorText(response: Pick<VendorResponse, 'status' | 'json' | 'text'>): QvooErrorText {
  const parsed = qvooErrorSchema.safeParse(response.json);
  const fallback = response.text.trim().slice(0, 200) || `HTTP ${response.status}`;
  if (!parsed.success) return { message: fallback };
  const { message, error, errors } = parsed.data;
  const text = message ?? (typeof error === 'string' ? error : error?.message) ?? fallback;
  const fieldErrors = toFieldErrors(errors);
  const result: QvooErrorText = { message: truncate(text) };
  if (fieldErrors) result.fieldErrors = fieldErrors;
  return result;
}

/**
 * Classifies a Qvoo answer to a workspace route that has no special meaning for its status
 * (CONTRACT §5): 2xx ok; 401/403 permanent; 408/425/5xx retried; 429 after `Retry-After`;
 * any other 4xx (400/422 validation, 404 unknown workspace) permanent with Qvoo's message
 * and per-field messages.
 */
export function classifyQvooResponse(response: VendorResponse, now: Date): DeliveryOutcome {
  const { message, fieldErrors } = getQvooErrorText(response);
  const outcome = classifyStatus(response, message, { default429DelayMs: QVOO_DEFAULT_429_DELAY_MS, now });
  if (outcome.kind === 'permanent' && fieldErrors) return { ...outcome, fieldErrors };
  return outcome;
}

function toFieldErrors(errors: unknown): Record<string, string[]> | undefined {
  if (!errors) return undefined;
  const result: Record<string, string[]> = {};
  const add = (field: string, value: unknown): void => {
    const messages = (Array.isArray(value) ? value : [value])
      .map((item) => (typeof item === 'string' ? item : (item as { message?: unknown })?.message))
      .filter((item): item is string => typeof item === 'string')
      .map(truncate);
    if (messages.length > 0) result[field] = [...(result[field] ?? []), ...messages];
  };
  if (Array.isArray(errors)) {
    for (const item of errors) {
      if (typeof item === 'string') add('_', item);
      else if (item && typeof item === 'object') {
        const { field, path, message } = item as { field?: unknown; path?: unknown; message?: unknown };
        const name =
          typeof field === 'string'
            ? field
            : Array.isArray(path)
              ? path.join('.')
              : typeof path === 'string'
                ? path
                : '_';
        add(name, message);
      }
    }
  } else if (typeof errors === 'object') {
    for (const [field, value] of Object.entries(errors)) add(field, value);
  }
  return Object.keys(result).length > 0 ? result : undefined;
}

function truncate(text: string): string {
  return text.length > MAX_MESSAGE_LENGTH ? `${text.slice(0, MAX_MESSAGE_LENGTH - 1)}…` : text;
}
