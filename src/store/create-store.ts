import { resolve } from 'node:path';
import { createPostgresStore } from './postgres/postgres-store';
import { createSqliteStore } from './sqlite/sqlite-store';
import type { Store } from './store';

/**
 * Opens the store a `store` URL names: `sqlite:<path>` (relative to `baseDir`),
 * `sqlite::memory:`, or `postgres://…` / `postgresql://…` for several instances on one
 * database (`?pool_size=N` sets the pool per instance; docs/postgres.md).
 */
export function createStore(
  url: string,
  options: {
    baseDir?: string;
    commitMode?: 'group' | 'each';
    /** Told about store errors nobody awaits (PostgreSQL: a dropped idle connection, a failed NOTIFY). */
    onError?: (error: Error, context: string) => void;
  } = {},
): Store {
  if (url.startsWith('sqlite:')) {
    const path = url.slice('sqlite:'.length);
    return createSqliteStore({
      path: path === ':memory:' ? path : resolve(options.baseDir ?? process.cwd(), path),
      commitMode: options.commitMode,
    });
  }
  if (/^postgres(ql)?:\/\//.test(url)) return createPostgresStore({ url, onError: options.onError });
  throw new Error('store: must be "sqlite:<path>" or a postgres:// URL');
}
