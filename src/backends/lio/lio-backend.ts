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
import { explainBaseUrl404 } from '../http/explain-base-url-404';
import { createBackendRequestLimiter } from '../http/request-limiter';
import { sendLimitedVendorRequest, type VendorCallResult, type VendorResponse } from '../http/vendor-request';
import { createLioCalendar } from './lio-calendar';
import { classifyLioResponse, getLioErrorDetail } from './lio-classify';
import { toLioLead, toLioMerge } from './lio-mapper';
import { createLioSignalDelivery, lioTakesSignal } from './lio-signal';
import {
  LIO_PRIORITIES,
  type LioLeadRequest,
  type LioListedLead,
  type LioPriority,
  lioLeadListSchema,
  lioLeadResponseSchema,
  lioListedLeadSchema,
  lioLoginResponseSchema,
} from './lio-types';

const priorityNames = ['low', 'medium', 'high', 'urgent'] as const;

/**
 * How long before our lead's `createdAt` a LIO lead may have been created and still be the one
 * an earlier attempt made: two machines' clocks differ by seconds, not ten minutes (the same
 * bound as LeadCenter.AI's look-up, leadcenter-lookup.ts).
 */
const CLOCK_SKEW_MS = 10 * 60_000;

/** `backends.<name>` for `"type": "lio"` (CONTRACT §5). */
export const lioConfigSchema = z
  .strictObject({
    type: z.literal('lio'),
    ...commonBackendShape,
    /** Doc 003 gives only `https://<host>`: there is no default host. */
    baseUrl: httpUrlSchema,
    /** Lead ingestion key, sent as `x-api-key` (§2.3). */
    apiKey: nonEmptyString,
    /** Login for LIO's bearer-token endpoints (§2.1): intent signals and anything outside §8. */
    email: z.optional(nonEmptyString),
    password: z.optional(nonEmptyString),
    /** The rep's public booking slug (§10), for a calendar on this backend. */
    bookingSlug: z.optional(nonEmptyString),
    /** What a 409 duplicate means (§8.1): `merge` (default) resends with `merge: 1`, `duplicate` with `duplicate: 1`, `skip` counts it as delivered. */
    onDuplicate: z.optional(z.enum(['merge', 'duplicate', 'skip'])),
    /** Tags every lead gets, besides the touches' `utm_campaign`. */
    tags: z.optional(z.array(nonEmptyString)),
    /** `low` | `medium` | `high` | `urgent` or 1–4 (§8.1; LIO's default is 2). */
    priority: z.optional(
      z.union([z.enum(priorityNames), z.number().check(z.int(), z.minimum(1), z.maximum(4))]),
    ),
    /** A status lookup id (§8.1: "default 1"). */
    status: z.optional(z.number().check(z.int(), z.positive())),
    /** Form field → LIO field (`company`, `job_title`, `linkedin_url`, … or any custom field name). */
    fieldMap: z.optional(z.record(z.string(), z.string().check(z.minLength(1)))),
  })
  .check(
    z.refine((config) => (config.email === undefined) === (config.password === undefined), {
      message: 'email and password go together (LIO login, doc 003 §2.1)',
      path: ['password'],
    }),
  );
/** A validated `lio` backend config. */
export type LioConfig = z.infer<typeof lioConfigSchema>;

/**
 * Delivers leads to LIO (doc 003 §8.1, `POST /api/v1/lead` with `x-api-key`). The LIO lead id
 * is returned as `externalId`: intent signals (§9.1 `lead_id`) need it later.
 *
 * Redelivery: LIO has no idempotency key; it answers 409 for "same email or LinkedIn URL".
 * With `onDuplicate: merge` (the default) a lead with either is therefore safe to resend:
 * the 409 turns into an update of the same LIO lead. A lead LIO cannot match (phone only) or
 * any lead under `onDuplicate: duplicate` would be created twice by a retry whose first
 * attempt reached LIO but whose answer was lost, so from the second attempt on the backend
 * first looks for its own lead (`custom_fields.leadkit_lead_id`) with `GET
 * /api/v1/lead/lead-list?search_value=…` (§8.2) and counts a match as delivered.
 */
