import { startServer } from '../serve';
import { loadCliConfig } from './load-cli-config';
import { parseCliArgs, UsageError } from './parse-cli-args';

export const SERVE_HELP = `Usage: leadkit serve [--config FILE] [--port N] [--host HOST]

Runs the proxy: lead intake, the outbox worker, /leadkit.js and, with no config, the demo
pages. Without --config (or LEADKIT_CONFIG) it runs the embedded default: an SQLite store
under ./.leadkit/, one local backend and the form "demo".

  --config FILE   leadkit.config.json to use
  --port N        port to listen on (default 8787; 0 picks a free one)
  --host HOST     address to listen on (default 127.0.0.1)`;

/** `leadkit serve`: runs until SIGTERM or SIGINT, then shuts down gracefully. */
export async function runServe(args: string[]): Promise<number> {
  const { values } = parseCliArgs(args, {
    config: { type: 'string' },
    port: { type: 'string' },
    host: { type: 'string' },
  });
  if (values.help) {
    console.log(SERVE_HELP);
    return 0;
  }
  const port = values.port === undefined ? Number(process.env.PORT ?? 8787) : Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new UsageError(`--port must be a number from 0 to 65535, not "${values.port}"`);
  const config = loadCliConfig(values.config);
  const running = await startServer(config, { port, host: values.host ?? '127.0.0.1' });
  const { proxy } = running;
  const lines = [
    `leadkit proxy listening on ${running.url}`,
    `  config: ${config.source ?? 'embedded default (no config file)'}`,
    `  store: ${config.store.replace(/\/\/[^@/]*@/, '//***@')}`,
    `  forms: ${Object.keys(config.forms).join(', ') || '(none)'}; backends: ${[...proxy.backends.values()].map((b) => `${b.name} (${b.type})`).join(', ') || '(none)'}`,
    proxy.adminTokenGenerated || !config.adminToken
      ? `  admin token: ${proxy.adminToken}   (generated and kept in the store; set adminToken in config to choose one)`
      : '  admin token: from config',
    `  demo: ${running.url}/   script: ${running.url}/leadkit.js`,
  ];
  process.stderr.write(`${lines.join('\n')}\n`);
  await new Promise<void>((resolve) => {
    const stop = (signal: string) => {
      process.stderr.write(
        `leadkit: ${signal} received, shutting down (finishing in-flight requests and deliveries)\n`,
      );
      running.shutdown().then(resolve, resolve);
    };
    process.once('SIGTERM', () => stop('SIGTERM'));
    process.once('SIGINT', () => stop('SIGINT'));
  });
  return 0;
}
