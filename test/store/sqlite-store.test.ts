import { chmodSync, existsSync, mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createSqliteStore } from '../../src/store/sqlite/sqlite-store';
import { describeStoreSuite } from './store-suite';

describeStoreSuite('sqlite (group commit)', async () =>
  createSqliteStore({ path: join(mkdtempSync(join(tmpdir(), 'leadkit-store-')), 'leadkit.db') }),
);
describeStoreSuite('sqlite (commit per request)', async () =>
  createSqliteStore({
    path: join(mkdtempSync(join(tmpdir(), 'leadkit-store-')), 'leadkit.db'),
    commitMode: 'each',
  }),
);

describe('sqlite files at rest', () => {
  const mode = (path: string) => statSync(path).mode & 0o777;

  it('creates its folder 0700 and the database, -wal and -shm 0600, whatever the umask', async () => {
    const base = mkdtempSync(join(tmpdir(), 'leadkit-perm-'));
    chmodSync(base, 0o755);
    const previous = process.umask(0o022);
    try {
      const dir = join(base, '.leadkit');
      const path = join(dir, 'leadkit.db');
      const store = createSqliteStore({ path });
      await store.migrate();
      await store.getOrCreateSetting('adminToken', () => 'a-secret-admin-token-value');
      expect(mode(dir)).toBe(0o700);
      for (const file of [path, `${path}-wal`, `${path}-shm`]) {
        expect(existsSync(file), file).toBe(true);
        expect(mode(file), file).toBe(0o600);
      }
      await store.close();
      // A folder the store did not create (here the user's own) keeps its mode.
      expect(mode(base)).toBe(0o755);
    } finally {
      process.umask(previous);
    }
  });

  it('tightens a database file an earlier version left readable to others', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'leadkit-perm-'));
    const path = join(dir, 'leadkit.db');
    const first = createSqliteStore({ path });
    await first.migrate();
    await first.close();
    chmodSync(path, 0o644);
    const again = createSqliteStore({ path });
    await again.migrate();
    await again.getOrCreateSetting('secret', () => 'another-secret-value-0123');
    expect(mode(path)).toBe(0o600);
    expect(mode(`${path}-wal`)).toBe(0o600);
    await again.close();
  });
});
