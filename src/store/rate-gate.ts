/**
 * One limit a gate keeps: at most `count` admissions for `key` in any window of `windowMs`.
 */
export interface RateGateRequest {
  /**
   * Which limit. Admissions under one key share it wherever they come from (several backends
   * on one vendor key, several proxy instances on one database). Never a secret: callers
   * hash credentials into it (`toRequestRateKey`), because a shared gate stores it.
   */
  key: string;
  count: number;
  /** The window, clock margin included (`withClockMargin`). */
  windowMs: number;
  /**
   * How long an admission that is never settled stays in flight: a holder that crashed
   * frees its slot after this. Make it longer than the call can run (its timeout) plus a
   * window, so the vendor's count of the lost call has run out by then.
   */
  holdMs: number;
}

/** One admission: a slot of the key's ring, held until settled or released. */
export interface RateTicket {
  /**
   * The answer (or the failure) is in: the slot stays taken until a window after now, on
   * the gate's clock. Later calls change nothing. Never rejects; a settle that cannot be
   * written leaves the slot in flight until its hold ends, which only errs on the safe side.
   */
  settle(): Promise<void>;
  /** Nothing was sent after all: the slot is free again at once. Never rejects, like `settle`. */
  release(): Promise<void>;
}

/** What one `tryAdmit` got. */
export interface RateAdmission {
  /** Between 0 and the `max` asked for. */
  tickets: RateTicket[];
  /**
   * When fewer than `max` were admitted: how long before a slot can free at the soonest
   * (a settled slot's window end, or for one in flight the earlier of its hold and a window
   * from now). 0 or less means a slot may be free already (taken by a concurrent caller, or
   * more were free than asked for).
   */
  retryInMs: number;
}

/**
 * Admits calls under a rate as an exact sliding log: each key has a ring of `count` slots;
 * an admission takes a free slot (in flight, with an expiry), `settle` starts the slot's
 * window at the answer, so every slot is reused at least a window after the vendor can have
 * counted the call it held, and no window ever holds more than `count`. A token bucket or
 * GCRA with a burst of `count` would let up to 2·count−1 through in one window.
 *
 * The outbox (deliveries per backend) and the backends' request limiters (requests per
 * vendor key) share one gate. Implementations: in memory for one process
 * (`createMemoryRateGate`, the default) and PostgreSQL for several instances on one database
 * (`createPostgresRateGate`: one atomic statement per admission, on the database clock).
 * A store supplies its gate as `Store.rateGate`.
 */
export interface RateGate {
  /** One attempt to admit up to `max` calls (default 1), all at once; never waits. */
  tryAdmit(request: RateGateRequest, max?: number): Promise<RateAdmission>;
}

/**
 * A window with a few ms for clock granularity between our clock and the vendor's: 1 % of
 * it, at least 5 ms and at most 100 ms.
 */
export function withClockMargin(windowMs: number): number {
  return windowMs + Math.min(100, Math.max(5, Math.round(windowMs * 0.01)));
}
