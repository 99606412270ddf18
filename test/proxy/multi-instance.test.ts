import { randomUUID } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startQualifybaseFake } from '../fakes/qualifybase-fake';
import { type LeadkitProcess, startLeadkitProcess } from '../support/start-leadkit-process';
import { waitFor } from '../support/start-test-proxy';
import { makeWebhookSecret, startWebhookReceiver } from '../support/webhook-receiver';

/**
 * Several `leadkit serve` processes on one PostgreSQL database, as an operator runs them
 * behind a load balancer (issue 19). Real processes, a real SIGKILL, a strict receiver that
 * records overlapping deliveries, and a vendor fake that answers 429 past its limit.
 */
const PG_URL = process.env.LEADKIT_TEST_PG;
if (!PG_URL) console.log('multi-instance tests skipped: LEADKIT_TEST_PG is not set (a postgres:// URL)');

const TOKEN = 'multi-instance-admin-token-0123456789';
const SECRET = 'multi-instance-secret-0123456789abcdef';
const LEADS = 3000;
const SALES_EVERY = 10; // every 10th lead also goes to QualifyBase: 300 of them
const CLIENTS = 48;
const KILL_AFTER = 1000;
const HOURS = ['08:00-18:00'];
// QualifyBase's 120/min, with its window scaled from 60 s to 6 s (CONTRACT §5).
const VENDOR_RATE = { count: 120, windowMs: 6_000 };

/** A database of its own for one scenario, dropped afterwards. */
async function createDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `leadkit_mi_${randomUUID().replaceAll('-', '').slice(0, 12)}`;
  const admin = new pg.Client({ connectionString: PG_URL, connectionTimeoutMillis: 10_000 });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(PG_URL as string);
  url.pathname = `/${name}`;
  return {
    url: url.href,
    async drop() {
      const client = new pg.Client({ connectionString: PG_URL, connectionTimeoutMillis: 10_000 });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await client.end();
    },
  };
}

function writeConfig(dir: string, config: Record<string, unknown>): string {
  const path = join(dir, `leadkit-${randomUUID().slice(0, 8)}.config.json`);
  writeFileSync(path, JSON.stringify(config));
  return path;
}

