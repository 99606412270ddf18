// The proxy for the intake benchmark: a fresh SQLite store, one local backend, the
// commit mode from argv ("group" or "each"). Prints its URL, reports RSS on SIGUSR2.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseConfig } from '../../src/proxy/config/load-config';
import { createLogger } from '../../src/proxy/observability/create-logger';
import { startServer } from '../../src/proxy/serve';
import { createSqliteStore } from '../../src/store/sqlite/sqlite-store';

const mode = process.argv[2] === 'each' ? 'each' : 'group';
const deliver = process.argv[3] ?? 'inbox';
const webhookUrl = process.argv[4];
const webhookSecret = process.argv[5] ?? '';
const dir = mkdtempSync(join(tmpdir(), 'leadkit-bench-'));
const result = parseConfig(
  {
    adminToken: 'bench-admin-token-0123456789',
    secret: 'bench-secret-0123456789abcdef',
    logLevel: 'warn',
    backends: {
      inbox: { type: 'local' },
      ...(webhookUrl
        ? { hook: { type: 'webhook', url: webhookUrl, secret: webhookSecret, concurrency: 32 } }
        : {}),
    },
    forms: {
      bench: {
        fields: ['name', 'email'],
        deliver: [deliver],
        limits: { perIp: '10000000/min', perForm: '10000000/min' },
      },
    },
  },
  {},
  { source: 'bench', baseDir: dir },
);
if (!result.ok) throw new Error(result.problems.join('\n'));
const store = createSqliteStore({ path: join(dir, 'leadkit.db'), commitMode: mode });
const running = await startServer(
  result.config,
  { port: 0, host: '127.0.0.1' },
  { store, logger: createLogger({ level: 'warn' }), startOutbox: process.env.BENCH_NO_OUTBOX !== '1' },
);
process.stdout.write(`listening on ${running.url}\n`);
process.on('message', async (message) => {
  if (message === 'rss') process.send?.({ rss: process.memoryUsage().rss });
  if (message === 'stats') process.send?.({ stats: await running.proxy.store.getOutboxStats() });
});
process.on('SIGTERM', () => void running.shutdown().then(() => process.exit(0)));
