import { parseArgs } from 'node:util';

/** A usage problem: the CLI prints it on one line and exits 2. */
export class UsageError extends Error {}

type OptionSpec = Record<string, { type: 'string' | 'boolean'; short?: string }>;

/** Parses one command's flags strictly: an unknown flag or a missing value is a UsageError. */
export function parseCliArgs<T extends OptionSpec>(args: string[], options: T, allowPositionals = 0) {
  try {
    const parsed = parseArgs({
      args,
      options: { ...options, help: { type: 'boolean', short: 'h' } },
      allowPositionals: allowPositionals > 0,
      strict: true,
    });
    if (parsed.positionals.length > allowPositionals)
      throw new UsageError(`unexpected argument "${parsed.positionals[allowPositionals]}"`);
    return parsed;
  } catch (error) {
    if (error instanceof UsageError) throw error;
    const message = (error as Error).message.split('\n')[0] ?? 'bad arguments';
    throw new UsageError(message.replace(/^Unknown option '(.+)'.*$/, 'unknown flag $1'));
  }
}
