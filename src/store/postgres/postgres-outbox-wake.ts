import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import type { PostgresDb } from './postgres-db';

/** The one channel every leadkit instance of a database listens on; the payload names the schema. */
export const OUTBOX_CHANNEL = 'leadkit_outbox';

/** What one NOTIFY says: from which schema and instance, for which backends. */
interface WakePayload {
  s: string;
  i: string;
  b: string[];
}

export interface OutboxWake {
  /** Notes that a committed write enqueued entries for these backends (sent debounced). */
  enqueued(backends: Iterable<string>): void;
  /** See `Store.watchOutbox`. */
  watch(onEnqueued: (backends: readonly string[] | null) => void): () => void;
  /** Sends what is pending and stops listening. */
  close(): Promise<void>;
}

export interface OutboxWakeOptions {
  /** How long enqueued backends gather before one NOTIFY goes out (default 25 ms). */
  debounceMs?: number;
  /** First wait before listening again after the connection was lost; doubles to 30 s. */
  reconnectMs?: number;
}

/**
 * Wakes the outbox workers of the other instances sharing the database. A write that
 * enqueues entries adds their backends to a set; at most one NOTIFY per `debounceMs` goes
 * out, from the app after the commit, never one per row from a trigger (NOTIFY takes a
 * database-wide lock at commit: one per transaction serialises the intake). Each instance
 * LISTENs on one dedicated connection, reconnecting with backoff after it is lost, and after
 * a reconnect wakes every backend (a notice may have been missed meanwhile). All of it is a
 * hint: the workers still poll, so a lost notice only costs the poll interval.
 */
export function createOutboxWake(db: PostgresDb, options: OutboxWakeOptions = {}): OutboxWake {
  const instance = randomUUID();
  const debounceMs = options.debounceMs ?? 25;
  const firstReconnectMs = options.reconnectMs ?? 500;
  const pending = new Set<string>();
  let timer: NodeJS.Timeout | undefined;
  let sending: Promise<void> = Promise.resolve();
  let closed = false;

  const listeners = new Set<(backends: readonly string[] | null) => void>();
  let listener: Client | undefined;
  let schema: string | undefined;
  let reconnectTimer: NodeJS.Timeout | undefined;
  let reconnectMs = firstReconnectMs;

  function send() {
    timer = undefined;
    if (!pending.size) return;
    const backends = [...pending];
    pending.clear();
    // current_schema() is the pool's, so a listener in another schema of the same database
    // can tell the notice is not for it.
    sending = db
      .query(
        "SELECT pg_notify($1, json_build_object('s', current_schema(), 'i', $2::text, 'b', $3::text[])::text)",
        [OUTBOX_CHANNEL, instance, backends],
      )
      .then(
        () => {},
        (error: Error) => db.reportError(error, 'outbox NOTIFY failed (workers still poll)'),
      );
  }

  function notifyAll(backends: readonly string[] | null) {
    for (const fn of listeners) fn(backends);
  }

  function onNotification(message: { channel: string; payload?: string }) {
    if (message.channel !== OUTBOX_CHANNEL || !message.payload) return;
    let payload: WakePayload;
    try {
      payload = JSON.parse(message.payload) as WakePayload;
    } catch {
      return;
    }
    if (payload.s !== schema || payload.i === instance || !Array.isArray(payload.b)) return;
    notifyAll(payload.b.filter((b): b is string => typeof b === 'string'));
  }

  function scheduleReconnect() {
    if (closed || !listeners.size || reconnectTimer) return;
    reconnectTimer = setTimeout(() => {
      reconnectTimer = undefined;
      void listen(true);
    }, reconnectMs);
    reconnectMs = Math.min(30_000, reconnectMs * 2);
  }

  async function listen(again: boolean) {
    const client = new Client(
      db.clientConfig({ application_name: `${db.clientConfig().application_name ?? 'leadkit'} listen` }),
    );
    listener = client;
    let lost = false;
    const onLost = (error?: Error) => {
      if (lost) return;
      lost = true;
      if (listener === client) listener = undefined;
      if (error && !closed) db.reportError(error, 'outbox LISTEN connection lost; reconnecting');
      client.end().catch(() => {});
      scheduleReconnect();
    };
    client.on('error', onLost);
    client.on('end', () => onLost());
    client.on('notification', onNotification);
    try {
      await client.connect();
      const { rows } = await client.query<{ schema: string }>('SELECT current_schema() AS schema');
      schema = rows[0]?.schema;
      await client.query(`LISTEN ${OUTBOX_CHANNEL}`);
      reconnectMs = firstReconnectMs;
      if (closed || !listeners.size) await client.end();
      else if (again) notifyAll(null);
    } catch (error) {
      onLost(error as Error);
    }
  }

  return {
    enqueued(backends) {
      if (closed) return;
      for (const backend of backends) pending.add(backend);
      if (pending.size && !timer) timer = setTimeout(send, debounceMs);
    },
    watch(onEnqueued) {
      listeners.add(onEnqueued);
      if (listeners.size === 1 && !listener && !reconnectTimer && !closed) void listen(false);
      return () => {
        listeners.delete(onEnqueued);
        if (listeners.size) return;
        clearTimeout(reconnectTimer);
        reconnectTimer = undefined;
        const client = listener;
        listener = undefined;
        client?.end().catch(() => {});
      };
    },
    async close() {
      closed = true;
      if (timer) {
        clearTimeout(timer);
        send();
      }
      await sending;
      listeners.clear();
      clearTimeout(reconnectTimer);
      const client = listener;
      listener = undefined;
      await client?.end().catch(() => {});
    },
  };
}
