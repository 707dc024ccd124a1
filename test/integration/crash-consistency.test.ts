import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config';
import { openDatabase } from '../../src/platform/db/database';
import { createProduct, sampleProduct, startApplication } from '../support/applications';
import { runBuiltServer } from '../support/built-server';
import { usingPostgres } from '../support/database';
import { EditorCrowd, type EditorTarget } from '../support/editors';
import { seededRandom, sleep, untilReady } from '../support/crash';
import { companyWithOwner } from '../support/flows';
import { startTestServer, type TestServer } from '../support/server';

const companies = 5;
const editorsPerApplication = 20;
const kills = Number(process.env['CRASH_KILLS'] ?? 5);
const seed = Number(process.env['CRASH_SEED'] ?? Date.now() % 1_000_000);

/** Waits (at most 15 s) until the crowd has had one more save acknowledged than `before`. */
async function untilAcknowledged(crowd: EditorCrowd, before: number): Promise<void> {
  const deadline = Date.now() + 15_000;
  while (crowd.counts.acknowledged <= before && Date.now() < deadline) await sleep(20);
}

/**
 * The built server runs in its own process while 100 editors autosave; it is killed with SIGKILL at
 * random moments and started again on the same database. Afterwards every save it acknowledged must
 * be stored, and every stored answer and revision must be a whole text that an editor sent.
 */
describe(`crash consistency (${usingPostgres ? 'PostgreSQL' : 'SQLite'})`, () => {
  let server: TestServer;
  const targets: EditorTarget[] = [];

  beforeAll(async () => {
    server = await startTestServer();
    const criteria = (await server.running.services.criteriaPublications.current()).criteria.slice(
      0,
      editorsPerApplication,
    );
    for (let index = 0; index < companies; index++) {
      const slug = `crash-${index}`;
      const { owner } = await companyWithOwner(server, slug);
      const productId = await createProduct(owner, slug, { ...sampleProduct, name: `Crash Sensor ${index}` });
      const applicationId = await startApplication(owner, slug, productId);
      for (const criterion of criteria)
        targets.push({ client: owner, applicationId, criterionId: criterion.id });
    }
    await server.stop();
  });

  afterAll(async () => {
    await server?.close();
  });

  it('keeps every acknowledged autosave, and nothing half-written, across repeated SIGKILLs', async () => {
    expect(targets).toHaveLength(companies * editorsPerApplication);
    const random = seededRandom(seed);
    const environment = { ...server.environment, LOG_LEVEL: 'error' };
    const crowd = new EditorCrowd(targets);
    crowd.start();
    const acknowledgedPerRun: number[] = [];
    for (let kill = 0; kill < kills; kill++) {
      const running = runBuiltServer(environment);
      await untilReady(server.url, running);
      // Ready is not yet serving the crowd: editors back off after a refused save. The random moment
      // counts from this run's first acknowledged save, so every run is killed in the middle of work
      // (a kill before any save proved nothing, and made the per-run check below fail by chance).
      await untilAcknowledged(crowd, crowd.counts.acknowledged);
      await sleep(random() * 1200);
      running.child.kill('SIGKILL');
      const ended = await running.finished;
      expect(ended.signal).toBe('SIGKILL');
      acknowledgedPerRun.push(crowd.counts.acknowledged - acknowledgedPerRun.reduce((sum, n) => sum + n, 0));
    }
    const last = runBuiltServer(environment);
    await untilReady(server.url, last);
    await untilAcknowledged(crowd, crowd.counts.acknowledged);
    await sleep(300);
    await crowd.stop();
    acknowledgedPerRun.push(crowd.counts.acknowledged - acknowledgedPerRun.reduce((sum, n) => sum + n, 0));
    last.child.kill('SIGTERM');
    expect((await last.finished).code).toBe(0);

    const direct = openDatabase(loadConfig(environment).database);
    try {
      const result = await crowd.check(direct.db);
      if (!usingPostgres) {
        const integrity = await sql<{ integrity_check: string }>`pragma integrity_check`.execute(direct.db);
        expect(integrity.rows).toEqual([{ integrity_check: 'ok' }]);
      }
      process.stdout.write(
        `crash consistency (${usingPostgres ? 'PostgreSQL' : 'SQLite'}, seed ${seed}): ${kills} SIGKILLs, ` +
          `${targets.length} editors, ${crowd.counts.attempts} saves sent, ${result.acknowledged} acknowledged ` +
          `(per run, the last one ended by SIGTERM: ${acknowledgedPerRun.join(', ')}), ${result.found} of them found; ` +
          `${crowd.counts.unanswered} unanswered (cut by a kill), ${result.committedWithoutAnswer} stored without ` +
          `an acknowledgement\n`,
      );
      expect(result.lost).toEqual([]);
      expect(result.corrupt).toEqual([]);
      expect(crowd.counts.unexpected).toEqual({});
      expect(result.found).toBe(result.acknowledged);
      for (const acknowledged of acknowledgedPerRun) expect(acknowledged).toBeGreaterThan(0);
    } finally {
      await direct.close();
    }
  }, 180_000);
});
