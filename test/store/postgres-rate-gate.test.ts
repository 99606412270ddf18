import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPostgresRateGate } from '../../src/store/postgres/postgres-rate-gate';
import type { RateGateRequest } from '../../src/store/rate-gate';
import { waitForAdmission } from '../../src/store/wait-for-admission';
import {
  createRateGateSchema,
  getMostInAnyWindow,
  PG_MISSING,
  type RateGateSchema,
} from '../support/rate-gate-pg-schema';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe.skipIf(PG_MISSING !== null)('PostgreSQL rate gate', () => {
  let schema: RateGateSchema;
  beforeAll(async () => {
    schema = await createRateGateSchema();
  });
  afterAll(async () => {
    await schema?.drop();
  });

  it('never admits more than N in any window while several instances hammer one key', async () => {
    const request: RateGateRequest = { key: 'hammer', count: 8, windowMs: 300, holdMs: 5_000 };
    // Four instances, each with its own pool and gate, five calls at a time in each.
    const gates = Array.from({ length: 4 }, () => createPostgresRateGate(schema.pool(3)));
    const until = Date.now() + 2_500;
    let admitted = 0;
    await Promise.all(
      gates.flatMap((gate) =>
        Array.from({ length: 5 }, async () => {
          while (Date.now() < until) {
            const ticket = await waitForAdmission(gate, request, AbortSignal.timeout(until - Date.now()));
            if (!ticket) return;
            admitted++;
            // The call: 0–30 ms to the vendor and back.
            await sleep(Math.random() * 30);
            await ticket.settle();
          }
        }),
      ),
    );
    const events = await schema.events('hammer');
    const admissions = events.filter((e) => e.kind === 'admit');
    // A wait that ended at the deadline released what it got; every admission counts below.
    expect(admissions.length - events.filter((e) => e.kind === 'release').length).toBe(admitted);
    expect(
      getMostInAnyWindow(
        admissions.map((e) => e.at),
        request.windowMs,
      ),
    ).toBeLessThanOrEqual(8);
    // Every slot is reused at least a window after its call settled (database clock).
    for (const e of admissions.filter((a) => a.previousAt !== null && a.previousHeldUntil === null))
      expect(e.at - (e.previousAt as number)).toBeGreaterThanOrEqual(request.windowMs);
    // ...and the gate is not merely shut: 2.5 s of 8 per ~330 ms allows about 60.
    expect(admitted).toBeGreaterThanOrEqual(40);
  });

  it('admits several at once up to the count, and says when the next slot frees', async () => {
    const gate = createPostgresRateGate(schema.pool(2));
    const request: RateGateRequest = { key: 'batch', count: 3, windowMs: 2_000, holdMs: 10_000 };
    const first = await gate.tryAdmit(request, 5);
    expect(first.tickets).toHaveLength(3);
    // All in flight: none can free sooner than a window from now.
    expect(first.retryInMs).toBeGreaterThan(1_900);
    expect(first.retryInMs).toBeLessThanOrEqual(2_000);
    await first.tickets[0]?.release();
    await first.tickets[0]?.settle();
    expect((await gate.tryAdmit(request, 2)).tickets).toHaveLength(1);
    expect((await gate.tryAdmit(request)).tickets).toHaveLength(0);
  });

  it('times the window from the settle, on the database clock', async () => {
    const gate = createPostgresRateGate(schema.pool(2));
    const request: RateGateRequest = { key: 'settle', count: 1, windowMs: 300, holdMs: 10_000 };
    const [ticket] = (await gate.tryAdmit(request)).tickets;
    await sleep(200);
    await ticket?.settle();
    await sleep(150);
    const blocked = await gate.tryAdmit(request);
    expect(blocked.tickets).toHaveLength(0);
    // Freed ~300 ms after the settle, not after the admission (already 350 ms ago).
    expect(blocked.retryInMs).toBeGreaterThan(50);
    expect(blocked.retryInMs).toBeLessThanOrEqual(160);
    const next = await waitForAdmission(gate, request, AbortSignal.timeout(5_000));
    expect(next).not.toBeNull();
    const [admit, settle, again] = await schema.events('settle');
    expect([admit?.kind, settle?.kind, again?.kind]).toEqual(['admit', 'settle', 'admit']);
    expect((settle?.at ?? 0) - (admit?.at ?? 0)).toBeGreaterThanOrEqual(195);
    expect((again?.at ?? 0) - (settle?.at ?? 0)).toBeGreaterThanOrEqual(300);
  });

  it("frees a crashed holder's slot after its hold, and fences the holder's late settle", async () => {
    const request: RateGateRequest = { key: 'crash', count: 1, windowMs: 100, holdMs: 600 };
    const crashedPool = schema.pool(1);
    const crashed = createPostgresRateGate(crashedPool);
    const [lost] = (await crashed.tryAdmit(request)).tickets;
    expect(lost).toBeDefined();

    const survivor = createPostgresRateGate(schema.pool(2));
    const blocked = await survivor.tryAdmit(request);
    expect(blocked.tickets).toHaveLength(0);
    // In flight: the hold (600 ms) ends later than a window from now (100 ms), so the gate
    // says 100 ms — at the soonest — and the waiter keeps asking until the hold ends.
    expect(blocked.retryInMs).toBeLessThanOrEqual(100);
    const taken = await waitForAdmission(survivor, request, AbortSignal.timeout(5_000));
    expect(taken).not.toBeNull();
    const [first, second] = await schema.events('crash');
    expect(second?.kind).toBe('admit');
    expect((second?.at ?? 0) - (first?.at ?? 0)).toBeGreaterThanOrEqual(600);

    // The "crashed" instance comes back and settles late: the slot is no longer its own.
    await lost?.settle();
    expect((await survivor.tryAdmit(request)).tickets).toHaveLength(0);
    await taken?.release();
    expect((await survivor.tryAdmit(request)).tickets).toHaveLength(1);
  });

  it('keeps working while another instance cannot reach the database', async () => {
    const request: RateGateRequest = { key: 'down', count: 2, windowMs: 200, holdMs: 5_000 };
    const pool = schema.pool(1);
    const down = createPostgresRateGate(pool);
    await pool.end();
    await expect(down.tryAdmit(request)).rejects.toThrow();
    const up = createPostgresRateGate(schema.pool(1));
    expect((await up.tryAdmit(request, 2)).tickets).toHaveLength(2);
  });
});
