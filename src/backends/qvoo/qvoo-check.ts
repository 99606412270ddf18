import type * as z from 'zod/mini';
import type { CheckResult } from '../backend';
import type { VendorCallResult } from '../http/vendor-request';
import type { QvooAuth } from './qvoo-auth';
import { getQvooErrorText } from './qvoo-classify';
import type { QvooClient } from './qvoo-client';
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

/**
 * `leadkit check-config --live` for Qvoo, using only read routes (nothing is created):
 * `/health`; the OAuth token when configured; `GET /workspaces/:id` (credentials and
 * workspace id); then that the configured status, stage, source and tags exist in the
 * metadata routes, and that schema discovery answers (forms with `"from:qvoo"`).
 */
export async function checkQvoo(
  client: QvooClient,
  auth: QvooAuth,
  targets: QvooCheckTargets,
  signal: AbortSignal,
): Promise<CheckResult[]> {
  const results: CheckResult[] = [];

  const health = await read(client.open('GET', '/health', undefined, signal), qvooHealthSchema);
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
  const credentials = auth.mode === 'oauth' ? 'OAuth token' : 'API key';
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
  return results;
}

type Read<T> = { ok: true; data: T } | { ok: false; detail: string };

async function read<T>(call: Promise<VendorCallResult>, schema: z.ZodMiniType<T>): Promise<Read<T>> {
  const result = await call;
  if (!result.ok) return { ok: false, detail: result.outcome.message ?? 'request failed' };
  const { response } = result;
  if (response.status < 200 || response.status >= 300) {
    return { ok: false, detail: `${response.status}: ${getQvooErrorText(response).message}` };
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
