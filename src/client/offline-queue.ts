import type { LeadSubmission } from '../model/lead';
import type { ClientDeps } from './client-deps';
import type { SendLeadResult } from './send-lead';
import { sendLead } from './send-lead';
import { readStoredJson, writeStoredJson } from './stored-json';

/** A submission waiting for the network, kept in localStorage under `leadkit:queue`. */
export interface QueuedSubmission {
  endpoint: string;
  form: string;
  submission: LeadSubmission;
  savedAt: number;
}

const KEY = 'leadkit:queue';
const MAX_ENTRIES = 20;

/**
 * How long a submission that never reached the proxy stays in the browser: seven days. The
 * queue holds the visitor's personal data, so it is kept only as long as it can still become
 * a useful lead: long enough for a trip without signal or a laptop closed over a weekend,
 * short enough that a stale enquiry does not surprise the business weeks later. Older
 * entries are deleted unsent on the next page load (docs/security.md, docs/script-tag.md).
 */
export const MAX_QUEUE_AGE_MS = 7 * 24 * 60 * 60 * 1000;

function isQueued(value: unknown): value is QueuedSubmission {
  const entry = value as Partial<QueuedSubmission> | null;
  return (
    typeof entry?.endpoint === 'string' &&
    typeof entry.form === 'string' &&
    typeof entry.savedAt === 'number' &&
    // Our own earlier write, so a shape check suffices (zod stays out of the bundle); the
    // proxy validates the body fully when it arrives.
    typeof entry.submission?.submissionId === 'string' &&
    typeof entry.submission.fields === 'object' &&
    entry.submission.fields !== null
  );
}

function readQueue(deps: Pick<ClientDeps, 'storage' | 'now'>) {
  const stored = readStoredJson(deps.storage, KEY);
  const all: unknown[] = Array.isArray(stored) ? stored : [];
  const entries = all.filter(isQueued).filter((e) => deps.now() - e.savedAt < MAX_QUEUE_AGE_MS);
  return { entries, stale: stored !== undefined && entries.length !== all.length };
}

/** The entries still worth sending; corrupt and expired ones are left out. */
export function listQueued(deps: Pick<ClientDeps, 'storage' | 'now'>): QueuedSubmission[] {
  return readQueue(deps).entries;
}

/** Deletes corrupt and expired entries from storage (unsent) and returns the rest. */
export function pruneQueue(deps: Pick<ClientDeps, 'storage' | 'now'>): QueuedSubmission[] {
  const { entries, stale } = readQueue(deps);
  if (stale) writeStoredJson(deps.storage, KEY, entries);
  return entries;
}

/** Adds (or replaces, by `submissionId`) an entry; false when storage is unavailable. */
export function enqueueSubmission(
  entry: QueuedSubmission,
  deps: Pick<ClientDeps, 'storage' | 'now'>,
): boolean {
  const others = listQueued(deps).filter((e) => e.submission.submissionId !== entry.submission.submissionId);
  return writeStoredJson(deps.storage, KEY, [...others, entry].slice(-MAX_ENTRIES));
}

/** Removes an entry once the proxy has it (or has refused it for good). */
export function dequeueSubmission(submissionId: string, deps: Pick<ClientDeps, 'storage' | 'now'>): void {
  const entries = listQueued(deps);
  const rest = entries.filter((e) => e.submission.submissionId !== submissionId);
  if (rest.length !== entries.length) writeStoredJson(deps.storage, KEY, rest);
}

// Several forms on one page, an `online` event during a page-load flush, or a live send
// and a flush must not send one entry twice at the same moment (the key would make it
// harmless, but it is wasteful and would announce success twice).
const inFlight = new Set<string>();

type LockManager = {
  request: (
    name: string,
    options: { ifAvailable?: boolean; signal?: AbortSignal },
    callback: (lock: unknown) => Promise<unknown>,
  ) => Promise<unknown>;
};

