import * as z from 'zod/mini';
import type { CanonicalLead } from '../../model/lead';
import type { Backend, BackendDeps, CheckResult, DeliveryAttempt, DeliveryOutcome } from '../backend';
import {
  type BackendDefinition,
  commonBackendShape,
  httpUrlSchema,
  nonEmptyString,
  resolveLimits,
} from '../backend-config';
import { sendVendorRequest } from '../http/vendor-request';
import { classifySquadStackAnswer, getSquadStackErrorDetail } from './squadstack-classify';
import { toSquadStackLead } from './squadstack-mapper';
import {
  type SquadStackBulkEntry,
  type SquadStackLead,
  squadStackBulkResponseSchema,
} from './squadstack-types';

/** Doc 002: "A maximum of 100 leads per API call". */
export const SQUADSTACK_MAX_BULK = 100;

/** `backends.<name>` for `"type": "squadstack"` (CONTRACT §5). */
export const squadstackConfigSchema = z.strictObject({
  type: z.literal('squadstack'),
  ...commonBackendShape,
  /** Every request in doc 002 goes to `https://api.squadstack.com/voice/crm-integration-v2/<ref_id>/…`. */
  baseUrl: z._default(httpUrlSchema, 'https://api.squadstack.com/voice/crm-integration-v2'),
  /** The campaign's reference id: "you would be given a unique reference ID that would need to be substituted in your endpoint". */
  refId: nonEmptyString,
  token: nonEmptyString,
  /**
   * Doc 002 says "All of our endpoints can be accessed by basic authentication", yet every
   * example sends `Authorization: Bearer your_token`. `bearer` (default) follows the examples;
   * `basic` sends `Basic base64(token)` — the token as `user:password` when it holds a colon,
   * else as the user name with an empty password; `token` sends `Token <token>` (the scheme of
   * Django REST framework, whose messages SquadStack's errors are).
   */
  authScheme: z.optional(z.enum(['bearer', 'basic', 'token'])),
  /** `upsert` (default, `lead-upserted`: redelivery is harmless) or `create` (`lead-created`: a 409 "already exists" counts as delivered). */
  mode: z.optional(z.enum(['upsert', 'create'])),
  /** How a +91 number is sent: `national` (default, the examples' 10 digits) or `e164`. See `toSquadStackPhone`. */
  phoneFormat: z.optional(z.enum(['national', 'e164'])),
  /** Any other country: `e164` (default) or `refuse` (dead letter before any request). Never cut to national digits. */
  foreignPhones: z.optional(z.enum(['e164', 'refuse'])),
  /** Form field → SquadStack key (`contact_name`, `phone_number` or any custom key). */
  fieldMap: z.optional(z.record(z.string(), z.string().check(z.minLength(1)))),
});
/** A validated `squadstack` backend config. */
export type SquadStackConfig = z.infer<typeof squadstackConfigSchema>;

/**
 * Sends leads to a SquadStack campaign (doc 002): one lead per call, or — when the outbox has
 * two or more waiting — one array of at most 100 per call, each lead classified on its own from
 * the answer's `result` entries. Limits: "Our standard rate limits are 100 requests per minute"
 * (the bulk section's "100 records per minute" contradicts it; its own "A maximum of 100 API
 * calls per minute across all endpoints combined" and CONTRACT §5 make it requests), so the
 * outbox's bucket counts one call, bulk or not.
 */
