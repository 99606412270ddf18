import { DELIVERY_STATUSES, type DeliveryStatus } from '../../model/delivery';
import { openCliStore } from './open-cli-store';
import { parseCliArgs, UsageError } from './parse-cli-args';

export const OUTBOX_HELP = `Usage: leadkit outbox list [--status S] [--backend B] [--limit N] [--json] [--config FILE]
       leadkit outbox retry ID [--config FILE]
       leadkit outbox retry --dead [--backend B] [--config FILE]

Shows outbox entries (statuses: ${DELIVERY_STATUSES.join(', ')}) newest first, or makes one
entry (or every dead one) due now. A running proxy picks retried entries up within a second.`;

/** `leadkit outbox list|retry`. */
export async function runOutbox(args: string[]): Promise<number> {
  const [sub, ...rest] = args;
  if (!sub || sub === '--help' || sub === '-h') {
    console.log(OUTBOX_HELP);
    return sub ? 0 : 2;
  }
  if (sub === 'list') {
    const { values } = parseCliArgs(rest, {
      config: { type: 'string' },
      status: { type: 'string' },
      backend: { type: 'string' },
      limit: { type: 'string' },
      json: { type: 'boolean' },
    });
    if (values.help) {
      console.log(OUTBOX_HELP);
      return 0;
    }
    if (values.status && !DELIVERY_STATUSES.includes(values.status as DeliveryStatus)) {
      throw new UsageError(`--status must be one of ${DELIVERY_STATUSES.join(', ')}`);
    }
    const limit = values.limit === undefined ? 50 : Number(values.limit);
    if (!Number.isInteger(limit) || limit < 1 || limit > 500)
      throw new UsageError('--limit must be a whole number from 1 to 500');
    const store = await openCliStore(values.config);
    try {
      const page = await store.listDeliveries({
        status: values.status as DeliveryStatus | undefined,
        backend: values.backend,
        limit,
      });
      if (values.json) {
        console.log(JSON.stringify({ deliveries: page.items, nextCursor: page.nextCursor }, null, 2));
        return 0;
      }
      if (!page.items.length) console.log('no deliveries');
      for (const d of page.items) {
        const due = d.nextAttemptAt ? ` next ${d.nextAttemptAt}` : '';
        console.log(
          `${d.id}  ${d.status.padEnd(9)} ${d.backend.padEnd(12)} lead ${d.leadId}  attempts ${d.attempts}${due}${d.lastError ? `  last error: ${d.lastError}` : ''}`,
        );
      }
      return 0;
    } finally {
      await store.close();
    }
  }
  if (sub === 'retry') {
    const { values, positionals } = parseCliArgs(
      rest,
      { config: { type: 'string' }, dead: { type: 'boolean' }, backend: { type: 'string' } },
      1,
    );
    if (values.help) {
      console.log(OUTBOX_HELP);
      return 0;
    }
    const [id] = positionals;
    if (!id === !values.dead) throw new UsageError('give either a delivery ID or --dead');
    const store = await openCliStore(values.config);
    try {
      if (values.dead) {
        const n = await store.retryDeadDeliveries(Date.now(), values.backend);
        console.log(`${n} dead deliver${n === 1 ? 'y' : 'ies'} made due now`);
        return 0;
      }
      const view = await store.retryDelivery(id as string, Date.now());
      if (!view) {
        console.error(`leadkit: no delivery ${id}`);
        return 1;
      }
      console.log(
        view.status === 'in_flight'
          ? `${id} is in flight; try again when it ends`
          : `${id} is due now (${view.backend})`,
      );
      return view.status === 'in_flight' ? 1 : 0;
    } finally {
      await store.close();
    }
  }
  throw new UsageError(`unknown outbox command "${sub}" (list, retry)`);
}
