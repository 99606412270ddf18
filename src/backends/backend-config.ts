import * as z from 'zod/mini';
import { parseRate } from '../model/rate';
import type { Backend, BackendDeps, BackendLimits } from './backend';
import { isAllowedOutboundUrl, OUTBOUND_URL_RULE, parseUrl } from './http/outbound-url';

const positiveInt = z.number().check(z.int(), z.positive());

/** A rate string, checked at config load (`"120/min"`, `"12/6s"`). */
export const rateStringSchema = z
  .string()
  .check(
    z.refine((text) => parseRate(text) !== null, 'must be "<count>/<window>", e.g. "120/min" or "12/6s"'),
  );

/** A secret or URL given in config: any string, usually `"${ENV_NAME}"` substituted at load. */
export const nonEmptyString = z.string().check(z.minLength(1, 'must not be empty'));

/**
 * A vendor base URL or webhook URL: `https:`, or `http:` to a loopback host (tests, a local
 * receiver). Every outbound call checks the same rule again (`isAllowedOutboundUrl`).
 */
export const httpUrlSchema = z.string().check(
  z.refine((text) => parseUrl(text) !== null, 'must be an https URL'),
  z.refine((text) => {
    const url = parseUrl(text);
    return url === null || isAllowedOutboundUrl(url);
  }, OUTBOUND_URL_RULE),
);

/** Keys every backend accepts (CONTRACT §5): per-backend delivery limits. */
export const commonBackendShape = {
  timeoutMs: z.optional(positiveInt.check(z.maximum(120_000))),
  concurrency: z.optional(positiveInt.check(z.maximum(64))),
  rateLimit: z.optional(rateStringSchema),
  retry: z.optional(
    z.strictObject({
      maxAttempts: z.optional(positiveInt.check(z.maximum(1000))),
      baseDelayMs: z.optional(positiveInt),
      maxDelayMs: z.optional(positiveInt),
      maxAgeHours: z.optional(z.number().check(z.positive())),
    }),
  ),
};

export interface CommonBackendConfig {
  timeoutMs?: number;
  concurrency?: number;
  rateLimit?: string;
  retry?: { maxAttempts?: number; baseDelayMs?: number; maxDelayMs?: number; maxAgeHours?: number };
}

/**
 * Resolves a backend's limits from its config and the vendor's documented defaults.
 * `defaultRate` null means no limit (local, webhook).
 */
export function resolveLimits(
  config: CommonBackendConfig,
  defaults: { rateLimit: string | null; concurrency?: number; batchSize?: number; timeoutMs?: number },
): BackendLimits {
  const rateText = config.rateLimit ?? defaults.rateLimit;
  return {
    timeoutMs: config.timeoutMs ?? defaults.timeoutMs ?? 10_000,
    concurrency: config.concurrency ?? defaults.concurrency ?? 4,
    rateLimit: rateText ? parseRate(rateText) : null,
    retry: {
      // Unlimited unless set (CONTRACT §5): a lead outlasts a vendor outage of up to maxAgeHours.
      maxAttempts: config.retry?.maxAttempts ?? null,
      baseDelayMs: config.retry?.baseDelayMs ?? 1_000,
      maxDelayMs: config.retry?.maxDelayMs ?? 15 * 60_000,
      maxAgeHours: config.retry?.maxAgeHours ?? 72,
    },
    batchSize: defaults.batchSize ?? 1,
  };
}

/**
 * How the registry knows a backend type: its config schema (a strict object with a
 * `type` literal) and its factory.
 */
export interface BackendDefinition<C extends { type: string } = { type: string }> {
  type: C['type'];
  configSchema: z.ZodMiniType<C>;
  create(name: string, config: C, deps: BackendDeps): Backend;
  /** True for a type that can hold a calendar (`book`, `availability`): checked at config load. */
  calendar?: boolean;
}
