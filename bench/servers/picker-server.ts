// The proxy for the slot-picker benchmark (bench/slot-picker.ts): a fresh SQLite store and a
// local backend with two calendars bookable for six weeks (today and the 41 days after):
// "clinic" (the demo's hours, 30-minute slots: 14 a weekday) and "dense" (every day 07:00-21:00
// in 15-minute slots: 56 a day), and a form "lead" whose `booking` is the clinic, for the
// form → booking flow. It serves this clone's dist/leadkit.js, as `leadkit serve` does.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseConfig } from '../../src/proxy/config/load-config';
import { createLogger } from '../../src/proxy/observability/create-logger';
import { startServer } from '../../src/proxy/serve';

const HOURS = ['09:00-12:00', '13:00-17:00'];
const LONG_DAY = ['07:00-21:00'];
const SIX_WEEKS = { minNoticeMinutes: 0, maxDaysAhead: 41 };
const dir = mkdtempSync(join(tmpdir(), 'leadkit-bench-picker-'));
const result = parseConfig(
  {
    adminToken: 'bench-admin-token-0123456789',
    secret: 'bench-secret-0123456789abcdef',
    logLevel: 'warn',
    backends: { inbox: { type: 'local' } },
    forms: {
      lead: {
        fields: ['name', 'email'],
        deliver: ['inbox'],
        booking: 'clinic',
        minFillSeconds: 0,
        limits: { perIp: '100000/min', perForm: '100000/min' },
      },
    },
    calendars: {
      clinic: {
        backend: 'inbox',
        form: 'lead',
        timezone: 'Europe/Berlin',
        durationMinutes: 30,
        hours: { mon: HOURS, tue: HOURS, wed: HOURS, thu: HOURS, fri: HOURS },
        ...SIX_WEEKS,
      },
      dense: {
        backend: 'inbox',
        form: 'lead',
        timezone: 'Europe/Berlin',
        durationMinutes: 15,
        hours: {
          mon: LONG_DAY,
          tue: LONG_DAY,
          wed: LONG_DAY,
          thu: LONG_DAY,
          fri: LONG_DAY,
          sat: LONG_DAY,
          sun: LONG_DAY,
        },
        ...SIX_WEEKS,
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
process.on('SIGTERM', () => void running.shutdown().then(() => process.exit(0)));
