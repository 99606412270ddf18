import { createStore } from '../../store/create-store';
import type { Store } from '../../store/store';
import { loadCliConfig } from './load-cli-config';

/** Opens (and migrates) the store the config names, for the inspection commands. */
export async function openCliStore(configFlag: string | undefined): Promise<Store> {
  const config = loadCliConfig(configFlag);
  const store = createStore(config.store, { baseDir: config.baseDir });
  await store.migrate();
  return store;
}
