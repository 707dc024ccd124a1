import { sql, type Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config';
import { openDatabase } from '../../src/platform/db/database';
import type { Database } from '../../src/platform/db/schema';
import { runBuiltServer } from '../support/built-server';
import {
  seededRandom,
  sendUntilAnswered,
  sleep,
  untilJobsDone,
  untilReady,
  type CrashAction,
} from '../support/crash';
import { completeAll, createProduct, sampleProduct, startApplication } from '../support/applications';
import { usingPostgres } from '../support/database';
import { companyWithOwner, signedInUser } from '../support/flows';
import type { HttpClient } from '../support/http';
import { acceptAll, certificationOf, decideAs, submittedProduct } from '../support/review';
import { startTestServer, type TestServer } from '../support/server';
import type { Criterion } from '../../src/features/criteria/rules';

const perOutcome = 6;
const certifiedForChanges = 6;
const toSubmit = 6;
const toReview = 6;
const kills = Number(process.env['CRASH_KILLS'] ?? 4);
const seed = Number(process.env['CRASH_SEED'] ?? Date.now() % 1_000_000);
const outcomes = ['certify', 'not-certify', 'request-changes'] as const;
const questioned = 'SEC-03';

/**
 * Submissions, reviewers' saved verdicts and submitted reviews, decisions (certify, not certify, request
 * changes), suspensions and revocations are sent through the routes while the built server is killed with
 * SIGKILL at random moments and started again. Afterwards every change is whole: a submitted application
 * has one "submitted" audit entry, its round's answers, its reviewers and its confirmation mail; a saved
 * verdict is there and a submitted review has all its verdicts and its audit entry; a certified application
 * has one registry record, one event per status change, one log entry per event, one credential and one
 * audit entry per change; a request for changes has its reviewers' questions as threads; every mail went
 * out, each once (or twice under one Message-ID).
 */
describe(`crash consistency of submissions, reviews and decisions (${usingPostgres ? 'PostgreSQL' : 'SQLite'})`, () => {
  let server: TestServer;
  let admin: HttpClient;
  let owner: HttpClient;
  let reviewers: HttpClient[];
  let reviewerIds: string[];
  let criteria: Criterion[];
  const drafts: { applicationId: string; product: string }[] = [];
  const inReview: { applicationId: string; product: string }[] = [];
  const decisions: { applicationId: string; outcome: (typeof outcomes)[number]; product: string }[] = [];
  const changes: { certificationId: string; action: 'suspend' | 'revoke' }[] = [];

  beforeAll(async () => {
    server = await startTestServer({ environment: { JOB_LEASE_SECONDS: '2' } });
    const staff = [await signedInUser(server, 'reviewer'), await signedInUser(server, 'reviewer')];
    for (const reviewer of staff)
      await server.running.services.reviewers.saveProfile(reviewer.id, 100, true, new Date());
    reviewers = staff.map((reviewer) => reviewer.client);
    reviewerIds = staff.map((reviewer) => reviewer.id);
    admin = (await signedInUser(server, 'admin')).client;
    owner = (await companyWithOwner(server, 'crashd')).owner;
    criteria = [...(await server.running.services.criteriaPublications.current()).criteria];
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
    for (let index = 0; index < toReview; index++) {
      const product = `Crash Review ${index}`;
      inReview.push({ product, ...(await submittedProduct(server, owner, 'crashd', { name: product })) });
    }
    for (let index = 0; index < toSubmit; index++) {
      const product = `Crash Submission ${index}`;
      const productId = await createProduct(owner, 'crashd', { ...sampleProduct, name: product });
      const applicationId = await startApplication(owner, 'crashd', productId);
      await completeAll(owner, applicationId, criteria);
      drafts.push({ applicationId, product });
    }
    await server.running.jobs.drain();
    server.smtp.received.length = 0;
    await server.stop();
  }, 300_000);

  afterAll(async () => {
    await server?.close();
  });

  it('leaves every submission, review, decision and status change whole, with its mail sent once, across repeated SIGKILLs', async () => {
    const actions: CrashAction[] = [
      ...drafts.map(({ applicationId }) => ({
        kind: 'submission',
        name: `submit ${applicationId}`,
        attempts: 0,
        send: () => owner.post(`/en/applications/${applicationId}/submit`, {}),
      })),
      ...inReview.map(({ applicationId }) => ({
        kind: 'saved verdicts',
        name: `save verdicts ${applicationId}`,
        attempts: 0,
        send: () => reviewers[0]!.post(`/en/review/applications/${applicationId}`, savedVerdicts()),
      })),
      ...inReview.map(({ applicationId }) => ({
        kind: 'submitted review',
        name: `submit review ${applicationId}`,
        attempts: 0,
        send: () =>
          reviewers[1]!.post(`/en/review/applications/${applicationId}`, acceptAll(criteria, 'certify')),
      })),
      ...decisions.map(({ applicationId, outcome }, index) => ({
        kind: outcome,
        name: `${outcome} ${applicationId}`,
        attempts: 0,
        send: () =>
          reviewers[index % 2]!.post(`/en/review/applications/${applicationId}/decide`, {
            outcome,
            decisionRationale: `Decided under fire: ${outcome}.`,
          }),
      })),
      ...changes.map(({ certificationId, action }) => ({
        kind: action,
        name: `${action} ${certificationId}`,
        attempts: 0,
        send: () =>
          admin.post(`/en/admin/certifications/${certificationId}/status`, {
            action,
            reason: `Crash test: ${action}.`,
          }),
      })),
    ];
    const random = seededRandom(seed);
    // Printed first, so a failing run can be replayed with CRASH_SEED.
    process.stdout.write(`crash consistency of submissions, reviews and decisions: seed ${seed}\n`);
    const environment = { ...server.environment, LOG_LEVEL: 'error', JOB_LEASE_SECONDS: '2' };
    // Senders work through the actions in a random order, a few at a time, while the server comes and goes.
    const senders = sendUntilAnswered(actions, random);
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
    const sent = await senders;
    const direct = openDatabase(loadConfig(environment).database);
    try {
      await untilJobsDone(direct.db);
      const retried = await direct.db.selectFrom('job').select('kind').where('attempts', '>', 1).execute();
      last.child.kill('SIGTERM');
      expect((await last.finished).code).toBe(0);
      const verified = new Map<string, number>();
      const tally = (kind: string) => verified.set(kind, (verified.get(kind) ?? 0) + 1);
      await checkSubmissions(direct.db, tally);
      await checkReviews(direct.db, actions, tally);
      await checkDecisions(direct.db, tally);
      await checkChanges(direct.db, tally);
      await checkLogAndCredentials(direct.db);
      checkMail();
      const kinds = [...new Set(actions.map((action) => action.kind))];
      const figures = kinds.map((kind) => {
        const ofKind = actions.filter((action) => action.kind === kind);
        const acknowledged = ofKind.filter((action) => action.answered === 303).length;
        const foundDone = ofKind.filter((action) => action.answered === 409).length;
        return `${kind}: ${ofKind.length} sent, ${acknowledged} acknowledged, ${foundDone} found done on retry, ${verified.get(kind) ?? 0} verified`;
      });
      expect([...verified.values()].reduce((sum, count) => sum + count, 0)).toBe(actions.length);
      process.stdout.write(
        `crash consistency of submissions, reviews and decisions (${usingPostgres ? 'PostgreSQL' : 'SQLite'}, seed ${seed}): ` +
          `${kills} SIGKILLs, ${actions.length} actions, ${sent.requests} requests sent, ${sent.cutOff} cut off by a kill, ` +
          `${retried.length} jobs taken over after a kill (${[...new Set(retried.map((job) => job.kind))].join(', ')}); all verified\n` +
          figures.map((line) => `  ${line}\n`).join(''),
      );
    } finally {
      await direct.close();
    }
  }, 240_000);

  const acceptedWhenSaved = () => criteria.filter((criterion) => criterion.id !== questioned).slice(0, 3);

  /** The verdicts a reviewer saves without submitting: some accepted, one question. */
  function savedVerdicts(): Record<string, string> {
    const form: Record<string, string> = { intent: 'save', recommendation: '', rationale: '' };
    for (const criterion of acceptedWhenSaved()) form[`verdict-${criterion.id}`] = 'accepted';
    form[`verdict-${questioned}`] = 'needs-clarification';
    form[`comment-${questioned}`] = 'Where is the update policy published?';
    return form;
  }

  async function checkSubmissions(db: Kysely<Database>, tally: (kind: string) => void): Promise<void> {
    for (const { applicationId } of drafts) {
      const application = await db
        .selectFrom('application')
        .select(['status', 'submitted_at'])
        .where('id', '=', applicationId)
        .executeTakeFirstOrThrow();
      // Both reviewers have room, so a submission is taken into review at once.
      expect(application.status, applicationId).toBe('in-review');
      expect(application.submitted_at, applicationId).not.toBeNull();
      const audit = await db
        .selectFrom('audit_event')
        .select('action')
        .where('application_id', '=', applicationId)
        .execute();
      expect(
        audit.filter((entry) => entry.action === 'submitted'),
        applicationId,
      ).toHaveLength(1);
      expect(
        audit.filter((entry) => entry.action === 'review-started'),
        applicationId,
      ).toHaveLength(1);
      const snapshots = await db
        .selectFrom('round_snapshot')
        .select('round')
        .where('application_id', '=', applicationId)
        .execute();
      expect(snapshots, applicationId).toEqual([{ round: 1 }]);
      const assigned = await db
        .selectFrom('assignment')
        .select('reviewer_id')
        .where('application_id', '=', applicationId)
        .execute();
      expect(assigned.map((row) => row.reviewer_id).sort(), applicationId).toEqual([...reviewerIds].sort());
      tally('submission');
    }
  }

  async function checkReviews(
    db: Kysely<Database>,
    actions: readonly CrashAction[],
    tally: (kind: string) => void,
  ): Promise<void> {
    const [saver, submitter] = reviewerIds as [string, string];
    for (const { applicationId } of inReview) {
      const verdicts = await db
        .selectFrom('verdict')
        .select(['reviewer_id', 'criterion_id', 'verdict', 'comment'])
        .where('application_id', '=', applicationId)
        .execute();
      const saved = verdicts.filter((row) => row.reviewer_id === saver);
      expect(Object.fromEntries(saved.map((row) => [row.criterion_id, row.verdict])), applicationId).toEqual({
        ...Object.fromEntries(acceptedWhenSaved().map((criterion) => [criterion.id, 'accepted'])),
        [questioned]: 'needs-clarification',
      });
      const reviews = await db
        .selectFrom('review')
        .select(['reviewer_id', 'recommendation', 'submitted_at'])
        .where('application_id', '=', applicationId)
        .execute();
      // Saving is not submitting: only the second reviewer's review is in.
      expect(
        reviews.map((row) => [row.reviewer_id, row.recommendation]),
        applicationId,
      ).toEqual([[submitter, 'certify']]);
      tally('saved verdicts');
      const submitted = verdicts.filter((row) => row.reviewer_id === submitter);
      expect(submitted.map((row) => row.criterion_id).sort(), applicationId).toEqual(
        criteria.map((criterion) => criterion.id).sort(),
      );
      expect(submitted.every((row) => row.verdict === 'accepted')).toBe(true);
      const audit = await db
        .selectFrom('audit_event')
        .select(['action', 'actor_id'])
        .where('application_id', '=', applicationId)
        .where('action', '=', 'review-submitted')
        .execute();
      expect(audit.every((entry) => entry.actor_id === submitter)).toBe(true);
      // Sent once, it is one entry; a request sent again after a kill cut off its answer may have been
      // done twice (the server cannot tell a resent form from a second submission), never more often.
      const attempts =
        actions.find((action) => action.name === `submit review ${applicationId}`)?.attempts ?? 0;
      expect(audit.length, applicationId).toBeGreaterThanOrEqual(1);
      expect(audit.length, applicationId).toBeLessThanOrEqual(attempts);
      tally('submitted review');
    }
  }

  async function checkDecisions(db: Kysely<Database>, tally: (kind: string) => void): Promise<void> {
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
      tally(outcome);
    }
  }

  async function checkChanges(db: Kysely<Database>, tally: (kind: string) => void): Promise<void> {
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
      tally(action);
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
    for (const { product } of drafts) {
      const subject = `${product}: your application has been submitted`;
      const copies = server.smtp.received.filter((mail) => mail.subject === subject);
      expect(copies.length, subject).toBeGreaterThanOrEqual(1);
      expect(new Set(copies.map((mail) => mail.messageId)).size, subject).toBe(1);
    }
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
