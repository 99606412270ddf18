import { openCliStore } from './open-cli-store';
import { parseCliArgs, UsageError } from './parse-cli-args';

export const SIGNALS_HELP = `Usage: leadkit signals list [--lead LEAD_ID] [--type T] [--limit N] [--json] [--config FILE]

Lists the intent signals in the local store, newest first: email opens and clicks judged
human (or a mail image proxy, marked "machine") and page signals. Columns: time, type,
lead id, machine, source, detail.`;

/** `leadkit signals list`. */
export async function runSignals(args: string[]): Promise<number> {
  const [sub, ...rest] = args;
  if (!sub || sub === '--help' || sub === '-h') {
    console.log(SIGNALS_HELP);
    return sub ? 0 : 2;
  }
  if (sub !== 'list') throw new UsageError(`unknown signals command "${sub}" (list)`);
  const { values } = parseCliArgs(rest, {
    config: { type: 'string' },
    lead: { type: 'string' },
    type: { type: 'string' },
    limit: { type: 'string' },
    json: { type: 'boolean' },
  });
  if (values.help) {
    console.log(SIGNALS_HELP);
    return 0;
  }
  const limit = values.limit === undefined ? 50 : Number(values.limit);
  if (!Number.isInteger(limit) || limit < 1 || limit > 500)
    throw new UsageError('--limit must be a whole number from 1 to 500');
  const store = await openCliStore(values.config);
  try {
    const { items } = await store.listSignals({ leadId: values.lead, type: values.type, limit });
    if (values.json) {
      process.stdout.write(
        `${JSON.stringify(
          items.map((s) => ({ ...s, occurredAt: new Date(s.occurredAt).toISOString() })),
          null,
          2,
        )}\n`,
      );
      return 0;
    }
    if (!items.length) {
      process.stdout.write('no signals\n');
      return 0;
    }
    const text = items
      .map((s) =>
        [
          new Date(s.occurredAt).toISOString(),
          s.type.padEnd(20),
          s.leadId,
          s.machine ? 'machine' : 'human  ',
          s.source.padEnd(5),
          JSON.stringify(s.detail),
        ].join('  '),
      )
      .join('\n');
    process.stdout.write(`${text}\n`);
    return 0;
  } finally {
    await store.close();
  }
}
