import { generateAdminToken } from '../security/generate-admin-token';
import { loadCliConfig } from './load-cli-config';
import { openCliStore } from './open-cli-store';
import { parseCliArgs, UsageError } from './parse-cli-args';

export const ADMIN_TOKEN_HELP = `Usage: leadkit admin-token rotate [--config FILE]

Makes a new admin token, keeps it in the store in place of the old one and prints it once.
The token a proxy generated is printed only on the start that generated it; this is how you
get one again. Restart "leadkit serve" to use it: the old token stops working then.
When the config sets adminToken, change it there instead.`;

/** `leadkit admin-token rotate`. */
export async function runAdminToken(args: string[]): Promise<number> {
  const [sub, ...rest] = args;
  if (!sub || sub === '--help' || sub === '-h') {
    console.log(ADMIN_TOKEN_HELP);
    return sub ? 0 : 2;
  }
  if (sub !== 'rotate') throw new UsageError(`unknown subcommand "${sub}"`);
  const { values } = parseCliArgs(rest, { config: { type: 'string' } });
  if (values.help) {
    console.log(ADMIN_TOKEN_HELP);
    return 0;
  }
  // The whole config is checked, as `serve` would: a token rotated for a config that cannot
  // start helps nobody, and one set in the config would win over the stored one.
  const config = loadCliConfig(values.config);
  if (config.adminToken) {
    console.error(
      'leadkit admin-token: the config sets adminToken, which wins over the store; change it there.',
    );
    return 2;
  }
  const store = await openCliStore(values.config);
  try {
    const token = generateAdminToken();
    await store.setSetting('adminToken', token);
    console.log(`admin token: ${token}`);
    console.error('kept in the store and shown only this once; restart leadkit serve to use it.');
    return 0;
  } finally {
    await store.close();
  }
}
