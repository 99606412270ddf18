import * as z from 'zod/mini';
import type { CanonicalLead } from '../../model/lead';
import type { Backend, BackendDeps, DeliveryAttempt, DeliveryOutcome } from '../backend';
import {
  type BackendDefinition,
  commonBackendShape,
  httpUrlSchema,
  nonEmptyString,
  resolveLimits,
} from '../backend-config';
import { createBackendRequestLimiter } from '../http/request-limiter';
import { sendLimitedVendorRequest, type VendorResponse } from '../http/vendor-request';
import {
  classifySquadStackAnswer,
  getSquadStackErrorDetail,
  type SquadStackErrorDetail,
} from './squadstack-classify';
import { toSquadStackLead } from './squadstack-mapper';
import {
  type SquadStackBulkEntry,
  type SquadStackLead,
  squadStackBulkResponseSchema,
} from './squadstack-types';

/** Doc 002: "A maximum of 100 leads per API call". */
export const SQUADSTACK_MAX_BULK = 100;

/**
 * How many more requests one delivery of a bulk call refused as a whole may spend on smaller
 * calls: enough to bisect 100 leads down to one bad lead (about 2 × log2(100) ≈ 14), few
 * enough that the calls stay well inside the outbox's lease. Leads not reached are retried.
 */
export const SQUADSTACK_FALLBACK_REQUESTS = 20;

/**
 * Whole-call statuses that say nothing about the leads in the call and would be the same for
 * each alone: credentials and allow-list (401/403), campaign or endpoint (404 "No active
 * integration found."), method (405); and those retried anyway (408, 409, 425, 429).
 */
