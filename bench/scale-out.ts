import { randomUUID } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startQualifybaseFake } from '../test/fakes/qualifybase-fake';
import { createTestSchema } from '../test/support/postgres-test-schema';
import { type LeadkitProcess, startLeadkitProcess } from '../test/support/start-leadkit-process';
import { type LoadResult, loadTest } from './intake';

const TOKEN = 'bench-admin-token-0123456789';
const CONNECTIONS = 50;
// QualifyBase's documented 120/min with the window scaled to 6 s (CONTRACT §5).
const VENDOR_RATE = { count: 120, windowMs: 6_000 };
const DRAIN_LEADS = Number(process.env.BENCH_DRAIN_LEADS ?? 600);

/** The 50 connections split evenly over the instances, all at once; throughput summed, the worst p99. */
async function loadAll(instances: LeadkitProcess[]): Promise<LoadResult> {
  const each = await Promise.all(
    instances.map((i) =>
      loadTest(i.url, '/v1/forms/bench/leads', Math.round(CONNECTIONS / instances.length)),
    ),
  );
  return {
    rps: each.reduce((sum, r) => sum + r.rps, 0),
    p50: Math.max(...each.map((r) => r.p50)),
    p99: Math.max(...each.map((r) => r.p99)),
    non2xx: each.reduce((sum, r) => sum + r.non2xx, 0),
  };
}

function writeConfig(store: string, backends: Record<string, unknown>, deliver: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'leadkit-bench-scale-'));
  const path = join(dir, 'leadkit.config.json');
  writeFileSync(
    path,
    JSON.stringify({
      store,
      adminToken: TOKEN,
      secret: 'bench-secret-0123456789abcdef',
      logLevel: 'warn',
      backends,
      forms: {
        bench: {
          fields: ['name', 'email'],
          deliver: [deliver],
          limits: { perIp: '10000000/min', perForm: '10000000/min' },
        },
      },
    }),
  );
  return path;
}

async function stopAll(instances: LeadkitProcess[]): Promise<void> {
  for (const i of instances) i.process.kill('SIGTERM');
  await Promise.all(instances.map((i) => i.exited()));
}

function line(name: string, r: LoadResult): string {
  return `${name.padEnd(40)} ${r.rps.toFixed(0).padStart(6)} leads/s   p50 ${String(r.p50).padStart(4)} ms   p99 ${String(r.p99).padStart(4)} ms   non-2xx ${r.non2xx}`;
}

/**
 * Several `leadkit serve` processes on one PostgreSQL (issue 19), through HTTP as a load
 * balancer would spread clients: intake throughput and p99 for one SQLite instance, one
 * PostgreSQL instance and two, in the same run, each lead delivered to a `local` backend;
 * then the aggregate drain rate of three instances against one rate-limited vendor fake.
 * The load generator, the instances and PostgreSQL share this machine's cores.
 */
export async function runScaleOutBench(): Promise<void> {
  console.log(
    `\n## Scale-out: leadkit serve instances through HTTP (${CONNECTIONS} connections, ${process.env.BENCH_SECONDS ?? 10} s each)`,
  );
  if (!process.env.LEADKIT_TEST_PG) {
    console.log('skipped: LEADKIT_TEST_PG is not set (a postgres:// URL)');
    return;
  }
  const inbox = { inbox: { type: 'local' } };
  const sqlite = [await startLeadkitProcess(writeConfig('sqlite:./leadkit.db', inbox, 'inbox'))];
  console.log(line('SQLite, 1 instance', await loadAll(sqlite)));
  await stopAll(sqlite);

  for (const count of [1, 2]) {
    const schema = await createTestSchema();
    const config = writeConfig(schema.url, inbox, 'inbox');
    const instances: LeadkitProcess[] = [];
    try {
      for (let i = 0; i < count; i++) instances.push(await startLeadkitProcess(config));
      console.log(line(`PostgreSQL, ${count} instance${count > 1 ? 's' : ''}`, await loadAll(instances)));
    } finally {
      await stopAll(instances);
      await schema.drop();
    }
  }

  // Aggregate drain: leads already stored, three instances delivering to one vendor key.
  const vendor = await startQualifybaseFake({ rateLimit: VENDOR_RATE });
  const schema = await createTestSchema();
  const config = writeConfig(
    schema.url,
    {
      qualifybase: {
        type: 'qualifybase',
        baseUrl: vendor.url,
        apiKey: vendor.apiKey,
        rateLimit: `${VENDOR_RATE.count}/${VENDOR_RATE.windowMs / 1000}s`,
        concurrency: 8,
      },
    },
    'qualifybase',
  );
  const instances: LeadkitProcess[] = [];
  try {
    for (let i = 0; i < 3; i++) instances.push(await startLeadkitProcess(config));
    const started = performance.now();
    let next = 0;
    await Promise.all(
      Array.from({ length: 30 }, async (_, client) => {
        while (next < DRAIN_LEADS) {
          const i = next++;
          const submissionId = randomUUID();
          const res = await fetch(`${(instances[client % 3] as LeadkitProcess).url}/v1/forms/bench/leads`, {
            method: 'POST',
            headers: {
              'content-type': 'application/json',
              authorization: `Bearer ${TOKEN}`,
              'idempotency-key': submissionId,
            },
            body: JSON.stringify({
              submissionId,
              fields: { name: `Lead ${i}`, email: `drain-${i}@example.com` },
            }),
            signal: AbortSignal.timeout(10_000),
          });
          if (res.status !== 202) throw new Error(`intake answered ${res.status}`);
        }
      }),
    );
    const deadline = Date.now() + 10 * 60_000;
    while (vendor.leads.length < DRAIN_LEADS && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 50));
    const seconds = (performance.now() - started) / 1000;
    // The first window starts full, so the best possible time is (windows - 1) × window.
    const best = (Math.ceil(DRAIN_LEADS / VENDOR_RATE.count) - 1) * (VENDOR_RATE.windowMs / 1000);
    console.log(
      `3 instances → QualifyBase at ${VENDOR_RATE.count}/${VENDOR_RATE.windowMs / 1000}s: ${vendor.leads.length} of ${DRAIN_LEADS} leads in ${seconds.toFixed(1)} s ` +
        `(best possible ${best} s: ${((best / seconds) * 100).toFixed(1)}% of the limit), ` +
        `${vendor.stats.rateLimited} × 429, ${vendor.stats.requests} requests`,
    );
  } finally {
    await stopAll(instances);
    await vendor.close();
    await schema.drop();
  }
}
