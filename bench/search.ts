/**
 * Registry search with 100,000 certified products: 50 concurrent clients send varied queries to the
 * API for a fixed time; prints throughput and latency percentiles (goal: p95 < 10 ms). Runs on SQLite,
 * or on PostgreSQL when DATABASE_URL is set.
 */
import { percentileOf, startBenchServer } from './harness';
import { report } from './report';

const count = Number(process.env['BENCH_CERTIFICATIONS'] ?? '100000');
const seconds = Number(process.env['BENCH_SECONDS'] ?? '10');
const concurrency = 50;
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

const app = await startBenchServer({ BENCH_CERTIFICATIONS: String(count) });
report(
  `database: ${process.env['DATABASE_URL'] ? 'postgresql' : 'sqlite'}; seeded ${count} certifications in ${app.seedSeconds.toFixed(1)} s`,
);
const queries = words.flatMap((word) => [
  `/api/v1/products?q=${encodeURIComponent(word)}`,
  `/api/v1/products?q=${encodeURIComponent(word)}&category=smart-home&page=2`,
]);
// Warm-up.
for (const query of queries) await (await fetch(`${app.url}${query}`)).arrayBuffer();

const latencies: number[] = [];
let errors = 0;
const end = performance.now() + seconds * 1000;
await Promise.all(
  Array.from({ length: concurrency }, async (_, worker) => {
    let index = worker;
    while (performance.now() < end) {
      const started = performance.now();
      const response = await fetch(`${app.url}${queries[index % queries.length]}`);
      await response.arrayBuffer();
      latencies.push(performance.now() - started);
      if (!response.ok) errors += 1;
      index += concurrency;
    }
  }),
);
latencies.sort((a, b) => a - b);
report(
  `requests: ${latencies.length} in ${seconds} s (${(latencies.length / seconds).toFixed(0)} req/s), errors ${errors}`,
);
report(
  `latency ms: p50 ${percentileOf(latencies, 50).toFixed(1)}, p95 ${percentileOf(latencies, 95).toFixed(1)}, p99 ${percentileOf(latencies, 99).toFixed(1)} (goal p95 < 10)`,
);
await app.stop();
