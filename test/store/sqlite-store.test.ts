import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
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
