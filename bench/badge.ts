/**
 * Badge throughput: the real /badge endpoint against a plain node:http server sending the same bytes
 * and headers, same load (autocannon, 50 connections), same run. Goal (issue 16): at least 0.95 of the
 * baseline.
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { firstLine, startBenchServer } from './harness';
import { goal, report } from './report';

const seconds = Number(process.env['BENCH_SECONDS'] ?? '10');

async function load(url: string) {
  const result = await autocannon({ url, connections: 50, duration: seconds, pipelining: 1 });
  return {
    requestsPerSecond: result.requests.average,
    p99: result.latency.p99,
    errors: result.errors + result.non2xx,
  };
}

const app = await startBenchServer({ BENCH_CERTIFICATIONS: '1' });
const badgeUrl = `${app.url}/badge/${app.firstId}.svg`;
const sample = await fetch(badgeUrl);
const bytes = Buffer.from(await sample.arrayBuffer());
// Every header the app sends except those node:http writes itself, so both send the same bytes.
// Content-Length is the app's own: without it, a head given to writeHead makes node:http send the body
// chunked (Transfer-Encoding: chunked and a chunk's framing), which is not what the app sends.
const headers: Record<string, string> = {};
for (const [name, value] of sample.headers) {
  if (!['date', 'connection', 'keep-alive', 'transfer-encoding'].includes(name)) headers[name] = value;
}
const plain = spawn(process.execPath, [join(import.meta.dirname, 'plain-server.js')], {
  env: { ...process.env, PLAIN_BODY: bytes.toString('base64'), PLAIN_HEADERS: JSON.stringify(headers) },
  stdio: ['ignore', 'pipe', 'inherit'],
});
const plainUrl = (JSON.parse(await firstLine(plain.stdout)) as { url: string }).url;

// Warm both up, then measure each twice, alternating, and keep the better run of each.
await load(badgeUrl);
await load(plainUrl);
const appRuns: Run[] = [];
const plainRuns: Run[] = [];
for (let round = 0; round < 2; round++) {
  appRuns.push(await load(badgeUrl));
  plainRuns.push(await load(plainUrl));
}
type Run = Awaited<ReturnType<typeof load>>;
const best = (runs: Run[]) => runs.reduce((a, b) => (a.requestsPerSecond > b.requestsPerSecond ? a : b));
const appBest = best(appRuns);
const plainBest = best(plainRuns);
report(`badge bytes: ${bytes.length}`);
report(
  `trustmark /badge: ${appBest.requestsPerSecond.toFixed(0)} req/s, p99 ${appBest.p99} ms, errors ${appBest.errors}`,
);
report(
  `plain node:http:  ${plainBest.requestsPerSecond.toFixed(0)} req/s, p99 ${plainBest.p99} ms, errors ${plainBest.errors}`,
);
goal('badge vs plain node:http', appBest.requestsPerSecond / plainBest.requestsPerSecond, '>=', 0.95);
plain.kill('SIGTERM');
await app.stop();
