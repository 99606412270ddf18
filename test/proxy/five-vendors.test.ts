import { randomUUID } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DeliveryView } from '../../src/model/delivery';
import { type LeadkitProcess, startLeadkitProcess } from '../support/start-leadkit-process';
import { waitFor } from '../support/start-test-proxy';
import {
  startVendorFakes,
  VENDOR_NAMES,
  type VendorFakes,
  type VendorName,
} from '../support/start-vendor-fakes';

/*
 * One form delivering every lead to all five vendor backends at once, the proxy SIGKILLed in
 * the middle of the intake, failures injected into every fake, and then: each fake holds each
 * accepted lead exactly once, nothing is dead-lettered, and no fake answered a 429. Takes about
 * 35 s: deliveries in flight at the kill wait out the outbox's 30 s lease before the new
 * process takes them over.
 */

const TOKEN = 'five-vendors-admin-token-0123456789';
const LEADS = 1000;
const CLIENTS = 40;
const KILL_AFTER = 450;
// The documented per-minute limits scaled down: 200 requests per second, the fakes and the backends alike.
const RATE = { count: 200, windowMs: 1000 };

/** Valid mobile numbers of several countries (libphonenumber-js accepts each), unique per lead. */
const PHONE_PLANS = [
  (n: number) => `+49151${String(20_000_000 + n)}`, // Germany
  (n: number) => `+9198${String(76_500_000 + n)}`, // India
  (n: number) => `+1212${String(5_550_000 + n)}`, // United States
  (n: number) => `+447911${String(100_000 + n)}`, // United Kingdom
  (n: number) => `+336${String(12_000_000 + n)}`, // France
  (n: number) => `+55119${String(61_000_000 + n)}`, // Brazil
  (n: number) => `+6141${String(2_000_000 + n)}`, // Australia
];

interface Submission {
  submissionId: string;
  fields: { name: string; email: string; phone: string };
}

/** Every delivery the proxy knows, through the admin API (pages of 500). */
async function listDeliveries(url: string, status?: string): Promise<DeliveryView[]> {
  const all: DeliveryView[] = [];
  let cursor: string | null = null;
  do {
    const query = new URLSearchParams({ limit: '500' });
    if (status) query.set('status', status);
    if (cursor) query.set('cursor', cursor);
    const res = await fetch(`${url}/v1/admin/deliveries?${query}`, {
      headers: { authorization: `Bearer ${TOKEN}` },
      signal: AbortSignal.timeout(10_000),
    });
    expect(res.status).toBe(200);
    const page = (await res.json()) as { deliveries: DeliveryView[]; nextCursor: string | null };
    all.push(...page.deliveries);
    cursor = page.nextCursor;
  } while (cursor);
  return all;
}

/** A few of each kind of failure, so redeliveries really happen at every vendor. */
function injectFailures(fakes: VendorFakes): void {
  fakes.qualifybase.failNext(2, { kind: 'status', status: 503 });
  fakes.qualifybase.failNext(1, { kind: 'hang' });
  fakes.qualifybase.failNext(1, { kind: 'lose-response' });
  fakes.lio.failNext(2, 502);
  fakes.lio.hangNext(1);
  fakes.lio.loseReplyNext(1);
  fakes.qvoo.failNext(2, 503);
  fakes.qvoo.hangNext(1);
  fakes.qvoo.loseReplyNext(1);
  fakes.squadstack.failNext(1, 503);
  fakes.squadstack.hangNext(1);
  fakes.squadstack.loseReplyNext(1);
  fakes.leadcenter.failNext(2, { kind: 'status', status: 500 });
  // Stored, then never answered: a create whose answer is lost to a timeout.
  fakes.leadcenter.failNext(1, { kind: 'hang', process: true });
  fakes.leadcenter.failNext(1, { kind: 'lose-response' });
}

/** How many leads each fake holds. */
function storedCounts(fakes: VendorFakes): Record<VendorName, number> {
  return {
    qualifybase: fakes.qualifybase.leads.length,
    lio: fakes.lio.leads.length,
    qvoo: fakes.qvoo.leads.length,
    squadstack: fakes.squadstack.leads.length,
    leadcenter: fakes.leadcenter.leads.length,
  };
}

