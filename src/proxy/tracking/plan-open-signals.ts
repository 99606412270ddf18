import { toStableId } from './to-stable-id';

/** Opens of one email this close to its last counted open are the same reading of it. */
export const OPEN_FOLD_MS = 5 * 60_000;

/** The signals one human or proxy open gives rise to. */
export interface OpenPlan {
  /** Whether this open counts as a distinct open (and is kept as `counted`). */
  counted: boolean;
  signals: Array<{ id: string; type: 'email_opened' | 'email_opened_3x' }>;
}

/**
 * Decides what a human or proxy open of one email by its lead means, from the times (ms) of
 * that email's earlier counted opens. An open within 5 minutes of the last counted one is
 * folded into it (a mail client re-rendering, a reader scrolling back). A distinct open
 * gives `email_opened`; the third gives `email_opened_3x` as well (seed 003 §9.1). Signal ids
 * derive from the email and the open's ordinal, so two racing opens that both think they
 * are the third still emit `email_opened_3x` once.
 */
export function planOpenSignals(input: {
  emailId: string;
  leadId: string;
  countedOpenTimes: readonly number[];
  now: number;
}): OpenPlan {
  const earlier = input.countedOpenTimes.filter((t) => t <= input.now);
  const last = earlier.length ? Math.max(...earlier) : null;
  if (last !== null && input.now - last < OPEN_FOLD_MS) return { counted: false, signals: [] };
  const ordinal = earlier.length + 1;
  const signals: OpenPlan['signals'] = [
    { id: toStableId('sig', [input.emailId, input.leadId, 'email_opened', ordinal]), type: 'email_opened' },
  ];
  if (ordinal === 3)
    signals.push({
      id: toStableId('sig', [input.emailId, input.leadId, 'email_opened_3x']),
      type: 'email_opened_3x',
    });
  return { counted: true, signals };
}
