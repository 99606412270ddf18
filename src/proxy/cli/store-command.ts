import { resolve } from 'node:path';
import {
  copyStore,
  type StoreCopyReport,
  type StoreCopySource,
  type StoreCopyTarget,
} from '../../store/copy-store';
import { openPostgresCopySource } from '../../store/postgres/postgres-copy-source';
import { createPostgresCopyTarget } from '../../store/postgres/postgres-copy-target';
import { openSqliteCopySource } from '../../store/sqlite/sqlite-copy-source';
import { createSqliteCopyTarget } from '../../store/sqlite/sqlite-copy-target';
import { parseCliArgs, UsageError } from './parse-cli-args';
import { readCalendarBuffers } from './read-calendar-buffers';
import { readConfigJson } from './read-config-json';

export const STORE_HELP = `Usage: leadkit store copy --from URL --to URL [--config FILE]

Moves an installation from one store to another — an embedded SQLite store to PostgreSQL
to scale out (or back): every lead (spam marks and idempotency keys included), outbox entry
(its status, attempts and schedule), booking, tracking event and intent signal, the stored
signing secret and admin token (so leadRefs, manage links and tracking links made before
keep working) and the backends' state, in one transaction of the target. The target is
migrated first. The source is opened read-only and never changed.

  --from URL      the store to copy: sqlite:PATH (relative to the current folder) or postgres://…
  --to URL        the store to fill: empty, or holding this copy already
  --config FILE   the config the bookings were made under: on PostgreSQL a local calendar's
                  bufferMinutes goes with its bookings (else LEADKIT_CONFIG, else the
                  embedded default; only its calendars and backend types are read)

Stop the proxy first: the copy refuses while an outbox entry is in flight under a live
lease, and undoes itself when the source changed while it was read. An entry in flight
whose lease ran out is copied as pending, due at once, its attempt number kept. A second
run after a copy writes nothing and says so; a target holding anything else is refused.
Exit 0 copied (or already copied), 1 refused or failed with nothing written, 2 bad usage.`;

type StoreEnd = { dialect: 'sqlite'; path: string } | { dialect: 'postgres'; url: string };

/**
 * Where a store is, for the output: an SQLite file's path; a PostgreSQL server, database and
 * schema (from `options=-c search_path=…`), never its user, password or other parameters.
 */
function describeEnd(end: StoreEnd): string {
  if (end.dialect === 'sqlite') return `sqlite:${end.path}`;
  try {
    const parsed = new URL(end.url);
    const schema = /search_path\s*=\s*([^\s,]+)/.exec(parsed.searchParams.get('options') ?? '')?.[1];
    return `${parsed.protocol}//${parsed.host}${parsed.pathname}${schema ? ` (schema ${schema})` : ''}`;
  } catch {
    return 'postgres://…';
  }
}

function printReport(report: StoreCopyReport, from: string, to: string): void {
  if (report.outcome === 'already_copied') {
    console.log(
      `leadkit store copy: nothing to copy: ${to} already holds every row of ${from} (an earlier copy); nothing was changed`,
    );
    return;
  }
  const lines = [`leadkit store copy: copied ${from} to ${to}`];
  for (const table of report.tables) {
    const note =
      table.name === 'deliveries' && report.recoveredLeases
        ? `   (${report.recoveredLeases} in flight under an expired lease: now pending, due at once)`
        : '';
    lines.push(`  ${table.name.padEnd(16)}${String(table.written).padStart(8)}${note}`);
  }
  lines.push(
    `Point "store" in the config at ${to} and start leadkit serve on it; do not start a proxy on ${from} again.`,
  );
  console.log(lines.join('\n'));
}

/** One end of the copy from its flag: `sqlite:PATH` (relative to the current folder) or `postgres://…`. */
function parseStoreEnd(flag: '--from' | '--to', url: string | undefined): StoreEnd {
  if (!url) throw new UsageError('give both --from URL and --to URL (sqlite:PATH or postgres://…)');
  if (/^postgres(ql)?:\/\//.test(url)) return { dialect: 'postgres', url };
  if (url.startsWith('sqlite:')) {
    const path = url.slice('sqlite:'.length);
    if (!path || path === ':memory:') throw new UsageError(`${flag} must name an SQLite file (sqlite:PATH)`);
    return { dialect: 'sqlite', path: resolve(path) };
  }
  throw new UsageError(`${flag} must be sqlite:PATH or a postgres:// URL`);
}

async function openSource(end: StoreEnd): Promise<StoreCopySource> {
  return end.dialect === 'sqlite' ? openSqliteCopySource(end.path) : openPostgresCopySource(end.url);
}

function createTarget(end: StoreEnd): StoreCopyTarget {
  return end.dialect === 'sqlite' ? createSqliteCopyTarget(end.path) : createPostgresCopyTarget(end.url);
}

/** `leadkit store copy`: exit 0 when the target holds the source's data, 1 when refused or failed. */
export async function runStore(args: string[]): Promise<number> {
  const [sub, ...rest] = args;
  if (!sub || sub === '--help' || sub === '-h') {
    console.log(STORE_HELP);
    return sub ? 0 : 2;
  }
  if (sub !== 'copy') throw new UsageError(`unknown store command "${sub}" (copy)`);
  const { values } = parseCliArgs(rest, {
    from: { type: 'string' },
    to: { type: 'string' },
    config: { type: 'string' },
  });
  if (values.help) {
    console.log(STORE_HELP);
    return 0;
  }
  const fromEnd = parseStoreEnd('--from', values.from);
  const toEnd = parseStoreEnd('--to', values.to);
  if (describeEnd(fromEnd) === describeEnd(toEnd))
    throw new UsageError('--from and --to name the same store');
  const bookingBufferOf = readCalendarBuffers(readConfigJson(values.config)?.raw ?? null);

  try {
    const source = await openSource(fromEnd);
    try {
      const target = createTarget(toEnd);
      try {
        const report = await copyStore(source, target, { bookingBufferOf });
        printReport(report, describeEnd(fromEnd), describeEnd(toEnd));
        return 0;
      } finally {
        await target.close();
      }
    } finally {
      await source.close();
    }
  } catch (error) {
    console.error(`leadkit store copy: ${(error as Error).message}`);
    return 1;
  }
}
