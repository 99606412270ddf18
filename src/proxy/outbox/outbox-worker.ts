import type { Backend, DeliveryAttempt, DeliveryOutcome } from '../../backends/backend';
import { createMemoryRateGate } from '../../store/memory-rate-gate';
import { type RateGate, type RateGateRequest, type RateTicket, withClockMargin } from '../../store/rate-gate';
import type { ClaimedDelivery, Store } from '../../store/store';
import { waitForAdmission } from '../../store/wait-for-admission';
import { decideUpdate } from './decide-update';

export interface OutboxLogger {
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
}

export interface OutboxOptions {
  store: Store;
  backends: ReadonlyMap<string, Backend>;
  logger: OutboxLogger;
  /** Called once per finished attempt, for metrics. */
  onResult?: (backend: string, result: 'delivered' | 'duplicate' | 'retry' | 'dead') => void;
  now?: () => number;
  /** Longest sleep while idle; bounds how late another instance's or a dead worker's entries are picked up. */
  pollMs?: number;
  /**
   * How long a claim holds an entry (default: 30 s, or twice the backend's timeout and 5 s
   * if longer). A running delivery renews it every third of that, so it only bounds how
   * soon a worker that died gives its entries back. Tests shorten it.
   */
  leaseMs?: number;
  /**
   * Where each backend's delivery rate is counted (the proxy passes the one its backends
   * share; on PostgreSQL, one every instance shares). Default: in memory, this worker only.
   */
  rateGate?: RateGate;
}

export interface Outbox {
  start(): void;
  /** Tells the worker that new entries wait (after an intake commit). */
  wake(backend?: string): void;
  /**
   * Stops claiming, lets in-flight deliveries finish (aborting them after `graceMs`; an
   * aborted one is simply retried later), and resolves when they have.
   */
  stop(graceMs?: number): Promise<void>;
}

interface Waiter {
  promise: Promise<void>;
  resolve: () => void;
}

function createWaiter(): Waiter {
  let resolve = () => {};
  const promise = new Promise<void>((r) => {
    resolve = r;
  });
  return { promise, resolve };
}

/**
 * Delivers outbox entries through their backends: one loop per backend, each under its
 * backend's concurrency and rate, with leases so that no two workers (in this process or
 * another) deliver the same entry at once, and a worker that dies leaves its entries to be
 * retried after the lease. A delivery renews its leases while it runs (waits for a vendor's
 * request rate inside a backend can be long), and is aborted if it cannot: an attempt whose
 * lease expired could run beside the next worker's.
 */
