import { describe, expect, it } from 'vitest';
import { createPostgresWriteBatcher } from './postgres-write-batcher';

/** A fake database: records each statement, fails any batch holding a "bad" item. */
function fakeWrites(delayMs = 5) {
  const statements: string[][] = [];
  let running = 0;
  let mostAtOnce = 0;
  async function statement(items: string[]) {
    statements.push(items);
    running++;
    mostAtOnce = Math.max(mostAtOnce, running);
    await new Promise((r) => setTimeout(r, delayMs));
    running--;
    if (items.includes('bad')) throw new Error('unique violation');
    return items.map((item) => `ok:${item}`);
  }
  return {
    statements,
    mostAtOnce: () => mostAtOnce,
    writeMany: statement,
    writeOne: async (item: string) => (await statement([item]))[0] as string,
  };
}

describe('createPostgresWriteBatcher', () => {
  it('writes what arrives in one turn as one statement, each caller getting its own answer', async () => {
    const db = fakeWrites();
    const batcher = createPostgresWriteBatcher({ ...db, maxInFlight: 2 });
    const answers = await Promise.all(['a', 'b', 'c'].map((item) => batcher.write(item)));
    expect(answers).toEqual(['ok:a', 'ok:b', 'ok:c']);
    expect(db.statements).toEqual([['a', 'b', 'c']]);
  });

  it('retries a failed statement item by item, so only the bad item fails', async () => {
    const db = fakeWrites();
    const batcher = createPostgresWriteBatcher({ ...db, maxInFlight: 2 });
    const answers = await Promise.allSettled(['a', 'bad', 'c'].map((item) => batcher.write(item)));
    expect(answers.map((a) => (a.status === 'fulfilled' ? a.value : (a.reason as Error).message))).toEqual([
      'ok:a',
      'unique violation',
      'ok:c',
    ]);
    expect(db.statements.slice(1).sort()).toEqual([['a'], ['bad'], ['c']]);
  });

  it('runs at most maxInFlight statements; what arrives meanwhile gathers into the next', async () => {
    const db = fakeWrites(20);
    const batcher = createPostgresWriteBatcher({ ...db, maxInFlight: 1, maxBatch: 100 });
    const first = batcher.write('a');
    await new Promise((r) => setImmediate(r));
    const later = ['b', 'c', 'd'].map((item) => batcher.write(item));
    await new Promise((r) => setTimeout(r, 1));
    const last = batcher.write('e');
    await Promise.all([first, ...later, last]);
    expect(db.mostAtOnce()).toBe(1);
    expect(db.statements).toEqual([['a'], ['b', 'c', 'd', 'e']]);
  });

  it('splits a crowd into batches of maxBatch, and drain waits for all of them', async () => {
    const db = fakeWrites();
    const batcher = createPostgresWriteBatcher({ ...db, maxInFlight: 2, maxBatch: 4 });
    const items = Array.from({ length: 10 }, (_, i) => `i${i}`);
    const writes = items.map((item) => batcher.write(item));
    await batcher.drain();
    expect(db.statements.map((s) => s.length)).toEqual([4, 4, 2]);
    expect(await Promise.all(writes)).toEqual(items.map((i) => `ok:${i}`));
  });
});
