import { describe, expect, it } from 'vitest';
import { createFakeProxy, createTestDeps, json } from '../../test/components/fake-proxy';
import {
  enqueueSubmission,
  flushQueue,
  MAX_QUEUE_AGE_MS,
  type QueuedSubmission,
  sendQueued,
} from './offline-queue';

const ENDPOINT = 'https://leads.example.com';

function entry(id: string, savedAt: number): QueuedSubmission {
  return {
    endpoint: ENDPOINT,
    form: 'demo',
    submission: { submissionId: id, fields: { name: `Visitor ${id}`, email: `${id}@example.com` } },
    savedAt,
  };
}

const stored = (storage: Storage | undefined) => storage?.getItem('leadkit:queue') ?? '';

describe('the offline queue', () => {
  it('is emptied the moment the proxy accepts a submission', async () => {
    const proxy = createFakeProxy();
    const { deps } = createTestDeps(proxy.fetch);
    const queued = entry('a1', deps.now());
    enqueueSubmission(queued, deps);
    expect(stored(deps.storage)).toContain('a1@example.com');
    const result = await sendQueued(queued, { deps, signal: new AbortController().signal });
    expect(result.kind).toBe('accepted');
    expect(stored(deps.storage)).not.toContain('a1@example.com');
  });

  it('drops a permanently refused submission, and keeps one the proxy may take later', async () => {
    for (const [status, kept] of [
      [400, false],
      [403, false],
      [404, false],
      [409, false],
      [413, false],
      [415, false],
      [408, true],
      [429, true],
      [503, true],
    ] as const) {
      const fetch = async () => json(status, { error: { code: `e${status}`, message: 'no' } });
      const { deps } = createTestDeps(fetch);
      const queued = entry(`s${status}`, deps.now());
      enqueueSubmission(queued, deps);
      await sendQueued(queued, { deps, signal: new AbortController().signal });
      expect([status, stored(deps.storage).includes(`s${status}@example.com`)]).toEqual([status, kept]);
    }
  });

  it(`deletes entries older than ${MAX_QUEUE_AGE_MS / 86_400_000} days unsent on the next load, even offline`, async () => {
    const proxy = createFakeProxy();
    const { deps, setOnline } = createTestDeps(proxy.fetch);
    enqueueSubmission(entry('fresh', deps.now() - MAX_QUEUE_AGE_MS + 60_000), deps);
    // Written by a page whose clock said it was fresh; this load's clock says it is too old.
    enqueueSubmission(entry('stale', deps.now() - MAX_QUEUE_AGE_MS - 1), { ...deps, now: () => 0 });
    expect(stored(deps.storage)).toContain('stale@example.com');

    setOnline(false);
    await flushQueue(undefined, { deps, signal: new AbortController().signal });
    expect(stored(deps.storage)).not.toContain('stale@example.com');
    expect(stored(deps.storage)).toContain('fresh@example.com');

    setOnline(true);
    await flushQueue(undefined, { deps, signal: new AbortController().signal });
    expect(proxy.posts().map((p) => p.headers['idempotency-key'])).toEqual(['fresh']);
    expect(stored(deps.storage)).toBe('[]');
  });

  it('deletes corrupt entries instead of carrying them along', async () => {
    const proxy = createFakeProxy();
    const { deps, setOnline } = createTestDeps(proxy.fetch);
    deps.storage?.setItem('leadkit:queue', JSON.stringify([{ endpoint: ENDPOINT, email: 'x@example.com' }]));
    setOnline(false);
    await flushQueue(undefined, { deps, signal: new AbortController().signal });
    expect(stored(deps.storage)).toBe('[]');
  });
});

describe('a flush under way', () => {
  it('does not send what was cleared from the queue meanwhile', async () => {
    const { deps } = createTestDeps(async () => {
      // While the first entry is on the wire, the visitor asks to be forgotten.
      deps.storage?.removeItem('leadkit:queue');
      return json(202, { leadId: 'lead-1', leadRef: 'r', status: 'accepted' });
    });
    enqueueSubmission(entry('first', deps.now()), deps);
    enqueueSubmission(entry('second', deps.now()), deps);
    const sent: string[] = [];
    await flushQueue(undefined, {
      deps,
      signal: new AbortController().signal,
      onResult: (e) => sent.push(e.submission.submissionId),
    });
    expect(sent).toEqual(['first']);
  });
});
