/**
 * The transparency log's cost as it grows: for each size (BENCH_LOG_SIZES, default 10,000, 100,000 and
 * 1,000,000 entries) the log is seeded into a fresh data directory (entries written straight into the
 * database, tiles built and the tree signed by the log's own catch-up, then 50 appends through the log's
 * `append`, each timed), the server is restarted on that data (start-up time, which includes the start-up
 * check of the log), and then proofs are asked for over HTTP: inclusion and consistency proofs of random
 * indexes at one connection (latency) and inclusion proofs at 50 connections (throughput), with the
 * server's resident memory afterwards. Runs on SQLite, or on PostgreSQL when DATABASE_URL is set (the
 * log tables of that database are replaced at each size).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { publishedCheckpointFileName } from '../src/features/transparency/published-checkpoint';
import { percentileOf, startBenchServer } from './harness';
import { goal, report } from './report';

const sizes = (process.env['BENCH_LOG_SIZES'] ?? '10000,100000,1000000').split(',').map(Number);
const seconds = Number(process.env['BENCH_SECONDS'] ?? '5');
const appends = 50;
// One signing key for every server of every run: on PostgreSQL each start finds the log the one before
// left in DATABASE_URL, and refuses to start on a checkpoint signed with another key.
const keys = { KEYS_DIR: join(tmpdir(), 'trustmark-bench-log-keys') };
// Each size starts a log anew on purpose; the checkpoint the last one recorded as published would refuse it.
const forgetPublished = () => rmSync(join(keys.KEYS_DIR, publishedCheckpointFileName), { force: true });

/** A deterministic "random" number below n for the i-th request, so runs ask for the same proofs. */
const pick = (i: number, n: number) => Math.floor((((i * 2654435761) % 2 ** 32) / 2 ** 32) * n);

/**
 * One count for all connections and loads, kept here: autocannon resets a request's `context` each time it
 * comes round to the first request again, so a count kept there asked for the same few proofs all along
 * (one at one connection, fifty at fifty), and measured answers cached after the first. Counting on across
 * loads, no load asks a proof an earlier one asked (nor the warm-up, which counts from 0).
 */
let asked = 1000;

async function load(
  server: { url: string; cpuSeconds(): number },
  connections: number,
  pathOf: (index: number) => string,
) {
  const latencies: number[] = [];
  const cpuBefore = server.cpuSeconds();
  const options: autocannon.Options = {
    url: server.url,
    connections,
    duration: seconds,
    requests: [{ setupRequest: (request: autocannon.Request) => ({ ...request, path: pathOf(asked++) }) }],
  };
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(options, (error, finished) => (error ? reject(error) : resolve(finished)));
    instance.on('response', (_client, _status, _bytes, responseTime) => latencies.push(responseTime));
  });
  latencies.sort((a, b) => a - b);
  return {
    perSecond: latencies.length / seconds,
    cpuMsPer: ((server.cpuSeconds() - cpuBefore) * 1000) / Math.max(1, latencies.length),
    p50: percentileOf(latencies, 50),
    p99: percentileOf(latencies, 99),
    errors: result.errors + result.non2xx,
  };
}

interface Figures {
  size: number;
  inclusionP99: number;
  perSecond: number;
  residentMegabytes: number;
  startMilliseconds: number;
}

