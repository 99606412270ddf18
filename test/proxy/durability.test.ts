import { randomUUID } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { startLeadkitProcess } from '../support/start-leadkit-process';
import { waitFor } from '../support/start-test-proxy';
import { makeWebhookSecret, startWebhookReceiver } from '../support/webhook-receiver';

const TOKEN = 'durability-admin-token-0123456789';
const LEADS = 2000;
const CLIENTS = 50;
const KILL_AFTER = 700;

async function runScenario(failRate: number) {
  const secret = makeWebhookSecret();
  const receiver = await startWebhookReceiver({ secret, failRate });
  const dir = mkdtempSync(join(tmpdir(), 'leadkit-durability-'));
  const configPath = join(dir, 'leadkit.config.json');
  writeFileSync(
    configPath,
    JSON.stringify({
      store: 'sqlite:./leadkit.db',
      adminToken: TOKEN,
      secret: 'durability-secret-0123456789abcdef',
      logLevel: 'warn',
      backends: {
        hook: {
          type: 'webhook',
          url: receiver.url,
          secret,
          concurrency: 16,
          retry: { baseDelayMs: 20, maxDelayMs: 300, maxAttempts: 50 },
        },
      },
      forms: {
        contact: {
          fields: ['name', 'email'],
          deliver: ['hook'],
          limits: { perIp: '100000/min', perForm: '100000/min' },
        },
      },
    }),
  );

  let child = await startLeadkitProcess(configPath);
  let restarted: Promise<void> | null = null;
  const bodies = Array.from({ length: LEADS }, (_, i) => ({
    submissionId: randomUUID(),
    fields: { name: `Lead ${i}`, email: `lead-${i}@example.com` },
  }));
  const accepted = new Map<string, string>(); // email → leadId
  let failedRequests = 0;
  let next = 0;

  async function submit(body: (typeof bodies)[number]): Promise<void> {
    for (let tries = 0; tries < 20; tries++) {
      if (restarted) await restarted;
      try {
        const res = await fetch(`${child.url}/v1/forms/contact/leads`, {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            'idempotency-key': body.submissionId,
            authorization: `Bearer ${TOKEN}`,
          },
          body: JSON.stringify(body),
          signal: AbortSignal.timeout(10_000),
        });
        if (res.status === 202) {
          accepted.set(body.fields.email, ((await res.json()) as { leadId: string }).leadId);
          if (accepted.size === KILL_AFTER && !restarted) {
            // SIGKILL mid-stream: no shutdown hook runs; other requests are in flight.
            child.process.kill('SIGKILL');
            restarted = (async () => {
              await child.exited();
              child = await startLeadkitProcess(configPath);
            })();
          }
          return;
        }
        failedRequests++;
      } catch {
        // Connection reset by the kill: the same submission is sent again under the same key, as the widget does.
        failedRequests++;
        await new Promise((r) => setTimeout(r, 50));
      }
    }
  }

  await Promise.all(
    Array.from({ length: CLIENTS }, async () => {
      while (next < LEADS) await submit(bodies[next++] as (typeof bodies)[number]);
    }),
  );
  await restarted;
  expect(accepted.size).toBe(LEADS);

  const receivedLeadIds = () => new Set(receiver.received.map((r) => r.payload.data.id));
  await waitFor(() => receivedLeadIds().size >= LEADS, 120_000, `${LEADS} leads at the receiver`);
  await new Promise((r) => setTimeout(r, 300));
  child.process.kill('SIGTERM');
  await child.exited();
  await receiver.close();

  // Every lead that got a 202 arrived, each always under one webhook-id, and nothing else arrived.
  const byLead = new Map<string, Set<string>>();
  for (const r of receiver.received) {
    const ids = byLead.get(r.payload.data.id) ?? new Set();
    ids.add(r.id);
    byLead.set(r.payload.data.id, ids);
  }
  const acceptedIds = new Set(accepted.values());
  for (const id of acceptedIds) expect(byLead.get(id)?.size, `lead ${id}`).toBe(1);
  expect([...byLead.keys()].filter((id) => !acceptedIds.has(id))).toEqual([]);
  const emails = new Set(
    receiver.received.map((r) => (r.payload.data as unknown as { fields: { email: string } }).fields.email),
  );
  expect(emails.size).toBe(LEADS);
  expect(receiver.rejected).toBe(0);
  const redeliveries = receiver.received.length - receiver.ids().size;
  console.log(
    `durability (receiver failing ${failRate * 100}%): ${LEADS} leads accepted, killed after ${KILL_AFTER}; ` +
      `${failedRequests} client requests failed and were resent; ${receiver.received.length} verified deliveries, ` +
      `${receiver.ids().size} distinct webhook-ids, ${redeliveries} redeliveries, ${receiver.failed} injected failures`,
  );
}

describe('durability: SIGKILL mid-stream', () => {
  it('delivers every accepted lead, under one webhook-id each, with a healthy receiver', async () => {
    await runScenario(0);
  }, 180_000);

  it('delivers every accepted lead when the receiver fails 30% of calls', async () => {
    await runScenario(0.3);
  }, 180_000);
});
