import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';

export interface BenchServer {
  url: string;
  child: ChildProcess;
  /** Asks the child for a value over IPC (`rss`, `stats`). */
  ask<T>(what: string): Promise<T>;
  stop(): Promise<void>;
}

/** Runs a bench server in its own process (so the load generator does not share its event loop). */
export async function spawnBenchServer(
  script: string,
  args: string[] = [],
  env: Record<string, string> = {},
): Promise<BenchServer> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', join(import.meta.dirname, 'servers', script), ...args],
    {
      stdio: ['ignore', 'pipe', 'inherit', 'ipc'],
      env: { ...process.env, ...env },
    },
  );
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const match = /listening on (\S+)/.exec(out);
      if (match) resolve(match[1] as string);
    });
    child.once('exit', (code) => reject(new Error(`${script} exited ${code}`)));
  });
  return {
    url,
    child,
    ask: <T>(what: string) =>
      new Promise<T>((resolve) => {
        child.once('message', (m) => resolve(m as T));
        child.send(what);
      }),
    stop: () =>
      new Promise<void>((resolve) => {
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}
