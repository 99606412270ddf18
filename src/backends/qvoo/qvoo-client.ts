import type { RequestLimiter } from '../http/request-limiter';
import { sendLimitedVendorRequest, type VendorCallResult, type VendorRequest } from '../http/vendor-request';
import type { QvooAuth } from './qvoo-auth';

/** Sends requests to one Qvoo workspace: base URL, auth, request rate and timeout in one place. */
export interface QvooClient {
  /** A workspace route: `path` is appended to `/api/v1/workspaces/<workspaceId>`. */
  workspace(
    method: VendorRequest['method'],
    path: string,
    body?: unknown,
    signal?: AbortSignal,
  ): Promise<VendorCallResult>;
  /** An unauthenticated route under `/api/v1` (`/health`, `/oauth/*`). */
  open(
    method: VendorRequest['method'],
    path: string,
    body?: unknown,
    signal?: AbortSignal,
  ): Promise<VendorCallResult>;
}

export interface QvooClientOptions {
  baseUrl: string;
  workspaceId: string;
  timeoutMs: number;
  fetch: typeof fetch;
  limiter: RequestLimiter;
  /** Set after construction: OAuth itself sends its token requests through `open`. */
  getAuth: () => QvooAuth;
}

/**
 * Every route in the collection sits under `{{base_url}}/api/v1`, so `baseUrl` is the
 * host (or a self-hosted prefix) and the client adds `/api/v1`.
 */
export function createQvooClient(options: QvooClientOptions): QvooClient {
  const root = `${options.baseUrl.replace(/\/+$/, '')}/api/v1`;
  const workspaceRoot = `${root}/workspaces/${encodeURIComponent(options.workspaceId)}`;

  const send = (
    request: Omit<VendorRequest, 'timeoutMs'>,
    signal: AbortSignal | undefined,
  ): Promise<VendorCallResult> => {
    const full: VendorRequest = { ...request, timeoutMs: options.timeoutMs };
    if (signal) full.signal = signal;
    return sendLimitedVendorRequest(options.fetch, options.limiter, full, 'Qvoo');
  };

  return {
    async workspace(method, path, body, signal) {
      const auth = options.getAuth();
      // A 401 with an OAuth token gets one more try with a fresh token (revoked or rotated).
      for (let round = 0; ; round++) {
        const credentials = await auth.getHeaders(signal);
        if (!credentials.ok) return { ok: false, outcome: credentials.outcome };
        const result = await send(
          { method, url: `${workspaceRoot}${path}`, headers: credentials.headers, body },
          signal,
        );
        if (result.ok && result.response.status === 401 && auth.mode === 'oauth' && round === 0) {
          await auth.invalidate(credentials.token);
          continue;
        }
        return result;
      }
    },
    open(method, path, body, signal) {
      return send({ method, url: `${root}${path}`, body }, signal);
    },
  };
}
