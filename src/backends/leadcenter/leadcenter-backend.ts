import * as z from 'zod/mini';
import type { CanonicalLead } from '../../model/lead';
import type { Backend, BackendDeps, CheckResult, DeliveryOutcome } from '../backend';
import {
  type BackendDefinition,
  commonBackendShape,
  httpUrlSchema,
  nonEmptyString,
  resolveLimits,
} from '../backend-config';
import { createBackendRequestLimiter } from '../http/request-limiter';
import { sendLimitedVendorRequest, type VendorRequest } from '../http/vendor-request';
import { classifyLeadcenterResponse, explainLeadcenter404, getLeadcenterError } from './leadcenter-classify';
import { findOwnLead, parseLeadcenterLeads } from './leadcenter-lookup';
import { type LeadcenterMapOptions, toLeadcenterLead } from './leadcenter-mapper';

/** The document names no limit; CONTRACT §5 gives `60/min` to vendors whose document is silent. */
export const LEADCENTER_RATE_LIMIT = '60/min';

/**
 * The routes leadkit calls. The document has no endpoint list, only a pagination example
 * under `{{domain}}/v1/…` and "endpoints to manage leads, users, notes, tasks, calendar",
 * so these are guesses in the API's own style (`/v1/<resource>`), every one overridable.
 * The search follows the document's pagination rule: "This requires both `per_page` and a
 * `page` parameter".
 */
export const LEADCENTER_DEFAULT_PATHS = {
  create: '/v1/leads',
  search: '/v1/leads?search={query}&page=1&per_page=25',
  check: '/v1/leads?page=1&per_page=1',
} as const;

const pathSchema = z.string().check(z.regex(/^\/\S*$/, 'must be a path starting with "/"'));

/** `backends.<name>` for `"type": "leadcenter"` (CONTRACT §5). */
export const leadcenterConfigSchema = z.strictObject({
  type: z.literal('leadcenter'),
  ...commonBackendShape,
  /** The workspace's API root (the document's `{{domain}}`); there is no public default. */
  baseUrl: httpUrlSchema,
  /** Bearer token from "CRM Settings → Integrations" (or login / OAuth). */
  token: nonEmptyString,
  /** Overrides of `LEADCENTER_DEFAULT_PATHS`. */
  paths: z.optional(
    z.strictObject({
      create: z.optional(pathSchema),
      search: z.optional(pathSchema.check(z.includes('{query}', { message: 'must contain {query}' }))),
      check: z.optional(pathSchema),
    }),
  ),
  /** Form field → LeadCenter.AI field. */
  fieldMap: z.optional(
    z.record(
      z.string(),
      z.string().check(z.regex(/^[A-Za-z_][A-Za-z0-9_.-]{0,99}$/, 'must be a field name')),
    ),
  ),
  /**
   * When to search before creating: on a `redelivery` (attempt 2 and later; the outbox counts
   * an attempt when it claims the delivery, so one cut off by a crash is a redelivery too),
   * `always` (also the first attempt, e.g. after `outbox retry --dead`; costs one more
   * request per lead against the rate limit), or `never` (a workspace without search).
   */
  lookup: z._default(z.enum(['redelivery', 'always', 'never']), 'redelivery'),
  sourceTouch: z._default(z.enum(['first', 'last']), 'first'),
  /** `source` for a visit without any attribution. */
  defaultSource: z._default(nonEmptyString.check(z.maxLength(100)), 'website'),
  /** Whether `notes` also carries other fields, hidden values, consent, attribution and the leadkit id. */
  notesDetails: z._default(z.boolean(), true),
});
export type LeadcenterConfig = z.infer<typeof leadcenterConfigSchema>;

/**
 * LeadCenter.AI (seed 001): Bearer token, a lead create at a configurable path (default
 * `POST /v1/leads`), and on a redelivery a search by email first, so a create whose answer
 * was lost does not become a second lead.
 */
