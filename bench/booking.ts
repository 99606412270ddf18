import { randomUUID } from 'node:crypto';
import autocannon from 'autocannon';
import { spawnBenchServer } from './spawn-server';

const TOKEN = 'bench-admin-token-0123456789';
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const DAY_MS = 86_400_000;

interface Figures {
  rps: number;
  p50: number;
  p99: number;
  non2xx: number;
}

function line(name: string, r: Figures, unit = 'req/s'): string {
  return `${name.padEnd(44)} ${r.rps.toFixed(0).padStart(7)} ${unit}   p50 ${String(r.p50).padStart(4)} ms   p99 ${String(r.p99).padStart(4)} ms   non-2xx ${r.non2xx}`;
}

async function run(options: Parameters<typeof autocannon>[0]): Promise<Figures> {
  const result = await autocannon({ duration: SECONDS, ...options });
  return {
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    non2xx: result.non2xx,
  };
}

/** Six weeks of the clinic calendar from next Monday, in the visitor's zone. */
function sixWeeks(): string {
  const from = new Date(Date.now() + 2 * DAY_MS);
  from.setUTCDate(from.getUTCDate() + ((8 - from.getUTCDay()) % 7));
  const to = new Date(from.getTime() + 41 * DAY_MS);
  return `from=${from.toISOString().slice(0, 10)}&to=${to.toISOString().slice(0, 10)}&tz=America/New_York`;
}

/**
 * Availability of the local calendar over 6 weeks (the route, cached and with the cache off),
 * and bookings per second for 50 concurrent clients each booking distinct free slots.
 */
export async function runBookingBench(): Promise<void> {
  console.log(`\n## Booking (autocannon, ${SECONDS} s each, local calendar, SQLite synchronous=FULL)`);
  const path = `/v1/calendars/clinic/availability?${sixWeeks()}`;
  for (const cached of [true, false]) {
    const server = await spawnBenchServer('booking-server.ts', [], {
      LEADKIT_AVAILABILITY_CACHE_MS: cached ? '15000' : '0',
    });
    // One visitor at a time: the latency a page sees, not queueing behind 50 others.
    const figures = await run({ url: `${server.url}${path}`, connections: 1 });
    await server.stop();
    console.log(line(`availability, 6 weeks, ${cached ? 'cached' : 'uncached'} (1 conn)`, figures));
  }

  const server = await spawnBenchServer('booking-server.ts');
  // 5-minute slots round the clock from tomorrow (UTC): slot n is free until client n books it.
  const first = Math.ceil((Date.now() + DAY_MS) / DAY_MS) * DAY_MS;
  let next = 0;
  const booked = await run({
    url: `${server.url}/v1/calendars/load/bookings`,
    connections: 50,
    requests: [
      {
        method: 'POST',
        setupRequest(request: Record<string, unknown>) {
          const submissionId = randomUUID();
          const start = first + next++ * 5 * 60_000;
          return {
            ...request,
            headers: {
              'content-type': 'application/json',
              authorization: `Bearer ${TOKEN}`,
              'idempotency-key': submissionId,
            },
            body: JSON.stringify({
              submissionId,
              start: new Date(start).toISOString(),
              end: new Date(start + 5 * 60_000).toISOString(),
              fields: { name: 'Bench Booker', email: `bench-${submissionId.slice(0, 8)}@example.com` },
            }),
          };
        },
      },
    ],
  });
  await server.stop();
  console.log(line('bookings, 50 clients on distinct slots', booked, 'bk/s '));
}
