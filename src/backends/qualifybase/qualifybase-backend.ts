import * as z from 'zod/mini';
import type { Backend, BackendDeps, CheckResult } from '../backend';
import {
  type BackendDefinition,
  commonBackendShape,
  httpUrlSchema,
  nonEmptyString,
  resolveLimits,
} from '../backend-config';
import { createBackendRequestLimiter } from '../http/request-limiter';
import { sendLimitedVendorRequest, type VendorRequest } from '../http/vendor-request';
import { createQualifybaseCalendar } from './qualifybase-calendar';
import {
  classifyQualifybaseResponse,
  explainQualifybase404,
  getQualifybaseMessage,
  getResendReason,
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
  /** A calendar's `AppointmentCreate.status`: `confirmed` (default) or `pending_confirmation`. */
  appointmentStatus: z._default(z.enum(['pending_confirmation', 'confirmed']), 'confirmed'),
  /** A calendar's `AppointmentCreate.title`. */
  appointmentTitle: z._default(nonEmptyString.check(z.maxLength(200)), 'Appointment (leadkit)'),
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
 *
 * The key replays "the original response" for 24 h, whatever it was, so an answer that the
 * key cannot improve on is sent once more in the same attempt **without** the key — safe,
 * because external_source + external_id make it an upsert (see `getResendReason`): a
 * replayed failure (`Idempotent-Replayed: true` on a non-2xx, e.g. a cached 500 that every
 * retry would get back until the lead dies), any 409 (the document's only 409 here is the
 * key's own "reused with a different body"), and a 2xx without the `{ data: Lead }` id the
 * document promises (replayed as is on every retry with the key).
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
  // The outbox counts deliveries, but a resend without the key is a second request: every
  // request waits for a slot under the same rate, shared by every backend and instance on the key.
  const limiter = createBackendRequestLimiter(deps, limits, {
    type: 'qualifybase',
    baseUrl,
    credential: config.apiKey,
  });
  const send = (request: Omit<VendorRequest, 'timeoutMs'>) =>
    sendLimitedVendorRequest(deps.fetch, limiter, { ...request, timeoutMs: limits.timeoutMs }, 'QualifyBase');

  const backend: Backend = {
    name,
    type: 'qualifybase',
    limits,

    async deliverLead(lead, attempt) {
      const mapped = toQualifybaseLead(lead, mapOptions);
      if (!mapped.ok) return { kind: 'permanent', message: mapped.message };
      const post = (idempotencyKey: string | null) =>
        send({
          method: 'POST',
          url: `${baseUrl}/leads`,
          headers: idempotencyKey ? { ...headers, 'idempotency-key': idempotencyKey } : headers,
          body: mapped.body,
          signal: attempt.signal,
        });

      let result = await post(await toIdempotencyKey(attempt.deliveryId));
      const resend = result.ok ? getResendReason(result.response) : null;
      if (resend) {
        const log = {
          backend: name,
          leadId: lead.id,
          deliveryId: attempt.deliveryId,
          attempt: attempt.attempt,
        };
        if (resend.kind === 'idempotency-conflict') {
          // One delivery always maps to one body, so this is a bug or a config change between attempts.
          deps.logger.error(log, `${resend.why}; resending as an upsert without Idempotency-Key`);
        } else deps.logger.warn(log, `${resend.why}; resending as an upsert without Idempotency-Key`);
        result = await post(null);
      }
      if (!result.ok) return result.outcome;
      const outcome = classifyQualifybaseResponse(result.response, { default429DelayMs, now: deps.now() });
      if (outcome.kind === 'permanent' && result.response.status === 404) {
        return { ...outcome, message: `${outcome.message}${explainQualifybase404(baseUrl)}` };
      }
      if (getResendReason(result.response)?.kind === 'no-lead-id') {
        deps.logger.warn(
          { backend: name, leadId: lead.id, status: result.response.status },
          'QualifyBase answered 2xx without the lead id, even to the resend without the key; retrying',
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
      const result = await send({ method: 'GET', url: `${baseUrl}/leads?limit=1`, headers, signal });
      if (!result.ok) {
        results.push({ ok: false, what: 'QualifyBase reachable', detail: result.outcome.message });
        return results;
      }
      const { response } = result;
      if (response.status === 200 && qualifybaseLeadListSchema.safeParse(response.json).success) {
        results.push({ ok: true, what: 'API key accepted (GET /leads)' });
      } else {
        const hint = response.status === 404 ? explainQualifybase404(baseUrl) : '';
        results.push({
          ok: false,
          what: 'API key accepted (GET /leads)',
          detail: `HTTP ${response.status}: ${getQualifybaseMessage(response)}${hint}`,
        });
      }
      return results;
    },
  };
  return Object.assign(
    backend,
    createQualifybaseCalendar({
      name,
      baseUrl,
      headers,
      send,
      deliverLead: (lead, attempt) => backend.deliverLead(lead, attempt),
      deps,
      status: config.appointmentStatus,
      title: config.appointmentTitle,
    }),
  );
}

/** The registry's entry for `"type": "qualifybase"`. */
export const qualifybaseBackend: BackendDefinition<QualifybaseConfig> = {
  type: 'qualifybase',
  configSchema: qualifybaseConfigSchema,
  create: createQualifybaseBackend,
  calendar: true,
};
