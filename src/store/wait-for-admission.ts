import type { RateGate, RateGateRequest, RateTicket } from './rate-gate';

export interface WaitForAdmissionOptions {
  /**
   * The longest sleep between two attempts (default 1 s): bounds how late a slot that
   * another instance released early is noticed. The gate's `retryInMs` is the soonest a
   * slot can free, so most waits end on it exactly.
   */
  maxSleepMs?: number;
  /** The sleep after the gate failed (its database unreachable), before trying again. */
  errorSleepMs?: number;
}

/**
 * Waits until `gate` admits one call under `request`, trying again when it says a slot may
 * free (plus a little jitter, so instances waiting on one key do not all ask at the same
 * millisecond). Resolves null when `signal` aborts; an admission that arrives after the
 * abort is released. A gate that fails is asked again after `errorSleepMs`: without it
 * nothing may be sent, since the count cannot be kept.
 *
 * @example
 * const ticket = await waitForAdmission(gate, request, attempt.signal);
 * if (ticket) try { await send(); } finally { await ticket.settle(); }
 */
export async function waitForAdmission(
  gate: RateGate,
  request: RateGateRequest,
  signal?: AbortSignal,
  options: WaitForAdmissionOptions = {},
): Promise<RateTicket | null> {
  const maxSleepMs = options.maxSleepMs ?? 1000;
  const errorSleepMs = options.errorSleepMs ?? 500;
  for (;;) {
    if (signal?.aborted) return null;
    let sleepMs: number;
    try {
      const { tickets, retryInMs } = await gate.tryAdmit(request);
      const [ticket] = tickets;
      if (ticket) {
        if (!signal?.aborted) return ticket;
        await ticket.release();
        return null;
      }
      sleepMs = Math.min(maxSleepMs, Math.max(1, Math.ceil(retryInMs)));
    } catch {
      // The gate logs its own failures; here it only costs time.
      sleepMs = errorSleepMs;
    }
    const jitterMs = Math.random() * Math.min(20, 1 + sleepMs * 0.05);
    if (!(await sleep(sleepMs + jitterMs, signal))) return null;
  }
}

/** Resolves true after `ms`, false as soon as `signal` aborts. */
function sleep(ms: number, signal: AbortSignal | undefined): Promise<boolean> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve(false);
    const onAbort = (): void => {
      clearTimeout(timer);
      resolve(false);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve(true);
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
