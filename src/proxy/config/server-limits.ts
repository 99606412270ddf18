import * as z from 'zod/mini';

/**
 * How long the HTTP server waits for a client and how many it holds at once. Node's own
 * defaults (60 s for headers, 300 s for a whole request, no connection cap) let a few
 * hundred slow sockets pin the process; these are sized for real phones instead: a 32 KB
 * lead body crosses a poor mobile link in a few seconds, so 30 s for the whole request is
 * generous, while a drip-fed body is cut off long before it hurts.
 */
export const SERVER_LIMIT_DEFAULTS = {
  /** Time from connection to the end of the request headers. */
  headersTimeoutMs: 15_000,
  /** Time from connection to the end of the request body. */
  requestTimeoutMs: 30_000,
  /**
   * Idle time a kept-alive connection waits for its next request. Behind a load balancer
   * that reuses connections, set it above the balancer's own idle timeout (AWS ALB: 60 s),
   * or the balancer sends requests into sockets the proxy is closing.
   */
  keepAliveTimeoutMs: 5_000,
  /** Open connections at once; further ones are closed on arrival. */
  maxConnections: 4096,
} as const;

export type ServerLimits = { -readonly [K in keyof typeof SERVER_LIMIT_DEFAULTS]: number };

const ms = (min: number) => z.optional(z.number().check(z.int(), z.minimum(min), z.maximum(600_000)));

/** The top-level `server` key of leadkit.config.json; every limit is optional. */
export const serverLimitsSchema = z
  .strictObject({
    headersTimeoutMs: ms(1000),
    requestTimeoutMs: ms(1000),
    keepAliveTimeoutMs: ms(0),
    maxConnections: z.optional(z.number().check(z.int(), z.minimum(1), z.maximum(1_000_000))),
  })
  .check(
    z.refine(
      (limits) =>
        resolveServerLimits(limits).headersTimeoutMs <= resolveServerLimits(limits).requestTimeoutMs,
      {
        message: 'headersTimeoutMs must not exceed requestTimeoutMs',
        path: ['headersTimeoutMs'],
      },
    ),
  );

/** The `server` key with the defaults filled in. */
export function resolveServerLimits(limits: Partial<ServerLimits> | undefined): ServerLimits {
  return { ...SERVER_LIMIT_DEFAULTS, ...limits };
}
