import { createBackend } from '../../backends/registry';
import { createLogger } from '../observability/create-logger';
import { loadCliConfig } from './load-cli-config';
import { parseCliArgs } from './parse-cli-args';

export const CHECK_CONFIG_HELP = `Usage: leadkit check-config [--config FILE] [--live]

Validates the config and lists every problem by its path. Exit 0 when it is fine, 2 when
it is not. With --live, also asks each backend whether its credentials and configured
values work, without creating data where the vendor allows (exit 1 when one fails).`;

/** `leadkit check-config`. */
export async function runCheckConfig(args: string[]): Promise<number> {
  const { values } = parseCliArgs(args, { config: { type: 'string' }, live: { type: 'boolean' } });
  if (values.help) {
    console.log(CHECK_CONFIG_HELP);
    return 0;
  }
  const config = loadCliConfig(values.config);
  const forms = Object.keys(config.forms);
  const backendNames = Object.keys(config.backends);
  console.log(
    `config ok: ${config.source ?? 'embedded default'} — ${forms.length} form(s), ${backendNames.length} backend(s)`,
  );
  if (!values.live) return 0;
  const memory = new Map<string, string>();
  const logger = createLogger({ level: 'silent' });
  let failed = 0;
  for (const [name, backendConfig] of Object.entries(config.backends)) {
    const backend = createBackend(name, backendConfig, {
      fetch: globalThis.fetch,
      now: () => new Date(),
      logger,
      state: {
        get: async (k) => memory.get(`${name}:${k}`) ?? null,
        set: async (k, v) => void memory.set(`${name}:${k}`, v),
      },
      leads: { markLocal: async () => {} },
    });
    if (!backend.check) {
      console.log(`${name} (${backend.type}): nothing to check live`);
      continue;
    }
    const results = await backend
      .check(AbortSignal.timeout(Math.max(15_000, backend.limits.timeoutMs * 3)))
      .catch((error: Error) => [{ ok: false, what: 'check ran', detail: error.message }]);
    for (const r of results) {
      if (!r.ok) failed++;
      console.log(
        `${name} (${backend.type}): ${r.ok ? 'ok  ' : 'FAIL'} ${r.what}${r.detail ? ` — ${r.detail}` : ''}`,
      );
    }
    await backend.close?.();
  }
  return failed ? 1 : 0;
}
