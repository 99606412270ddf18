import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { parseConfig } from '../../src/proxy/config/load-config';
import { createLogger } from '../../src/proxy/observability/create-logger';
import { type RunningServer, startServer } from '../../src/proxy/serve';

export interface TestProxy extends RunningServer {
  dir: string;
  /** Every log line the proxy wrote. */
  logs: string[];
  post(path: string, body: unknown, headers?: Record<string, string>): Promise<Response>;
}

export const ADMIN_TOKEN = 'test-admin-token-0123456789';

/** Starts a proxy in this process on 127.0.0.1:0 with a config object and a fresh SQLite file. */
export async function startTestProxy(
  raw: Record<string, unknown>,
  env: Record<string, string> = {},
): Promise<TestProxy> {
  const dir = mkdtempSync(join(tmpdir(), 'leadkit-test-'));
  const result = parseConfig(
    {
      store: `sqlite:${join(dir, 'leadkit.db')}`,
      adminToken: ADMIN_TOKEN,
      secret: 'test-secret-0123456789abcdef',
      ...raw,
    },
    env,
    { source: 'test', baseDir: dir },
  );
  if (!result.ok) throw new Error(`test config: ${result.problems.join('; ')}`);
  const logs: string[] = [];
  const destination = new Writable({
    write(chunk, _enc, cb) {
      logs.push(...String(chunk).split('\n').filter(Boolean));
      cb();
    },
  });
  const running = await startServer(
    result.config,
    { port: 0, host: '127.0.0.1' },
    {
      logger: createLogger({ level: 'debug', destination }),
      outboxPollMs: 50,
    },
  );
  return {
    ...running,
    dir,
    logs,
    post: (path, body, headers = {}) =>
      fetch(`${running.url}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: typeof body === 'string' ? body : JSON.stringify(body),
        signal: AbortSignal.timeout(10_000),
      }),
  };
}

/** Polls until `check` returns true or the timeout passes. */
export async function waitFor(
  check: () => boolean | Promise<boolean>,
  timeoutMs = 10_000,
  what = 'condition',
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error(`timed out waiting for ${what}`);
}
