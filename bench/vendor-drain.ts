import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BackendDeps, Rate } from '../src/backends/backend';
import { createBackend, getBackendDefinition } from '../src/backends/registry';
import type { CanonicalLead } from '../src/model/lead';
import { createOutbox } from '../src/proxy/outbox/outbox-worker';
import { createSqliteStore } from '../src/store/sqlite/sqlite-store';
import type { Store } from '../src/store/store';
import { startLeadcenterFake } from '../test/fakes/leadcenter-fake';
import { startLioFake } from '../test/fakes/lio-fake';
import { startQualifybaseFake } from '../test/fakes/qualifybase-fake';
import { startQvooFake } from '../test/fakes/qvoo-fake';
import { startSquadStackFake } from '../test/fakes/squadstack-fake';

/**
 * The vendors' windows are a minute; the fakes and backends run the same rate with a tenth
 * of the count per a tenth of the window (120/min → 12 per 6 s), so a drain takes seconds.
 */
const REAL_WINDOW_MS = 60_000;
const SHORT_WINDOW_MS = 6_000;

/** A running fake, seen through what the benchmark needs of it. */
interface RunningFake {
  /** The backend's config for this fake, without `type` and `rateLimit`. */
  config: Record<string, unknown>;
  /** How many answers were 429. */
  rateLimited(): number;
  /** How many leads the fake holds: a delivery the outbox counts must be there. */
  stored(): number;
  close(): Promise<void>;
}

interface VendorCase {
  label: string;
  type: string;
  /** The documented rate, as the vendor words it. */
  documented: string;
  /** The same rate per SHORT_WINDOW_MS (a tenth of the count). */
  rate: Rate;
  /** What one request can carry at best: ½ for Qvoo (check-duplicate + create), 100 for a SquadStack bulk call. */
  leadsPerRequest: number;
  leads: number;
  /** The goal in leads per real minute, as a share of the maximum. */
  goalShare: number;
  goalText: string;
  startFake(rate: Rate): Promise<RunningFake>;
}

const rateIn = (count: number): Rate => ({ count, windowMs: SHORT_WINDOW_MS });

// Four windows' worth of leads each (SquadStack: 40 bulk calls of 100), so that three
// full windows lie between the first and the last delivery.
const CASES: VendorCase[] = [
  {
    label: 'QualifyBase',
    type: 'qualifybase',
    documented: '120 requests/min',
    rate: rateIn(12),
    leadsPerRequest: 1,
    leads: 48,
    goalShare: 0.95,
    goalText: '≥ 95% and no 429',
    async startFake(rateLimit) {
      const fake = await startQualifybaseFake({ rateLimit });
      return {
        config: { baseUrl: fake.url, apiKey: fake.apiKey },
        rateLimited: () => fake.stats.rateLimited,
        stored: () => fake.leads.length,
        close: () => fake.close(),
      };
    },
  },
  {
    label: 'LIO',
    type: 'lio',
    documented: '60 requests/min (none documented; CONTRACT §5 default)',
    rate: rateIn(6),
    leadsPerRequest: 1,
    leads: 24,
    goalShare: 0.95,
    goalText: '≥ 95% and no 429',
    async startFake(rateLimit) {
      const fake = await startLioFake({ rateLimit });
      return {
        config: { baseUrl: fake.url, apiKey: fake.apiKey },
        rateLimited: () => fake.rateLimited,
        stored: () => fake.leads.length,
        close: () => fake.close(),
      };
    },
  },
  {
    label: 'Qvoo',
    type: 'qvoo',
    documented: '60 requests/min (none documented; CONTRACT §5 default)',
    rate: rateIn(6),
    leadsPerRequest: 0.5,
    leads: 12,
    goalShare: 0.95,
    goalText: '≥ 95% and no 429',
    async startFake(rateLimit) {
      const fake = await startQvooFake({ rateLimit });
      return {
        config: { baseUrl: fake.url, workspaceId: fake.workspaceId, apiKey: fake.apiKey },
        rateLimited: () => fake.rateLimited,
        stored: () => fake.leads.length,
        close: () => fake.close(),
      };
    },
  },
  {
    label: 'SquadStack',
    type: 'squadstack',
    documented: '100 requests/min, bulk calls of up to 100 leads',
    rate: rateIn(10),
    leadsPerRequest: 100,
    leads: 4_000,
    goalShare: 0.9,
    goalText: '≥ 9,000 leads/min through bulk calls, no 429',
    async startFake(rateLimit) {
      const fake = await startSquadStackFake({ rateLimit });
      return {
        config: { baseUrl: fake.baseUrl, refId: fake.refId, token: fake.token },
        rateLimited: () => fake.rateLimited,
        stored: () => fake.leads.length,
        close: () => fake.close(),
      };
    },
  },
  {
    label: 'LeadCenter.AI',
    type: 'leadcenter',
    documented: '60 requests/min (none documented; CONTRACT §5 default)',
    rate: rateIn(6),
    leadsPerRequest: 1,
    leads: 24,
    goalShare: 0.95,
    goalText: '≥ 95% and no 429',
    async startFake(rateLimit) {
      const fake = await startLeadcenterFake({ rateLimit });
      return {
        config: { baseUrl: fake.url, token: fake.token },
        rateLimited: () => fake.stats.rateLimited,
        stored: () => fake.leads.length,
        close: () => fake.close(),
      };
    },
  },
];