export function createOutbox(options: OutboxOptions): Outbox {
  const now = options.now ?? Date.now;
  const pollMs = options.pollMs ?? 1000;
  const rateGate = options.rateGate ?? createMemoryRateGate();
  const stopController = new AbortController();
  // Aborts requests still running when the grace period of stop() runs out.
  const hardStop = new AbortController();
  const inFlight = new Set<Promise<void>>();
  const wakers = new Map<string, Waiter>();
  let started = false;
  let unwatch: (() => void) | undefined;
  const loops: Promise<void>[] = [];

  function sleep(ms: number, backend: string): Promise<void> {
    const waiter = wakers.get(backend) ?? createWaiter();
    wakers.set(backend, waiter);
    let timer: NodeJS.Timeout | undefined;
    return Promise.race([
      waiter.promise,
      new Promise<void>((r) => {
        timer = setTimeout(r, Math.max(0, ms));
      }),
    ]).finally(() => clearTimeout(timer));
  }

  function wakeBackend(backend: string) {
    const waiter = wakers.get(backend);
    if (waiter) {
      wakers.delete(backend);
      waiter.resolve();
    }
  }

  /**
   * Renews the group's leases every third of `leaseMs` until `stop()` is called; aborts the
   * returned signal when a lease is lost, or when the store cannot renew it before it ends.
   */
  function holdLeases(backend: Backend, group: ClaimedDelivery[], claimedAt: number, leaseMs: number) {
    const lost = new AbortController();
    const leases = group.map((entry) => ({ id: entry.id, leaseToken: entry.leaseToken }));
    const everyMs = Math.max(1, Math.floor(leaseMs / 3));
    let heldUntil = claimedAt + leaseMs;
    let running = true;
    let renewing = false;
    const timer = setInterval(async () => {
      if (renewing || lost.signal.aborted) return;
      renewing = true;
      const at = now();
      try {
        const kept = await options.store.extendLeases({ leases, now: at, leaseMs });
        if (!running) return;
        if (kept.length === leases.length) heldUntil = at + leaseMs;
        else {
          options.logger.warn(
            {
              backend: backend.name,
              deliveries: leases.filter((l) => !kept.includes(l.id)).map((l) => l.id),
            },
            'lease lost while the attempt ran; aborting it',
          );
          lost.abort();
        }
      } catch (error) {
        if (running && now() + everyMs >= heldUntil) {
          options.logger.error(
            { backend: backend.name, err: (error as Error).message },
            'lease could not be renewed; aborting the attempt before it ends',
          );
          lost.abort();
        }
      } finally {
        renewing = false;
      }
    }, everyMs);
    return {
      signal: lost.signal,
      stop() {
        running = false;
        clearInterval(timer);
      },
    };
  }

  async function attempt(
    backend: Backend,
    group: ClaimedDelivery[],
    leaseLost: AbortSignal,
  ): Promise<DeliveryOutcome[]> {
    const signal = AbortSignal.any([hardStop.signal, leaseLost]);
    const attemptOf = (entry: ClaimedDelivery) => ({
      deliveryId: entry.id,
      attempt: entry.attemptNumber,
      externalId: entry.externalId,
      signal,
    });
    try {
      // A booking event or signal goes alone to a backend that takes it (only those get one
      // queued; the guard keeps an entry for a backend without it from being sent as a lead).
      if (group.some((entry) => entry.kind !== 'lead')) {
        return await Promise.all(group.map((entry) => deliverEntry(backend, entry, attemptOf(entry))));
      }
      if (backend.deliverLeads && group.length > 1) {
        const outcomes = await backend.deliverLeads(
          group.map((entry) => ({ lead: entry.lead, attempt: attemptOf(entry) })),
        );
        if (outcomes.length !== group.length)
          throw new Error(`bulk answer has ${outcomes.length} outcomes for ${group.length} leads`);
        return outcomes;
      }
      const [entry] = group as [ClaimedDelivery];
      return [await backend.deliverLead(entry.lead, attemptOf(entry))];
    } catch (error) {
      // A backend should classify, not throw; a throw is a bug in it, and retrying is safe.
      options.logger.error(
        { backend: backend.name, err: error instanceof Error ? error.message : String(error) },
        'backend threw',
      );
      return group.map(() => ({ kind: 'retry', message: 'internal error in the backend' }) as const);
    }
  }

  async function deliverEntry(
    backend: Backend,
    entry: ClaimedDelivery,
    attempt: DeliveryAttempt,
  ): Promise<DeliveryOutcome> {
    if (entry.kind === 'lead') return backend.deliverLead(entry.lead, attempt);
    if (entry.kind === 'signal') {
      if (!backend.deliverSignal || !entry.signal)
        return { kind: 'permanent', message: `backend ${backend.type} takes no signals` };
      return backend.deliverSignal({ data: entry.signal, leadDelivery: entry.leadDelivery }, attempt);
    }
    if (!backend.deliverEvent || !entry.event)
      return { kind: 'permanent', message: `backend ${backend.type} takes no ${entry.kind} events` };
    return backend.deliverEvent({ type: entry.kind, data: entry.event }, attempt);
  }

  /**
   * A backend's delivery rate as the gate counts it: a delivery's slot runs from its start
   * until a window after its answer, but in flight for one window at most. A delivery that
   * waits inside its backend for the vendor's request rate is paced there, by the request
   * limit; holding its delivery slot too would cost a window per straggler. The same bound
   * frees a dead worker's slots.
   */
  function toDeliveryRate(backend: Backend): RateGateRequest | null {
    const rate = backend.limits.rateLimit;
    if (!rate) return null;
    const windowMs = withClockMargin(rate.windowMs);
    return { key: `delivery:${backend.name}`, count: rate.count, windowMs, holdMs: windowMs };
  }

  /**
   * Admission before the claim: the first slot is waited for (not woken by new entries, so
   * a busy intake does not ask the gate again on every lead), more are taken if free at once.
   * After an empty claim only one is asked for: it goes back unused while there is no work.
   */
  async function admit(rate: RateGateRequest, wanted: number, backend: Backend): Promise<RateTicket[]> {
    const first = await waitForAdmission(rateGate, rate, stopController.signal);
    if (!first) return [];
    if (wanted <= 1) return [first];
    const more = await rateGate.tryAdmit(rate, wanted - 1).catch((error: Error) => {
      options.logger.error({ backend: backend.name, err: error.message }, 'rate gate failed');
      return { tickets: [] };
    });
    return [first, ...more.tickets];
  }

  async function runLoop(backend: Backend) {
    const { limits } = backend;
    const leaseMs = options.leaseMs ?? Math.max(30_000, limits.timeoutMs * 2 + 5_000);
    const rate = toDeliveryRate(backend);
    let active = 0;
    let pausedUntil = 0;
    let slotFreed = createWaiter();
    let idle = true;

    while (!stopController.signal.aborted) {
      const t = now();
      if (pausedUntil > t) {
        await sleep(pausedUntil - t, backend.name);
        continue;
      }
      const free = limits.concurrency - active;
      if (free <= 0) {
        await slotFreed.promise;
        continue;
      }
      const tickets = rate ? await admit(rate, idle ? 1 : free, backend) : [];
      if (rate && !tickets.length) continue;
      const release = (unused: RateTicket[]) => Promise.all(unused.map((ticket) => ticket.release()));
      const requests = rate ? tickets.length : free;
      // After a wait for the rate, the loop's `t` is stale: the leases start now.
      const claimedAt = now();
      let claimed: ClaimedDelivery[];
      try {
        claimed = await options.store.claimDeliveries({
          backend: backend.name,
          limit: requests * limits.batchSize,
          now: claimedAt,
          leaseMs,
        });
      } catch (error) {
        await release(tickets);
        options.logger.error({ backend: backend.name, err: (error as Error).message }, 'outbox claim failed');
        await sleep(pollMs, backend.name);
        continue;
      }
      idle = !claimed.length;
      const groups: ClaimedDelivery[][] = [];
      for (let i = 0; i < claimed.length; i += limits.batchSize)
        groups.push(claimed.slice(i, i + limits.batchSize));
      await release(tickets.slice(groups.length));
      if (!groups.length) {
        const due = await options.store.getNextDueAt(backend.name).catch(() => null);
        await sleep(due === null ? pollMs : Math.min(pollMs, due - now()), backend.name);
        continue;
      }
      groups.forEach((group, index) => {
        const ticket = tickets[index];
        active++;
        const lease = holdLeases(backend, group, claimedAt, leaseMs);
        const run = (async () => {
          const outcomes = await attempt(backend, group, lease.signal).finally(() => lease.stop());
          const finishedAt = now();
          // Results are written together: the store commits writes of one turn in one transaction.
          await Promise.all([
            ticket?.settle(),
            ...group.map(async (entry, index) => {
              const outcome = outcomes[index] as DeliveryOutcome;
              if (outcome.kind === 'retry' && outcome.pauseBackendMs)
                pausedUntil = Math.max(pausedUntil, finishedAt + outcome.pauseBackendMs);
              const decision = decideUpdate(outcome, entry, limits, finishedAt);
              const kept = await options.store
                .finishDelivery(entry.id, entry.leaseToken, decision.update, finishedAt)
                .catch((error: Error) => {
                  options.logger.error(
                    { backend: backend.name, delivery: entry.id, err: error.message },
                    'outbox finish failed',
                  );
                  return false;
                });
              if (!kept)
                options.logger.warn(
                  { backend: backend.name, delivery: entry.id },
                  'lease lost before the attempt finished',
                );
              if (decision.result === 'dead') {
                options.logger.warn(
                  {
                    backend: backend.name,
                    delivery: entry.id,
                    lead: entry.lead.id,
                    error: decision.update.status === 'dead' ? decision.update.lastError : undefined,
                  },
                  'delivery dead-lettered',
                );
              }
              options.onResult?.(backend.name, decision.result);
            }),
          ]);
        })().finally(() => {
          active--;
          inFlight.delete(run);
          const waiter = slotFreed;
          slotFreed = createWaiter();
          waiter.resolve();
        });
        inFlight.add(run);
      });
    }
  }

  return {
    start() {
      if (started) return;
      started = true;
      // A store shared by several instances (PostgreSQL) says when another one enqueued
      // entries; the loops below still poll, this only saves waiting for the poll.
      unwatch = options.store.watchOutbox?.((backends) => {
        for (const name of backends ?? [...wakers.keys()]) wakeBackend(name);
      });
      for (const backend of options.backends.values()) {
        loops.push(
          runLoop(backend).catch((error: Error) => {
            options.logger.error({ backend: backend.name, err: error.message }, 'outbox loop stopped');
          }),
        );
      }
    },
    wake(backend) {
      if (backend) wakeBackend(backend);
      else for (const name of [...wakers.keys()]) wakeBackend(name);
    },
    async stop(graceMs = 10_000) {
      stopController.abort();
      unwatch?.();
      for (const name of [...wakers.keys()]) wakeBackend(name);
      const grace = setTimeout(() => hardStop.abort(), graceMs);
      await Promise.allSettled([...inFlight]);
      clearTimeout(grace);
      // Loops blocked on a full slot wake when a slot frees; the rest wake above.
      await Promise.allSettled(loops);
    },
  };
}
