import { createStore } from '../../store/create-store';
import type { Store } from '../../store/store';
import { DEFAULT_CONFIG } from '../config/default-config';
import { substituteEnv } from '../config/substitute-env';
import { ConfigError } from './load-cli-config';
import { readConfigJson } from './read-config-json';

/**
 * Opens (and migrates) the store the config names, for the inspection commands. Only
 * `store` is read: an operator looking at the outbox need not have every vendor secret in
 * the environment (`check-config` and `serve` validate the whole file).
 */
export async function openCliStore(
  configFlag: string | undefined,
  env: NodeJS.ProcessEnv = process.env,
): Promise<Store> {
  const file = readConfigJson(configFlag, env);
  let url: string = DEFAULT_CONFIG.store;
  let baseDir = process.cwd();
  if (file !== null) {
    const problems: string[] = [];
    const store = substituteEnv(file.raw.store ?? DEFAULT_CONFIG.store, env, problems, ['store']);
    if (problems.length) throw new ConfigError(problems);
    if (typeof store !== 'string')
      throw new ConfigError(['store: must be a string such as "sqlite:./.leadkit/leadkit.db"']);
    url = store;
    baseDir = file.baseDir;
  }
  const store = createStore(url, { baseDir });
  try {
    await store.migrate();
  } catch (error) {
    // A pool left open would keep the command from exiting.
    await store.close().catch(() => {});
    throw error;
  }
  return store;
}
