import { randomUUID } from 'node:crypto';
import autocannon from 'autocannon';
import { spawnBenchServer } from './spawn-server';

const TOKEN = 'bench-admin-token-0123456789';
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);

export interface LoadResult {
  rps: number;
  p50: number;
  p99: number;
  /** Answers other than 2xx, and requests that got no answer. */
  non2xx: number;
}

/** `connections` (default 50) posting unique leads for SECONDS; returns throughput and latency. */
export async function loadTest(url: string, path: string, connections = 50): Promise<LoadResult> {
  const result = await autocannon({
    url: `${url}${path}`,
    connections,
    duration: SECONDS,
    requests: [
      {
        method: 'POST',
        setupRequest(request: Record<string, unknown>) {
          const submissionId = randomUUID();
          return {
            ...request,
            headers: {
              'content-type': 'application/json',
              authorization: `Bearer ${TOKEN}`,
              'idempotency-key': submissionId,
            },
            body: JSON.stringify({
              submissionId,
              fields: { name: 'Bench Lead', email: `bench-${submissionId.slice(0, 8)}@example.com` },
            }),
          };
        },
      },
    ],
  });
  return {
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    non2xx: result.non2xx + result.errors,
  };
}

function line(name: string, r: LoadResult): string {
  return `${name.padEnd(34)} ${r.rps.toFixed(0).padStart(7)} req/s   p50 ${String(r.p50).padStart(4)} ms   p99 ${String(r.p99).padStart(4)} ms   non-2xx ${r.non2xx}`;
}

/** Intake throughput vs a bare node:http echo server; group commit vs commit per request; RSS under load. */
export async function runIntakeBench(): Promise<void> {
  console.log(`\n## Lead intake (autocannon, 50 connections, ${SECONDS} s each, SQLite synchronous=FULL)`);
  const echo = await spawnBenchServer('echo-server.ts');
  const bare = await loadTest(echo.url, '/');
  await echo.stop();
  console.log(line('bare node:http JSON echo', bare));

  for (const mode of ['group', 'each'] as const) {
    const server = await spawnBenchServer('intake-server.ts', [mode, 'inbox']);
    const result = await loadTest(server.url, '/v1/forms/bench/leads');
    const { rss } = await server.ask<{ rss: number }>('rss');
    await server.stop();
    console.log(line(`proxy intake, ${mode === 'group' ? 'group commit' : 'commit per request'}`, result));
    console.log(
      `${''.padEnd(34)} ${((result.rps / bare.rps) * 100).toFixed(0)}% of bare; RSS after load ${(rss / 1024 / 1024).toFixed(0)} MB`,
    );
  }
}
