import type * as z from 'zod/mini';
import type { CheckResult } from '../backend';
import { explainBaseUrl404 } from '../http/explain-base-url-404';
import type { VendorCallResult } from '../http/vendor-request';
import type { QvooAuth } from './qvoo-auth';
import { getQvooErrorText } from './qvoo-classify';
import type { QvooClient } from './qvoo-client';
import { toQvooFieldKeys } from './qvoo-form-fields';
import { isQvooTopLevelKey, QVOO_DERIVED_KEYS, QVOO_STANDARD_FIELD_KEYS, toQvooTarget } from './qvoo-mapper';
import {
  qvooHealthSchema,
  qvooSchemaResponseSchema,
  qvooStageListSchema,
  qvooStringListSchema,
  qvooWorkspaceSchema,
} from './qvoo-types';

/** The configured values `check` compares with the workspace's metadata. */
export interface QvooCheckTargets {
  status: string;
  leadStage: string;
  source?: string;
  tags?: string[];
}

/** What the check needs from the config besides the metadata targets. */
export interface QvooCheckSetup {
  baseUrl: string;
  workspaceId: string;
  fieldMap: Record<string, string>;
  /** `clientId`/`clientSecret` are configured but unused, because `apiKey` wins. */
  ignoredOAuth: boolean;
}

/**
 * `leadkit check-config --live` for Qvoo, using only read routes (nothing is created):
 * `/health` (a 404 there explained as the base URL); the OAuth token when used;
 * `GET /workspaces/:id` (credentials and workspace id); then that the configured status,
 * stage, source and tags exist in the metadata routes, that schema discovery answers
 * (forms with `"from:qvoo"`), which of leadkit's values have no field in the workspace
 * (named, not a failure: they are left out of each lead) and which `fieldMap` targets are
 * no field of it (a failure: the mapped value would be lost).
 */
export async function checkQvoo(
  client: QvooClient,
  auth: QvooAuth,
  targets: QvooCheckTargets,
  signal: AbortSignal,
  setup: QvooCheckSetup,
): Promise<CheckResult[]> {
  const results: CheckResult[] = [];

  const health = await read(client.open('GET', '/health', undefined, signal), qvooHealthSchema);
  if (!health.ok && health.status === 404)
    health.detail += ` — ${explainBaseUrl404(setup.baseUrl, '/api/v1', '/api/v1/health')}`;
  results.push(
    health.ok && health.data.status === 'healthy'
      ? {
          ok: true,
          what: `Qvoo API healthy${health.data.version ? ` (version ${health.data.version})` : ''}`,
        }
      : {
          ok: false,
          what: 'Qvoo API healthy',
          detail: health.ok ? `status "${health.data.status}"` : health.detail,
        },
  );

  if (auth.mode === 'oauth') {
    const token = await auth.getHeaders(signal);
    results.push(
      token.ok
        ? { ok: true, what: 'OAuth client credentials accepted' }
        : { ok: false, what: 'OAuth client credentials accepted', detail: token.outcome.message },
    );
    if (!token.ok) return results;
  }

  const workspace = await read(client.workspace('GET', '', undefined, signal), qvooWorkspaceSchema);
  const credentials =
    auth.mode === 'oauth'
      ? 'OAuth token'
      : setup.ignoredOAuth
        ? 'API key (clientId/clientSecret unused while apiKey is set)'
        : 'API key';
  if (!workspace.ok) {
    results.push({
      ok: false,
      what: `workspace reachable with the ${credentials}`,
      detail: workspace.detail,
    });
    return results;
  }
  const workspaceName = workspace.data.data.workspaceName;
  results.push({
    ok: true,
    what: `workspace${workspaceName ? ` "${workspaceName}"` : ''} reachable with the ${credentials}`,
  });

  const statuses = await read(
    client.workspace('GET', '/metadata/lead-statuses', undefined, signal),
    qvooStringListSchema,
  );
  results.push(
    member(`status "${targets.status}" exists`, statuses, (list) => list.data.includes(targets.status)),
  );

  const stages = await read(
    client.workspace('GET', '/metadata/lead-stages', undefined, signal),
    qvooStageListSchema,
  );
  results.push(
    member(`lead stage "${targets.leadStage}" exists`, stages, (list) =>
      list.data.some((stage) => stage.stageKey === targets.leadStage),
    ),
  );

  if (targets.source) {
    const source = targets.source;
    const sources = await read(
      client.workspace('GET', '/metadata/sources', undefined, signal),
      qvooStringListSchema,
    );
    results.push(member(`source "${source}" exists`, sources, (list) => list.data.includes(source)));
  }

  if (targets.tags && targets.tags.length > 0) {
    const tags = await read(
      client.workspace('GET', '/metadata/tags', undefined, signal),
      qvooStringListSchema,
    );
    for (const tag of targets.tags)
      results.push(member(`tag "${tag}" exists`, tags, (list) => list.data.includes(tag)));
  }

  const schema = await read(client.workspace('GET', '/schema', undefined, signal), qvooSchemaResponseSchema);
  results.push(
    schema.ok
      ? { ok: true, what: `schema discovery answers (${schema.data.data.leadFields.length} lead fields)` }
      : { ok: false, what: 'schema discovery answers', detail: schema.detail },
  );
  if (schema.ok) {
    const where = `workspace ${workspaceName ? `"${workspaceName}"` : setup.workspaceId}`;
    results.push(
      ...checkFieldKeys(new Set(toQvooFieldKeys(schema.data.data.leadFields)), setup.fieldMap, where),
    );
  }
  return results;
}

