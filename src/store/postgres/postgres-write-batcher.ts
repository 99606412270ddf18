/** Group commit for PostgreSQL writes of one kind: see `createPostgresWriteBatcher`. */
export interface PostgresWriteBatcher<I, O> {
  write(item: I): Promise<O>;
  /** Resolves once every item handed in so far is written or failed. */
  drain(): Promise<void>;
}

interface Item<I, O> {
  input: I;
  resolve: (output: O) => void;
  reject: (error: unknown) => void;
}

/**
 * Writes the items that arrive together in one statement, so one commit (one WAL flush)
 * carries many, as the SQLite store's group commit does: the items of one event-loop turn go
 * out at once, and while `maxInFlight` statements run, newcomers gather for the next. Each
 * caller still gets its own answer (`writeMany` answers in order), and a statement that
 * fails is retried item by item with `writeOne`, so one bad item never fails its
 * neighbours. As durable as a commit per item: nobody hears back before the commit that
 * holds their write.
 */
export function createPostgresWriteBatcher<I, O>(options: {
  writeMany(items: I[]): Promise<O[]>;
  writeOne(item: I): Promise<O>;
  maxInFlight: number;
  maxBatch?: number;
}): PostgresWriteBatcher<I, O> {
  const maxBatch = options.maxBatch ?? 500;
  let queue: Item<I, O>[] = [];
  let inFlight = 0;
  let scheduled = false;
  const running = new Set<Promise<void>>();

  async function write(batch: Item<I, O>[]) {
    if (batch.length === 1) {
      const [item] = batch as [Item<I, O>];
      await options.writeOne(item.input).then(item.resolve, item.reject);
      return;
    }
    let outputs: O[];
    try {
      outputs = await options.writeMany(batch.map((item) => item.input));
    } catch {
      await Promise.all(batch.map((item) => options.writeOne(item.input).then(item.resolve, item.reject)));
      return;
    }
    for (const [i, item] of batch.entries()) item.resolve(outputs[i] as O);
  }

  function flush() {
    scheduled = false;
    while (queue.length && inFlight < options.maxInFlight) {
      const batch = queue.slice(0, maxBatch);
      queue = queue.slice(maxBatch);
      inFlight++;
      const run = write(batch).finally(() => {
        inFlight--;
        running.delete(run);
        flush();
      });
      running.add(run);
    }
  }

  return {
    write(input) {
      return new Promise<O>((resolve, reject) => {
        queue.push({ input, resolve, reject });
        if (!scheduled) {
          scheduled = true;
          setImmediate(flush);
        }
      });
    },
    async drain() {
      while (queue.length || running.size) {
        flush();
        await Promise.allSettled([...running]);
      }
    },
  };
}
