import { createHash } from 'node:crypto';

/**
 * A stable id from the parts that make an event or signal what it is: the same parts give
 * the same id, so a replayed request or a concurrent duplicate is stored once (the store
 * keys on it). `prefix` is `evt` for tracking events, `sig` for signals, `msg` for their
 * outbox entries.
 */
export function toStableId(prefix: 'evt' | 'sig' | 'msg', parts: ReadonlyArray<string | number>): string {
  const hash = createHash('sha256');
  for (const part of parts) hash.update(`${String(part).length}:${part}|`);
  return `${prefix}_${hash.digest().subarray(0, 16).toString('base64url')}`;
}