describe.skipIf(!PG_URL)('several proxy instances on one PostgreSQL', () => {
  const dir = mkdtempSync(join(tmpdir(), 'leadkit-multi-'));
  let db: Awaited<ReturnType<typeof createDatabase>>;
  let receiver: Awaited<ReturnType<typeof startWebhookReceiver>>;
  let vendor: Awaited<ReturnType<typeof startQualifybaseFake>>;
  let configPath: string;
  const instances: LeadkitProcess[] = [];
  const webhookSecret = makeWebhookSecret();

  beforeAll(async () => {
    db = await createDatabase();
    // Each call is held open a little, so an entry sent by two instances at once would show.
    receiver = await startWebhookReceiver({ secret: webhookSecret, holdMs: 25 });
    vendor = await startQualifybaseFake({ rateLimit: VENDOR_RATE });
    configPath = writeConfig(dir, {
      store: db.url,
      adminToken: TOKEN,
      secret: SECRET,
      logLevel: 'warn',
      backends: {
        hook: {
          type: 'webhook',
          url: receiver.url,
          secret: webhookSecret,
          concurrency: 8,
          retry: { baseDelayMs: 20, maxDelayMs: 300 },
        },
        inbox: { type: 'local' },
        qualifybase: {
          type: 'qualifybase',
          baseUrl: vendor.url,
          apiKey: vendor.apiKey,
          rateLimit: `${VENDOR_RATE.count}/${VENDOR_RATE.windowMs / 1000}s`,
          concurrency: 8,
          retry: { baseDelayMs: 20, maxDelayMs: 300 },
        },
      },
      forms: {
        contact: {
          fields: ['name', 'email'],
          deliver: ['hook'],
          limits: { perIp: '100000/min', perForm: '100000/min' },
        },
        sales: {
          fields: ['name', 'email'],
          deliver: ['hook', 'qualifybase'],
          limits: { perIp: '100000/min', perForm: '100000/min' },
        },
        clinic: { fields: ['name', 'email'], deliver: ['inbox'] },
      },
      calendars: {
        clinic: {
          backend: 'inbox',
          form: 'clinic',
          timezone: 'Europe/Berlin',
          durationMinutes: 30,
          hours: { mon: HOURS, tue: HOURS, wed: HOURS, thu: HOURS, fri: HOURS, sat: HOURS, sun: HOURS },
          minNoticeMinutes: 0,
          maxDaysAhead: 30,
        },
      },
    });
    for (let i = 0; i < 3; i++) instances.push(await startLeadkitProcess(configPath));
  }, 120_000);

  afterAll(async () => {
    for (const instance of instances) instance.process.kill('SIGTERM');
    await Promise.all(instances.map((instance) => instance.exited()));
    await receiver?.close();
    await vendor?.close();
    await db?.drop();
  }, 60_000);

  const post = (instance: number, path: string, body: { submissionId: string }) =>
    fetch(`${(instances[instance] as LeadkitProcess).url}${path}`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'idempotency-key': body.submissionId,
        authorization: `Bearer ${TOKEN}`,
      },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(15_000),
    });

  it("delivers every 202'd lead once per backend while one instance is SIGKILLed, within the vendor's limit in aggregate", async () => {
    const bodies = Array.from({ length: LEADS }, (_, i) => ({
      form: i % SALES_EVERY === 0 ? 'sales' : 'contact',
      submissionId: randomUUID(),
      fields: { name: `Lead ${i}`, email: `mi-${i}@example.com` },
    }));
    const accepted = new Map<string, string>(); // submissionId → leadId
    let resent = 0;
    let crossInstanceReplays = 0;
    let killed: Promise<void> | null = null;
    let next = 0;
    const startedAt = performance.now();

    async function submit(body: (typeof bodies)[number], client: number): Promise<void> {
      let instance = client % 3;
      let lastError = '';
      for (let tries = 0; tries < 30; tries++) {
        try {
          const { form, ...submission } = body;
          const res = await post(instance, `/v1/forms/${form}/leads`, submission);
          if (res.status === 202) {
            const { leadId } = (await res.json()) as { leadId: string };
            const earlier = accepted.get(body.submissionId);
            // A replay on another instance answers the same 202: the same lead.
            if (earlier) expect(leadId).toBe(earlier);
            accepted.set(body.submissionId, leadId);
            if (accepted.size === KILL_AFTER && !killed) {
              const victim = instances[1] as LeadkitProcess;
              victim.process.kill('SIGKILL');
              killed = (async () => {
                await victim.exited();
                instances[1] = await startLeadkitProcess(configPath);
              })();
            }
            return;
          }
          lastError = `status ${res.status}: ${await res.text()}`;
          if (res.status < 500) break; // refused for good: resending cannot help
          throw new Error(lastError);
        } catch (error) {
          lastError = String(error);
          // The instance died (or refused): the same submission goes to another instance under
          // the same key, as a load balancer's retry or the widget's resend would send it.
          resent++;
          instance = (instance + 1) % 3;
          if (tries === 0) crossInstanceReplays++;
          await new Promise((r) => setTimeout(r, 50));
        }
      }
      throw new Error(`lead ${body.submissionId} was never accepted: ${lastError}`);
    }

    await Promise.all(
      Array.from({ length: CLIENTS }, async (_, client) => {
        while (next < LEADS) await submit(bodies[next++] as (typeof bodies)[number], client);
      }),
    );
    const intakeSeconds = (performance.now() - startedAt) / 1000;
    await killed;
    expect(accepted.size).toBe(LEADS);

    // The killed instance's leased entries pass to the others once their lease runs out.
    const leadIds = new Set(accepted.values());
    const salesIds = new Set(
      bodies.filter((b) => b.form === 'sales').map((b) => accepted.get(b.submissionId)),
    );
    const atReceiver = () => new Set(receiver.received.map((r) => r.payload.data.id));
    await waitFor(() => atReceiver().size >= LEADS, 240_000, `${LEADS} leads at the receiver`);
    await waitFor(
      () => vendor.leads.length >= salesIds.size,
      240_000,
      `${salesIds.size} leads at QualifyBase`,
    );
    // Nothing may stay behind: the killed instance's leased entries (if it held any) are
    // finished by the others once their lease ran out, and none is dead.
    const entries = async (status: string) => {
      const res = await fetch(
        `${(instances[0] as LeadkitProcess).url}/v1/admin/deliveries?status=${status}&limit=5`,
        {
          headers: { authorization: `Bearer ${TOKEN}` },
          signal: AbortSignal.timeout(10_000),
        },
      );
      return ((await res.json()) as { deliveries: unknown[] }).deliveries.length;
    };
    await waitFor(
      async () => (await Promise.all(['pending', 'in_flight', 'dead'].map(entries))).every((n) => n === 0),
      240_000,
      'an outbox with nothing pending, in flight or dead',
    );
    const drainSeconds = (performance.now() - startedAt) / 1000;
    await new Promise((r) => setTimeout(r, 500));

    const byLead = new Map<string, Set<string>>();
    for (const r of receiver.received) {
      const ids = byLead.get(r.payload.data.id) ?? new Set();
      ids.add(r.id);
      byLead.set(r.payload.data.id, ids);
    }
    for (const id of leadIds) expect(byLead.get(id)?.size, `webhook-ids of lead ${id}`).toBe(1);
    expect([...byLead.keys()].filter((id) => !leadIds.has(id))).toEqual([]);
    expect(receiver.rejected).toBe(0);
    expect(receiver.overlaps, 'one entry in flight on two instances at once').toBe(0);

    // QualifyBase: each sales lead once (its external_id is the lead id), never a 429.
    for (const id of salesIds)
      expect(vendor.countByExternalId(id as string), `lead ${id} at QualifyBase`).toBe(1);
    expect(vendor.leads.length).toBe(salesIds.size);
    expect(vendor.stats.rateLimited).toBe(0);
    console.log(
      `multi-instance: ${LEADS} leads over 3 instances in ${intakeSeconds.toFixed(1)} s ` +
        `(${Math.round(LEADS / intakeSeconds)} leads/s), one SIGKILLed after ${KILL_AFTER}; ` +
        `${resent} requests resent (${crossInstanceReplays} leads replayed on another instance); ` +
        `${receiver.received.length} webhook deliveries, ${receiver.ids().size} distinct ids ` +
        `(${receiver.received.length - receiver.ids().size} redeliveries after the kill), ` +
        `0 overlaps; QualifyBase ${vendor.leads.length} leads, ${vendor.stats.requests} requests, ` +
        `${vendor.stats.rateLimited} × 429; all drained after ${drainSeconds.toFixed(1)} s`,
    );
  }, 420_000);

  it('books one slot exactly once when 50 visitors try it at once on three instances', async () => {
    const day = new Date(Date.now() + 3 * 86_400_000).toISOString().slice(0, 10);
    const res = await fetch(
      `${(instances[0] as LeadkitProcess).url}/v1/calendars/clinic/availability?from=${day}`,
      { signal: AbortSignal.timeout(10_000) },
    );
    expect(res.status).toBe(200);
    const { days } = (await res.json()) as { days: Array<{ slots: Array<{ start: string; end: string }> }> };
    const slot = days[0]?.slots[4];
    expect(slot).toBeDefined();
    const answers = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        post(i % 3, '/v1/calendars/clinic/bookings', {
          submissionId: randomUUID(),
          ...(slot as { start: string; end: string }),
          fields: { name: `Visitor ${i}`, email: `visitor-${i}@example.com` },
        } as { submissionId: string }).then((r) => r.status),
      ),
    );
    expect(answers.filter((s) => s === 201)).toHaveLength(1);
    expect(answers.filter((s) => s === 409)).toHaveLength(49);
  }, 60_000);
});

