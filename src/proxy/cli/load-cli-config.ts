import { loadConfig, type ResolvedConfig } from '../config/load-config';
import { UsageError } from './parse-cli-args';

/** Exit 2 with the list of problems: what `check-config` prints and what every command refuses to start with. */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`config has ${problems.length} problem${problems.length === 1 ? '' : 's'}`);
  }
}

/** The config from `--config`, else `LEADKIT_CONFIG`, else the embedded default. */
export function loadCliConfig(
  flag: string | undefined,
  env: NodeJS.ProcessEnv = process.env,
): ResolvedConfig {
  if (flag === '') throw new UsageError('--config needs a file path');
  const path = flag ?? (env.LEADKIT_CONFIG || null);
  const result = loadConfig(path, env);
  if (!result.ok) throw new ConfigError(result.problems);
  return result.config;
}