// Other tabs of the site share the queue (one localStorage) and come online at the same
// moment: a Web Lock per entry lets one of them send it. Without Web Locks (older browsers)
// the Idempotency-Key still makes a second send harmless.
function getLocks(): LockManager | undefined {
  return (globalThis.navigator as { locks?: LockManager } | undefined)?.locks;
}

const isStillQueued = (id: string, deps: Pick<ClientDeps, 'storage' | 'now'>) =>
  listQueued(deps).some((e) => e.submission.submissionId === id);

/**
 * Sends one queued entry and settles the queue: accepted and permanently refused entries
 * leave it, unreachable and unavailable ones stay for the next chance. Answers `busy` when
 * the same submission is already being sent from this page, or — unless `wait` — from
 * another tab, or is no longer queued. A live send `wait`s for another tab's attempt and then
 * sends anyway: the same key gets the same answer, so the visitor learns the outcome.
 */
export async function sendQueued(
  entry: QueuedSubmission,
  options: { deps: ClientDeps; signal: AbortSignal; wait?: boolean },
): Promise<SendLeadResult | { kind: 'busy' }> {
  const id = entry.submission.submissionId;
  if (inFlight.has(id)) return { kind: 'busy' };
  inFlight.add(id);
  const send = async (): Promise<SendLeadResult | { kind: 'busy' }> => {
    // Sent by another tab meanwhile, or cleared by `LeadKit.forget()`: not ours to send.
    if (!options.wait && !isStillQueued(id, options.deps)) return { kind: 'busy' };
    const result = await sendLead(entry.endpoint, entry.form, entry.submission, options);
    if (result.kind === 'accepted' || result.kind === 'rejected') dequeueSubmission(id, options.deps);
    return result;
  };
  try {
    const locks = getLocks();
    if (!locks) return await send();
    let result: SendLeadResult | { kind: 'busy' } = { kind: 'busy' };
    await locks.request(
      `leadkit:queue:${id}`,
      options.wait ? { signal: options.signal } : { ifAvailable: true },
      async (lock) => {
        if (lock) result = await send();
      },
    );
    return result;
  } catch {
    // The lock request was aborted with the page or form (nothing was sent), or the browser
    // refused it: then the entry stays queued for the next chance.
    return options.signal.aborted ? { kind: 'aborted' } : { kind: 'unreachable', reason: 'network' };
  } finally {
    inFlight.delete(id);
  }
}

type Claim = (entry: QueuedSubmission, result: SendLeadResult) => boolean;
const claims = new Set<Claim>();

/**
 * Lets a mounted form take the results of the runtime's flushes for its own submissions
 * (`claim` answers true when it did), so a form that shows "saved" turns to "sent" and its
 * `leadkit:success` comes from the element. Unregistered when `signal` aborts.
 */
export function claimQueuedResults(claim: Claim, signal: AbortSignal): void {
  if (signal.aborted) return;
  claims.add(claim);
  signal.addEventListener('abort', () => claims.delete(claim), { once: true });
}

/** Offers a flush result to the mounted forms; false when none took it. */
export function offerQueuedResult(entry: QueuedSubmission, result: SendLeadResult): boolean {
  for (const claim of claims) if (claim(entry, result)) return true;
  return false;
}

/**
 * Resends queued submissions for `endpoint` (or for every endpoint, when undefined) with
 * their original `Idempotency-Key` — on page load and on the `online` event — after
 * deleting the expired ones unsent. `onResult` hears about every entry that got an answer.
 */
export async function flushQueue(
  endpoint: string | undefined,
  options: {
    deps: ClientDeps;
    signal: AbortSignal;
    onResult?: (entry: QueuedSubmission, result: SendLeadResult) => void;
  },
): Promise<void> {
  const { deps, signal } = options;
  // Pruned first, so personal data past its age leaves the browser even while offline.
  for (const entry of pruneQueue(deps)) {
    if (endpoint !== undefined && entry.endpoint !== endpoint) continue;
    if (signal.aborted || !deps.isOnline()) return;
    const result = await sendQueued(entry, { deps, signal });
    if (result.kind !== 'busy' && result.kind !== 'aborted') options.onResult?.(entry, result);
  }
}
