import * as z from 'zod/mini';
import type { Backend, BackendDeps, CheckResult } from '../backend';
import {
  type BackendDefinition,
  commonBackendShape,
  httpUrlSchema,
  nonEmptyString,
  resolveLimits,
} from '../backend-config';
import { sendVendorRequest } from '../http/vendor-request';
import {
  classifyQualifybaseResponse,
  getQualifybaseMessage,
  isIdempotencyConflict,
} from './qualifybase-classify';
import {
  isQualifybaseFieldTarget,
  type QualifybaseMapOptions,
  toQualifybaseLead,
} from './qualifybase-mapper';
import { qualifybaseLeadListSchema } from './qualifybase-types';

/** The document's server: `{appUrl}/api/v1` with `appUrl` defaulting to `https://app.qualifybase.com`. */
export const QUALIFYBASE_DEFAULT_BASE_URL = 'https://app.qualifybase.com/api/v1';

/** "Rate limit: 120 req/min per key." */
export const QUALIFYBASE_RATE_LIMIT = '120/min';

/** `backends.<name>` for `"type": "qualifybase"` (CONTRACT §5). */
export const qualifybaseConfigSchema = z.strictObject({
  type: z.literal('qualifybase'),
  ...commonBackendShape,
  /** Overridable for self-hosted and test instances. */
  baseUrl: z._default(httpUrlSchema, QUALIFYBASE_DEFAULT_BASE_URL),
  /** A `qbk_live_*` key, sent as `Authorization: Bearer …`. */
  apiKey: nonEmptyString,
  /** Form field → `full_name`, `phone`, `email`, `country`, `city`, `language`, `treatment_interest`, `notes` or `external_metadata.<key>`. */
  fieldMap: z.optional(
    z.record(
      z.string(),
      z
        .string()
        .check(
          z.refine(
            isQualifybaseFieldTarget,
            'must be full_name, phone, email, country, city, language, treatment_interest, notes or external_metadata.<key>',
          ),
        ),
    ),
  ),
  /** `external_source`: the namespace of our lead id in QualifyBase. */
  externalSource: z._default(nonEmptyString.check(z.maxLength(100)), 'leadkit'),
  /** Which touch decides `source`. */
  sourceTouch: z._default(z.enum(['first', 'last']), 'first'),
});
export type QualifybaseConfig = z.infer<typeof qualifybaseConfigSchema>;

/** The document caps `Idempotency-Key` at 255 characters. */
async function toIdempotencyKey(deliveryId: string): Promise<string> {
  if (deliveryId.length <= 255) return deliveryId;
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(deliveryId));
  return `leadkit-${Array.from(new Uint8Array(digest), (byte) => byte.toString(16).padStart(2, '0')).join('')}`;
}

/**
 * QualifyBase (seed 004, OpenAPI "QualifyBase Public API"): `POST /leads` with our lead id
 * as `external_id`, so a redelivery is an upsert (200), never a second lead, plus an
 * `Idempotency-Key` per delivery so a retried request is replayed, not re-run.
 */
export function createQualifybaseBackend(
  name: string,
  config: QualifybaseConfig,
  deps: BackendDeps,
): Backend {
  const limits = resolveLimits(config, { rateLimit: QUALIFYBASE_RATE_LIMIT });
  const baseUrl = config.baseUrl.replace(/\/+$/, '');
  const headers = { authorization: `Bearer ${config.apiKey}` };
  const mapOptions: QualifybaseMapOptions = {
    fieldMap: config.fieldMap,
    externalSource: config.externalSource,
    sourceTouch: config.sourceTouch,
  };
  const default429DelayMs = limits.rateLimit?.windowMs ?? 60_000;

  return {
    name,
    type: 'qualifybase',
    limits,

    async deliverLead(lead, attempt) {
      const mapped = toQualifybaseLead(lead, mapOptions);
      if (!mapped.ok) return { kind: 'permanent', message: mapped.message };
      const send = (idempotencyKey: string | null) =>
        sendVendorRequest(deps.fetch, {
          method: 'POST',
          url: `${baseUrl}/leads`,
          headers: idempotencyKey ? { ...headers, 'idempotency-key': idempotencyKey } : headers,
          body: mapped.body,
          timeoutMs: limits.timeoutMs,
          signal: attempt.signal,
        });

      let result = await send(await toIdempotencyKey(attempt.deliveryId));
      if (result.ok && isIdempotencyConflict(result.response)) {
        // One delivery always maps to one body, so this is a bug or a config change between
        // attempts. The lead is still safe to send: external_source + external_id make the
        // request an upsert, so it goes again without the key rather than dead-lettering.
        deps.logger.error(
          { backend: name, leadId: lead.id, deliveryId: attempt.deliveryId, attempt: attempt.attempt },
          'QualifyBase answered 409 idempotency_conflict: this delivery was sent before with a different body; resending as an upsert without Idempotency-Key',
        );
        result = await send(null);
      }
      if (!result.ok) return result.outcome;
      const outcome = classifyQualifybaseResponse(result.response, { default429DelayMs, now: deps.now() });
      if (outcome.kind === 'ok' && !outcome.externalId) {
        deps.logger.warn(
          { backend: name, leadId: lead.id, status: result.response.status },
          'QualifyBase accepted the lead but its answer did not parse',
        );
      }
      return outcome;
    },

    async check(signal) {
      const results: CheckResult[] = [];
      const keyLooksRight = /^qbk_live_/.test(config.apiKey);
      results.push({
        ok: keyLooksRight,
        what: 'API key has the documented form qbk_live_*',
        ...(keyLooksRight ? {} : { detail: 'the key does not start with qbk_live_' }),
      });
      // A list of at most one lead: proves the key without creating anything.
      const result = await sendVendorRequest(deps.fetch, {
        method: 'GET',
        url: `${baseUrl}/leads?limit=1`,
        headers,
        timeoutMs: limits.timeoutMs,
        signal,
      });
      if (!result.ok) {
        results.push({ ok: false, what: 'QualifyBase reachable', detail: result.outcome.message });
        return results;
      }
      const { response } = result;
      if (response.status === 200 && qualifybaseLeadListSchema.safeParse(response.json).success) {
        results.push({ ok: true, what: 'API key accepted (GET /leads)' });
      } else {
        results.push({
          ok: false,
          what: 'API key accepted (GET /leads)',
          detail: `HTTP ${response.status}: ${getQualifybaseMessage(response)}`,
        });
      }
      return results;
    },
  };
}

/** The registry's entry for `"type": "qualifybase"`. */
export const qualifybaseBackend: BackendDefinition<QualifybaseConfig> = {
  type: 'qualifybase',
  configSchema: qualifybaseConfigSchema,
  create: createQualifybaseBackend,
};
