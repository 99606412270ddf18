import { ADMIN_TOKEN_HELP, runAdminToken } from './admin-token-command';
import { CHECK_CONFIG_HELP, runCheckConfig } from './check-config-command';
import { LEADS_HELP, runLeads } from './leads-command';
import { ConfigError } from './load-cli-config';
import { MIGRATE_HELP, runMigrate } from './migrate-command';
import { OUTBOX_HELP, runOutbox } from './outbox-command';
import { UsageError } from './parse-cli-args';
import { runServe, SERVE_HELP } from './serve-command';
import { runSignals, SIGNALS_HELP } from './signals-command';
import { runStore, STORE_HELP } from './store-command';
import { runTrack, TRACK_LINK_HELP, TRACK_PIXEL_HELP } from './track-command';

const HELP = `Usage: leadkit <command> [options]

Commands:
  serve          run the proxy (default 127.0.0.1:8787)
  check-config   validate leadkit.config.json (--live: ask each backend)
  outbox         list or retry deliveries
  leads          list or export leads (local backend)
  admin-token    make a new admin token (rotate)
  track-link     print a signed click link for a lead
  track-pixel    print a signed open-pixel URL for a lead
  signals        list intent signals (local store)
  migrate        apply the store's schema migrations and exit
  store copy     move an SQLite installation to PostgreSQL

Run "leadkit <command> --help" for a command's options.
Exit codes: 0 success, 1 runtime failure, 2 bad usage or config.`;

const COMMANDS: Record<string, { run: (args: string[]) => Promise<number>; help: string }> = {
  serve: { run: runServe, help: SERVE_HELP },
  'check-config': { run: runCheckConfig, help: CHECK_CONFIG_HELP },
  outbox: { run: runOutbox, help: OUTBOX_HELP },
  leads: { run: runLeads, help: LEADS_HELP },
  'admin-token': { run: runAdminToken, help: ADMIN_TOKEN_HELP },
  'track-link': { run: (args) => runTrack('link', args), help: TRACK_LINK_HELP },
  'track-pixel': { run: (args) => runTrack('pixel', args), help: TRACK_PIXEL_HELP },
  signals: { run: runSignals, help: SIGNALS_HELP },
  migrate: { run: runMigrate, help: MIGRATE_HELP },
  store: { run: runStore, help: STORE_HELP },
};

/** Runs the CLI and returns its exit code; errors become one clear line on stderr. */
export async function runCli(argv: string[]): Promise<number> {
  const [name, ...args] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    console.log(HELP);
    return name ? 0 : 2;
  }
  const command = COMMANDS[name];
  if (!command) {
    console.error(`leadkit: unknown command "${name}". Run "leadkit --help".`);
    return 2;
  }
  try {
    return await command.run(args);
  } catch (error) {
    if (error instanceof UsageError) {
      console.error(`leadkit ${name}: ${error.message}. Run "leadkit ${name} --help".`);
      return 2;
    }
    if (error instanceof ConfigError) {
      console.error(`leadkit: ${error.message}:`);
      for (const problem of error.problems) console.error(`  ${problem}`);
      return 2;
    }
    console.error(`leadkit ${name}: ${(error as Error).message}`);
    return 1;
  }
}
