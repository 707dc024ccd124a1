import { spawn, type ChildProcessByStdio } from 'node:child_process';
import type { Readable } from 'node:stream';

export interface Finished {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

export interface BuiltServer {
  child: ChildProcessByStdio<null, Readable, Readable>;
  /** Settles once `whenReady` accepts the output so far. */
  ready: Promise<void>;
  finished: Promise<Finished>;
}

/**
 * Runs the built server (dist/main.js) as `npm start` does, in its own process with only the given
 * environment (and PATH), so tests can send it signals, SIGKILL included.
 */
export function runBuiltServer(
  environment: Record<string, string>,
  whenReady?: (output: string) => boolean,
): BuiltServer {
  const child = spawn(process.execPath, ['dist/main.js'], {
    env: { PATH: process.env['PATH'] ?? '', ...environment },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  const ready = new Promise<void>((resolve) => {
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      if (whenReady?.(stdout)) resolve();
    });
  });
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const finished = new Promise<Finished>((resolve) =>
    child.on('exit', (code, signal) => resolve({ code, signal, stdout, stderr })),
  );
  return { child, ready, finished };
}
