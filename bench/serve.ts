/**
 * The real server for benchmarks, in its own process so the load generator never shares its event
 * loop. Configuration comes from the environment as in production; the API rate limit is lifted,
 * since the benchmark is one client sending on purpose. Prints the listening URL as JSON on stdout.
 */
import { loadConfig } from '../src/config';
import { startServer } from '../src/server';
import { seedCertifications } from './seed';
import { seedLog } from './seed-log';

const config = loadConfig(process.env);
const running = await startServer(config, {
  rateLimits: { api: { windowMs: 60_000, limit: Number.MAX_SAFE_INTEGER } },
});
const count = Number(process.env['BENCH_CERTIFICATIONS'] ?? '0');
const seeded =
  count > 0 ? await seedCertifications(running.services, count) : { ids: [] as string[], seconds: 0 };
const logEntries = Number(process.env['BENCH_LOG_ENTRIES'] ?? '0');
const log =
  logEntries > 0
    ? await seedLog(running.services, logEntries, Number(process.env['BENCH_LOG_APPENDS'] ?? '0'))
    : undefined;
process.stdout.write(
  `${JSON.stringify({
    url: running.url,
    firstId: seeded.ids[0],
    seedSeconds: log?.seconds ?? seeded.seconds,
    log,
    demoAccounts: running.demoCredentials?.accounts ?? [],
  })}\n`,
);
process.on('SIGTERM', () => {
  void running.close().then(() => process.exit(0));
});
