// The proxy for the booking benchmark: a fresh SQLite store, a local backend with two
// calendars: "clinic" (the demo's hours in Europe/Berlin, for availability) and "load" (every
// day round the clock in 5-minute slots, so 50 clients always find distinct free slots).
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseConfig } from '../../src/proxy/config/load-config';
import { createLogger } from '../../src/proxy/observability/create-logger';
import { startServer } from '../../src/proxy/serve';

const HOURS = ['09:00-12:00', '13:00-17:00'];
const ALL_DAY = ['00:00-24:00'];
const dir = mkdtempSync(join(tmpdir(), 'leadkit-bench-'));
const result = parseConfig(
  {
    adminToken: 'bench-admin-token-0123456789',
    secret: 'bench-secret-0123456789abcdef',
    logLevel: 'warn',
    backends: { inbox: { type: 'local' } },
    forms: {
      bench: {
        fields: ['name', 'email'],
        deliver: ['inbox'],
        limits: { perIp: '10000000/min', perForm: '10000000/min' },
      },
    },
    calendars: {
      clinic: {
        backend: 'inbox',
        form: 'bench',
        timezone: 'Europe/Berlin',
        durationMinutes: 30,
        hours: { mon: HOURS, tue: HOURS, wed: HOURS, thu: HOURS, fri: HOURS },
        minNoticeMinutes: 0,
        maxDaysAhead: 90,
      },
      load: {
        backend: 'inbox',
        form: 'bench',
        timezone: 'UTC',
        durationMinutes: 5,
        hours: {
          mon: ALL_DAY,
          tue: ALL_DAY,
          wed: ALL_DAY,
          thu: ALL_DAY,
          fri: ALL_DAY,
          sat: ALL_DAY,
          sun: ALL_DAY,
        },
        minNoticeMinutes: 0,
        maxDaysAhead: 3650,
      },
    },
  },
  {},
  { source: 'bench', baseDir: dir },
);
if (!result.ok) throw new Error(result.problems.join('\n'));
const running = await startServer(
  result.config,
  { port: 0, host: '127.0.0.1' },
  { logger: createLogger({ level: 'warn' }) },
);
process.stdout.write(`listening on ${running.url}\n`);
process.on('message', (message) => {
  if (message === 'rss') process.send?.({ rss: process.memoryUsage().rss });
});
process.on('SIGTERM', () => void running.shutdown().then(() => process.exit(0)));
