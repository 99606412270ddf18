import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { SQLITE_MIGRATIONS } from '../../src/store/sqlite/sqlite-migrations';
import { runLeadkitCli } from '../support/run-leadkit-cli';

/* `leadkit migrate [--config F]` (CONTRACT §6); on PostgreSQL see test/proxy/postgres-serve.test.ts. */

function writeConfig(store: string): { dir: string; path: string } {
  const dir = mkdtempSync(join(tmpdir(), 'leadkit-migrate-'));
  const path = join(dir, 'leadkit.config.json');
  writeFileSync(path, JSON.stringify({ store, backends: { inbox: { type: 'local' } }, forms: {} }));
  return { dir, path };
}

describe('leadkit migrate', () => {
  it('brings an SQLite store to the current schema and exits 0', async () => {
    const { dir, path } = writeConfig('sqlite:./data/leadkit.db');
    const run = await runLeadkitCli(['migrate', '--config', path]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('sqlite store');
    const db = new Database(join(dir, 'data/leadkit.db'), { readonly: true });
    const versions = db.prepare('SELECT version FROM schema_migrations ORDER BY version').all();
    db.close();
    expect(versions).toEqual(SQLITE_MIGRATIONS.map((m) => ({ version: m.version })));
  }, 30_000);

  it('exits 1 with one line when the database cannot be reached, never showing the password', async () => {
    const { path } = writeConfig('postgres://leadkit:s3cret-password@127.0.0.1:1/leadkit');
    const run = await runLeadkitCli(['migrate', '--config', path]);
    expect(run.code).toBe(1);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(run.stderr).toContain('leadkit migrate:');
    expect(run.stdout + run.stderr).not.toContain('s3cret-password');
  }, 30_000);

  it('refuses an unknown flag with exit 2', async () => {
    const run = await runLeadkitCli(['migrate', '--bogus']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('--bogus');
  }, 30_000);
});