interface DrainResult {
  delivered: number;
  dead: number;
  retries: number;
  requests: number;
  rateLimited: number;
  stored: number;
  /** Mean time from sending a request to its answer's headers. */
  meanLatencyMs: number;
  drainedMs: number;
  /** Steady-state pace (see toRequestsPerWindow) × leads delivered per request; null when too few requests. */
  leadsPerWindow: number | null;
  /** First warnings and errors the outbox or backend logged, to explain a shortfall. */
  problems: string[];
}

/** A lead every vendor's fake accepts, with its own e-mail and mobile number so none is a duplicate. */
function makeDrainLead(index: number): CanonicalLead {
  const id = randomUUID();
  return {
    id,
    leadRef: `ref-${id}`,
    form: 'contact',
    createdAt: new Date().toISOString(),
    fields: {
      name: 'Asha Drain',
      email: `drain-${index}@example.com`,
      phone: `+9198${String(index).padStart(8, '0')}`,
      message: 'Benchmark lead',
    },
    hidden: {},
    consent: null,
    attribution: { first: { utm_source: 'google', utm_medium: 'cpc' } },
    context: {},
  };
}

/** Stores `count` leads with one outbox entry each; concurrent saves share group commits. */
async function storeLeads(store: Store, backend: string, count: number, first = 0): Promise<void> {
  for (let start = 0; start < count; start += 500) {
    const chunk = Array.from({ length: Math.min(500, count - start) }, (_, i) =>
      makeDrainLead(first + start + i),
    );
    await Promise.all(
      chunk.map((lead) =>
        store.saveLead({
          lead,
          idempotencyKey: randomUUID(),
          bodyHash: 'bench',
          spam: null,
          deliveries: [{ id: `msg_${randomUUID()}`, backend, kind: 'lead' }],
        }),
      ),
    );
  }
}

/**
 * Requests per window in steady state, timed where the vendor counts them: when they are
 * sent. A sliding window lets `count` requests through at once, so counting from the
 * `count`-th request to the last measures the pace the limiter keeps, not that first
 * burst (N / elapsed would overstate it by a whole window). Timing the deliveries' ends
 * instead would add the tail of SQLite commits after the last answer, which is no part
 * of the pace.
 */
function toRequestsPerWindow(sentAt: number[], count: number, windowMs: number): number | null {
  const times = [...sentAt].sort((a, b) => a - b);
  const first = times[count - 1];
  const last = times[times.length - 1];
  if (first === undefined || last === undefined || last <= first) return null;
  return ((times.length - count) / (last - first)) * windowMs;
}

