import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { createStore } from '../../store/create-store';
import type { Store } from '../../store/store';
import { DEFAULT_CONFIG } from '../config/default-config';
import { substituteEnv } from '../config/substitute-env';
import { ConfigError } from './load-cli-config';
import { UsageError } from './parse-cli-args';

/**
 * Opens (and migrates) the store the config names, for the inspection commands. Only
 * `store` is read: an operator looking at the outbox need not have every vendor secret in
 * the environment (`check-config` and `serve` validate the whole file).
 */
export async function openCliStore(
  configFlag: string | undefined,
  env: NodeJS.ProcessEnv = process.env,
): Promise<Store> {
  if (configFlag === '') throw new UsageError('--config needs a file path');
  const path = configFlag ?? (env.LEADKIT_CONFIG || null);
  let url: string = DEFAULT_CONFIG.store;
  let baseDir = process.cwd();
  if (path !== null) {
    let raw: { store?: unknown };
    try {
      raw = JSON.parse(readFileSync(path, 'utf8')) as { store?: unknown };
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      throw new ConfigError([
        code
          ? `${path}: cannot read the config file (${code === 'ENOENT' ? 'no such file' : code})`
          : `${path}: not valid JSON`,
      ]);
    }
    const problems: string[] = [];
    const store = substituteEnv(raw?.store ?? DEFAULT_CONFIG.store, env, problems, ['store']);
    if (problems.length) throw new ConfigError(problems);
    if (typeof store !== 'string')
      throw new ConfigError(['store: must be a string such as "sqlite:./.leadkit/leadkit.db"']);
    url = store;
    baseDir = dirname(resolve(path));
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
