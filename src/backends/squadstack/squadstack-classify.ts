import type { DeliveryOutcome } from '../backend';
import { classifyStatus, parseRetryAfter } from '../http/vendor-request';
import { squadStackErrorSchema } from './squadstack-types';

/** SquadStack's words for a failure, and its per-field messages when it gave any. */
export interface SquadStackErrorDetail {
  message: string;
  fieldErrors?: Record<string, string[]>;
}

/**
 * Reads SquadStack's error text. Doc 002 shows `error_msg` holding JSON
 * (`{"error_msg":"{\"error_type\":1,\"detail\":\"Internal ID already exists\"}"}`), a Python
 * dict (`"{'phone_number': 'Invalid value provided.'}"`), or plain text; disable/delete answer
 * `{"detail": …}`; the 429 body is not JSON at all (`{Request was throttled. Please try after
 * 60 seconds}`). All are read; what cannot be parsed is quoted, cut to 300 characters.
 */
export function getSquadStackErrorDetail(json: unknown, text: string, status: number): SquadStackErrorDetail {
  const parsed = squadStackErrorSchema.safeParse(json);
  const raw = parsed.success ? (parsed.data.error_msg ?? parsed.data.detail) : undefined;
  if (raw === undefined) return { message: text.trim().slice(0, 300) || `HTTP ${status}` };
  return readMessage(raw);
}

function readMessage(raw: unknown): SquadStackErrorDetail {
  let value = raw;
  if (typeof value === 'string') {
    const inner = parseLoose(value);
    if (inner === undefined) return { message: value.slice(0, 300) };
    value = inner;
  }
  if (value && typeof value === 'object' && !Array.isArray(value)) {
    const record = value as Record<string, unknown>;
    if (typeof record.detail === 'string') return { message: record.detail };
    const fieldErrors: Record<string, string[]> = {};
    for (const [key, messages] of Object.entries(record)) {
      if (key === 'error_type') continue;
      const list = (Array.isArray(messages) ? messages : [messages]).filter(
        (m): m is string => typeof m === 'string',
      );
      if (list.length > 0) fieldErrors[key] = list;
    }
    if (Object.keys(fieldErrors).length > 0) {
      const message = Object.entries(fieldErrors)
        .map(([key, list]) => `${key}: ${list.join(' ')}`)
        .join('; ');
      return { message, fieldErrors };
    }
  }
  return { message: JSON.stringify(value).slice(0, 300) };
}

/** JSON, or a Python dict repr as SquadStack's bulk answers carry; undefined for plain text. */
function parseLoose(text: string): unknown {
  const trimmed = text.trim();
  if (!trimmed.startsWith('{') && !trimmed.startsWith('[')) return undefined;
  try {
    return JSON.parse(trimmed);
  } catch {
    try {
      return JSON.parse(trimmed.replace(/'/g, '"'));
    } catch {
      return undefined;
    }
  }
}

/** Is this 409 about another request for the same lead still running (doc 002, common status codes)? */
const IN_PROGRESS = /another request for the same lead|getting processed|being processed/i;
/**
 * 400s that mean "the lead is already there": upserting a lead that is still active ("Unjudged
 * leads cannot be re-activated" — "You are trying to reactivate a lead that is still active
 * in your campaign") or one already converted ("has already been marked as converted").
 */
const ALREADY_THERE_400 = /unjudged leads cannot be re-?activated|marked as converted/i;

/** How long to wait after another request for the same lead was still running: it usually finishes within seconds. */
export const IN_PROGRESS_RETRY_MS = 5_000;

/**
 * Classifies one lead's answer from SquadStack — a single call's status, or one bulk
 * `result` entry's `status_code` (`scope: 'lead'`) — or a whole bulk call (`scope: 'batch'`).
 *
 * - 2xx ok.
 * - 409 "already exists" / "Duplicate Lead ID shared" (create mode) is a conflict: the lead is
 *   there. 409 "Another request for the same lead is getting processed already" is retried
 *   after a few seconds ("Please wait till your intitial request is processed"). Any other 409
 *   is a conflict too: both documented meanings say SquadStack has, or is taking, this lead.
 *   For a whole bulk call a 409 cannot be pinned to a lead, so the batch is retried.
 * - 400 is permanent with SquadStack's `error_msg`, except the two "already there" messages
 *   above (per lead only).
 * - 429: "Request was throttled. Please try after 60 seconds" — the backend pauses for
 *   `Retry-After` when sent, else the seconds named in the message, else `throttlePauseMs`.
 * - 401/403/404 ("No active integration found.") permanent; 5xx, 408, 425 retried.
 */
export function classifySquadStackAnswer(
  answer: { status: number; headers?: Headers; detail: SquadStackErrorDetail },
  options: { scope: 'lead' | 'batch'; throttlePauseMs: number; now: Date },
): DeliveryOutcome {
  const { status, detail } = answer;
  if (status >= 200 && status < 300) return { kind: 'ok' };
  if (status === 409) {
    if (options.scope === 'batch' || IN_PROGRESS.test(detail.message)) {
      return { kind: 'retry', message: `409: ${detail.message}`, delayMs: IN_PROGRESS_RETRY_MS };
    }
    return { kind: 'conflict', message: `already in the campaign: ${detail.message}` };
  }
  if (status === 400 && options.scope === 'lead' && ALREADY_THERE_400.test(detail.message)) {
    return { kind: 'conflict', message: `already in the campaign: ${detail.message}` };
  }
  if (status === 429) {
    const named = /after\s+(\d+)\s*sec/i.exec(detail.message);
    const delayMs =
      parseRetryAfter(answer.headers?.get('retry-after') ?? null, options.now) ??
      (named ? Number(named[1]) * 1000 : undefined) ??
      options.throttlePauseMs;
    return {
      kind: 'retry',
      message: `rate limited (429): ${detail.message}`,
      delayMs,
      pauseBackendMs: delayMs,
    };
  }
  const outcome = classifyStatus({ status, headers: answer.headers ?? new Headers() }, detail.message, {
    now: options.now,
  });
  if (outcome.kind === 'permanent' && detail.fieldErrors)
    return { ...outcome, fieldErrors: detail.fieldErrors };
  return outcome;
}
