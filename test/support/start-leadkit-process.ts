import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';

/** The `leadkit` command as users run it (TypeScript through tsx's loader; no build step). */
export const LEADKIT_BIN = join(import.meta.dirname, '../../src/proxy/bin/leadkit.mjs');

/** A `leadkit serve` child process and the URL it listens on. */
export interface LeadkitProcess {
  process: ChildProcess;
  url: string;
  /** Everything the proxy wrote to stderr so far (its start-up banner and warnings). */
  stderr(): string;
  /** Resolves when the process has exited (at once if it already has). */
  exited(): Promise<void>;
}

/**
 * Starts `leadkit serve --config <configPath> --port 0` as a child process and resolves
 * once it prints its listening URL. SIGKILL it to simulate a crash: no shutdown hook runs.
 */
export async function startLeadkitProcess(
  configPath: string,
  env: Record<string, string> = {},
): Promise<LeadkitProcess> {
  const child = spawn(process.execPath, [LEADKIT_BIN, 'serve', '--config', configPath, '--port', '0'], {
    stdio: ['ignore', 'ignore', 'pipe'],
    env: { ...process.env, ...env },
  });
  let err = '';
  const exit = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.stderr?.on('data', (chunk: Buffer) => {
    err += chunk.toString();
  });
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`proxy did not start: ${err}`)), 20_000);
    const onData = () => {
      const match = /listening on (http:\/\/\S+)/.exec(err);
      if (match) {
        clearTimeout(timer);
        child.stderr?.off('data', onData);
        resolve(match[1] as string);
      }
    };
    child.stderr?.on('data', onData);
    void exit.then(() => {
      clearTimeout(timer);
      reject(new Error(`proxy exited ${child.exitCode}: ${err}`));
    });
  });
  return {
    process: child,
    url,
    stderr: () => err,
    exited: () => exit,
  };
}
