import * as z from 'zod/mini';
import type { BackendLogger, BackendStateStore, DeliveryOutcome } from '../backend';
import type { VendorCallResult } from '../http/vendor-request';
import { classifyQvooResponse } from './qvoo-classify';
import { qvooTokenResponseSchema } from './qvoo-types';

/** The headers that authenticate one request, or why none could be had. */
export type QvooAuthResult =
  | { ok: true; headers: Record<string, string>; token?: string }
  | { ok: false; outcome: DeliveryOutcome };

/** Authentication for Qvoo's workspace API: a static API key, or OAuth client credentials. */
export interface QvooAuth {
  readonly mode: 'apiKey' | 'oauth';
  getHeaders(signal?: AbortSignal): Promise<QvooAuthResult>;
  /** After a 401: forget `token` (if still current) so the next call fetches a new one. */
  invalidate(token: string | undefined): Promise<void>;
}

/** Sends a JSON POST to an `/oauth/*` route (rate-limited, with a timeout) and returns the answer. */
export type QvooTokenPost = (
  path: '/oauth/token' | '/oauth/refresh',
  body: object,
  signal?: AbortSignal,
) => Promise<VendorCallResult>;

const storedTokenSchema = z.object({
  accessToken: z.string().check(z.minLength(1)),
  refreshToken: z.optional(z.string()),
  expiresAt: z.number(),
});
type StoredToken = z.infer<typeof storedTokenSchema>;

/** Tokens are renewed this long before Qvoo's `expires_in` runs out, so none expires in flight. */
const EXPIRY_SKEW_MS = 60_000;
/** The collection's example `expires_in`; used when an answer leaves it out. */
const DEFAULT_EXPIRES_IN_S = 3600;

/** `X-API-Key: <key>`, as every workspace request in the collection sends it. */
export function createQvooApiKeyAuth(apiKey: string): QvooAuth {
  return {
    mode: 'apiKey',
    getHeaders: async () => ({ ok: true, headers: { 'x-api-key': apiKey } }),
    invalidate: async () => {},
  };
}

/**
 * OAuth 2.0 client credentials (`POST /oauth/token`), the token cached in memory and in
 * the backend state (so a restart does not fetch a new one) until shortly before it
 * expires, then renewed with `POST /oauth/refresh`; a failed refresh, or a 401 on a
 * workspace route, fetches a new token with the client credentials.
 *
 * Decision: the collection's token answer says `"token_type": "Bearer"` but no request in
 * it uses the token — every workspace route shows `X-API-Key`. leadkit sends the token as
 * `Authorization: Bearer <access_token>` on the workspace routes, as `token_type` says.
 */
export function createQvooOAuth(options: {
  clientId: string;
  clientSecret: string;
  stateKey: string;
  state: BackendStateStore;
  logger: BackendLogger;
  now: () => Date;
  post: QvooTokenPost;
}): QvooAuth {
  let current: StoredToken | null = null;
  let loadedFromState = false;
  let pending: Promise<QvooAuthResult> | null = null;

  const toResult = (token: StoredToken): QvooAuthResult => ({
    ok: true,
    headers: { authorization: `Bearer ${token.accessToken}` },
    token: token.accessToken,
  });

  const store = async (token: StoredToken | null): Promise<void> => {
    current = token;
    try {
      await options.state.set(options.stateKey, token ? JSON.stringify(token) : '');
    } catch (error) {
      options.logger.warn({ err: (error as Error)?.message }, 'qvoo: could not persist the OAuth token');
    }
  };

  const request = async (
    path: '/oauth/token' | '/oauth/refresh',
    body: object,
    signal?: AbortSignal,
  ): Promise<QvooAuthResult> => {
    const result = await options.post(path, body, signal);
    if (!result.ok)
      return {
        ok: false,
        outcome: {
          ...result.outcome,
          message: `OAuth ${path}: ${result.outcome.message}`,
        } as DeliveryOutcome,
      };
    const { response } = result;
    if (response.status >= 200 && response.status < 300) {
      const parsed = qvooTokenResponseSchema.safeParse(response.json);
      if (!parsed.success)
        return {
          ok: false,
          outcome: { kind: 'retry', message: `OAuth ${path}: unexpected answer from Qvoo` },
        };
      const token: StoredToken = {
        accessToken: parsed.data.access_token,
        expiresAt: options.now().getTime() + (parsed.data.expires_in ?? DEFAULT_EXPIRES_IN_S) * 1000,
      };
      const refreshToken =
        parsed.data.refresh_token ?? (path === '/oauth/refresh' ? current?.refreshToken : undefined);
      if (refreshToken) token.refreshToken = refreshToken;
      await store(token);
      return toResult(token);
    }
    // Same rules as any Qvoo answer (429 after Retry-After, 5xx retried, 4xx permanent).
    const outcome = classifyQvooResponse(response, options.now());
    return {
      ok: false,
      outcome: { ...outcome, message: `OAuth ${path}: ${outcome.message}` } as DeliveryOutcome,
    };
  };

  const fetchNew = (signal?: AbortSignal): Promise<QvooAuthResult> =>
    request(
      '/oauth/token',
      { client_id: options.clientId, client_secret: options.clientSecret, grant_type: 'client_credentials' },
      signal,
    );

  const renew = async (signal?: AbortSignal): Promise<QvooAuthResult> => {
    const refreshToken = current?.refreshToken;
    if (refreshToken) {
      const refreshed = await request('/oauth/refresh', { refresh_token: refreshToken }, signal);
      // Only a refused refresh token falls back; a Qvoo outage is retried as it is.
      if (refreshed.ok || refreshed.outcome.kind === 'retry') return refreshed;
      options.logger.info({}, 'qvoo: refresh token refused, fetching a new OAuth token');
    }
    return fetchNew(signal);
  };

  return {
    mode: 'oauth',
    async getHeaders(signal) {
      if (!loadedFromState) {
        loadedFromState = true;
        try {
          const saved = await options.state.get(options.stateKey);
          const parsed = saved ? storedTokenSchema.safeParse(JSON.parse(saved)) : null;
          if (parsed?.success) current = parsed.data;
        } catch {
          current = null;
        }
      }
      if (current && current.expiresAt - EXPIRY_SKEW_MS > options.now().getTime()) return toResult(current);
      // One renewal at a time: concurrent deliveries share it.
      pending ??= renew(signal).finally(() => {
        pending = null;
      });
      return pending;
    },
    async invalidate(token) {
      if (current && current.accessToken === token) await store(null);
    },
  };
}
