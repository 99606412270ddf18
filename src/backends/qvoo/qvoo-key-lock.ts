/** Runs tasks that share a key one after another; tasks with different keys run freely. */
export interface QvooKeyLock {
  run<T>(key: string, task: () => Promise<T>): Promise<T>;
}

/**
 * Check-duplicate followed by create is not atomic: two leads with the same phone number
 * delivered at once would both find nothing and both create. Within one proxy the backend
 * therefore delivers leads with the same duplicate key one at a time, so the second one
 * finds the first and updates it.
 */
export function createQvooKeyLock(): QvooKeyLock {
  const tails = new Map<string, Promise<unknown>>();
  return {
    async run(key, task) {
      const previous = tails.get(key) ?? Promise.resolve();
      const current = previous.then(task, task);
      const tail = current.catch(() => {});
      tails.set(key, tail);
      try {
        return await current;
      } finally {
        if (tails.get(key) === tail) tails.delete(key);
      }
    },
  };
}