const SAME_FOR_EVERY_LEAD = new Set([401, 403, 404, 405, 408, 409, 425, 429]);

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
  /**
   * Bulk calls of up to 100 leads when several wait (default true); `false` sends every lead
   * as a single call (one request each against the rate limit).
   */
  bulk: z.optional(z.boolean()),
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
 * two or more waiting and `bulk` is not false — one array of at most 100 per call, each lead
 * classified on its own from the answer's `result` entries. A bulk call refused as a whole
 * with a 4xx that could be one lead's fault (400, 413, 422…) is bisected into smaller calls
 * down to single ones, so one bad lead does not dead-letter a hundred. Limits: "Our standard
 * rate limits are 100 requests per minute" (the bulk section's "100 records per minute"
 * contradicts it; its own "A maximum of 100 API calls per minute across all endpoints
 * combined" and CONTRACT §5 make it requests), so the outbox's bucket counts one call, bulk or
 * not, and every request — the bisected ones too — waits for a slot under the same rate.
 *
 * A 2xx must carry what doc 002 documents: a single call "returns … a JSON response
 * containing the details of the lead created, including the phone_number, contact_name,
 * lead_id", a bulk call a `result` entry per lead whose `data` "will include lead_id". A 2xx
 * without our `lead_id` in it (an HTML page from a wrong `baseUrl`, a proxy's 200) is
 * retried, not taken as delivered: resending is harmless — `lead-upserted` updates the same
 * lead, and in create mode the resend's 409 "already exists" counts as delivered — while
 * "ok" on an answer that was not SquadStack's would lose the lead without anyone seeing it.
 */
export function createSquadStackBackend(name: string, config: SquadStackConfig, deps: BackendDeps): Backend {
  const limits = resolveLimits(config, {
    rateLimit: '100/min',
    concurrency: 4,
    batchSize: config.bulk === false ? 1 : SQUADSTACK_MAX_BULK,
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

  // The outbox counts one delivery per call, but a refused bulk call is bisected into more:
  // every request waits for a slot under the same rate, shared by every backend and instance on the token.
  const limiter = createBackendRequestLimiter(deps, limits, {
    type: 'squadstack',
    baseUrl,
    credential: config.token,
  });
  const post = (
    body: SquadStackLead | SquadStackLead[] | Record<string, never>[] | Record<string, never>,
    signal: AbortSignal,
  ) =>
    sendLimitedVendorRequest(
      deps.fetch,
      limiter,
      { method: 'POST', url, headers: { authorization }, body, timeoutMs: limits.timeoutMs, signal },
      'SquadStack',
    );

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

  /** A 2xx for this lead that does not name it: doc 002's answers always carry the lead_id. */
  const withoutLead = (status: number): DeliveryOutcome => ({
    kind: 'retry',
    message: `SquadStack answered ${status} without the lead (no lead_id of ours in the body), not its documented answer; resent, which the lead_id makes harmless (is baseUrl right?)`,
  });

  const deliverOne = async (lead: SquadStackLead, signal: AbortSignal): Promise<DeliveryOutcome> => {
    const result = await post(lead, signal);
    if (!result.ok) return result.outcome;
    const outcome = classify(result.response, 'lead');
    if (outcome.kind === 'ok' && !namesLead(result.response.json, lead.lead_id)) {
      deps.logger.warn(
        { backend: name, leadId: lead.lead_id, status: result.response.status },
        'SquadStack 2xx without the lead in its body; retrying',
      );
      return withoutLead(result.response.status);
    }
    return withId(outcome, lead.lead_id);
  };

  /**
   * One bulk call for 2–100 leads; an outcome per lead, in order. A whole-call 4xx that may
   * be one lead's fault is bisected while `budget.left` allows more requests.
   */
  const deliverBulk = async (
    leads: SquadStackLead[],
    signal: AbortSignal,
    budget: { left: number },
  ): Promise<DeliveryOutcome[]> => {
    const result = await post(leads, signal);
    if (!result.ok) return leads.map(() => result.outcome);
    const { response } = result;
    if (response.status < 200 || response.status >= 300) {
      const outcome = classify(response, 'batch');
      if (response.status < 400 || response.status >= 500 || SAME_FOR_EVERY_LEAD.has(response.status)) {
        return leads.map(() => outcome);
      }
      deps.logger.warn(
        { backend: name, status: response.status, leads: leads.length, vendorMessage: outcome.message },
        'SquadStack refused a bulk call as a whole; sending its leads in smaller calls (set "bulk": false if this keeps happening)',
      );
      return bisect(leads, signal, budget, outcome.message ?? `HTTP ${response.status}`);
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
      const outcome = classify(
        {
          status: entry.status_code,
          json: data,
          text: typeof data.error_msg === 'string' ? data.error_msg : '',
        },
        'lead',
      );
      if (outcome.kind === 'ok' && data.lead_id !== lead.lead_id) return withoutLead(entry.status_code);
      return withId(outcome, lead.lead_id);
    });
  };

  /** Halves of a refused call, each sent on its own (a half of one as a single call). */
  const bisect = async (
    leads: SquadStackLead[],
    signal: AbortSignal,
    budget: { left: number },
    refusal: string,
  ): Promise<DeliveryOutcome[]> => {
    const middle = Math.ceil(leads.length / 2);
    const outcomes: DeliveryOutcome[] = [];
    for (const half of [leads.slice(0, middle), leads.slice(middle)]) {
      if (budget.left <= 0) {
        outcomes.push(
          ...half.map(
            (): DeliveryOutcome => ({
              kind: 'retry',
              message: `not sent yet: a bulk call with this lead was refused as a whole (${refusal}) and the smaller calls ran out of requests`,
            }),
          ),
        );
        continue;
      }
      budget.left--;
      const [only] = half;
      if (half.length === 1 && only) outcomes.push(await deliverOne(only, signal));
      else outcomes.push(...(await deliverBulk(half, signal, budget)));
    }
    return outcomes;
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
        { left: SQUADSTACK_FALLBACK_REQUESTS },
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
    ...(config.bulk === false ? {} : { deliverLeads: deliverMany }),

    /**
     * SquadStack has no read or "who am I" route: every endpoint writes. The check posts one
     * lead without a `lead_id` — `[{}]` in bulk mode, `{}` for single calls — which doc 002
     * refuses without creating anything ("lead_id (string, required)"). Its documented answer
     * proves token, campaign, endpoint, headers and body format at once: in bulk, a 200 whose
     * only `result` entry is a 400 `{'lead_id': 'This field is required.'}` (the "Sample
     * Request - Failed" of the bulk upsert); singly, a 400 whose field errors name `lead_id`
     * alone. Any other 400 is a failure with SquadStack's message ("You may be sending invalid
     * headers", …), as is a 2xx that is not SquadStack's answer; 401/403 mean the token,
     * scheme or IP allow-list ("Prerequisites for whitelisting: … Your IP Address(s)"), 404 "No
     * active integration found." a wrong `refId` or an endpoint not enabled.
     */
    async check(signal) {
      const bulk = config.bulk !== false;
      const what = `token, campaign and ${bulk ? 'bulk ' : ''}endpoint accepted (POST …/${endpoint} with one lead that has no lead_id)`;
      const result = await post(bulk ? [{}] : {}, signal);
      if (!result.ok) return [{ ok: false, what, detail: result.outcome.message }];
      const failure = judgeProbe(result.response, bulk);
      return [failure === null ? { ok: true, what } : { ok: false, what, detail: failure }];
    },
  };
}

/**
 * Why the answer to the check's probe (one lead without `lead_id`) is not the documented one,
 * or null when it is.
 */
function judgeProbe(response: VendorResponse, bulk: boolean): string | null {
  const { status, json, text } = response;
  const namesOnlyLeadId = (detail: SquadStackErrorDetail) =>
    Object.keys(detail.fieldErrors ?? {}).join() === 'lead_id';
  if (status >= 200 && status < 300) {
    const parsed = squadStackBulkResponseSchema.safeParse(json);
    const entry = bulk && parsed.success ? parsed.data.result[0] : undefined;
    if (!entry) {
      return `${status}: the answer is not SquadStack's ${bulk ? 'bulk answer (no result list)' : 'answer'}; is baseUrl right?`;
    }
    const data = entry.data ?? {};
    const detail = getSquadStackErrorDetail(
      data,
      typeof data.error_msg === 'string' ? data.error_msg : '',
      entry.status_code,
    );
    if (entry.status_code === 400 && namesOnlyLeadId(detail)) return null;
    return `${status}, the lead's result ${entry.status_code}: ${detail.message} (expected 400 "lead_id: This field is required.")`;
  }
  const detail = getSquadStackErrorDetail(json, text, status);
  if (!bulk && status === 400 && namesOnlyLeadId(detail)) return null;
  const hint =
    status === 401
      ? ' (token invalid or expired, or wrong authScheme)'
      : status === 403
        ? ' (no permission, or IP not allow-listed)'
        : status === 404
          ? ' (refId or endpoint not enabled)'
          : '';
  return `${status}${hint}: ${detail.message}`;
}

/** Whether a single call's 2xx body is the lead we sent: doc 002 echoes it, `lead_id` included. */
function namesLead(json: unknown, leadId: string): boolean {
  return typeof json === 'object' && json !== null && (json as { lead_id?: unknown }).lead_id === leadId;
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
