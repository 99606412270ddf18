import * as z from 'zod/mini';
import type { CanonicalLead } from '../../model/lead';
import type { Backend, BackendDeps, BackendLimits, DeliveryAttempt, DeliveryOutcome, Rate } from '../backend';
import {
  type BackendDefinition,
  commonBackendShape,
  httpUrlSchema,
  nonEmptyString,
  resolveLimits,
} from '../backend-config';
import { createBackendRequestLimiter } from '../http/request-limiter';
import { createQvooApiKeyAuth, createQvooOAuth, type QvooAuth } from './qvoo-auth';
import { checkQvoo } from './qvoo-check';
import { classifyQvooResponse, getQvooErrorText } from './qvoo-classify';
import { createQvooClient } from './qvoo-client';
import { toQvooFieldKeys, toQvooFormFields } from './qvoo-form-fields';
import { createQvooKeyLock } from './qvoo-key-lock';
import {
  keepSchemaFields,
  type QvooLeftOutField,
  type QvooMappingOptions,
  toQvooLead,
  toQvooUpdate,
} from './qvoo-mapper';
import { createQvooSchemaCache, type QvooWorkspaceSchema } from './qvoo-schema-cache';
import {
  type QvooDuplicateQuery,
  type QvooLeadBody,
  qvooDuplicateResponseSchema,
  qvooLeadEnvelopeSchema,
  qvooSchemaResponseSchema,
} from './qvoo-types';

/**
 * The collection names no rate limit; CONTRACT §5 sets `60/min` where a document names
 * none. Decision: the rate counts requests, as a vendor counts them, not deliveries.
 */
export const QVOO_DEFAULT_RATE = '60/min';

/** A new lead costs two requests (check-duplicate, create), so the outbox paces deliveries at half the request rate. */
const REQUESTS_PER_DELIVERY = 2;

/** Config of a `qvoo` backend (CONTRACT §5); documented in docs/backends/qvoo.md. */
export const qvooConfigSchema = z
  .strictObject({
    type: z.literal('qvoo'),
    ...commonBackendShape,
    /** The host, e.g. `https://crm.qvoo.example`; leadkit appends `/api/v1/…`. */
    baseUrl: httpUrlSchema,
    workspaceId: nonEmptyString,
    /** `X-API-Key` for the workspace API; when set it wins over `clientId`/`clientSecret`. */
    apiKey: z.optional(nonEmptyString),
    /** OAuth client credentials, used only when there is no `apiKey`. */
    clientId: z.optional(nonEmptyString),
    clientSecret: z.optional(nonEmptyString),
    /** Status of a created lead; must be in `…/metadata/lead-statuses`. */
    status: z.optional(nonEmptyString),
    /** Stage of a created lead; a `stageKey` of `…/metadata/lead-stages`. */
    leadStage: z.optional(nonEmptyString),
    source: z.optional(nonEmptyString),
    tags: z.optional(z.array(nonEmptyString).check(z.maxLength(50))),
    /** Form field → Qvoo field key (`""` drops the value). */
    fieldMap: z.optional(z.record(z.string(), z.string())),
    /** How long a schema copy is served before it is refreshed in the background (default 300). */
    schemaTtlSeconds: z.optional(z.number().check(z.int(), z.positive(), z.maximum(86_400))),
  })
  .check(
    z.refine((config) => Boolean(config.apiKey) || Boolean(config.clientId && config.clientSecret), {
      message: 'needs "apiKey", or "clientId" and "clientSecret"',
      path: ['apiKey'],
    }),
    z.refine((config) => Boolean(config.clientId) === Boolean(config.clientSecret), {
      message: '"clientId" and "clientSecret" go together',
      path: ['clientSecret'],
    }),
  );
export type QvooConfig = z.infer<typeof qvooConfigSchema>;

/**
 * The Qvoo backend: check-duplicate, then create or update, so a redelivery never makes
 * a second lead; `fields` limited to the workspace's `fieldKey`s (`GET …/schema`, cached)
 * plus `mobileNumber`/`emailId`; the workspace's lead fields for forms with `"from:qvoo"`;
 * and a live check of credentials, configured metadata and field mapping.
 */
