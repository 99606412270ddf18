import type { BackendDeps, DeliveryOutcome } from '../backend';
import { classifyStatus, sendVendorRequest } from '../http/vendor-request';
import { getLioErrorDetail } from './lio-classify';
import { lioLoginResponseSchema } from './lio-types';

/** A bearer token for LIO's non-§8 endpoints, or why there is none. */
export type LioTokenResult = { ok: true; token: string } | { ok: false; outcome: DeliveryOutcome };

/** LIO's bearer-token login (doc 003 §2.1), shared by the endpoints outside lead ingestion. */
export interface LioSession {
  /** A cached token while it is valid, else a fresh login. */
  getToken(signal: AbortSignal): Promise<LioTokenResult>;
  /** Forgets the token: call after LIO answered 401 to it ("A missing, malformed, or expired token returns 401"). */
  invalidate(): Promise<void>;
}

/** Renew this long before `expires_at`, so a token never expires mid-request. */
const EXPIRY_MARGIN_MS = 5 * 60_000;

/**
 * Logs in with `POST /api/auth/login` and caches the token until `expires_at` (§2.1: "The token
 * is valid for 30 days") in `deps.state`, so a restart does not log in again. The token and
 * password never reach a log line or an outcome message.
 */
export function createLioSession(
  options: { name: string; baseUrl: string; email: string; password: string; timeoutMs: number },
  deps: Pick<BackendDeps, 'fetch' | 'now' | 'state'>,
): LioSession {
  const stateKey = `lio:${options.name}:token`;
  let cached: { token: string; expiresAt: number } | null = null;
  let pending: Promise<LioTokenResult> | null = null;

  const isFresh = (entry: { expiresAt: number } | null) =>
    entry !== null && entry.expiresAt - EXPIRY_MARGIN_MS > deps.now().getTime();

  const login = async (signal: AbortSignal): Promise<LioTokenResult> => {
    const result = await sendVendorRequest(deps.fetch, {
      method: 'POST',
      url: `${options.baseUrl}/api/auth/login`,
      body: { email: options.email, password: options.password },
      timeoutMs: options.timeoutMs,
      signal,
    });
    if (!result.ok) return result;
    const { status } = result.response;
    if (status < 200 || status >= 300) {
      const { message } = getLioErrorDetail(result.response);
      // CONTRACT §5's shared rules: 408, 425, 429 and 5xx are retried; §2.1's 400, 401 (invalid
      // credentials), 403 (inactive account) and 404 (no account) are permanent: none heals by retrying.
      const outcome = classifyStatus(result.response, message, { now: deps.now() });
      return {
        ok: false,
        outcome: { ...outcome, message: `LIO login ${status}: ${message}` } as DeliveryOutcome,
      };
    }
    const parsed = lioLoginResponseSchema.safeParse(result.response.json);
    if (!parsed.success)
      return {
        ok: false,
        outcome: { kind: 'retry', message: 'LIO login: the answer carries no access_token' },
      };
    const expiresAt = Date.parse(parsed.data.expires_at ?? '') || deps.now().getTime() + 24 * 3_600_000;
    cached = { token: parsed.data.access_token, expiresAt };
    await deps.state.set(stateKey, JSON.stringify(cached));
    return { ok: true, token: cached.token };
  };

  return {
    async getToken(signal) {
      if (cached === null) {
        const stored = await deps.state.get(stateKey);
        try {
          const value = stored ? (JSON.parse(stored) as { token?: unknown; expiresAt?: unknown }) : null;
          if (value && typeof value.token === 'string' && typeof value.expiresAt === 'number') {
            cached = { token: value.token, expiresAt: value.expiresAt };
          }
        } catch {
          cached = null;
        }
      }
      if (cached && isFresh(cached)) return { ok: true, token: cached.token };
      // One login at a time: concurrent deliveries share it.
      pending ??= login(signal).finally(() => {
        pending = null;
      });
      return pending;
    },
    async invalidate() {
      cached = null;
      await deps.state.set(stateKey, '');
    },
  };
}
