import { describe, expect, it } from 'vitest';
import { parseConfig } from './load-config';
import { resolveServerLimits, SERVER_LIMIT_DEFAULTS } from './server-limits';

const meta = { source: 'test.json', baseDir: '/tmp' };

describe('the server key', () => {
  it('defaults to limits that suit slow phones and is optional', () => {
    const result = parseConfig({}, {}, meta);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(resolveServerLimits(result.config.server)).toEqual({
      headersTimeoutMs: 15_000,
      requestTimeoutMs: 30_000,
      keepAliveTimeoutMs: 5_000,
      maxConnections: 4096,
    });
    expect(SERVER_LIMIT_DEFAULTS.headersTimeoutMs).toBeLessThanOrEqual(
      SERVER_LIMIT_DEFAULTS.requestTimeoutMs,
    );
  });

  it('names a bad limit by its path', () => {
    const result = parseConfig(
      { server: { headersTimeoutMs: 40_000, requestTimeoutMs: 30_000, maxConnections: 0, idle: 1 } },
      {},
      meta,
    );
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^server\.maxConnections: /),
        'server.idle: unknown key',
      ]),
    );
    const order = parseConfig({ server: { headersTimeoutMs: 40_000 } }, {}, meta);
    expect(order.ok ? [] : order.problems).toEqual([
      'server.headersTimeoutMs: headersTimeoutMs must not exceed requestTimeoutMs',
    ]);
  });
});