export function createLioBackend(name: string, config: LioConfig, deps: BackendDeps): Backend {
  const limits = resolveLimits(config, { rateLimit: '60/min', concurrency: 4 });
  const baseUrl = config.baseUrl.replace(/\/+$/, '');
  const onDuplicate = config.onDuplicate ?? 'merge';
  const priority =
    typeof config.priority === 'string'
      ? LIO_PRIORITIES[config.priority]
      : (config.priority as LioPriority | undefined);
  const mapOptions = { fieldMap: config.fieldMap, tags: config.tags, priority, status: config.status };
  const default429DelayMs = limits.rateLimit?.windowMs ?? 60_000;

  // The outbox counts deliveries, but a delivery can cost two requests (the lookup before a
  // create, the resend with `merge: 1` after a 409): every request waits for a slot under the
  // same rate, in the proxy's rate gate, so every backend and instance on this key shares it.
  const limiter = createBackendRequestLimiter(deps, limits, {
    type: 'lio',
    baseUrl,
    credential: config.apiKey,
  });
  const call = (method: 'GET' | 'POST', path: string, body: unknown, signal: AbortSignal, auth = true) =>
    sendLimitedVendorRequest(
      deps.fetch,
      limiter,
      {
        method,
        url: `${baseUrl}${path}`,
        headers: auth ? { 'x-api-key': config.apiKey } : {},
        body,
        timeoutMs: limits.timeoutMs,
        signal,
      },
      'LIO',
    );

  const classify = (response: VendorResponse) =>
    classifyLioResponse(response, { default429DelayMs, now: deps.now() });

  /**
   * A 2xx: LIO's id from `data.id` (§8.1's sample answer `{ success, message, data: { id: 80231,
   * … } }`; "IDs are numeric", §3). Decision: a 2xx without it is not a delivery but a retry.
   * It may be a web page from something in front of LIO (a wrong `baseUrl`), where counting
   * it would lose every lead unseen, and even from LIO it leaves the lead without the id
   * intent signals need (§9.1 `lead_id`). The resend is safe: a lead with email or LinkedIn
   * URL meets LIO's own 409 and is merged (or skipped), and a phone-only lead, or any under
   * `duplicate`, is looked up first (below), so a lead that was created is found, not made
   * twice. An answer that never carries an id ends as a dead letter with this message.
   */
  const toDelivered = (
    response: VendorResponse,
    kind: 'ok' | 'conflict',
    message?: string,
  ): DeliveryOutcome => {
    const parsed = lioLeadResponseSchema.safeParse(response.json);
    if (!parsed.success) {
      return {
        kind: 'retry',
        message: `LIO answered ${response.status} without data.id (doc 003 §8.1 answers with one); not counted as delivered`,
      };
    }
    if (parsed.data.success === false) {
      return { kind: 'permanent', message: `${response.status}: ${parsed.data.message ?? 'success: false'}` };
    }
    return { kind, externalId: String(parsed.data.data.id), ...(message ? { message } : {}) };
  };

  /**
   * Our own lead in LIO, found by its `leadkit_lead_id` (or, when LIO lists no custom fields,
   * by the same contact created no earlier than our lead, minus clock skew: an older lead
   * with the same phone is someone's earlier enquiry, and taking it for ours would lose this
   * one unseen; when in doubt it is not ours). `anyWithSameContact`: the lead LIO called a
   * duplicate of ours, older by nature.
   */
  const findOwnLead = async (
    lead: CanonicalLead,
    body: LioLeadRequest,
    signal: AbortSignal,
    anyWithSameContact = false,
  ): Promise<{ found: LioListedLead | null } | { failed: DeliveryOutcome }> => {
    const search = body.email ?? body.phone_number ?? body.linkedin_url;
    if (!search) return { found: null };
    const query = new URLSearchParams({
      search_value: search,
      limit: '50',
      order_by: 'id',
      order_in: 'DESC',
    });
    const result = await call('GET', `/api/v1/lead/lead-list?${query}`, undefined, signal);
    if (!result.ok) return { failed: result.outcome };
    const outcome = classify(result.response);
    if (outcome.kind !== 'ok') return { failed: outcome };
    const list = lioLeadListSchema.safeParse(result.response.json);
    if (!list.success) return { failed: { kind: 'retry', message: 'LIO lead list: unexpected answer' } };
    const leads = list.data.data.flatMap((item) => {
      const parsed = lioListedLeadSchema.safeParse(item);
      return parsed.success ? [parsed.data] : [];
    });
    const own = leads.find((item) => item.custom_fields?.leadkit_lead_id === lead.id);
    if (own) return { found: own };
    // Without custom fields in the list we cannot tell our lead from another with the same
    // contact; the same contact, created since our lead was (§11 `created_at`), is the best LIO offers.
    const earliest = Date.parse(lead.createdAt) - CLOCK_SKEW_MS;
    const sameContact = leads.find(
      (item) =>
        (anyWithSameContact || (!item.custom_fields && Date.parse(item.created_at ?? '') >= earliest)) &&
        (body.email
          ? item.email?.toLowerCase() === body.email.toLowerCase()
          : body.phone_number !== undefined && item.phone_number === body.phone_number),
    );
    return { found: sameContact ?? null };
  };

  // Intent signals need the bearer login (§9.1 is outside §8's API-key endpoints): without
  // `email` + `password` this backend takes none, and none are queued for it.
  const deliverSignal =
    config.email && config.password
      ? createLioSignalDelivery(
          {
            name,
            baseUrl,
            email: config.email,
            password: config.password,
            timeoutMs: limits.timeoutMs,
            limiter,
            classify,
          },
          deps,
        )
      : undefined;

  const calendar = createLioCalendar({
    name,
    slug: config.bookingSlug,
    // §10: "These endpoints back a public scheduling page and require no authentication."
    call: (method, path, body, signal) => call(method, path, body, signal, false),
    deps,
  });
  return {
    ...calendar,
    name,
    type: 'lio',
    limits,
    ...(deliverSignal ? { deliverSignal, takesSignal: lioTakesSignal } : {}),
    async deliverLead(lead, attempt: DeliveryAttempt) {
      const body = toLioLead(lead, mapOptions);
      if (!body.email && !body.phone_number && !body.linkedin_url) {
        return {
          kind: 'permanent',
          message:
            'LIO needs at least one of email, phone_number or linkedin_url (doc 003 §8.1); the lead has none',
        };
      }
      const vendorMatches = Boolean(body.email || body.linkedin_url) && onDuplicate !== 'duplicate';
      if (attempt.attempt > 1 && !vendorMatches) {
        const lookup = await findOwnLead(lead, body, attempt.signal);
        if ('failed' in lookup) return lookup.failed;
        if (lookup.found) {
          return {
            kind: 'conflict',
            externalId: String(lookup.found.id),
            message: 'already in LIO from an earlier attempt',
          };
        }
      }
      const first = await call('POST', '/api/v1/lead', body, attempt.signal);
      if (!first.ok) return first.outcome;
      if (first.response.status >= 200 && first.response.status < 300)
        return toDelivered(first.response, 'ok');
      if (first.response.status !== 409) return classify(first.response);

      const duplicateMessage = getLioErrorDetail(first.response).message;
      if (onDuplicate === 'skip') {
        const lookup = await findOwnLead(lead, body, attempt.signal, true);
        const id = 'found' in lookup && lookup.found ? String(lookup.found.id) : undefined;
        return {
          kind: 'conflict',
          ...(id ? { externalId: id } : {}),
          message: `duplicate skipped: ${duplicateMessage}`,
        };
      }
      const resend = onDuplicate === 'merge' ? toLioMerge(body) : { ...body, duplicate: 1 as const };
      const second = await call('POST', '/api/v1/lead', resend, attempt.signal);
      if (!second.ok) return second.outcome;
      if (second.response.status >= 200 && second.response.status < 300) {
        return toDelivered(
          second.response,
          onDuplicate === 'merge' ? 'conflict' : 'ok',
          onDuplicate === 'merge' ? 'merged into the existing LIO lead' : 'created as a duplicate',
        );
      }
      if (second.response.status === 409) {
        return {
          kind: 'permanent',
          message: `409 even with ${onDuplicate}: 1: ${getLioErrorDetail(second.response).message}`,
        };
      }
      return classify(second.response);
    },

    async check(signal) {
      const results: CheckResult[] = [];
      const list = await call('GET', '/api/v1/lead/lead-list?limit=1', undefined, signal);
      results.push(checkList(list, config.baseUrl));
      if (config.email && config.password) {
        const login = await call(
          'POST',
          '/api/auth/login',
          { email: config.email, password: config.password },
          signal,
          false,
        );
        const checked = toCheck(`login accepted for ${config.email} (POST /api/auth/login)`, login);
        if (checked.ok && login.ok && !lioLoginResponseSchema.safeParse(login.response.json).success) {
          results.push({ ...checked, ok: false, detail: 'the answer carries no access_token' });
        } else results.push(checked);
      }
      if (config.bookingSlug) {
        const slug = await call(
          'GET',
          `/api/v1/booking/${encodeURIComponent(config.bookingSlug)}`,
          undefined,
          signal,
          false,
        );
        results.push(toCheck(`booking slug "${config.bookingSlug}" exists`, slug));
      }
      return results;
    },
  };
}

