import type { DeliveryUpdate } from '../store';
import type { Queryable } from './postgres-db';

/** One `finishDelivery` call. */
export interface Finish {
  id: string;
  leaseToken: string;
  update: DeliveryUpdate;
  now: number;
}

/**
 * Ends leases in one statement, each fenced on its token: an entry whose lease was lost
 * (expired and taken by another worker, whose token it now holds) is left as it is, whatever
 * this late attempt learnt. Answers, in order, whether each lease was still held. The three
 * outcomes share one UPDATE: delivered and dead clear `next_attempt_at`, pending sets it, and
 * only a refunded attempt (a 429) gives one back.
 */
export async function finishDeliveries(q: Queryable, finishes: readonly Finish[]): Promise<boolean[]> {
  const { rows } = await q.query<{ id: string; token: string }>(
    `UPDATE deliveries d SET status = u.status, lease_until = NULL, lease_token = NULL,
       next_attempt_at = u.next_attempt_at, last_error = u.last_error,
       external_id = COALESCE(u.external_id, d.external_id), attempts = GREATEST(0, d.attempts - u.refund),
       updated_at = u.at
     FROM unnest($1::text[], $2::text[], $3::text[], $4::bigint[], $5::text[], $6::text[], $7::int[], $8::bigint[])
       AS u(id, token, status, next_attempt_at, last_error, external_id, refund, at)
     WHERE d.id = u.id AND d.lease_token = u.token AND d.status = 'in_flight'
     RETURNING d.id, u.token`,
    [
      finishes.map((f) => f.id),
      finishes.map((f) => f.leaseToken),
      finishes.map((f) => f.update.status),
      finishes.map((f) => (f.update.status === 'pending' ? f.update.nextAttemptAt : null)),
      finishes.map((f) => (f.update.status === 'delivered' ? (f.update.note ?? null) : f.update.lastError)),
      finishes.map((f) => (f.update.status === 'dead' ? null : (f.update.externalId ?? null))),
      finishes.map((f) => (f.update.status === 'pending' && f.update.refundAttempt ? 1 : 0)),
      finishes.map((f) => f.now),
    ],
  );
  const kept = new Set(rows.map((r) => `${r.id}\n${r.token}`));
  return finishes.map((f) => kept.has(`${f.id}\n${f.leaseToken}`));
}