export function createLeadcenterBackend(name: string, config: LeadcenterConfig, deps: BackendDeps): Backend {
  const limits = resolveLimits(config, { rateLimit: LEADCENTER_RATE_LIMIT });
  const baseUrl = config.baseUrl.replace(/\/+$/, '');
  const paths = { ...LEADCENTER_DEFAULT_PATHS, ...config.paths };
  const headers = { authorization: `Bearer ${config.token}` };
  const default429DelayMs = limits.rateLimit?.windowMs ?? 60_000;
  // Deliveries whose last create LeadCenter.AI answered with a 429: it refused, so the lead
  // is certainly not there and the retry needs no lookup — which would otherwise spend a
  // second request per rate-limit token exactly when the limit is tight. In memory only: after
  // a restart, or on another instance, the lookup simply happens (safe, one request more).
  const refusedCleanly = new Set<string>();
  // The outbox counts deliveries, but a redelivery costs two requests (the search, then the
  // create): every request waits for a slot under the same rate, in the proxy's rate gate, so
  // every backend and instance on this token shares the count.
  const limiter = createBackendRequestLimiter(deps, limits, {
    type: 'leadcenter',
    baseUrl,
    credential: config.token,
  });
  const send = (request: Omit<VendorRequest, 'headers' | 'timeoutMs'>) =>
    sendLimitedVendorRequest(
      deps.fetch,
      limiter,
      { ...request, headers, timeoutMs: limits.timeoutMs },
      'LeadCenter.AI',
    );
  const mapOptions: LeadcenterMapOptions = {
    fieldMap: config.fieldMap,
    sourceTouch: config.sourceTouch,
    defaultSource: config.defaultSource,
    notesDetails: config.notesDetails,
  };

  /**
   * Looks for the lead an earlier attempt may have created. Returns an outcome to stop with
   * (found: `conflict`; rate limited, refused or down: that), or null to go on and create.
   */
  async function lookUp(
    query: string,
    lead: CanonicalLead,
    signal: AbortSignal,
  ): Promise<DeliveryOutcome | null> {
    const result = await send({
      method: 'GET',
      url: `${baseUrl}${paths.search.replaceAll('{query}', encodeURIComponent(query))}`,
      signal,
    });
    // Unsure whether the first attempt got through: better wait than risk a second lead.
    if (!result.ok) return result.outcome;
    const { response } = result;
    if (response.status >= 200 && response.status < 300) {
      const records = parseLeadcenterLeads(response.json);
      if (!records) {
        deps.logger.warn(
          { backend: name, leadId: lead.id },
          'LeadCenter.AI lead search answered something that is not a list; creating without the check',
        );
        return null;
      }
      const own = findOwnLead(records, lead);
      return own
        ? {
            kind: 'conflict',
            externalId: String(own.id),
            message: `already in LeadCenter.AI as lead ${own.id}`,
          }
        : null;
    }
    if (
      response.status === 429 ||
      response.status === 401 ||
      response.status === 403 ||
      response.status === 408 ||
      response.status >= 500
    ) {
      return classifyLeadcenterResponse(response, { default429DelayMs, now: deps.now(), redelivery: true });
    }
    // 400/404/422…: this workspace does not offer the search ("where the vendor allows it").
    deps.logger.warn(
      {
        backend: name,
        leadId: lead.id,
        status: response.status,
        vendorMessage: getLeadcenterError(response).message,
      },
      'LeadCenter.AI lead search is not available; creating without the check (set paths.search, or lookup: "never")',
    );
    return null;
  }

  return {
    name,
    type: 'leadcenter',
    limits,

    async deliverLead(lead, attempt) {
      if (attempt.externalId) {
        return {
          kind: 'conflict',
          externalId: attempt.externalId,
          message: `already delivered as lead ${attempt.externalId}`,
        };
      }
      const redelivery = attempt.attempt > 1;
      const knownAbsent = refusedCleanly.delete(attempt.deliveryId);
      if (config.lookup === 'always' || (config.lookup === 'redelivery' && redelivery && !knownAbsent)) {
        const email = typeof lead.fields.email === 'string' ? lead.fields.email.trim() : '';
        const phone = typeof lead.fields.phone === 'string' ? lead.fields.phone.trim() : '';
        const query = email || phone;
        if (query) {
          const stop = await lookUp(query, lead, attempt.signal);
          if (stop) return stop;
        }
      }
      const result = await send({
        method: 'POST',
        url: `${baseUrl}${paths.create}`,
        body: toLeadcenterLead(lead, mapOptions),
        signal: attempt.signal,
      });
      if (!result.ok) return result.outcome;
      const outcome = classifyLeadcenterResponse(result.response, {
        default429DelayMs,
        now: deps.now(),
        redelivery,
      });
      // Reaching the create means no earlier attempt left the lead there; a 429 keeps it so.
      if (result.response.status === 429) {
        if (refusedCleanly.size >= 10_000)
          refusedCleanly.delete(refusedCleanly.values().next().value as string);
        refusedCleanly.add(attempt.deliveryId);
      }
      if (outcome.kind === 'permanent' && outcome.fieldErrors) {
        deps.logger.warn(
          { backend: name, leadId: lead.id, fieldErrors: outcome.fieldErrors },
          'LeadCenter.AI refused the lead',
        );
      }
      return outcome;
    },

    async check(signal) {
      const what = `token accepted (GET ${paths.check.split('?')[0]})`;
      const result = await send({ method: 'GET', url: `${baseUrl}${paths.check}`, signal });
      if (!result.ok) return [{ ok: false, what: 'LeadCenter.AI reachable', detail: result.outcome.message }];
      const { response } = result;
      const ok = response.status >= 200 && response.status < 300;
      let detail: string | undefined;
      if (ok && !parseLeadcenterLeads(response.json)) {
        detail = 'the answer is not a list of leads; is "paths.check" a lead list route?';
      } else if (response.status === 404 || response.status === 405) {
        const doubled = explainLeadcenter404(baseUrl, paths.check);
        detail = doubled
          ? `HTTP ${response.status}: no such route${doubled}`
          : `HTTP ${response.status}: no such route; the document gives no paths, set "paths" in the config`;
      } else if (!ok) {
        detail = `HTTP ${response.status}: ${getLeadcenterError(response).message}`;
      }
      const checked: CheckResult = detail ? { ok: false, what, detail } : { ok: true, what };
      return [checked];
    },
  };
}

/** The registry's entry for `"type": "leadcenter"`. */
export const leadcenterBackend: BackendDefinition<LeadcenterConfig> = {
  type: 'leadcenter',
  configSchema: leadcenterConfigSchema,
  create: createLeadcenterBackend,
};