describe.skipIf(!PG_URL)('ten instances starting at once on a new database', () => {
  it('migrate it once; none fails', async () => {
    const db = await createDatabase();
    const dir = mkdtempSync(join(tmpdir(), 'leadkit-migrate-'));
    const configPath = writeConfig(dir, {
      store: db.url,
      adminToken: TOKEN,
      secret: SECRET,
      logLevel: 'warn',
      backends: { inbox: { type: 'local' } },
      forms: { contact: { fields: ['name', 'email'], deliver: ['inbox'] } },
    });
    const started = await Promise.allSettled(
      Array.from({ length: 10 }, () => startLeadkitProcess(configPath)),
    );
    try {
      const failures = started.filter((s) => s.status === 'rejected').map((s) => String(s.reason));
      expect(failures).toEqual([]);
      const client = new pg.Client({ connectionString: db.url, connectionTimeoutMillis: 10_000 });
      await client.connect();
      try {
        const { rows } = await client.query<{ version: number; n: string }>(
          'SELECT version, count(*) AS n FROM schema_migrations GROUP BY version ORDER BY version',
        );
        expect(rows.length).toBeGreaterThan(0);
        for (const row of rows) expect(Number(row.n), `migration ${row.version}`).toBe(1);
      } finally {
        await client.end();
      }
    } finally {
      for (const s of started) if (s.status === 'fulfilled') s.value.process.kill('SIGTERM');
      await Promise.all(started.map((s) => (s.status === 'fulfilled' ? s.value.exited() : undefined)));
      await db.drop();
    }
  }, 180_000);
});