async function measure(size: number): Promise<Figures> {
  const dataDir = mkdtempSync(join(tmpdir(), 'trustmark-bench-log-'));
  forgetPublished();
  try {
    const seeding = await startBenchServer({
      ...keys,
      DATA_DIR: dataDir,
      BENCH_LOG_ENTRIES: String(size),
      BENCH_LOG_APPENDS: String(appends),
    });
    const seeded = seeding.log;
    await seeding.stop();
    const app = await startBenchServer({ ...keys, DATA_DIR: dataDir });
    const total = size + appends;
    const inclusion = (i: number) => `/log/proof/inclusion?index=${pick(i, total)}&size=${total}`;
    const consistency = (i: number) =>
      `/log/proof/consistency?first=${pick(i, total - 1) + 1}&second=${total}`;
    for (let i = 0; i < 50; i++) await (await fetch(`${app.url}${inclusion(i)}`)).arrayBuffer();
    const one = await load(app, 1, inclusion);
    const oneConsistency = await load(app, 1, consistency);
    const fifty = await load(app, 50, inclusion);
    const residentMegabytes = app.residentMegabytes();
    await app.stop();
    const appendTimes = [...(seeded?.appendMilliseconds ?? [])].sort((a, b) => a - b);
    const ms = (value: number) => value.toFixed(2);
    report(
      `${size} entries: seeded in ${seeding.seedSeconds.toFixed(1)} s (entries ${seeded?.insertSeconds.toFixed(1)} s, tiles and checkpoint ${seeded?.tileSeconds.toFixed(1)} s); start-up ${app.startMilliseconds.toFixed(0)} ms; RSS ${residentMegabytes.toFixed(0)} MB`,
      `  append one event: p50 ${ms(percentileOf(appendTimes, 50))} ms, p99 ${ms(percentileOf(appendTimes, 99))} ms (${appendTimes.length} appends)`,
      `  inclusion proof, 1 connection: p50 ${ms(one.p50)} ms, p99 ${ms(one.p99)} ms (${one.perSecond.toFixed(0)} req/s, server CPU ${ms(one.cpuMsPer)} ms each, errors ${one.errors})`,
      `  consistency proof, 1 connection: p50 ${ms(oneConsistency.p50)} ms, p99 ${ms(oneConsistency.p99)} ms (server CPU ${ms(oneConsistency.cpuMsPer)} ms each, errors ${oneConsistency.errors})`,
      `  inclusion proof, 50 connections: ${fifty.perSecond.toFixed(0)} req/s, p50 ${ms(fifty.p50)} ms, p99 ${ms(fifty.p99)} ms (server CPU ${ms(fifty.cpuMsPer)} ms each, errors ${fifty.errors})`,
    );
    return {
      size,
      inclusionP99: Math.max(one.p99, oneConsistency.p99),
      perSecond: fifty.perSecond,
      residentMegabytes,
      startMilliseconds: app.startMilliseconds,
    };
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}

report(
  `database: ${process.env['DATABASE_URL'] ? 'postgresql' : 'sqlite'}; sizes ${sizes.join(', ')}; ${seconds} s per load`,
);
// The machine's own ceiling, for reading the figures on a shared machine: the start of a server with an
// empty log, and /log/key (no database) at 50 connections.
{
  forgetPublished();
  const empty = await startBenchServer(keys);
  const key = await load(empty, 50, () => '/log/key');
  report(
    `baseline: empty server start-up ${empty.startMilliseconds.toFixed(0)} ms; /log/key at 50 connections ${key.perSecond.toFixed(0)} req/s, p99 ${key.p99.toFixed(2)} ms (server CPU ${key.cpuMsPer.toFixed(2)} ms each)`,
  );
  await empty.stop();
}
const figures: Figures[] = [];
for (const size of sizes) figures.push(await measure(size));
const smallest = figures[0];
const largest = figures.at(-1);
if (smallest && largest) {
  const at = `at ${largest.size} entries`;
  goal(`proof p99, 1 connection, ${at}`, largest.inclusionP99, '<', 5, ' ms');
  goal(`inclusion proofs at 50 connections, ${at}`, Math.round(largest.perSecond), '>=', 2000, ' req/s');
  goal(
    `RSS growth ${smallest.size} → ${largest.size} entries`,
    Math.round(largest.residentMegabytes - smallest.residentMegabytes),
    '<',
    100,
    ' MB',
  );
  goal(`start-up ${at}`, Math.round(largest.startMilliseconds), '<', 3000, ' ms');
}
