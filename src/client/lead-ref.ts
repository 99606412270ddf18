import type { ClientDeps } from './client-deps';
import { readStoredJson, writeStoredJson } from './stored-json';

const KEY = 'leadkit:lead-ref';

/** The reference of the lead this browser submitted last, for intent signals. */
export function readLeadRef(deps: Pick<ClientDeps, 'storage'>): string | undefined {
  const value = readStoredJson(deps.storage, KEY);
  return typeof value === 'string' && /^[\w-]{1,200}$/.test(value) ? value : undefined;
}

/** Keeps a lead reference first-party (after a submission, or from `LeadKit.identify`). */
export function storeLeadRef(leadRef: string, deps: Pick<ClientDeps, 'storage'>): boolean {
  return /^[\w-]{1,200}$/.test(leadRef) && writeStoredJson(deps.storage, KEY, leadRef);
}
