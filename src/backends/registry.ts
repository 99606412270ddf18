import type { Backend, BackendDeps } from './backend';
import type { BackendDefinition } from './backend-config';
import { leadcenterBackend } from './leadcenter/leadcenter-backend';
import { lioBackend } from './lio/lio-backend';
import { localBackend } from './local/local-backend';
import { qualifybaseBackend } from './qualifybase/qualifybase-backend';
import { qvooBackend } from './qvoo/qvoo-backend';
import { squadstackBackend } from './squadstack/squadstack-backend';
import { webhookBackend } from './webhook/webhook-backend';

/**
 * Every backend type the proxy knows. This is the only module outside a backend's folder
 * that imports a particular backend (STYLE.md).
 */
const DEFINITIONS: Record<string, BackendDefinition<never>> = {
  local: localBackend as BackendDefinition<never>,
  webhook: webhookBackend as BackendDefinition<never>,
  qualifybase: qualifybaseBackend as BackendDefinition<never>,
  lio: lioBackend as BackendDefinition<never>,
  qvoo: qvooBackend as BackendDefinition<never>,
  squadstack: squadstackBackend as BackendDefinition<never>,
  leadcenter: leadcenterBackend as BackendDefinition<never>,
};

/** The known backend types, for config errors ("unknown backend type …"). */
export function getBackendTypes(): string[] {
  return Object.keys(DEFINITIONS);
}

/** The definition of a backend type, or undefined. */
export function getBackendDefinition(type: string): BackendDefinition<{ type: string }> | undefined {
  return DEFINITIONS[type] as BackendDefinition<{ type: string }> | undefined;
}

/** Builds a backend from its validated config. */
export function createBackend(name: string, config: { type: string }, deps: BackendDeps): Backend {
  const definition = getBackendDefinition(config.type);
  if (!definition) throw new Error(`unknown backend type "${config.type}"`);
  return definition.create(name, config, deps);
}
