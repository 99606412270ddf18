/**
 * The `@leadkit/proxy` entry (dist/index.js in the package): the proxy inside another server,
 * a Next.js or Vercel route, or a test. The public names are exported by name and pinned by
 * src/proxy/index.test.ts.
 *
 * @example
 * import { createServer } from 'node:http';
 * import { getRequestListener } from '@hono/node-server';
 * import { createProxy, loadConfig } from '@leadkit/proxy';
 *
 * const result = loadConfig('leadkit.config.json');
 * if (!result.ok) throw new Error(result.problems.join('\n'));
 * const proxy = await createProxy(result.config);
 * createServer(getRequestListener(proxy.fetch)).listen(8787);
 * process.once('SIGTERM', () => proxy.close());
 */
import type * as z from 'zod/mini';
import type { configFileSchema } from './config/config-schema';
import {
  type ConfigResult,
  loadConfig as loadConfigFile,
  parseConfig,
  type ResolvedConfig,
} from './config/load-config';
import { createProxy as createCheckedProxy, type LeadkitProxy, type ProxyOptions } from './create-proxy';

/** Thrown by `createProxy` for a config with problems: each one names its path, as `leadkit check-config` prints them. */
export class ConfigProblemsError extends Error {
  constructor(readonly problems: string[]) {
    super(
      `leadkit config has ${problems.length} problem${problems.length === 1 ? '' : 's'}:\n  ${problems.join('\n  ')}`,
    );
    this.name = 'ConfigProblemsError';
  }
}

/** A config object of `leadkit.config.json`'s shape (keys with a default may be left out). */
export type ConfigFile = z.input<typeof configFileSchema>;

const checked = new WeakSet<ResolvedConfig>();

/**
 * Reads and checks `leadkit.config.json` as `leadkit serve` does (`null`: the embedded default
 * with the demo form). `${ENV}` strings are taken from `env`. Never throws: a problem is a
 * result with every problem by path.
 */
export function loadConfig(
  path: string | null,
  env: Record<string, string | undefined> = process.env,
): ConfigResult {
  const result = loadConfigFile(path, env);
  if (result.ok) checked.add(result.config);
  return result;
}

/**
 * Builds the proxy: `fetch` is the web-standard `(Request) => Response` handler, `close()`
 * stops the outbox after its in-flight deliveries and closes the store. `config` is what
 * `loadConfig` returned, or a config object of the file's shape, checked here the same way
 * (`${ENV}` from `process.env`, relative paths from the working directory).
 *
 * @throws {ConfigProblemsError} when the config has problems.
 */
export async function createProxy(
  config: ResolvedConfig | ConfigFile,
  options: ProxyOptions = {},
): Promise<LeadkitProxy> {
  if (checked.has(config as ResolvedConfig)) return createCheckedProxy(config as ResolvedConfig, options);
  const result = parseConfig(config, process.env, { source: null, baseDir: process.cwd() });
  if (!result.ok) throw new ConfigProblemsError(result.problems);
  checked.add(result.config);
  return createCheckedProxy(result.config, options);
}

export type { ConfigResult, LeadkitProxy, ProxyOptions, ResolvedConfig };