describe('five vendors: one form to all five, SIGKILL mid-run', () => {
  let fakes: VendorFakes;
  let child: LeadkitProcess | null = null;

  beforeAll(async () => {
    fakes = await startVendorFakes(RATE);
  });
  afterAll(async () => {
    child?.process.kill('SIGKILL');
    await child?.exited();
    await fakes?.close();
  });

  it('delivers each of 1,000 leads exactly once to each vendor, with no dead letter and no 429', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'leadkit-five-vendors-'));
    const configPath = join(dir, 'leadkit.config.json');
    writeFileSync(
      configPath,
      JSON.stringify({
        store: 'sqlite:./leadkit.db',
        adminToken: TOKEN,
        secret: 'five-vendors-secret-0123456789abcdef',
        logLevel: 'warn',
        backends: fakes.backendsConfig({
          concurrency: 8,
          // Short, so an injected hang costs little; the lease after the kill is the outbox's own (30 s).
          timeoutMs: 1_500,
          retry: { baseDelayMs: 20, maxDelayMs: 300, maxAttempts: 50 },
        }),
        forms: {
          contact: {
            fields: ['name', 'email', 'phone'],
            deliver: [...VENDOR_NAMES],
            limits: { perIp: '100000/min', perForm: '100000/min' },
          },
        },
      }),
    );

    const submissions: Submission[] = Array.from({ length: LEADS }, (_, i) => {
      const plan = PHONE_PLANS[i % PHONE_PLANS.length] as (n: number) => string;
      const n = String(i).padStart(4, '0');
      return {
        submissionId: randomUUID(),
        fields: {
          name: `Lead ${n} Example`,
          // Same length for every lead, so no address is a substring of another (LeadCenter.AI's search).
          email: `five-${n}@example.com`,
          phone: plan(Math.floor(i / PHONE_PLANS.length)),
        },
      };
    });

    injectFailures(fakes);
    let proxy = await startLeadkitProcess(configPath);
    child = proxy;
    let restarted: Promise<void> | null = null;
    const accepted = new Map<string, string>(); // email → leadId
    let resent = 0;
    let next = 0;
    let storedAtKill: Record<VendorName, number> | null = null;

    async function submit(body: Submission): Promise<void> {
      for (let tries = 0; tries < 20; tries++) {
        if (restarted) await restarted;
        try {
          const res = await fetch(`${proxy.url}/v1/forms/contact/leads`, {
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
              // SIGKILL while the intake and all five outbox loops are busy: no shutdown hook runs.
              proxy.process.kill('SIGKILL');
              storedAtKill = storedCounts(fakes);
              restarted = (async () => {
                await proxy.exited();
                proxy = await startLeadkitProcess(configPath);
                child = proxy;
                injectFailures(fakes);
              })();
            }
            return;
          }
          expect.soft(res.status, await res.text()).toBe(202);
          resent++;
        } catch {
          // Reset by the kill: sent again under the same Idempotency-Key, as the widget does.
          resent++;
          await new Promise((r) => setTimeout(r, 50));
        }
      }
    }

    await Promise.all(
      Array.from({ length: CLIENTS }, async () => {
        while (next < LEADS) await submit(submissions[next++] as Submission);
      }),
    );
    await restarted;
    expect(accepted.size).toBe(LEADS);

    // Drained: nothing waits or runs (deliveries in flight at the kill come back when their lease ends).
    await waitFor(
      async () =>
        (await listDeliveries(proxy.url, 'pending')).length === 0 &&
        (await listDeliveries(proxy.url, 'in_flight')).length === 0,
      100_000,
      'the outbox to drain',
    );
    const deliveries = await listDeliveries(proxy.url);
    proxy.process.kill('SIGTERM');
    await proxy.exited();
    child = null;

    expect(deliveries.filter((d) => d.status === 'dead').map((d) => `${d.backend}: ${d.lastError}`)).toEqual(
      [],
    );
    expect(deliveries.length).toBe(LEADS * VENDOR_NAMES.length);
    expect(deliveries.every((d) => d.status === 'delivered')).toBe(true);

    const leadIds = [...accepted.values()];
    expect(new Set(leadIds).size).toBe(LEADS);
    const counts: Record<VendorName, (id: string) => number> = {
      qualifybase: (id) => fakes.qualifybase.countByExternalId(id),
      lio: (id) => fakes.lio.leadsFor(id).length,
      qvoo: (id) => fakes.qvoo.leadsFor(id).length,
      squadstack: (id) => fakes.squadstack.creations(id),
      leadcenter: (id) => fakes.leadcenter.countByLeadId(id),
    };
    const wrong: string[] = [];
    for (const vendor of VENDOR_NAMES) {
      for (const id of leadIds) {
        const count = counts[vendor](id);
        if (count !== 1) wrong.push(`${vendor} holds lead ${id} ${count} times`);
      }
    }
    expect(wrong).toEqual([]);
    // Nothing else arrived either: every stored lead is one of ours.
    expect(storedCounts(fakes)).toEqual({
      qualifybase: LEADS,
      lio: LEADS,
      qvoo: LEADS,
      squadstack: LEADS,
      leadcenter: LEADS,
    });
    // The kill came while deliveries were under way, not before the outbox started or after it finished.
    const atKill = storedAtKill as Record<VendorName, number> | null;
    expect(atKill).not.toBeNull();
    expect(Object.values(atKill ?? {}).some((n) => n > 0 && n < KILL_AFTER)).toBe(true);

    const redeliveries = Object.fromEntries(
      VENDOR_NAMES.map((vendor) => [
        vendor,
        deliveries.filter((d) => d.backend === vendor && d.attempts > 1).length,
      ]),
    ) as Record<VendorName, number>;
    const rateLimited = fakes.rateLimited();
    const lioMerges = fakes.lio.requests.filter(
      (r) => (r.body as { merge?: unknown } | undefined)?.merge === 1,
    ).length;
    console.log(
      `five vendors: ${LEADS} leads accepted, killed after ${KILL_AFTER}, ${resent} client requests resent; ` +
        `stored at the kill: ${VENDOR_NAMES.map((v) => `${v} ${atKill?.[v]}`).join(', ')}; ` +
        `redelivered (attempts > 1): ${VENDOR_NAMES.map((v) => `${v} ${redeliveries[v]}`).join(', ')}; ` +
        `429s: ${VENDOR_NAMES.map((v) => `${v} ${rateLimited[v]}`).join(', ')} ` +
        `(LIO merge resends ${lioMerges}, LeadCenter.AI searches ${fakes.leadcenter.stats.searches})`,
    );
    // The injected failures force redeliveries at every vendor; without them this test would prove little.
    for (const vendor of VENDOR_NAMES) expect(redeliveries[vendor], vendor).toBeGreaterThan(0);
    // Every backend paces each vendor request, not only each delivery: LIO's resend with merge: 1
    // after a 409 and LeadCenter.AI's search before a create wait for a slot too. Never a 429.
    for (const vendor of VENDOR_NAMES) expect(rateLimited[vendor], vendor).toBe(0);
  }, 150_000);
});
