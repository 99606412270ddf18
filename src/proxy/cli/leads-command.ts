import { writeFileSync } from 'node:fs';
import type { CanonicalLead } from '../../model/lead';
import { toLeadsCsv } from './leads-csv';
import { openCliStore } from './open-cli-store';
import { parseCliArgs, UsageError } from './parse-cli-args';

export const LEADS_HELP = `Usage: leadkit leads list [--form F] [--backend B] [--limit N] [--json] [--config FILE]
       leadkit leads export --format csv|jsonl [--form F] [--backend B] [--output FILE] [--config FILE]

Lists or exports the leads in the store, newest first (spam excluded). --backend keeps
the leads a given local backend received. CSV cells are safe against formula injection.
--output writes a file readable by its owner only (0600).`;

/** `leadkit leads list|export`. */
export async function runLeads(args: string[]): Promise<number> {
  const [sub, ...rest] = args;
  if (!sub || sub === '--help' || sub === '-h') {
    console.log(LEADS_HELP);
    return sub ? 0 : 2;
  }
  if (sub !== 'list' && sub !== 'export')
    throw new UsageError(`unknown leads command "${sub}" (list, export)`);
  const { values } = parseCliArgs(rest, {
    config: { type: 'string' },
    form: { type: 'string' },
    backend: { type: 'string' },
    limit: { type: 'string' },
    json: { type: 'boolean' },
    format: { type: 'string' },
    output: { type: 'string' },
  });
  if (values.help) {
    console.log(LEADS_HELP);
    return 0;
  }
  if (sub === 'export' && values.format !== 'csv' && values.format !== 'jsonl')
    throw new UsageError('--format must be csv or jsonl');
  const limit =
    values.limit === undefined ? (sub === 'list' ? 20 : Number.POSITIVE_INFINITY) : Number(values.limit);
  if (!(limit > 0)) throw new UsageError('--limit must be a positive number');
  const store = await openCliStore(values.config);
  try {
    const leads: CanonicalLead[] = [];
    let cursor: string | undefined;
    do {
      const page = await store.listLeads({
        form: values.form,
        backend: values.backend,
        limit: Math.min(500, limit - leads.length),
        cursor,
      });
      leads.push(...page.items.map((i) => i.lead));
      cursor = page.nextCursor ?? undefined;
    } while (cursor && leads.length < limit);
    let text: string;
    if (sub === 'export') {
      text =
        values.format === 'csv' ? toLeadsCsv(leads) : leads.map((l) => `${JSON.stringify(l)}\n`).join('');
    } else if (values.json) {
      text = `${JSON.stringify(leads, null, 2)}\n`;
    } else {
      text = leads.length
        ? `${leads
            .map((l) => {
              const who = [
                l.fields.name ?? [l.fields.first_name, l.fields.last_name].filter(Boolean).join(' '),
                l.fields.email,
                l.fields.phone,
              ]
                .filter(Boolean)
                .join('  ');
              return `${l.createdAt}  ${l.form.padEnd(10)} ${l.id}  ${who}`;
            })
            .join('\n')}\n`
        : 'no leads\n';
    }
    // Personal data: a new file is readable by its owner only (an existing one keeps the mode its owner gave it).
    if (values.output) writeFileSync(values.output, text, { mode: 0o600 });
    else process.stdout.write(text);
    return 0;
  } finally {
    await store.close();
  }
}
