import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { ConfigError } from './load-cli-config';
import { UsageError } from './parse-cli-args';

/**
 * The config file the commands that read only part of it use (`--config`, else
 * `LEADKIT_CONFIG`), parsed but not validated, with the folder its relative paths start
 * from; null when neither names one (the embedded default applies).
 */
export function readConfigJson(
  configFlag: string | undefined,
  env: NodeJS.ProcessEnv = process.env,
): { path: string; baseDir: string; raw: Record<string, unknown> } | null {
  if (configFlag === '') throw new UsageError('--config needs a file path');
  const path = configFlag ?? (env.LEADKIT_CONFIG || null);
  if (path === null) return null;
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new ConfigError([
      code
        ? `${path}: cannot read the config file (${code === 'ENOENT' ? 'no such file' : code})`
        : `${path}: not valid JSON`,
    ]);
  }
  if (!raw || typeof raw !== 'object' || Array.isArray(raw))
    throw new ConfigError([`${path}: must be a JSON object`]);
  return { path, baseDir: dirname(resolve(path)), raw: raw as Record<string, unknown> };
}