export function createSquadStackBackend(name: string, config: SquadStackConfig, deps: BackendDeps): Backend {
  const limits = resolveLimits(config, {
    rateLimit: '100/min',
    concurrency: 4,
    batchSize: SQUADSTACK_MAX_BULK,
    // A bulk call is "a downstream request … for a specific lead" a hundred times over: give it longer than one lead.
    timeoutMs: 30_000,
  });
  const baseUrl = (config.baseUrl ?? 'https://api.squadstack.com/voice/crm-integration-v2').replace(
    /\/+$/,
    '',
  );
  const endpoint = (config.mode ?? 'upsert') === 'create' ? 'lead-created' : 'lead-upserted';
  const url = `${baseUrl}/${encodeURIComponent(config.refId)}/${endpoint}`;
  const authorization = toAuthorization(config.authScheme ?? 'bearer', config.token);
  const mapOptions = {
    fieldMap: config.fieldMap,
    phoneFormat: config.phoneFormat,
    foreignPhones: config.foreignPhones,
  };
  // "Request was throttled. Please try after 60 seconds": 60 s is one window of the documented rate; a scaled-down window scales the pause.
  const throttlePauseMs = limits.rateLimit?.windowMs ?? 60_000;

  const post = (body: SquadStackLead | SquadStackLead[], signal: AbortSignal) =>
    sendVendorRequest(deps.fetch, {
      method: 'POST',
      url,
      headers: { authorization },
      body,
      timeoutMs: limits.timeoutMs,
      signal,
    });

  const classify = (
    answer: { status: number; headers?: Headers; json: unknown; text: string },
    scope: 'lead' | 'batch',
  ): DeliveryOutcome =>
    classifySquadStackAnswer(
      {
        status: answer.status,
        headers: answer.headers,
        detail: getSquadStackErrorDetail(answer.json, answer.text, answer.status),
      },
      { scope, throttlePauseMs, now: deps.now() },
    );

  /** SquadStack keys the lead by our id, so our id is the external id too. */
  const withId = (outcome: DeliveryOutcome, leadId: string): DeliveryOutcome =>
    outcome.kind === 'ok' || outcome.kind === 'conflict' ? { ...outcome, externalId: leadId } : outcome;

  const deliverOne = async (lead: SquadStackLead, signal: AbortSignal): Promise<DeliveryOutcome> => {
    const result = await post(lead, signal);
    if (!result.ok) return result.outcome;
    return withId(classify(result.response, 'lead'), lead.lead_id);
  };

  /** One bulk call for 2–100 leads; an outcome per lead, in order. */
  const deliverBulk = async (leads: SquadStackLead[], signal: AbortSignal): Promise<DeliveryOutcome[]> => {
    const result = await post(leads, signal);
    if (!result.ok) return leads.map(() => result.outcome);
    const { response } = result;
    if (response.status < 200 || response.status >= 300) {
      const outcome = classify(response, 'batch');
      return leads.map(() => outcome);
    }
    const parsed = squadStackBulkResponseSchema.safeParse(response.json);
    if (!parsed.success) {
      deps.logger.warn(
        { backend: name, status: response.status },
        'SquadStack bulk answer without a readable result list',
      );
      return leads.map(() => ({
        kind: 'retry',
        message: 'SquadStack bulk answer without a readable result list',
      }));
    }
    const entries = matchEntries(leads, parsed.data.result);
    return leads.map((lead, i) => {
      const entry = entries[i];
      if (!entry) return { kind: 'retry', message: 'SquadStack bulk answer has no result for this lead' };
      const data = entry.data ?? {};
      return withId(
        classify(
          {
            status: entry.status_code,
            json: data,
            text: typeof data.error_msg === 'string' ? data.error_msg : '',
          },
          'lead',
        ),
        lead.lead_id,
      );
    });
  };

  const deliverMany = async (
    items: ReadonlyArray<{ lead: CanonicalLead; attempt: DeliveryAttempt }>,
  ): Promise<DeliveryOutcome[]> => {
    const outcomes: DeliveryOutcome[] = new Array(items.length);
    const ready: { index: number; lead: SquadStackLead; signal: AbortSignal }[] = [];
    items.forEach((item, index) => {
      const mapped = toSquadStackLead(item.lead, mapOptions);
      if (mapped.ok) ready.push({ index, lead: mapped.lead, signal: item.attempt.signal });
      else outcomes[index] = { kind: 'permanent', message: mapped.message, fieldErrors: mapped.fieldErrors };
    });
    for (let start = 0; start < ready.length; start += SQUADSTACK_MAX_BULK) {
      const chunk = ready.slice(start, start + SQUADSTACK_MAX_BULK);
      const first = chunk[0];
      if (!first) break;
      if (chunk.length === 1) {
        outcomes[first.index] = await deliverOne(first.lead, first.signal);
        continue;
      }
      const signal = AbortSignal.any(chunk.map((entry) => entry.signal));
      const results = await deliverBulk(
        chunk.map((entry) => entry.lead),
        signal,
      );
      chunk.forEach((entry, i) => {
        outcomes[entry.index] = results[i] ?? { kind: 'retry', message: 'no outcome' };
      });
    }
    return outcomes;
  };

  return {
    name,
    type: 'squadstack',
    limits,
    async deliverLead(lead, attempt) {
      const [outcome] = await deliverMany([{ lead, attempt }]);
      return outcome ?? { kind: 'retry', message: 'no outcome' };
    },
    deliverLeads: deliverMany,

    /**
     * SquadStack has no read or "who am I" route: every endpoint writes. The check posts an
     * empty list to the configured endpoint, which creates nothing: 401/403 mean the token or
     * IP allow-list ("Prerequisites for whitelisting: … Your IP Address(s)"), 404 "No active
     * integration found." a wrong `refId` or an endpoint not enabled; a 2xx or a 400 about
     * the empty list means token, campaign and endpoint were accepted.
     */
    async check(signal) {
      const what = `token and campaign endpoint accepted (POST …/${endpoint} with an empty list)`;
      const result = await sendVendorRequest(deps.fetch, {
        method: 'POST',
        url,
        headers: { authorization },
        body: [],
        timeoutMs: limits.timeoutMs,
        signal,
      });
      if (!result.ok) return [{ ok: false, what, detail: result.outcome.message }];
      const { status, json, text } = result.response;
      if ((status >= 200 && status < 300) || status === 400) return [{ ok: true, what }];
      const detail = getSquadStackErrorDetail(json, text, status).message;
      const hint =
        status === 401
          ? ' (token invalid or expired, or wrong authScheme)'
          : status === 403
            ? ' (no permission, or IP not allow-listed)'
            : status === 404
              ? ' (refId or endpoint not enabled)'
              : '';
      const failed: CheckResult = { ok: false, what, detail: `${status}${hint}: ${detail}` };
      return [failed];
    },
  };
}

