import { startServer } from '../serve';
import { getExposureWarning } from './get-exposure-warning';
import { loadCliConfig } from './load-cli-config';
import { parseCliArgs, UsageError } from './parse-cli-args';

export const SERVE_HELP = `Usage: leadkit serve [--config FILE] [--port N] [--host HOST]

Runs the proxy: lead intake, the outbox worker, /leadkit.js and, with no config, the demo
pages. Without --config (or LEADKIT_CONFIG) it runs the embedded default: an SQLite store
under ./.leadkit/, one local backend and the form "demo".

  --config FILE   leadkit.config.json to use
  --port N        port to listen on (default 8787; 0 picks a free one)
  --host HOST     address to listen on (default 127.0.0.1; any other than loopback
                  prints a warning naming what the network can reach)

A generated admin token is printed once, on the start that generates it; later starts
read it from the store and do not print it again.`;

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
  const host = values.host ?? '127.0.0.1';
  const running = await startServer(config, { port, host });
  const { proxy } = running;
  // Printed once, when generated: a banner repeated on every start ends up in log archives.
  const tokenLine = proxy.adminTokenGenerated
    ? `  admin token: ${proxy.adminToken}   (generated now and kept in the store; shown only this once — set adminToken in config to choose one)`
    : config.adminToken
      ? '  admin token: from config'
      : '  admin token: kept in the store (shown when it was generated; `leadkit admin-token rotate` makes a new one)';
  const lines = [
    `leadkit proxy listening on ${running.url}`,
    `  config: ${config.source ?? 'embedded default (no config file)'}`,
    `  store: ${config.store.replace(/\/\/[^@/]*@/, '//***@')}`,
    `  forms: ${Object.keys(config.forms).join(', ') || '(none)'}; backends: ${[...proxy.backends.values()].map((b) => `${b.name} (${b.type})`).join(', ') || '(none)'}`,
    tokenLine,
    config.demo
      ? `  demo: ${running.url}/   script: ${running.url}/leadkit.js`
      : `  script: ${running.url}/leadkit.js   (demo pages off; "demo": true in config serves them)`,
  ];
  const warning = getExposureWarning(host, config);
  if (warning) lines.push(warning);
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
