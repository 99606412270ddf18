import { openCliStore } from './open-cli-store';
import { parseCliArgs } from './parse-cli-args';

export const MIGRATE_HELP = `Usage: leadkit migrate [--config FILE]

Applies the store's pending schema migrations, then exits. \`leadkit serve\` migrates on start
too; run this first to upgrade the schema once, before rolling out new instances. On
PostgreSQL the migrations run under an advisory lock: several at once apply each migration
once, the others wait. Only the config's "store" is read.

  --config FILE   leadkit.config.json to use (else LEADKIT_CONFIG, else the embedded default)`;

/** `leadkit migrate`: exit 0 once the schema is current. */
export async function runMigrate(args: string[]): Promise<number> {
  const { values } = parseCliArgs(args, { config: { type: 'string' } });
  if (values.help) {
    console.log(MIGRATE_HELP);
    return 0;
  }
  const store = await openCliStore(values.config);
  await store.close();
  console.log(`leadkit migrate: the ${store.dialect} store's schema is up to date`);
  return 0;
}