/**
 * The first live check, which tells a wrong `baseUrl` apart: a 404 on a route every LIO has
 * is explained (a doubled `/api/v1`, say), and a 2xx that is not §5's list answer
 * (`{ success, data: [...], total, page, limit }`) is not taken for LIO.
 */
function checkList(result: VendorCallResult, baseUrl: string): CheckResult {
  const what = 'API key accepted (GET /api/v1/lead/lead-list)';
  const checked = toCheck(what, result);
  if (!result.ok) return checked;
  const { status } = result.response;
  if (status === 404)
    return {
      ...checked,
      detail: `${checked.detail} — ${explainBaseUrl404(baseUrl, '/api/v1', '/api/v1/lead/lead-list')}`,
    };
  if (checked.ok && !lioLeadListSchema.safeParse(result.response.json).success)
    return {
      ok: false,
      what,
      detail: `${status}, but not LIO’s list answer ({ success, data: [...] }, doc 003 §5): is baseUrl LIO’s API host?`,
    };
  return checked;
}

function toCheck(what: string, result: VendorCallResult): CheckResult {
  if (!result.ok) return { ok: false, what, detail: result.outcome.message };
  const { status } = result.response;
  if (status >= 200 && status < 300) return { ok: true, what };
  const reason =
    status === 401
      ? 'missing key or credentials'
      : status === 403
        ? 'key invalid or expired, or this IP/domain is not allowed'
        : '';
  return {
    ok: false,
    what,
    detail: `${status}${reason ? ` (${reason})` : ''}: ${getLioErrorDetail(result.response).message}`,
  };
}

/** The `lio` backend type, for the registry. */
export const lioBackend: BackendDefinition<LioConfig> = {
  type: 'lio',
  configSchema: lioConfigSchema,
  create: createLioBackend,
  calendar: true,
};
