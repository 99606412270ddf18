import type { Database } from 'better-sqlite3';

/**
 * Group commit for SQLite: writes queued in the same event-loop turn run in one
 * `BEGIN IMMEDIATE` transaction — one WAL fsync for many requests — and each caller gets
 * its own result. If the shared transaction fails, each write is retried in a transaction
 * of its own, so one bad write never fails its neighbours. With `mode: 'each'` every write
 * commits on its own (the benchmark's baseline).
 */
export interface WriteBatcher {
  run<T>(write: () => T): Promise<T>;
  /** Commits what is queued now (before closing). */
  flush(): void;
}

export function createWriteBatcher(db: Database, mode: 'group' | 'each'): WriteBatcher {
  type Item = { write: () => unknown; resolve: (value: unknown) => void; reject: (error: unknown) => void };
  let queue: Item[] = [];

  function runAlone(item: Item) {
    try {
      item.resolve(db.transaction(item.write).immediate());
    } catch (error) {
      item.reject(error);
    }
  }

  function flush() {
    const batch = queue;
    queue = [];
    if (!batch.length) return;
    let results: unknown[];
    try {
      results = db.transaction(() => batch.map((item) => item.write())).immediate();
    } catch {
      for (const item of batch) runAlone(item);
      return;
    }
    for (const [i, item] of batch.entries()) item.resolve(results[i]);
  }

  return {
    run<T>(write: () => T): Promise<T> {
      return new Promise<T>((resolve, reject) => {
        const item: Item = { write, resolve: resolve as (value: unknown) => void, reject };
        if (mode === 'each') return runAlone(item);
        queue.push(item);
        if (queue.length === 1) setImmediate(flush);
      });
    },
    flush,
  };
}
