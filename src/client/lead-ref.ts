import type { ClientDeps } from './client-deps';
import { readStoredJson, writeStoredJson } from './stored-json';

const KEY = 'leadkit:lead-ref';

// The reference is opaque to the browser (only the proxy can open it), so the check is on
// what may travel in a URL unescaped (RFC 3986 unreserved characters) and a sane length,
// never on the proxy's format: a new format must not silently stop being kept.
const LEAD_REF = /^[A-Za-z0-9._~-]{1,512}$/;

/** Whether a value has the shape of a lead reference (the proxy alone can tell a real one). */
export function isLeadRef(value: unknown): value is string {
  return typeof value === 'string' && LEAD_REF.test(value);
}

/** The reference of the lead this browser submitted last, for intent signals. */
export function readLeadRef(deps: Pick<ClientDeps, 'storage'>): string | undefined {
  const value = readStoredJson(deps.storage, KEY);
  return isLeadRef(value) ? value : undefined;
}

/** Keeps a lead reference first-party (after a submission, or from `LeadKit.identify`). */
export function storeLeadRef(leadRef: string, deps: Pick<ClientDeps, 'storage'>): boolean {
  return isLeadRef(leadRef) && writeStoredJson(deps.storage, KEY, leadRef);
}
