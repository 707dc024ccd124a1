/**
 * The real server for benchmarks, in its own process so the load generator never shares its event
 * loop. Configuration comes from the environment as in production; the API and sign-in rate limits
 * are lifted, since the benchmark is one client sending on purpose (100 editors sign in from one
 * address). BENCH_CERTIFICATIONS seeds certified products, BENCH_EDITORS company users who can sign in.
 * Prints the listening URL as JSON on stdout.
 */
import { loadConfig } from '../src/config';
import { startServer } from '../src/server';
import { seedCertifications } from './seed';
import { seedLog } from './seed-log';
import { seedEditors } from './seed-editors';

const config = loadConfig(process.env);
const running = await startServer(config, {
  rateLimits: {
    api: { windowMs: 60_000, limit: Number.MAX_SAFE_INTEGER },
    signIn: { windowMs: 60_000, limit: Number.MAX_SAFE_INTEGER },
  },
});
const count = Number(process.env['BENCH_CERTIFICATIONS'] ?? '0');
const seeded =
  count > 0 ? await seedCertifications(running.services, count) : { ids: [] as string[], seconds: 0 };
const logEntries = Number(process.env['BENCH_LOG_ENTRIES'] ?? '0');
const log =
  logEntries > 0
    ? await seedLog(running.services, logEntries, Number(process.env['BENCH_LOG_APPENDS'] ?? '0'))
    : undefined;
// Started with --expose-gc (bench:pages-load), the server lets go of what seeding left behind before
// it announces itself, so the memory measured idle is what serving needs.
(globalThis as { gc?: () => void }).gc?.();
// BENCH_SEARCH_INDEX=ready (bench:search): the registry's in-memory index (decision 0026) is built now,
// timed, rather than in the background of the first search, so that every measured search is answered by it.
let searchIndexSeconds: number | undefined;
if (process.env['BENCH_SEARCH_INDEX'] === 'ready') {
  const startedAt = performance.now();
  const built = await running.services.registry.searchIndexReady();
  if (built) searchIndexSeconds = (performance.now() - startedAt) / 1000;
}
const editors = await seedEditors(running.services, Number(process.env['BENCH_EDITORS'] ?? '0'));
process.stdout.write(
  `${JSON.stringify({
    url: running.url,
    firstId: seeded.ids[0],
    seedSeconds: log?.seconds ?? seeded.seconds,
    searchIndexSeconds,
    log,
    demoAccounts: running.demoCredentials?.accounts ?? [],
    editors,
  })}\n`,
);
process.on('SIGTERM', () => {
  void running.close().then(() => process.exit(0));
});