async function drainVendor(vendor: VendorCase): Promise<DrainResult> {
  const dir = mkdtempSync(join(tmpdir(), 'leadkit-vendor-drain-'));
  const fake = await vendor.startFake(vendor.rate);
  const store = createSqliteStore({ path: join(dir, 'leadkit.db') });
  const problems: string[] = [];
  const note = (obj: object, msg?: string) => {
    if (problems.length < 5) problems.push(`${msg ?? ''} ${JSON.stringify(obj)}`.trim());
  };
  const logger = { info() {}, warn: note, error: note };
  const sentAt: number[] = [];
  let latencyTotal = 0;
  const state = new Map<string, string>();
  const deps: BackendDeps = {
    fetch: async (input, init) => {
      sentAt.push(Date.now());
      const sent = performance.now();
      try {
        return await globalThis.fetch(input, init);
      } finally {
        latencyTotal += performance.now() - sent;
      }
    },
    now: () => new Date(),
    logger,
    state: {
      get: async (key) => state.get(key) ?? null,
      set: async (key, value) => void state.set(key, value),
    },
    leads: store,
  };
  try {
    await store.migrate();
    const definition = getBackendDefinition(vendor.type);
    if (!definition) throw new Error(`unknown backend type "${vendor.type}"`);
    const parsed = definition.configSchema.safeParse({
      type: vendor.type,
      ...fake.config,
      rateLimit: `${vendor.rate.count}/${vendor.rate.windowMs / 1000}s`,
    });
    if (!parsed.success)
      throw new Error(`bench config for ${vendor.type}: ${JSON.stringify(parsed.error.issues)}`);
    const backend = createBackend(vendor.type, parsed.data, deps);
    // Steady state: one lead first warms what a backend does once per process (Qvoo's OAuth
    // token and workspace schema), then a window passes so its requests no longer count.
    await storeLeads(store, backend.name, 1, vendor.leads);
    const warm = createOutbox({ store, backends: new Map([[backend.name, backend]]), logger });
    warm.start();
    const warmDeadline = Date.now() + 3 * vendor.rate.windowMs;
    while ((await store.getOutboxStats()).byStatus.delivered < 1 && Date.now() < warmDeadline)
      await new Promise((r) => setTimeout(r, 20));
    await warm.stop(2_000);
    await new Promise((r) => setTimeout(r, vendor.rate.windowMs + 200));
    sentAt.length = 0;
    latencyTotal = 0;
    const storedBefore = fake.stored();
    await storeLeads(store, backend.name, vendor.leads);

    const finishedAt: number[] = [];
    let retries = 0;
    let dead = 0;
    const outbox = createOutbox({
      store,
      backends: new Map([[backend.name, backend]]),
      logger,
      onResult(_name, result) {
        if (result === 'delivered' || result === 'duplicate') finishedAt.push(Date.now());
        else if (result === 'retry') retries++;
        else dead++;
      },
    });
    const started = Date.now();
    // Twice the ideal drain time plus a window: enough for any backend that works at all.
    const windows = vendor.leads / (vendor.rate.count * vendor.leadsPerRequest);
    const deadline = started + (2 * windows + 1) * vendor.rate.windowMs;
    outbox.start();
    while (finishedAt.length + dead < vendor.leads && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 20));
    const drainedMs = (finishedAt.length ? Math.max(...finishedAt) : Date.now()) - started;
    await outbox.stop(2_000);
    await backend.close?.();
    const requests = sentAt.length;
    const requestsPerWindow = toRequestsPerWindow(sentAt, vendor.rate.count, vendor.rate.windowMs);
    return {
      delivered: finishedAt.length,
      dead,
      retries,
      requests,
      rateLimited: fake.rateLimited(),
      stored: fake.stored() - storedBefore,
      meanLatencyMs: latencyTotal / Math.max(1, requests),
      drainedMs,
      // Leads per request from the totals: retried or extra requests lower it.
      leadsPerWindow:
        requestsPerWindow === null ? null : requestsPerWindow * (finishedAt.length / Math.max(1, requests)),
      problems,
    };
  } finally {
    await store.close();
    await fake.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

const formatNumber = (n: number) => Math.round(n).toLocaleString('en-US');

/**
 * Drains each vendor backend's outbox into its strict fake at the vendor's documented rate,
 * with the window shortened from a minute to 6 s (fake and backend alike), and prints
 * leads per real minute against the vendor's maximum and the 429s the fake answered.
 * `BENCH_VENDORS=qvoo,lio` picks vendors by backend type.
 */
export async function runVendorDrainBench(): Promise<void> {
  const picked = process.env.BENCH_VENDORS?.split(',').map((type) => type.trim());
  const cases = picked ? CASES.filter((c) => picked.includes(c.type)) : CASES;
  const scale = REAL_WINDOW_MS / SHORT_WINDOW_MS;
  console.log(
    `\n## Vendor outbox drain into the strict fakes (windows shortened 60 s → ${SHORT_WINDOW_MS / 1000} s, ` +
      `counts ÷${scale}, the same rate; figures are leads per 6 s × ${scale} = leads per minute)`,
  );
  for (const vendor of cases) {
    const result = await drainVendor(vendor);
    const maxPerMinute = vendor.rate.count * vendor.leadsPerRequest * scale;
    const perMinute = result.leadsPerWindow === null ? null : result.leadsPerWindow * scale;
    const share = perMinute === null ? null : perMinute / maxPerMinute;
    const met =
      share !== null &&
      share >= vendor.goalShare &&
      result.rateLimited === 0 &&
      result.delivered === vendor.leads &&
      result.stored === vendor.leads;
    const costNote =
      vendor.leadsPerRequest === 0.5
        ? ` (= ${vendor.rate.count * scale} requests/min at 2 requests per new lead)`
        : vendor.leadsPerRequest > 1
          ? ` (= ${vendor.rate.count * scale} requests/min × ${vendor.leadsPerRequest} leads per bulk call)`
          : '';
    const perRequest =
      vendor.leadsPerRequest > 1
        ? `${(result.delivered / Math.max(1, result.requests)).toFixed(1)} leads per request`
        : `${(result.requests / Math.max(1, result.delivered)).toFixed(2)} per lead`;
    console.log(
      `\n${vendor.label}: documented ${vendor.documented}; fake and backend at ${vendor.rate.count}/${vendor.rate.windowMs / 1000}s`,
    );
    console.log(
      `  ${result.delivered}/${vendor.leads} leads delivered in ${(result.drainedMs / 1000).toFixed(1)} s, ` +
        `${result.requests} requests (${perRequest}, mean answer ${result.meanLatencyMs.toFixed(0)} ms), ` +
        `${result.retries} retries, ${result.dead} dead, ${result.stored} leads in the fake, ` +
        `${result.rateLimited} × 429 from the fake`,
    );
    console.log(
      `  ${perMinute === null ? 'n/a' : formatNumber(perMinute)} leads/min of a maximum ${formatNumber(maxPerMinute)} leads/min${costNote}` +
        ` → ${share === null ? 'n/a' : `${(share * 100).toFixed(1)}%`}; goal ${vendor.goalText}: ${met ? 'met' : 'NOT met'}`,
    );
    for (const problem of result.problems) console.log(`  logged: ${problem}`);
  }
}
