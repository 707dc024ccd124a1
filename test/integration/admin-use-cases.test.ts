import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Principal } from '../../src/platform/auth/access';
import { changePlatformRole, type StaffDependencies } from '../../src/features/accounts/staff-actions';
import type { ContentDependencies } from '../../src/features/content/change';
import { createPost, updatePost } from '../../src/features/content/news-actions';
import { createPartner } from '../../src/features/content/partner-actions';
import type { PostFields } from '../../src/features/content/news-store';
import { publishCriteriaVersion, type PublishDependencies } from '../../src/features/criteria/publish';
import { sendContactMessage } from '../../src/features/site/contact';
import { messagesFor } from '../../src/platform/i18n';
import { criteriaWithVersionTwo } from '../support/criteria';
import { temporaryDirectory } from '../support/database';
import { signedInUser } from '../support/flows';
import { startTestServer, type TestServer } from '../support/server';

/**
 * The administration's changes hold in their use cases, whoever calls them: access, the rule check, every
 * row and its audit entry commit together. A crash just before the commit (the transaction's last step
 * fails) leaves nothing of the change, not even part of it.
 */
describe('the administration use cases', () => {
  const folder = temporaryDirectory();
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer({ environment: { CRITERIA_DIR: criteriaWithVersionTwo(folder.path) } });
  }, 60_000);
  afterAll(async () => {
    await server?.close();
    folder.remove();
  });

  const services = () => server.running.services;
  const db = () => services().database.db;
  const admin = async (): Promise<Principal> => ({
    userId: (await signedInUser(server, 'admin')).id,
    role: 'admin',
    twoFactorEnabled: true,
  });

  /** The real dependencies, with a transaction that fails after its last step, as a crash there would. */
  function crashingBeforeCommit<Deps extends { jobs: StaffDependencies['jobs'] }>(deps: Deps): Deps {
    const crashing: { jobs: StaffDependencies['jobs'] } = {
      jobs: {
        ...deps.jobs,
        transaction: (work) =>
          deps.jobs.transaction(async (trx) => {
            await work(trx);
            throw new Error('crash before the commit');
          }),
      },
    };
    return { ...deps, ...crashing };
  }

  const auditOf = async (subjectId: string) =>
    (
      await db()
        .selectFrom('audit_event')
        .select(['action', 'details'])
        .where('subject_id', '=', subjectId)
        .execute()
    ).map((row) => ({ action: row.action, details: JSON.parse(row.details) as unknown }));

  const sessionsOf = async (userId: string) =>
    (await db().selectFrom('session').select('id').where('userId', '=', userId).execute()).length;

  describe('changing a platform role', () => {
    it('writes the role, ends the sessions and records who did it, all at once', async () => {
      const actor = await admin();
      const person = await signedInUser(server, 'applicant');
      expect(await sessionsOf(person.id)).toBeGreaterThan(0);

      const result = await changePlatformRole(services(), { actor, userId: person.id, role: 'reviewer' });

      expect(result).toEqual({ kind: 'changed', from: 'applicant' });
      expect((await services().users.findById(person.id))?.role).toBe('reviewer');
      expect(await sessionsOf(person.id)).toBe(0);
      expect(await auditOf(person.id)).toEqual([
        { action: 'role-changed', details: { from: 'applicant', to: 'reviewer' } },
      ]);
      // The change ended the old session: the next request is signed out.
      expect((await person.client.get('/en/account')).status).toBe(303);
    });

    it('leaves role, sessions and record untouched when the transaction fails before it commits', async () => {
      const actor = await admin();
      const person = await signedInUser(server, 'applicant');
      const sessions = await sessionsOf(person.id);

      await expect(
        changePlatformRole(crashingBeforeCommit(services()), { actor, userId: person.id, role: 'admin' }),
      ).rejects.toThrow('crash before the commit');

      expect((await services().users.findById(person.id))?.role).toBe('applicant');
      expect(await sessionsOf(person.id)).toBe(sessions);
      expect(await auditOf(person.id)).toEqual([]);
      expect((await person.client.get('/en/account')).status).toBe(200);
    });

    it('refuses non-admins and an admin changing their own role, and writes nothing', async () => {
      const actor = await admin();
      const reviewer = await signedInUser(server, 'reviewer');
      const asReviewer: Principal = { userId: reviewer.id, role: 'reviewer', twoFactorEnabled: true };
      const withoutSecondFactor: Principal = { ...actor, twoFactorEnabled: false };

      expect(
        await changePlatformRole(services(), { actor: asReviewer, userId: actor.userId, role: 'applicant' }),
      ).toEqual({ kind: 'not-found' });
      expect(
        await changePlatformRole(services(), {
          actor: withoutSecondFactor,
          userId: reviewer.id,
          role: 'admin',
        }),
      ).toEqual({ kind: 'not-found' });
      expect(
        await changePlatformRole(services(), { actor, userId: actor.userId, role: 'applicant' }),
      ).toEqual({
        kind: 'own-role',
      });
      expect(await changePlatformRole(services(), { actor, userId: 'nobody', role: 'admin' })).toEqual({
        kind: 'not-found',
      });
      expect((await services().users.findById(actor.userId))?.role).toBe('admin');
      expect((await services().users.findById(reviewer.id))?.role).toBe('reviewer');
      expect([...(await auditOf(actor.userId)), ...(await auditOf(reviewer.id))]).toEqual([]);
    });
  });

  describe('publishing a news post', () => {
    const fields = (slug: string, status: PostFields['status']): PostFields => ({
      locale: 'en',
      slug,
      title: `Post ${slug}`,
      summary: 'A summary.',
      body_markdown: 'A body.',
      status,
      published_at: '2020-01-01T00:00:00.000Z',
      image_alt: '',
    });
    const contentDeps = (): ContentDependencies => services();
    const draft = async (actor: Principal, slug: string) => {
      const id = randomUUID();
      expect(await createPost(contentDeps(), actor, { id, fields: fields(slug, 'draft') })).toEqual({
        kind: 'saved',
        id,
      });
      return (await services().news.find(id))!;
    };
    const published = async (slug: string) =>
      (await services().news.findPublished('en', slug, services().now())) !== undefined;

    it('publishes the post and records it, all at once', async () => {
      const actor = await admin();
      const post = await draft(actor, 'published-at-once');
      const edit = { id: post.id, seen: post.updated_at, fields: fields('published-at-once', 'published') };

      expect(await updatePost(contentDeps(), actor, edit)).toEqual({ kind: 'saved', id: post.id });

      expect(await published('published-at-once')).toBe(true);
      expect(await auditOf(post.id)).toEqual([
        { action: 'news-saved', details: { status: 'draft' } },
        { action: 'news-saved', details: { status: 'published' } },
      ]);
    });

    it('leaves the post a draft, unrecorded, when the transaction fails before it commits', async () => {
      const actor = await admin();
      const post = await draft(actor, 'never-published');
      const edit = { id: post.id, seen: post.updated_at, fields: fields('never-published', 'published') };

      await expect(updatePost(crashingBeforeCommit(contentDeps()), actor, edit)).rejects.toThrow(
        'crash before the commit',
      );

      expect(await published('never-published')).toBe(false);
      expect(await services().news.find(post.id)).toEqual(post);
      expect(await auditOf(post.id)).toEqual([{ action: 'news-saved', details: { status: 'draft' } }]);
    });

    it('writes nothing for a second post at the same address, nor for someone who is not an admin', async () => {
      const actor = await admin();
      const first = await draft(actor, 'one-address');
      const second = randomUUID();
      expect(
        await createPost(contentDeps(), actor, { id: second, fields: fields('one-address', 'draft') }),
      ).toEqual({
        kind: 'slug-taken',
      });
      const stale = { id: first.id, seen: 'an older version', fields: fields('one-address', 'published') };
      expect(await updatePost(contentDeps(), actor, stale)).toEqual({ kind: 'conflict' });
      const reviewer: Principal = { userId: actor.userId, role: 'reviewer', twoFactorEnabled: true };
      const fresh = { id: first.id, seen: first.updated_at, fields: fields('one-address', 'published') };
      expect(await updatePost(contentDeps(), reviewer, fresh)).toEqual({ kind: 'not-found' });

      expect(await services().news.find(second)).toBeUndefined();
      expect(await published('one-address')).toBe(false);
      expect(await auditOf(first.id)).toEqual([{ action: 'news-saved', details: { status: 'draft' } }]);
      // A refused slug rolls its transaction back cleanly: the next change goes through.
      expect(await updatePost(contentDeps(), actor, fresh)).toEqual({ kind: 'saved', id: first.id });
    });
  });

  it('creates a partner with its audit entry, or neither when the transaction fails', async () => {
    const actor = await admin();
    const partner = (name: string) => ({
      id: randomUUID(),
      fields: {
        name,
        url: 'https://example.org',
        kind: 'academia' as const,
        description_en: 'A partner.',
        description_de: 'Ein Partner.',
        sort_order: 1,
      },
    });
    const kept = partner('Kept Institute');
    const lost = partner('Lost Institute');
    expect(await createPartner(services(), actor, kept)).toEqual({ kind: 'saved', id: kept.id });
    await expect(
      createPartner(crashingBeforeCommit<ContentDependencies>(services()), actor, lost),
    ).rejects.toThrow('crash before the commit');
    expect((await services().partners.find(kept.id))?.name).toBe('Kept Institute');
    expect(await auditOf(kept.id)).toEqual([
      { action: 'partner-saved', details: { name: 'Kept Institute' } },
    ]);
    expect(await services().partners.find(lost.id)).toBeUndefined();
    expect(await auditOf(lost.id)).toEqual([]);
  });

  it('publishes a criteria version with its audit entry, or neither when the transaction fails', async () => {
    const actor = await admin();
    const deps = (): PublishDependencies => services();
    const published = async () =>
      (await db().selectFrom('criteria_publication').select('version').where('version', '=', 2).execute())
        .length;

    await expect(publishCriteriaVersion(crashingBeforeCommit(deps()), { actor, version: 2 })).rejects.toThrow(
      'crash before the commit',
    );
    expect(await published()).toBe(0);
    expect(await auditOf('2')).toEqual([]);
    expect((await services().criteriaPublications.current()).version).toBe(1);

    expect(await publishCriteriaVersion(deps(), { actor, version: 2 })).toEqual({
      kind: 'published',
      previous: 1,
    });
    expect(await publishCriteriaVersion(deps(), { actor, version: 2 })).toEqual({
      kind: 'older-than-current',
    });
    expect(await published()).toBe(1);
    expect(await auditOf('2')).toEqual([{ action: 'criteria-published', details: { previous: 1 } }]);
    expect((await services().criteriaPublications.current()).version).toBe(2);
  });

  it('queues the contact mail in its transaction, or not at all', async () => {
    const m = messagesFor('en');
    const mailJobs = async (marker: string) =>
      (await db().selectFrom('job').select('payload').where('kind', '=', 'mail').execute()).filter((job) =>
        job.payload.includes(marker),
      ).length;
    const guarded = { ...services(), formGuard: { check: () => 'ok' as const } };
    const contact = (message: string) => ({
      name: 'Visitor',
      email: 'visitor@example.org',
      message,
      formToken: '',
    });

    await expect(
      sendContactMessage(crashingBeforeCommit(guarded), m, contact('lost-contact-marker')),
    ).rejects.toThrow('crash before the commit');
    expect(await mailJobs('lost-contact-marker')).toBe(0);

    expect(await sendContactMessage(guarded, m, contact('kept-contact-marker'))).toEqual({ kind: 'sent' });
    expect(await mailJobs('kept-contact-marker')).toBe(1);
  });
});