/**
 * The derived values (attribution, consent, page URL, lead id) that would be left out for
 * want of a field, and the `fieldMap` entries that point at no field. Form fields are named
 * in the log when a lead carries them: which forms deliver here is not the backend's to know.
 */
function checkFieldKeys(
  fieldKeys: Set<string>,
  fieldMap: Record<string, string>,
  where: string,
): CheckResult[] {
  const has = (target: string) =>
    target === '' ||
    isQvooTopLevelKey(target) ||
    fieldKeys.has(target) ||
    QVOO_STANDARD_FIELD_KEYS.includes(target);
  const results: CheckResult[] = [];
  for (const key of QVOO_DERIVED_KEYS) {
    if (Object.hasOwn(fieldMap, key) || has(toQvooTarget(key, fieldMap))) continue;
    results.push({
      ok: true,
      what: `${key} has no field in ${where}; map it with fieldMap`,
      detail: `left out of every lead until then; "fieldMap": { "${key}": "<fieldKey>" } sends it, "" drops it quietly`,
    });
  }
  for (const [key, target] of Object.entries(fieldMap)) {
    if (has(target)) continue;
    results.push({
      ok: false,
      what: `fieldMap sends ${key} to "${target}", which is not a lead field of ${where}`,
      detail: `Qvoo's lead fields: ${[...QVOO_STANDARD_FIELD_KEYS, ...fieldKeys].join(', ')}`,
    });
  }
  return results;
}

type Read<T> = { ok: true; data: T } | { ok: false; detail: string; status?: number };

async function read<T>(call: Promise<VendorCallResult>, schema: z.ZodMiniType<T>): Promise<Read<T>> {
  const result = await call;
  if (!result.ok) return { ok: false, detail: result.outcome.message ?? 'request failed' };
  const { response } = result;
  if (response.status < 200 || response.status >= 300) {
    return {
      ok: false,
      status: response.status,
      detail: `${response.status}: ${getQvooErrorText(response).message}`,
    };
  }
  const parsed = schema.safeParse(response.json);
  return parsed.success
    ? { ok: true, data: parsed.data }
    : { ok: false, detail: 'unexpected answer from Qvoo' };
}

function member<T>(what: string, list: Read<T>, has: (data: T) => boolean): CheckResult {
  if (!list.ok) return { ok: false, what, detail: list.detail };
  return has(list.data) ? { ok: true, what } : { ok: false, what, detail: 'not in the workspace metadata' };
}
