import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

export interface BenchServer {
  url: string;
  firstId: string | undefined;
  seedSeconds: number;
  /** With BENCH_SEARCH_INDEX=ready: how long building the registry's in-memory search index took. */
  searchIndexSeconds: number | undefined;
  /** With BENCH_LOG_ENTRIES: how long writing the entries and building their tiles took, and each timed append. */
  log: { insertSeconds: number; tileSeconds: number; appendMilliseconds: number[] } | undefined;
  /** With SEED_DEMO_DATA=true: the demo accounts and the passwords printed once at first start. */
  demoAccounts: { role: string; email: string; password: string }[];
  /** With BENCH_EDITORS=n: n company users (no company yet) who can sign in with a password. */
  editors: { email: string; password: string }[];
  /** The server process's resident memory now, in MB (VmRSS from /proc): what the host must have. */
  residentMegabytes(): number;
  /**
   * CPU seconds the server process has used so far (user and system, from /proc): its work per request
   * between two readings, which other work on a shared machine changes far less than latency or req/s.
   */
  cpuSeconds(): number;
  /** Milliseconds from spawning the server until it announced its address (after any seeding). */
  startMilliseconds: number;
  stop(): Promise<void>;
}

/** The heap limits `npm start` runs the server with (package.json; README "Memory"): measured as deployed. */
export const productionHeapFlags = ['--max-old-space-size=384', '--max-semi-space-size=8'];

/**
 * Starts dist/bench/serve.js (the real app) in a child process on a fresh SQLite file or DATABASE_URL.
 * With LOG_LEVEL=info in `env`, `onLog` receives the server's log lines (pino JSON, one per line).
 */
export async function startBenchServer(
  env: Record<string, string>,
  onLog: (line: string) => void = () => {},
): Promise<BenchServer> {
  const dataDir = env['DATA_DIR'] ?? mkdtempSync(join(tmpdir(), 'trustmark-bench-'));
  const ownsDataDir = env['DATA_DIR'] === undefined;
  const spawnedAt = performance.now();
  const child = spawn(process.execPath, [...productionHeapFlags, join(import.meta.dirname, 'serve.js')], {
    env: {
      ...process.env,
      NODE_ENV: 'test',
      PORT: '0',
      LOG_LEVEL: 'warn',
      DATA_DIR: dataDir,
      SQLITE_PATH: join(dataDir, 'bench.sqlite'),
      SEED_DEMO_DATA: 'false',
      SWEEP_INTERVAL_SECONDS: '0',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const line = await new Promise<string>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`bench server exited with ${code}`)));
    announcement(child.stdout, onLog).then(resolve, reject);
  });
  const startMilliseconds = performance.now() - spawnedAt;
  const started = JSON.parse(line) as {
    url: string;
    firstId?: string;
    seedSeconds: number;
    searchIndexSeconds?: number;
    log?: BenchServer['log'];
    demoAccounts: BenchServer['demoAccounts'];
    editors: BenchServer['editors'];
  };
  return {
    url: started.url,
    firstId: started.firstId,
    seedSeconds: started.seedSeconds,
    searchIndexSeconds: started.searchIndexSeconds,
    log: started.log,
    demoAccounts: started.demoAccounts,
    editors: started.editors,
    startMilliseconds,
    residentMegabytes: () => residentMegabytesOf(child.pid),
    cpuSeconds: () => cpuSecondsOf(child.pid),
    async stop() {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
      if (ownsDataDir) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Resident memory of a process in MB, from /proc (Linux, where the benchmarks run). */
export function residentMegabytesOf(pid: number | undefined): number {
  if (pid === undefined) return Number.NaN;
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kilobytes = /^VmRSS:\s+(\d+) kB$/m.exec(status)?.[1];
  return kilobytes ? Number(kilobytes) / 1024 : Number.NaN;
}

/** User and system CPU time of a process in seconds, from /proc/PID/stat (in clock ticks of 1/100 s). */
export function cpuSecondsOf(pid: number | undefined): number {
  if (pid === undefined) return Number.NaN;
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // The fields after the command name (which may hold spaces, hence after its closing parenthesis).
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

/** The nearest-rank percentile of sorted numbers. */
export function percentileOf(sorted: readonly number[], p: number): number {
  return sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN;
}

/** The line serve.ts announces the server with (JSON with a url, not a log line); every other line goes to onLog. */
function announcement(stream: NodeJS.ReadableStream, onLog: (line: string) => void): Promise<string> {
  return new Promise((resolve) => {
    let announced = false;
    createInterface({ input: stream }).on('line', (line) => {
      if (!announced && line.startsWith('{"url":')) {
        announced = true;
        resolve(line);
      } else onLog(line);
    });
  });
}

/** The first line a child process writes: the benchmark servers announce their address with it. */
export function firstLine(stream: NodeJS.ReadableStream): Promise<string> {
  return new Promise((resolve) => createInterface({ input: stream }).once('line', resolve));
}
