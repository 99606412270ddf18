import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type LioFake, startLioFake } from '../../../test/fakes/lio-fake';
import type { BackendStateStore } from '../backend';
import { createLioSession } from './lio-session';

let fake: LioFake;
beforeAll(async () => {
  fake = await startLioFake({ login: { email: 'ops@example.com', password: 'hunter22' } });
});
afterAll(() => fake.close());

function memoryState(): BackendStateStore & { data: Map<string, string> } {
  const data = new Map<string, string>();
  return {
    data,
    get: async (key) => data.get(key) ?? null,
    set: async (key, value) => void data.set(key, value),
  };
}

const signal = () => new AbortController().signal;

function session(state: BackendStateStore, password = 'hunter22', now = () => new Date()) {
  return createLioSession(
    { name: 'sales', baseUrl: fake.url, email: 'ops@example.com', password, timeoutMs: 2_000 },
    { fetch: globalThis.fetch, now, state },
  );
}

async function whoAmI(token: string): Promise<number> {
  return (await fetch(`${fake.url}/api/user/my`, { headers: { authorization: `Bearer ${token}` } })).status;
}

describe('createLioSession', () => {
  it('logs in once, shares the login between concurrent callers and caches the token', async () => {
    const before = fake.logins;
    const s = session(memoryState());
    const [a, b] = await Promise.all([s.getToken(signal()), s.getToken(signal())]);
    expect(a.ok && b.ok && a.token === b.token).toBe(true);
    await s.getToken(signal());
    expect(fake.logins - before).toBe(1);
    expect(a.ok && (await whoAmI(a.token))).toBe(200);
  });

  it('reuses the token kept in state across a restart until close to expires_at', async () => {
    const state = memoryState();
    await session(state).getToken(signal());
    const before = fake.logins;
    await session(state).getToken(signal());
    expect(fake.logins).toBe(before);
    // 30 days later (the fake's expires_in), the token is renewed.
    await session(state, 'hunter22', () => new Date(Date.now() + 30 * 86_400_000)).getToken(signal());
    expect(fake.logins).toBe(before + 1);
  });

  it('logs in again after invalidate (a 401 to the token)', async () => {
    const s = session(memoryState());
    const first = await s.getToken(signal());
    fake.revokeTokens();
    expect(first.ok && (await whoAmI(first.token))).toBe(401);
    await s.invalidate();
    const second = await s.getToken(signal());
    expect(second.ok && (await whoAmI(second.token))).toBe(200);
  });

  it.each([408, 425, 503])('a login answered %i is retried', async (status) => {
    fake.failNext(1, status);
    const result = await session(memoryState()).getToken(signal());
    expect(result).toMatchObject({
      ok: false,
      outcome: { kind: 'retry', message: expect.stringContaining(String(status)) },
    });
  });

  it('wrong credentials are permanent and never echo the password', async () => {
    const result = await session(memoryState(), 'wrong-password-123').getToken(signal());
    expect(result).toEqual({
      ok: false,
      outcome: { kind: 'permanent', message: 'LIO login 401: Invalid credentials' },
    });
  });
});