/**
 * Pairs each sent lead with its `result` entry. Doc 002: "each object represets the result of
 * a downstream request made for a specific lead", in the order sent — but failed entries carry
 * only `error_msg`, no `lead_id`. So an entry naming a `lead_id` is matched by it, and the
 * others by position when that position is not claimed by another lead's id.
 */
function matchEntries(
  leads: SquadStackLead[],
  entries: SquadStackBulkEntry[],
): (SquadStackBulkEntry | undefined)[] {
  const byId = new Map<string, SquadStackBulkEntry>();
  for (const entry of entries) {
    const id = entry.data?.lead_id;
    if (typeof id === 'string' && !byId.has(id)) byId.set(id, entry);
  }
  return leads.map((lead, i) => {
    const named = byId.get(lead.lead_id);
    if (named) return named;
    const positional = entries[i];
    const positionalId = positional?.data?.lead_id;
    return positional && (typeof positionalId !== 'string' || positionalId === lead.lead_id)
      ? positional
      : undefined;
  });
}

function toAuthorization(scheme: 'bearer' | 'basic' | 'token', token: string): string {
  if (scheme === 'bearer') return `Bearer ${token}`;
  if (scheme === 'token') return `Token ${token}`;
  // btoa, not Buffer: the proxy also runs on Workers and Deno (CONTRACT §1). Tokens are ASCII.
  return `Basic ${btoa(token.includes(':') ? token : `${token}:`)}`;
}

/** The `squadstack` backend type, for the registry. */
export const squadstackBackend: BackendDefinition<SquadStackConfig> = {
  type: 'squadstack',
  configSchema: squadstackConfigSchema,
  create: createSquadStackBackend,
};