export function createQvooBackend(name: string, config: QvooConfig, deps: BackendDeps): Backend {
  const requestLimits = resolveLimits(config, { rateLimit: QVOO_DEFAULT_RATE, concurrency: 4 });
  const limits: BackendLimits = { ...requestLimits, rateLimit: toDeliveryRate(requestLimits.rateLimit) };
  const mapping: QvooMappingOptions = {
    status: config.status ?? 'new',
    leadStage: config.leadStage ?? 'unassigned',
  };
  if (config.source) mapping.source = config.source;
  if (config.tags) mapping.tags = config.tags;
  if (config.fieldMap) mapping.fieldMap = config.fieldMap;

  // Every request (tokens included) under the rate, shared by every backend and instance on the key.
  const limiter = createBackendRequestLimiter(deps, requestLimits, {
    type: 'qvoo',
    baseUrl: config.baseUrl,
    // The credential the workspace requests carry: the API key, else the OAuth client.
    credential: config.apiKey ?? `oauth:${config.clientId}`,
  });
  let auth: QvooAuth;
  const client = createQvooClient({
    baseUrl: config.baseUrl,
    workspaceId: config.workspaceId,
    timeoutMs: limits.timeoutMs,
    fetch: deps.fetch,
    limiter,
    getAuth: () => auth,
  });
  // Decision: every workspace request in the collection shows `X-API-Key: {{api_key}}` and
  // none shows the OAuth token (see createQvooOAuth), so a configured key wins and the
  // client credentials are used only without one.
  auth =
    !config.apiKey && config.clientId && config.clientSecret
      ? createQvooOAuth({
          clientId: config.clientId,
          clientSecret: config.clientSecret,
          stateKey: `qvoo:${name}:oauth`,
          state: deps.state,
          logger: deps.logger,
          now: deps.now,
          post: (path, body, signal) => client.open('POST', path, body, signal),
        })
      : createQvooApiKeyAuth(config.apiKey ?? '');

  const schemaCache = createQvooSchemaCache({
    state: deps.state,
    stateKey: `qvoo:${name}:schema`,
    ttlMs: (config.schemaTtlSeconds ?? 300) * 1000,
    now: deps.now,
    logger: deps.logger,
    async load(signal) {
      const result = await client.workspace('GET', '/schema', undefined, signal);
      if (!result.ok) throw new QvooSchemaError(result.outcome);
      const { response } = result;
      if (response.status < 200 || response.status >= 300)
        throw new QvooSchemaError(classifyQvooResponse(response, deps.now()));
      const parsed = qvooSchemaResponseSchema.safeParse(response.json);
      if (!parsed.success) throw new QvooSchemaError({ kind: 'retry', message: 'unexpected answer' });
      const { leadFields } = parsed.data.data;
      const { fields, skipped } = toQvooFormFields(leadFields, config.fieldMap);
      if (skipped.length > 0)
        deps.logger.warn(
          { backend: name, skipped },
          'qvoo: schema fields that cannot be form fields were left out',
        );
      return { formFields: fields, fieldKeys: toQvooFieldKeys(leadFields) };
    },
  });

  /** The workspace schema for a delivery, or the outcome that stops it (401 permanent, 503 retried). */
  const getSchema = async (signal: AbortSignal): Promise<QvooWorkspaceSchema | DeliveryOutcome> => {
    try {
      return await schemaCache.get(signal);
    } catch (error) {
      if (error instanceof QvooSchemaError) return error.outcome;
      return { kind: 'retry', message: `Qvoo schema discovery failed: ${(error as Error)?.message}` };
    }
  };

  // Each left-out key is named once per process, not once per lead.
  const named = new Set<string>();
  const reportLeftOut = (leftOut: QvooLeftOutField[]): void => {
    for (const { key, target } of leftOut) {
      if (named.has(key)) continue;
      named.add(key);
      const mapped =
        target === key ? '' : ` (fieldMap sends it to "${target}", which is not one of its lead fields)`;
      deps.logger.warn(
        { backend: name, field: key, target },
        `qvoo: ${key} has no field in workspace ${config.workspaceId}${mapped}; map it with fieldMap (left out until then, the lead is still delivered)`,
      );
    }
  };

  /** Reads the lead (404 → gone), merges its fields with ours and `PUT`s the update. */
  const updateExisting = async (
    qvooId: string,
    body: QvooLeadBody,
    signal: AbortSignal,
  ): Promise<DeliveryOutcome | 'gone'> => {
    const path = `/leads/${encodeURIComponent(qvooId)}`;
    const current = await client.workspace('GET', path, undefined, signal);
    if (!current.ok) return current.outcome;
    if (current.response.status === 404) return 'gone';
    if (current.response.status < 200 || current.response.status >= 300)
      return classifyQvooResponse(current.response, deps.now());
    const parsed = qvooLeadEnvelopeSchema.safeParse(current.response.json);
    if (!parsed.success)
      return { kind: 'retry', message: 'unexpected answer from Qvoo reading the existing lead' };
    const updated = await client.workspace('PUT', path, toQvooUpdate(body, parsed.data.data.fields), signal);
    if (!updated.ok) return updated.outcome;
    if (updated.response.status === 404) return 'gone';
    // An update's 2xx counts whatever its body: the id is already known (the GET just read it).
    const outcome = classifyQvooResponse(updated.response, deps.now());
    if (outcome.kind !== 'ok') return outcome;
    return { kind: 'ok', externalId: qvooId, message: 'updated the existing Qvoo lead' };
  };

  const create = async (body: QvooLeadBody, signal: AbortSignal): Promise<DeliveryOutcome> => {
    const created = await client.workspace('POST', '/leads', body, signal);
    if (!created.ok) return created.outcome;
    const { response } = created;
    // Not documented; a 409 can only mean a lead that appeared since the duplicate check.
    if (response.status === 409)
      return { kind: 'conflict', message: `409: ${getQvooErrorText(response).message}` };
    const outcome = classifyQvooResponse(response, deps.now());
    if (outcome.kind !== 'ok') return outcome;
    const parsed = qvooLeadEnvelopeSchema.safeParse(response.json);
    // Decision: the collection's "Created Success" answer is 201 `{ success: true, data: { _id,
    // … } }`; a 2xx without `data._id` is not counted as delivered but retried. The lead may
    // exist without us knowing its id, and the retry's check-duplicate (by the same phone or
    // email) finds it and updates it instead of creating a second; if it does not exist, the
    // retry creates it. Answers that never carry an id end as a dead letter with this message.
    if (!parsed.success)
      return {
        kind: 'retry',
        message: `Qvoo answered ${response.status} to the create without data._id; not counted as delivered`,
      };
    return { kind: 'ok', externalId: parsed.data.data._id };
  };

  /** Update the lead Qvoo already has (by kept id, else by duplicate check), or create it. */
  const deliverMapped = async (
    lead: CanonicalLead,
    body: QvooLeadBody,
    duplicateQuery: QvooDuplicateQuery,
    { externalId, signal }: DeliveryAttempt,
  ): Promise<DeliveryOutcome> => {
    if (externalId) {
      const outcome = await updateExisting(externalId, body, signal);
      if (outcome !== 'gone') return outcome;
    }

    const check = await client.workspace('POST', '/leads/check-duplicate', duplicateQuery, signal);
    if (!check.ok) return check.outcome;
    const checkOutcome = classifyQvooResponse(check.response, deps.now());
    if (checkOutcome.kind !== 'ok') return checkOutcome;
    const duplicate = qvooDuplicateResponseSchema.safeParse(check.response.json);
    if (!duplicate.success)
      return { kind: 'retry', message: 'unexpected answer from Qvoo checking for a duplicate' };

    // The collection's answer to an existing lead is `{ exists: true, leadId }`. Without the
    // id leadkit can neither update it nor safely create another: retried, never a create.
    if (duplicate.data.exists && !duplicate.data.leadId)
      return {
        kind: 'retry',
        message: 'Qvoo check-duplicate said the lead exists but gave no leadId; not creating a second lead',
      };
    if (duplicate.data.exists && duplicate.data.leadId) {
      const outcome = await updateExisting(duplicate.data.leadId, body, signal);
      if (outcome !== 'gone') {
        if (outcome.kind === 'ok') {
          deps.logger.info(
            { backend: name, leadId: lead.id, qvooId: outcome.externalId },
            'qvoo: lead already there, updated',
          );
        }
        return outcome;
      }
    }
    return create(body, signal);
  };

  const keyLock = createQvooKeyLock();

  return {
    name,
    type: 'qvoo',
    limits,
    async deliverLead(lead: CanonicalLead, attempt: DeliveryAttempt): Promise<DeliveryOutcome> {
      const mapped = toQvooLead(lead, mapping);
      if (!mapped.ok) return { kind: 'permanent', message: mapped.message };
      const schema = await getSchema(attempt.signal);
      if ('kind' in schema) return { ...schema, message: `Qvoo schema discovery failed: ${schema.message}` };
      const { body, leftOut } = keepSchemaFields(mapped.body, mapped.fieldSources, new Set(schema.fieldKeys));
      reportLeftOut(leftOut);
      return keyLock.run(JSON.stringify(mapped.duplicateQuery), () =>
        deliverMapped(lead, body, mapped.duplicateQuery, attempt),
      );
    },
    formFields: async (signal) => {
      try {
        return (await schemaCache.get(signal)).formFields;
      } catch (error) {
        if (error instanceof QvooSchemaError)
          throw new Error(`Qvoo schema discovery failed: ${error.outcome.message}`);
        throw error;
      }
    },
    check(signal) {
      const targets = {
        status: mapping.status,
        leadStage: mapping.leadStage,
        ...pick(config, ['source', 'tags']),
      };
      return checkQvoo(client, auth, targets, signal, {
        baseUrl: config.baseUrl,
        workspaceId: config.workspaceId,
        fieldMap: config.fieldMap ?? {},
        ignoredOAuth: Boolean(config.apiKey && config.clientId),
      });
    },
    async close() {
      schemaCache.close();
    },
  };
}

/** Why `GET …/schema` gave no schema, classified like any Qvoo answer. */
class QvooSchemaError extends Error {
  constructor(readonly outcome: DeliveryOutcome) {
    super(outcome.message ?? 'schema discovery failed');
  }
}

/** Deliveries per window the outbox may start, so that their requests fit the vendor's rate. */
function toDeliveryRate(rate: Rate | null): Rate | null {
  if (!rate) return null;
  return { count: Math.max(1, Math.floor(rate.count / REQUESTS_PER_DELIVERY)), windowMs: rate.windowMs };
}

function pick<T extends object, K extends keyof T>(source: T, keys: K[]): Partial<Pick<T, K>> {
  const result: Partial<Pick<T, K>> = {};
  for (const key of keys) if (source[key] !== undefined) result[key] = source[key];
  return result;
}

/** Registry entry for `"type": "qvoo"`. */
export const qvooBackend: BackendDefinition<QvooConfig> = {
  type: 'qvoo',
  configSchema: qvooConfigSchema,
  create: createQvooBackend,
};
