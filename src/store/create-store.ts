import { resolve } from 'node:path';
import { createSqliteStore } from './sqlite/sqlite-store';
import type { Store } from './store';

/**
 * Opens the store a `store` URL names: `sqlite:<path>` (relative to `baseDir`) or
 * `sqlite::memory:`. `postgres://` arrives with the PostgreSQL issue.
 */
export function createStore(
  url: string,
  options: { baseDir?: string; commitMode?: 'group' | 'each' } = {},
): Store {
  if (url.startsWith('sqlite:')) {
    const path = url.slice('sqlite:'.length);
    return createSqliteStore({
      path: path === ':memory:' ? path : resolve(options.baseDir ?? process.cwd(), path),
      commitMode: options.commitMode,
    });
  }
  if (/^postgres(ql)?:\/\//.test(url)) {
    throw new Error('store: postgres:// is not available in this version yet; use sqlite:<path>');
  }
  throw new Error('store: must be "sqlite:<path>" or a postgres:// URL');
}
