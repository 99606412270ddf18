import { spawn } from 'node:child_process';
import { LEADKIT_BIN } from './start-leadkit-process';

/** What one `leadkit …` run printed and how it exited. */
export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs `leadkit <args>` as a child process and collects its output. A run that takes longer
 * than `timeoutMs` is killed (and its `code` is then null), so a hanging command fails the
 * test instead of stalling it.
 */
export function runLeadkitCli(
  args: string[],
  options: { env?: Record<string, string>; cwd?: string; timeoutMs?: number } = {},
): Promise<CliRun> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [LEADKIT_BIN, ...args], {
      cwd: options.cwd,
      stdio: ['ignore', 'pipe', 'pipe'],
      // LEADKIT_CONFIG from the developer's shell must not change what a test reads.
      env: { ...process.env, LEADKIT_CONFIG: '', ...options.env },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
    });
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 30_000);
    child.once('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}
