/** Runs tasks that share a key one after another, in the order they were asked for. */
export type KeyOrder = <T>(key: string, task: () => Promise<T>) => Promise<T>;

/**
 * Writes under one idempotency key, within this instance, in arrival order: a double
 * submission to one instance is answered "created" then "existing" as it arrived (as the
 * SQLite store's single writer does), and the second waits here instead of holding a pooled
 * connection while PostgreSQL makes it wait on the first one's row. Across instances the
 * unique key decides, as it must; this only orders what one process sees.
 */
export function createKeyOrder(): KeyOrder {
  const tails = new Map<string, Promise<unknown>>();
  return <T>(key: string, task: () => Promise<T>): Promise<T> => {
    const previous = tails.get(key) ?? Promise.resolve();
    const result = previous.then(task);
    const tail = result.then(
      () => {},
      () => {},
    );
    tails.set(key, tail);
    void tail.then(() => {
      if (tails.get(key) === tail) tails.delete(key);
    });
    return result;
  };
}
