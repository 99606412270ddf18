import { randomUUID } from 'node:crypto';
import { makeWebhookSecret, startWebhookReceiver } from '../test/support/webhook-receiver';
import { spawnBenchServer } from './spawn-server';

const TOKEN = 'bench-admin-token-0123456789';

/** How fast the outbox drains N stored leads to a local webhook receiver. */
export async function runOutboxDrainBench(count = Number(process.env.BENCH_DRAIN ?? 3000)): Promise<void> {
  console.log(`\n## Outbox drain to a local webhook receiver (${count} leads, concurrency 32)`);
  const secret = makeWebhookSecret();
  const receiver = await startWebhookReceiver({ secret });
  const server = await spawnBenchServer('intake-server.ts', ['group', 'hook', receiver.url, secret]);
  const started = Date.now();
  let sent = 0;
  await Promise.all(
    Array.from({ length: 50 }, async () => {
      while (sent < count) {
        sent++;
        const submissionId = randomUUID();
        await fetch(`${server.url}/v1/forms/bench/leads`, {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            authorization: `Bearer ${TOKEN}`,
            'idempotency-key': submissionId,
          },
          body: JSON.stringify({ submissionId, fields: { name: 'Drain', email: 'drain@example.com' } }),
        });
      }
    }),
  );
  const intakeMs = Date.now() - started;
  for (;;) {
    const { stats } = await server.ask<{ stats: { byStatus: Record<string, number> } }>('stats');
    if (stats.byStatus.delivered === count) break;
    await new Promise((r) => setTimeout(r, 50));
  }
  const totalMs = Date.now() - started;
  const { rss } = await server.ask<{ rss: number }>('rss');
  await server.stop();
  await receiver.close();
  console.log(
    `intake of ${count} leads took ${intakeMs} ms; all delivered after ${totalMs} ms → ${((count / totalMs) * 1000).toFixed(0)} deliveries/s end to end; RSS ${(rss / 1048576).toFixed(0)} MB`,
  );
}
