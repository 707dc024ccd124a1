/**
 * Registry search with 100,000 and 1,000,000 certified products (BENCH_CERTIFICATIONS, a comma-separated
 * list): 50 concurrent connections (autocannon) send varied queries to the API for a fixed time; prints
 * throughput, latency percentiles, the server's resident memory, and issue 16's goals at each size.
 * Two runs: "repeated" queries, as real traffic is, answered from the search cache while the registry
 * is unchanged; and "uncached", where every request carries a distinct updatedSince (before every
 * certification, so the results are the same) and therefore runs the search, at 50 connections and at
 * one: since decision 0026 on the in-memory index, whose kept rows serve these queries' pages; a last run,
 * over 897 makers' pages, has most rows read from the database (no goal).
 * Runs on SQLite, or on PostgreSQL when DATABASE_URL is set.
 */
import autocannon from 'autocannon';
import { percentileOf, startBenchServer } from './harness';
import { goal, report } from './report';

const counts = (process.env['BENCH_CERTIFICATIONS'] ?? '100000,1000000').split(',').map(Number);
const seconds = Number(process.env['BENCH_SECONDS'] ?? '10');
const words = [
  'smart',
  'quiet',
  'thermostat',
  'camera',
  'doorbell',
  'lamp',
  'lock sensor',
  'maker 12',
  'm-4242',
  'solar router',
  'private watch',
  'offline',
];
const paths = words.flatMap((word) => [
  `/api/v1/products?q=${encodeURIComponent(word)}`,
  `/api/v1/products?q=${encodeURIComponent(word)}&category=smart-home&page=2`,
]);

let sent = 0;
/** A distinct moment before every seeded certification, so results stay the same but no cache can answer. */
function uncached(path: string): string {
  sent += 1;
  const moment = new Date(Date.UTC(2000, 0, 1) + sent * 1000).toISOString();
  return `${path}&updatedSince=${encodeURIComponent(moment)}`;
}

/** Runs one load and returns its latency p95 in ms. */
async function load(
  url: string,
  label: string,
  connections: number,
  pathOf: (index: number) => string,
): Promise<number> {
  const latencies: number[] = [];
  // Each connection starts at a different query so that all of them are in flight at once.
  const options: autocannon.Options = {
    url,
    connections,
    duration: seconds,
    requests: paths.map((_, offset) => ({
      setupRequest: (request: autocannon.Request, context: { index?: number }) => {
        context.index = (context.index ?? offset) + 1;
        return { ...request, path: pathOf(context.index) };
      },
    })),
  };
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(options, (error, finished) => (error ? reject(error) : resolve(finished)));
    instance.on('response', (_client, _status, _bytes, responseTime) => latencies.push(responseTime));
  });
  latencies.sort((a, b) => a - b);
  report(
    `${label}: ${latencies.length} requests in ${seconds} s (${(latencies.length / seconds).toFixed(0)} req/s), errors ${result.errors + result.non2xx}`,
  );
  report(
    `${label} latency ms: p50 ${percentileOf(latencies, 50).toFixed(1)}, p95 ${percentileOf(latencies, 95).toFixed(1)}, p99 ${percentileOf(latencies, 99).toFixed(1)}`,
  );
  return percentileOf(latencies, 95);
}

const database = process.env['DATABASE_URL'] ? 'postgresql' : 'sqlite';
const pathAt = (index: number) => paths[index % paths.length] ?? '';
// A maker each (897 of the seeded 997, a hundred or so products each): the first pages of these hold
// 45,000 distinct certifications, far more than the search index keeps the rows of (4,096).
const makerPaths = Array.from({ length: 897 }, (_, at) => `/api/v1/products?q=maker+${at + 100}`);
const makerPathAt = (index: number) => makerPaths[(index * 7) % makerPaths.length] ?? '';
for (const count of counts) {
  const app = await startBenchServer({ BENCH_CERTIFICATIONS: String(count), BENCH_SEARCH_INDEX: 'ready' });
  const size = count.toLocaleString('en');
  report(`database: ${database}; seeded ${size} certifications in ${app.seedSeconds.toFixed(1)} s`);
  const built =
    app.searchIndexSeconds === undefined
      ? 'not built: the registry is over its memory budget, the database answers'
      : `built in ${app.searchIndexSeconds.toFixed(2)} s`;
  report(
    `in-memory search index (decision 0026) ${built}; server resident memory then: ${app.residentMegabytes().toFixed(0)} MB`,
  );
  // Warm-up: compile the code paths and fill the cache with the repeated queries.
  for (const path of paths) await (await fetch(`${app.url}${path}`)).arrayBuffer();
  const repeated = await load(app.url, 'repeated queries, 50 connections', 50, pathAt);
  const uncachedMany = await load(app.url, 'uncached queries, 50 connections', 50, (index) =>
    uncached(pathAt(index)),
  );
  // One at a time: how long one search takes when nothing else waits.
  const uncachedOne = await load(app.url, 'uncached queries, 1 connection', 1, (index) =>
    uncached(pathAt(index)),
  );
  // No goal: what a search costs when the rows of its page are not kept and are read from the database.
  await load(app.url, 'uncached queries, 50 connections, 897 makers (rows read)', 50, (index) =>
    uncached(makerPathAt(index)),
  );
  report(`server resident memory: ${app.residentMegabytes().toFixed(0)} MB`);
  // The goals are set for 100,000 certifications; at other sizes they show how far the design carries.
  goal(`${size}, ${database}: uncached search, 1 connection, p95`, uncachedOne, '<', 10, ' ms');
  goal(`${size}, ${database}: uncached search, 50 connections, p95`, uncachedMany, '<', 100, ' ms');
  goal(`${size}, ${database}: repeated search, 50 connections, p95`, repeated, '<', 10, ' ms');
  await app.stop();
}
