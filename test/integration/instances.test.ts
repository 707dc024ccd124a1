import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config';
import { openDatabase } from '../../src/platform/db/database';
import { runBuiltServer, type BuiltServer } from '../support/built-server';
import { sleep, untilReady } from '../support/crash';
import { usingPostgres } from '../support/database';
import { companyWithOwner, signedInUser } from '../support/flows';
import type { HttpClient } from '../support/http';
import { acceptAll, certificationOf, decideAs, submittedProduct } from '../support/review';
import { roundRobin } from '../support/round-robin';
import { freePort, startTestServer, type TestServer } from '../support/server';

const decisions = 9;
const revocations = 3;

/**
 * Three instances of the built server on one database behind one address, as in production: decisions
 * and revocations sent to all three at once. The log stays one contiguous log with one signed checkpoint
 * that every instance serves within a second, a revoked badge reads "revoked" on every instance within a
 * second, and each job runs once. Only in the PostgreSQL pass: several instances share a PostgreSQL database;
 * the embedded SQLite database is for one instance (its writers in other processes are refused while one
 * writes, which a single instance never meets).
 */
describe.runIf(usingPostgres)('several instances on one PostgreSQL database', () => {
  let server: TestServer;
  let reviewers: HttpClient[];
  let admin: HttpClient;
  const ready: { applicationId: string; product: string }[] = [];
  const certified: string[] = [];
  const instances: { port: number; process: BuiltServer }[] = [];

  beforeAll(async () => {
    server = await startTestServer();
    const staff = [await signedInUser(server, 'reviewer'), await signedInUser(server, 'reviewer')];
    for (const reviewer of staff)
      await server.running.services.reviewers.saveProfile(reviewer.id, 100, true, new Date());
    reviewers = staff.map((reviewer) => reviewer.client);
    admin = (await signedInUser(server, 'admin')).client;
    const { owner } = await companyWithOwner(server, 'multi');
    const criteria = (await server.running.services.criteriaPublications.current()).criteria;
    for (let index = 0; index < revocations; index++) {
      const { applicationId } = await submittedProduct(server, owner, 'multi', {
        name: `Revoked Lamp ${index}`,
      });
      await decideAs(server, reviewers, applicationId, 'certify');
      certified.push(await certificationOf(server, applicationId));
    }
    for (let index = 0; index < decisions; index++) {
      const product = `Shared Lamp ${index}`;
      const { applicationId } = await submittedProduct(server, owner, 'multi', { name: product });
      for (const reviewer of reviewers)
        expect(
          (await reviewer.post(`/en/review/applications/${applicationId}`, acceptAll(criteria, 'certify')))
            .status,
        ).toBe(303);
      ready.push({ applicationId, product });
    }
    await server.running.jobs.drain();
    // What the three instances do is all that is counted below.
    await server.running.services.database.db.deleteFrom('job').execute();
    server.smtp.received.length = 0;
    await server.stop();
  }, 300_000);

  afterAll(async () => {
    for (const instance of instances) instance.process.child.kill('SIGTERM');
    await Promise.all(instances.map((instance) => instance.process.finished));
    await server?.close();
  });

  it('keep one log, one checkpoint, one badge status and run each job once', async () => {
    // The public address (BASE_URL) is the balancer's, on the port the test server had.
    const publicPort = Number(new URL(server.url).port);
    for (let index = 0; index < 3; index++) {
      const port = await freePort();
      const built = runBuiltServer({ ...server.environment, PORT: String(port), LOG_LEVEL: 'error' });
      instances.push({ port, process: built });
    }
    for (const instance of instances) await untilReady(`http://127.0.0.1:${instance.port}`, instance.process);
    const balancer = await roundRobin(
      publicPort,
      instances.map((instance) => instance.port),
    );
    try {
      const answers = await Promise.all([
        ...ready.map(({ applicationId }, index) =>
          reviewers[index % 2]!.post(`/en/review/applications/${applicationId}/decide`, {
            outcome: 'certify',
            decisionRationale: 'Certified by whichever instance took it.',
          }),
        ),
        ...certified.map((certificationId) =>
          admin.post(`/en/admin/certifications/${certificationId}/status`, {
            action: 'revoke',
            reason: 'Withdrawn.',
          }),
        ),
      ]);
      const acknowledged = Date.now();
      expect(answers.map((answer) => answer.status)).toEqual(answers.map(() => 303));

      const revokedEverywhere = await within(5000, async () => {
        for (const instance of instances)
          for (const certificationId of certified) {
            const badge = await fetch(`http://127.0.0.1:${instance.port}/badge/${certificationId}.svg`);
            if (!(await badge.text()).includes('>revoked<')) return false;
          }
        return true;
      });
      const revokedAfter = revokedEverywhere - acknowledged;

      const direct = openDatabase(loadConfig(server.environment).database);
      try {
        const sameCheckpoint = await within(10_000, async () => {
          const events = await direct.db.selectFrom('certification_event').select('id').execute();
          const notes = await Promise.all(
            instances.map(async (instance) =>
              (await fetch(`http://127.0.0.1:${instance.port}/log/checkpoint`)).text(),
            ),
          );
          const size = Number(notes[0]!.split('\n')[1]);
          const expected = certified.length * 2 + ready.length;
          return events.length === expected && new Set(notes).size === 1 && size === expected;
        });
        const checkpointAfter = sameCheckpoint - acknowledged;
        const entries = await direct.db
          .selectFrom('log_entry')
          .select(['position', 'event_id'])
          .orderBy('position')
          .execute();
        expect(entries.map((entry) => entry.position)).toEqual(entries.map((_, index) => index));
        expect(new Set(entries.map((entry) => entry.event_id)).size).toBe(entries.length);

        await within(
          10_000,
          async () =>
            (await direct.db.selectFrom('job').select('id').where('status', '!=', 'done').execute())
              .length === 0,
        );
        const jobs = await direct.db.selectFrom('job').select(['kind', 'attempts', 'locked_by']).execute();
        expect(jobs.filter((job) => job.attempts !== 1)).toEqual([]);
        const workers = new Set(jobs.map((job) => job.locked_by)).size;
        for (const { product } of ready) {
          const copies = server.smtp.received.filter(
            (mail) => mail.subject === `${product}: the review has been decided`,
          );
          expect(copies.length, product).toBe(1);
        }
        process.stdout.write(
          `several instances (PostgreSQL): 3 instances, ${ready.length} certifications ` +
            `and ${certified.length} revocations at once; revoked badge on every instance after ${revokedAfter} ms, ` +
            `the same checkpoint (${entries.length} entries) on every instance after ${checkpointAfter} ms; ` +
            `${jobs.length} jobs, each run once, by ${workers} workers\n`,
        );
        expect(revokedAfter).toBeLessThanOrEqual(1500);
        expect(checkpointAfter).toBeLessThanOrEqual(1500);
      } finally {
        await direct.close();
      }
    } finally {
      await balancer.close();
    }
  }, 120_000);
});

/** Polls `check` until it holds, returning the moment it did; fails after `timeoutMs`. */
async function within(timeoutMs: number, check: () => Promise<boolean>): Promise<number> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await check()) return Date.now();
    if (Date.now() > deadline) throw new Error(`Not reached within ${timeoutMs} ms`);
    await sleep(50);
  }
}
