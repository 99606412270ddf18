import * as z from 'zod/mini';
import type { Backend, BackendDeps } from '../backend';
import { type BackendDefinition, commonBackendShape, resolveLimits } from '../backend-config';

export const localConfigSchema = z.strictObject({ type: z.literal('local'), ...commonBackendShape });
export type LocalConfig = z.infer<typeof localConfigSchema>;

/**
 * The embedded default: the lead already sits in the proxy's store, so delivering it only
 * records that this backend received it (`leadkit leads list` reads those).
 */
export function createLocalBackend(name: string, config: LocalConfig, deps: BackendDeps): Backend {
  return {
    name,
    type: 'local',
    limits: resolveLimits(config, { rateLimit: null, concurrency: 32, timeoutMs: 5_000 }),
    async deliverLead(lead) {
      await deps.leads.markLocal(lead.id, name);
      return { kind: 'ok', externalId: lead.id };
    },
  };
}

export const localBackend: BackendDefinition<LocalConfig> = {
  type: 'local',
  configSchema: localConfigSchema,
  create: createLocalBackend,
};
