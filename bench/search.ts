/**
 * Registry search with 100,000 certified products: 50 concurrent connections (autocannon) send varied
 * queries to the API for a fixed time; prints throughput and latency percentiles (goal: p95 < 10 ms).
 * Two runs: "repeated" queries, as real traffic is, answered from the search cache while the registry
 * is unchanged; and "uncached", where every request carries a distinct updatedSince (before every
 * certification, so the results are the same) and therefore reaches the database, at 50 connections
 * and at one.
 * Runs on SQLite, or on PostgreSQL when DATABASE_URL is set.
 */
import autocannon from 'autocannon';
import { percentileOf, startBenchServer } from './harness';
import { report } from './report';

const count = Number(process.env['BENCH_CERTIFICATIONS'] ?? '100000');
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

async function load(url: string, label: string, connections: number, pathOf: (index: number) => string) {
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
    `${label} latency ms: p50 ${percentileOf(latencies, 50).toFixed(1)}, p95 ${percentileOf(latencies, 95).toFixed(1)}, p99 ${percentileOf(latencies, 99).toFixed(1)} (goal p95 < 10)`,
  );
}

const app = await startBenchServer({ BENCH_CERTIFICATIONS: String(count) });
report(
  `database: ${process.env['DATABASE_URL'] ? 'postgresql' : 'sqlite'}; seeded ${count} certifications in ${app.seedSeconds.toFixed(1)} s`,
);
const pathAt = (index: number) => paths[index % paths.length] ?? '';
// Warm-up: compile the code paths and fill the cache with the repeated queries.
for (const path of paths) await (await fetch(`${app.url}${path}`)).arrayBuffer();
await load(app.url, 'repeated queries, 50 connections', 50, pathAt);
await load(app.url, 'uncached queries, 50 connections', 50, (index) => uncached(pathAt(index)));
// One at a time: how long the database work of one search takes when nothing else waits.
await load(app.url, 'uncached queries, 1 connection', 1, (index) => uncached(pathAt(index)));
await app.stop();
