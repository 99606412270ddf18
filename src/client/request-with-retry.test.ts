import { describe, expect, it } from 'vitest';
import { createFakeProxy, createTestDeps, json } from '../../test/components/fake-proxy';
import { requestWithRetry } from './request-with-retry';
import { DEFAULT_RETRY_POLICY, getRetryDelay, parseRetryAfter } from './retry-delay';

describe('retry policy', () => {
  it('uses capped full jitter', () => {
    expect(getRetryDelay(1, DEFAULT_RETRY_POLICY, () => 0.999)).toBe(499);
    expect(getRetryDelay(3, DEFAULT_RETRY_POLICY, () => 0.5)).toBe(1000);
    expect(getRetryDelay(20, DEFAULT_RETRY_POLICY, () => 0.999)).toBe(7992);
    expect(getRetryDelay(2, DEFAULT_RETRY_POLICY, () => 0)).toBe(0);
  });

  it('reads Retry-After as seconds or as a date', () => {
    const now = Date.parse('2026-11-22T10:00:00Z');
    expect(parseRetryAfter('3', now)).toBe(3000);
    expect(parseRetryAfter('Sun, 22 Nov 2026 10:00:05 GMT', now)).toBe(5000);
    expect(parseRetryAfter('soon', now)).toBeUndefined();
    expect(parseRetryAfter(null, now)).toBeUndefined();
  });
});

describe('requestWithRetry', () => {
  const url = 'https://leads.example.com/v1/forms/demo/leads';

  it('does not retry a 4xx that retrying cannot fix', async () => {
    const proxy = createFakeProxy({
      leadReplies: [json(403, { error: { code: 'origin_not_allowed', message: 'Origin not allowed' } })],
    });
    const { deps, sleeps } = createTestDeps(proxy.fetch);
    const result = await requestWithRetry(
      url,
      { method: 'POST' },
      { deps, policy: DEFAULT_RETRY_POLICY, signal: new AbortController().signal },
    );
    expect(result).toEqual({
      kind: 'rejected',
      status: 403,
      code: 'origin_not_allowed',
      message: 'Origin not allowed',
    });
    expect(sleeps).toEqual([]);
  });

  it('hands over to the queue rather than wait out a long Retry-After', async () => {
    const proxy = createFakeProxy({
      leadReplies: [
        json(429, { error: { code: 'rate_limited', message: 'Too many' } }, { 'retry-after': '120' }),
      ],
    });
    const { deps, sleeps } = createTestDeps(proxy.fetch);
    const result = await requestWithRetry(
      url,
      { method: 'POST' },
      { deps, policy: DEFAULT_RETRY_POLICY, signal: new AbortController().signal },
    );
    expect(result).toMatchObject({ kind: 'unavailable', status: 429, code: 'rate_limited' });
    expect(sleeps).toEqual([]);
  });

  it('times out a hanging request and reports it as unreachable', async () => {
    const proxy = createFakeProxy({ leadReplies: ['hang', 'hang'] });
    const { deps } = createTestDeps(proxy.fetch);
    const policy = { ...DEFAULT_RETRY_POLICY, maxAttempts: 2, timeoutMs: 20 };
    const result = await requestWithRetry(
      url,
      { method: 'POST' },
      { deps, policy, signal: new AbortController().signal },
    );
    expect(result).toEqual({ kind: 'unreachable', reason: 'timeout' });
    expect(proxy.posts().every((p) => p.signal?.aborted)).toBe(true);
  });

  it('stops at once when its owner aborts', async () => {
    const proxy = createFakeProxy({ leadReplies: ['hang'] });
    const { deps } = createTestDeps(proxy.fetch);
    const owner = new AbortController();
    const pending = requestWithRetry(
      url,
      { method: 'POST' },
      { deps, policy: DEFAULT_RETRY_POLICY, signal: owner.signal },
    );
    owner.abort();
    expect(await pending).toEqual({ kind: 'aborted' });
  });
});
