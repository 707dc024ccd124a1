import { sql, type Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config';
import { openDatabase } from '../../src/platform/db/database';
import type { Database } from '../../src/platform/db/schema';
import { runBuiltServer } from '../support/built-server';
import { seededRandom, sleep, untilReady } from '../support/crash';
import { usingPostgres } from '../support/database';
import { companyWithOwner, signedInUser } from '../support/flows';
import type { HttpClient } from '../support/http';
import { acceptAll, certificationOf, decideAs, submittedProduct } from '../support/review';
import { startTestServer, type TestServer } from '../support/server';

const perOutcome = 6;
const certifiedForChanges = 6;
const kills = Number(process.env['CRASH_KILLS'] ?? 4);
const seed = Number(process.env['CRASH_SEED'] ?? Date.now() % 1_000_000);
const outcomes = ['certify', 'not-certify', 'request-changes'] as const;
const questioned = 'SEC-03';

/** One state-changing request, sent until the server gives a definite answer. */
interface Action {
  name: string;
  send: () => Promise<{ status: number }>;
  /** 303: done now; 409: done by an earlier attempt whose answer a kill cut off. */
  answered?: number;
}

/**
 * Decisions (certify, not certify, request changes), suspensions and revocations are sent while the
 * built server is killed with SIGKILL at random moments and started again. Afterwards every change is
 * whole: a certified application has one registry record, one event per status change, one log entry per
 * event, one credential and one audit entry per change; a request for changes has its reviewers'
 * questions as threads; every mail went out, each once (or twice under one Message-ID).
 */
describe(`crash consistency of decisions (${usingPostgres ? 'PostgreSQL' : 'SQLite'})`, () => {
  let server: TestServer;
  let admin: HttpClient;
  let reviewers: HttpClient[];
  const decisions: { applicationId: string; outcome: (typeof outcomes)[number]; product: string }[] = [];
  const changes: { certificationId: string; action: 'suspend' | 'revoke' }[] = [];

  beforeAll(async () => {
    server = await startTestServer({ environment: { JOB_LEASE_SECONDS: '2' } });
    const staff = [await signedInUser(server, 'reviewer'), await signedInUser(server, 'reviewer')];
    for (const reviewer of staff)
      await server.running.services.reviewers.saveProfile(reviewer.id, 100, true, new Date());
    reviewers = staff.map((reviewer) => reviewer.client);
    admin = (await signedInUser(server, 'admin')).client;
    const { owner } = await companyWithOwner(server, 'crashd');
    const criteria = (await server.running.services.criteriaPublications.current()).criteria;
    const reviewAs = async (applicationId: string, recommendation: string) => {
      for (const reviewer of reviewers) {
        const form = acceptAll(criteria, recommendation);
        if (recommendation === 'request-changes') {
          form[`verdict-${questioned}`] = 'needs-clarification';
          form[`comment-${questioned}`] = 'Which protocol protects the data in transit?';
        }
        expect((await reviewer.post(`/en/review/applications/${applicationId}`, form)).status).toBe(303);
      }
    };
    for (let index = 0; index < certifiedForChanges; index++) {
      const { applicationId } = await submittedProduct(server, owner, 'crashd', {
        name: `Status Lamp ${index}`,
      });
      await decideAs(server, reviewers, applicationId, 'certify');
      changes.push({
        certificationId: await certificationOf(server, applicationId),
        action: index % 2 === 0 ? 'suspend' : 'revoke',
      });
    }
    for (const outcome of outcomes) {
      for (let index = 0; index < perOutcome; index++) {
        const product = `Crash ${outcome} ${index}`;
        const { applicationId } = await submittedProduct(server, owner, 'crashd', { name: product });
        await reviewAs(applicationId, outcome);
        decisions.push({ applicationId, outcome, product });
      }
    }
    await server.running.jobs.drain();
    server.smtp.received.length = 0;
    await server.stop();
  }, 300_000);

  afterAll(async () => {
    await server?.close();
  });

  it('leaves every decision and status change whole, with its mail sent once, across repeated SIGKILLs', async () => {
    const actions: Action[] = [
      ...decisions.map(({ applicationId, outcome }, index) => ({
        name: `${outcome} ${applicationId}`,
        send: () =>
          reviewers[index % 2]!.post(`/en/review/applications/${applicationId}/decide`, {
            outcome,
            decisionRationale: `Decided under fire: ${outcome}.`,
          }),
      })),
      ...changes.map(({ certificationId, action }) => ({
        name: `${action} ${certificationId}`,
        send: () =>
          admin.post(`/en/admin/certifications/${certificationId}/status`, {
            action,
            reason: `Crash test: ${action}.`,
          }),
      })),
    ];
    const random = seededRandom(seed);
    const environment = { ...server.environment, LOG_LEVEL: 'error', JOB_LEASE_SECONDS: '2' };
    const sent = { requests: 0, cutOff: 0 };
    // Senders work through the actions in a random order, a few at a time, while the server comes and goes.
    const queue = [...actions].sort(() => random() - 0.5);
    const sender = async () => {
      for (let action = queue.shift(); action; action = queue.shift()) {
        while (action.answered === undefined) {
          sent.requests += 1;
          const answer = await action.send().catch(() => undefined);
          if (answer && (answer.status === 303 || answer.status === 409)) action.answered = answer.status;
          else {
            sent.cutOff += 1;
            await sleep(50);
          }
        }
        await sleep(random() * 150);
      }
    };
    const senders = Promise.all([sender(), sender(), sender()]);
    const untilAnswered = async (before: number) => {
      const deadline = Date.now() + 10_000;
      while (
        actions.filter((action) => action.answered !== undefined).length <= before &&
        Date.now() < deadline
      )
        await sleep(5);
    };
    for (let kill = 0; kill < kills; kill++) {
      const running = runBuiltServer(environment);
      await untilReady(server.url, running);
      // Killed just after an action was acknowledged, while its follow-up jobs are likely running.
      await untilAnswered(actions.filter((action) => action.answered !== undefined).length);
      await sleep(random() * 40);
      running.child.kill('SIGKILL');
      expect((await running.finished).signal).toBe('SIGKILL');
    }
    const last = runBuiltServer(environment);
    await untilReady(server.url, last);
    await senders;
    const direct = openDatabase(loadConfig(environment).database);
    try {
      await untilJobsDone(direct.db);
      const retried = await direct.db.selectFrom('job').select('kind').where('attempts', '>', 1).execute();
      last.child.kill('SIGTERM');
      expect((await last.finished).code).toBe(0);
      await checkDecisions(direct.db);
      await checkChanges(direct.db);
      await checkLogAndCredentials(direct.db);
      checkMail();
      process.stdout.write(
        `crash consistency of decisions (${usingPostgres ? 'PostgreSQL' : 'SQLite'}, seed ${seed}): ${kills} SIGKILLs, ` +
          `${actions.length} actions, ${sent.requests} requests sent, ${sent.cutOff} cut off by a kill, ` +
          `${actions.filter((action) => action.answered === 303).length} acknowledged at once, ` +
          `${actions.filter((action) => action.answered === 409).length} found done on retry, ` +
          `${retried.length} jobs taken over after a kill (${[...new Set(retried.map((job) => job.kind))].join(', ')}); all verified\n`,
      );
    } finally {
      await direct.close();
    }
  }, 240_000);

  async function untilJobsDone(db: Kysely<Database>): Promise<void> {
    const deadline = Date.now() + 30_000;
    for (;;) {
      const open = await db
        .selectFrom('job')
        .select(['kind', 'status', 'last_error'])
        .where('status', '!=', 'done')
        .execute();
      if (open.length === 0) return;
      if (Date.now() > deadline || open.some((job) => job.status === 'failed'))
        throw new Error(`Jobs not done: ${JSON.stringify(open)}`);
      await sleep(200);
    }
  }

  async function checkDecisions(db: Kysely<Database>): Promise<void> {
    for (const { applicationId, outcome } of decisions) {
      const application = await db
        .selectFrom('application')
        .selectAll()
        .where('id', '=', applicationId)
        .executeTakeFirstOrThrow();
      const expected = {
        certify: 'certified',
        'not-certify': 'not-certified',
        'request-changes': 'changes-requested',
      };
      expect(application.status, applicationId).toBe(expected[outcome]);
      const audit = await db
        .selectFrom('audit_event')
        .select('action')
        .where('application_id', '=', applicationId)
        .execute();
      const count = (action: string) => audit.filter((entry) => entry.action === action).length;
      expect(count(outcome === 'request-changes' ? 'changes-requested' : 'decided'), applicationId).toBe(1);
      expect(
        await db.selectFrom('decision').select('id').where('application_id', '=', applicationId).execute(),
      ).toHaveLength(1);
      const certifications = await db
        .selectFrom('certification')
        .select('id')
        .where('application_id', '=', applicationId)
        .execute();
      expect(certifications, applicationId).toHaveLength(outcome === 'certify' ? 1 : 0);
      expect(count('certification-issued'), applicationId).toBe(outcome === 'certify' ? 1 : 0);
      const threads = await db
        .selectFrom('clarification_message')
        .select(['criterion_id', 'author_side'])
        .where('application_id', '=', applicationId)
        .execute();
      expect(threads, applicationId).toEqual(
        outcome === 'request-changes'
          ? [0, 1].map(() => ({ criterion_id: questioned, author_side: 'reviewer' }))
          : [],
      );
    }
  }

  async function checkChanges(db: Kysely<Database>): Promise<void> {
    for (const { certificationId, action } of changes) {
      const row = await db
        .selectFrom('certification')
        .select('status')
        .where('id', '=', certificationId)
        .executeTakeFirstOrThrow();
      const kind = action === 'suspend' ? 'suspended' : 'revoked';
      expect(row.status).toBe(kind);
      const events = await db
        .selectFrom('certification_event')
        .select('kind')
        .where('certification_id', '=', certificationId)
        .execute();
      expect(events.map((event) => event.kind).sort()).toEqual(['issued', kind].sort());
      const audit = await db
        .selectFrom('audit_event')
        .select('action')
        .where('subject_id', '=', certificationId)
        .execute();
      expect(audit.filter((entry) => entry.action === `certification-${kind}`)).toHaveLength(1);
    }
  }

  async function checkLogAndCredentials(db: Kysely<Database>): Promise<void> {
    const events = await db.selectFrom('certification_event').select('id').execute();
    const entries = await db
      .selectFrom('log_entry')
      .select(['event_id', 'position'])
      .orderBy('position')
      .execute();
    expect(entries.map((entry) => entry.position)).toEqual(entries.map((_, index) => index));
    expect(new Set(entries.map((entry) => entry.event_id))).toEqual(new Set(events.map((event) => event.id)));
    const checkpoint = await sql<{ size: number }>`select max(size) as size from log_checkpoint`.execute(db);
    expect(Number(checkpoint.rows[0]?.size)).toBe(entries.length);
    const certifications = await db.selectFrom('certification').select('id').execute();
    const credentials = await db.selectFrom('credential').select('certification_id').execute();
    expect(credentials.map((row) => row.certification_id).sort()).toEqual(
      certifications.map((row) => row.id).sort(),
    );
  }

  function checkMail(): void {
    for (const { outcome, product } of decisions) {
      const subject =
        outcome === 'request-changes'
          ? `${product}: the reviewers ask for changes`
          : `${product}: the review has been decided`;
      const copies = server.smtp.received.filter((mail) => mail.subject === subject);
      expect(copies.length, subject).toBeGreaterThanOrEqual(1);
      expect(new Set(copies.map((mail) => mail.messageId)).size, subject).toBe(1);
      if (outcome === 'certify') expect(copies[0]!.text).toContain('/credentials/');
    }
  }
});
