import { randomUUID } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { POSTGRES_MIGRATIONS } from '../../src/store/postgres/postgres-migrations';
import { createTestSchema, POSTGRES_MISSING, type TestSchema } from '../support/postgres-test-schema';
import { runLeadkitCli } from '../support/run-leadkit-cli';
import { type LeadkitProcess, startLeadkitProcess } from '../support/start-leadkit-process';
import { waitFor } from '../support/start-test-proxy';
import { makeWebhookSecret, startWebhookReceiver, type WebhookReceiver } from '../support/webhook-receiver';

/*
 * `leadkit migrate` and `leadkit serve` as users run them, with `store: "postgres://…"`: two
 * instances on one database, as behind a load balancer.
 */

const TOKEN = 'pg-serve-admin-token-0123456789';

describe.skipIf(POSTGRES_MISSING !== null)('leadkit on PostgreSQL', () => {
  let schema: TestSchema;
  let receiver: WebhookReceiver;
  let configPath: string;
  const running: LeadkitProcess[] = [];

  beforeAll(async () => {
    schema = await createTestSchema();
    const secret = makeWebhookSecret();
    receiver = await startWebhookReceiver({ secret });
    const dir = mkdtempSync(join(tmpdir(), 'leadkit-pg-serve-'));
    configPath = join(dir, 'leadkit.config.json');
    writeFileSync(
      configPath,
      JSON.stringify({
        store: schema.url,
        adminToken: TOKEN,
        logLevel: 'warn',
        backends: {
          inbox: { type: 'local' },
          hook: { type: 'webhook', url: receiver.url, secret, retry: { baseDelayMs: 20, maxDelayMs: 200 } },
        },
        forms: { contact: { fields: ['name', 'email'], deliver: ['inbox', 'hook'] } },
      }),
    );
  });
  afterAll(async () => {
    for (const child of running) child.process.kill('SIGTERM');
    await Promise.all(running.map((child) => child.exited()));
    await receiver?.close();
    await schema?.drop();
  });

  it('leadkit migrate applies the schema alone and exits 0, and again finds nothing to do', async () => {
    for (let run = 0; run < 2; run++) {
      const result = await runLeadkitCli(['migrate', '--config', configPath]);
      expect(result.stderr).toBe('');
      expect(result.code).toBe(0);
      expect(result.stdout).toContain('postgres store');
    }
    const rows = await schema.query<{ version: number }>(
      'SELECT version FROM schema_migrations ORDER BY version',
    );
    expect(rows.map((r) => r.version)).toEqual(POSTGRES_MIGRATIONS.map((m) => m.version));
  }, 60_000);

  it('serves on two instances: a lead posted to either is delivered once, a replay on the other answers the same', async () => {
    const [a, b] = await Promise.all([startLeadkitProcess(configPath), startLeadkitProcess(configPath)]);
    running.push(a, b);
    expect(a.stderr()).toContain('store: postgres://');
    const post = (url: string, key: string, email: string) =>
      fetch(`${url}/v1/forms/contact/leads`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'idempotency-key': key,
          authorization: `Bearer ${TOKEN}`,
        },
        body: JSON.stringify({ submissionId: key, fields: { name: 'Jane Doe', email } }),
        signal: AbortSignal.timeout(10_000),
      });

    const key = randomUUID();
    const first = await post(a.url, key, 'jane@example.com');
    expect(first.status).toBe(202);
    const accepted = (await first.json()) as { leadId: string; leadRef: string };
    // The same submission again, landing on the other instance: the same answer, no new lead.
    const replay = await post(b.url, key, 'jane@example.com');
    expect(replay.status).toBe(202);
    expect(await replay.json()).toEqual(accepted);

    const second = await post(b.url, randomUUID(), 'max@example.com');
    expect(second.status).toBe(202);
    const secondId = ((await second.json()) as { leadId: string }).leadId;

    await waitFor(() => receiver.received.length >= 2, 20_000, 'two webhooks');
    await waitFor(
      async () => (await schema.query(`SELECT 1 FROM deliveries WHERE status = 'delivered'`)).length === 4,
      20_000,
      'four deliveries delivered',
    );
    // Each lead reached the local backend and the webhook once, whichever instance delivered it.
    const local = await schema.query<{ lead_id: string }>(
      "SELECT lead_id FROM local_leads WHERE backend = 'inbox' ORDER BY lead_id",
    );
    expect(local.map((r) => r.lead_id)).toEqual([accepted.leadId, secondId].sort());
    await new Promise((r) => setTimeout(r, 300));
    expect(receiver.received.map((w) => w.payload.data.id).sort()).toEqual(
      [accepted.leadId, secondId].sort(),
    );
    expect(receiver.ids().size).toBe(2);
    const leads = await runLeadkitCli(['leads', 'list', '--backend', 'inbox', '--config', configPath]);
    expect(leads.code).toBe(0);
    expect(leads.stdout).toContain(accepted.leadId);
  }, 90_000);
});
