/**
 * Every benchmark in turn, on SQLite and, when DATABASE_URL is set, on PostgreSQL, so the figures table
 * in bench/README.md can be refilled with one command. Each PostgreSQL run gets a database of its own,
 * created next to the one DATABASE_URL names (its role needs CREATEDB) and dropped afterwards, since
 * some benchmarks seed the demo, which goes into an empty database only. A benchmark whose npm script
 * does not exist (yet) is skipped with a note. Ends with every goal line, by benchmark and database.
 * BENCH_ONLY=bench:autosave,bench:log runs only those.
 */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import pg from 'pg';
import { report } from './report';

/** The npm scripts, in order; `anyDatabase` when the figures cannot depend on it (bytes of a page). */
const benchmarks: { script: string; anyDatabase?: boolean }[] = [
  { script: 'bench:badge' },
  { script: 'bench:search' },
  { script: 'bench:pages', anyDatabase: true },
  { script: 'bench:pages-load' },
  { script: 'bench:decide' },
  { script: 'bench:autosave' },
  { script: 'bench:log' },
];

const scripts = (JSON.parse(readFileSync('package.json', 'utf8')) as { scripts: Record<string, string> })
  .scripts;
const postgresUrl = process.env['DATABASE_URL'];
const goals: string[] = [];

/** Runs one npm script, its output passed through, its goal lines kept for the summary. */
function run(script: string, label: string, databaseUrl: string | undefined): Promise<number> {
  const env = { ...process.env };
  delete env['DATABASE_URL'];
  if (databaseUrl) env['DATABASE_URL'] = databaseUrl;
  const child = spawn('npm', ['run', '--silent', script], { env, stdio: ['ignore', 'pipe', 'inherit'] });
  createInterface({ input: child.stdout }).on('line', (line) => {
    process.stdout.write(`${line}\n`);
    if (line.startsWith('goal ')) goals.push(`${label.padEnd(30)} ${line}`);
  });
  return new Promise((resolve) => child.once('exit', (code) => resolve(code ?? 1)));
}

/** A new empty database beside the one in `url`, for one run; returns its URL and how to drop it. */
async function freshDatabase(url: string, name: string) {
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`create database ${name}`);
  const fresh = new URL(url);
  fresh.pathname = `/${name}`;
  return {
    url: fresh.toString(),
    async drop() {
      await admin.query(`drop database if exists ${name} with (force)`);
      await admin.end();
    },
  };
}

const only = process.env['BENCH_ONLY']?.split(',').map((name) => name.trim());
const failed: string[] = [];
for (const { script, anyDatabase } of benchmarks.filter((entry) => !only || only.includes(entry.script))) {
  if (!scripts[script]) {
    report(`\n== ${script}: no such npm script in this checkout, skipped`);
    continue;
  }
  report(`\n== ${script} on SQLite`);
  if ((await run(script, `${script} sqlite`, undefined)) !== 0) failed.push(`${script} sqlite`);
  if (!postgresUrl || anyDatabase) continue;
  report(`\n== ${script} on PostgreSQL`);
  const database = await freshDatabase(
    postgresUrl,
    `trustmark_bench_${script.slice(6).replace(/\W/g, '_')}_${Date.now()}`,
  );
  try {
    if ((await run(script, `${script} postgresql`, database.url)) !== 0) failed.push(`${script} postgresql`);
  } finally {
    await database.drop();
  }
}

report('\n== Goals', ...goals);
if (failed.length > 0) {
  report(`failed: ${failed.join(', ')}`);
  process.exitCode = 1;
}
