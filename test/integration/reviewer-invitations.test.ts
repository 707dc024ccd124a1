import { createHash, randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { enableTwoFactor, newUser, signedInUser, type TestUser } from '../support/flows';
import { linkIn } from '../support/smtp';
import { startTestServer, type TestServer } from '../support/server';

/**
 * Reviewer invitations end to end, over HTTP and real SMTP: an admin invites, the mail arrives, the link
 * creates a reviewer account once, and the account must set up two-factor authentication before reviewing.
 */
describe('inviting reviewers by mail', () => {
  let server: TestServer;
  let admin: Awaited<ReturnType<typeof signedInUser>>;
  beforeAll(async () => {
    server = await startTestServer();
    admin = await signedInUser(server, 'admin');
  });
  afterAll(async () => {
    await server?.close();
  });

  const path = (link: string) => new URL(link).pathname;

  async function invite(user: TestUser): Promise<string> {
    const sent = await admin.client.post('/en/admin/reviewer-invitations', {
      email: user.email,
      name: user.name,
    });
    expect(sent.status).toBe(303);
    // The confirmation names the address from the page's own list: the address is never in a URL, where
    // access logs and browser history would keep it.
    expect(sent.location).not.toContain(encodeURIComponent(user.email));
    expect(sent.location).not.toContain(user.email);
    const confirmation = await admin.client.get(sent.location ?? '');
    expect(confirmation.text).toContain(`The invitation to ${user.email} is on its way.`);
    await server.running.jobs.drain();
    const mail = await server.smtp.waitFor(user.email, /invited to review/);
    return path(linkIn(mail, `${server.url}/en/reviewer-invitations/`));
  }

  it('creates a reviewer account from the mailed link, once, and asks for a second factor before any review', async () => {
    const invitee = newUser('invited');
    const link = await invite(invitee);
    const token = link.split('/').pop()!;

    // Only the token's hash is stored.
    const row = await server.running.services.database.db
      .selectFrom('reviewer_invitation')
      .selectAll()
      .where('email', '=', invitee.email)
      .executeTakeFirstOrThrow();
    expect(row.token_hash).toBe(createHash('sha256').update(token).digest('hex'));
    expect(JSON.stringify(row)).not.toContain(token);

    const client = server.client();
    const form = await client.get(link);
    expect(form.status).toBe(200);
    expect(form.text).toContain(invitee.email);

    const weak = await client.post(link, { name: invitee.name, password: 'password123' });
    expect(weak.status).toBe(422);

    const created = await client.post(link, { name: invitee.name, password: invitee.password });
    expect(created.status).toBe(303);
    expect(created.location).toMatch(/^\/en\/sign-in\?/);

    // The link works once.
    expect((await server.client().get(link)).status).toBe(404);
    expect((await server.client().post(link, { name: 'Someone', password: invitee.password })).status).toBe(
      404,
    );

    const signIn = await client.post('/en/sign-in', {
      email: invitee.email,
      password: invitee.password,
      next: '/en/account/two-factor?required=1',
    });
    expect(signIn.status).toBe(303);
    expect(signIn.location).toBe('/en/account/two-factor?required=1');
    const [record] = await server.running.services.users.search(invitee.email);
    expect(record?.role).toBe('reviewer');

    // Nothing of the reviewer's work opens before the second factor is on.
    const before = await client.get('/en/review');
    expect(before.status).toBe(303);
    expect(before.location).toBe('/en/account/two-factor?required=1');
    expect((await client.post('/en/review/profile', { capacity: '3', available: 'on' })).status).toBe(403);

    await enableTwoFactor(client, invitee);
    expect((await client.get('/en/review')).status).toBe(200);

    // Leaving the program leaves neither expertise nor the address in the invitation behind.
    const chosen = await client.postPairs('/en/review/expertise', [
      ['expertise', 'security'],
      ['expertise', 'privacy'],
    ]);
    expect(chosen.status).toBe(303);
    const profile = (await client.get('/en/review/profile')).text;
    expect(profile).toMatch(/value="security" checked/);
    expect(profile).toMatch(/value="privacy" checked/);
    expect(profile).not.toMatch(/value="openness" checked/);
    // The reviewer's own data download names their expertise and the invitation their account came from.
    const exported = JSON.parse((await client.get('/en/account/export.json')).text);
    expect([...exported.reviewerExpertise].sort()).toEqual(['privacy', 'security']);
    expect(exported.reviewerInvitations).toMatchObject([{ email: invitee.email, name: invitee.name }]);
    const deleted = await client.post('/en/account/delete', { password: invitee.password });
    expect(deleted.status).toBe(200);
    const db = server.running.services.database.db;
    expect(
      await db.selectFrom('reviewer_expertise').selectAll().where('user_id', '=', record!.id).execute(),
    ).toEqual([]);
    const kept = await db
      .selectFrom('reviewer_invitation')
      .selectAll()
      .where('id', '=', row.id)
      .executeTakeFirstOrThrow();
    expect([kept.email, kept.name, kept.used_at === null]).toEqual(['', '', false]);
  });

  it('refuses an expired link, a forged one and a malformed one alike', async () => {
    const invitee = newUser('late');
    const link = await invite(invitee);
    await server.running.services.database.db
      .updateTable('reviewer_invitation')
      .set({ expires_at: new Date(Date.now() - 1000).toISOString() })
      .where('email', '=', invitee.email)
      .execute();
    const client = server.client();
    expect((await client.get(link)).status).toBe(404);
    expect((await client.post(link, { name: invitee.name, password: invitee.password })).status).toBe(404);

    const forged = `/en/reviewer-invitations/${randomBytes(32).toString('base64url')}`;
    expect((await client.get(forged)).status).toBe(404);
    expect((await client.post(forged, { name: 'Mallory', password: invitee.password })).status).toBe(404);
    expect((await client.get('/en/reviewer-invitations/not-a-token')).status).toBe(404);
    expect((await server.running.services.users.search(invitee.email)).length).toBe(0);

    // A month after it expired, nobody's name and address is kept for an invitation nobody used.
    const stored = () =>
      server.running.services.database.db
        .selectFrom('reviewer_invitation')
        .select('id')
        .where('email', '=', invitee.email)
        .execute();
    await server.running.services.retention.sweep();
    expect(await stored()).toHaveLength(1);
    await server.running.services.database.db
      .updateTable('reviewer_invitation')
      .set({ expires_at: new Date(Date.now() - 31 * 86_400_000).toISOString() })
      .where('email', '=', invitee.email)
      .execute();
    await server.running.services.retention.sweep();
    expect(await stored()).toHaveLength(0);
  });

  it('creates one account when the link is used twice at the same moment', async () => {
    const invitee = newUser('race');
    const link = await invite(invitee);
    const attempts = await Promise.all(
      [server.client(), server.client()].map((client) =>
        client.post(link, { name: invitee.name, password: invitee.password }),
      ),
    );
    expect(attempts.map((attempt) => attempt.status).sort()).toEqual([303, 404]);
    expect(await server.running.services.users.search(invitee.email)).toHaveLength(1);
  });

  it('shows no confirmation for an address or id put in the URL by hand', async () => {
    const forged = await admin.client.get(
      `/en/admin/reviewer-invitations?sent=${encodeURIComponent('someone@example.org')}`,
    );
    expect(forged.status).toBe(200);
    expect(forged.text).not.toContain('is on its way');
    expect(forged.text).not.toContain('someone@example.org');
  });

  it('replaces an earlier open invitation to the same address with the new one', async () => {
    const invitee = newUser('twice');
    const first = await invite(invitee);
    server.smtp.received.splice(0);
    const second = await invite(invitee);
    expect(second).not.toBe(first);
    expect((await server.client().get(first)).status).toBe(404);
    expect((await server.client().get(second)).status).toBe(200);
  });

  it('lets only admins with a second factor invite, and not an address that has an account', async () => {
    const reviewer = await signedInUser(server, 'reviewer');
    const applicant = await signedInUser(server, 'applicant');
    const lateAdmin = await signedInUser(server, 'admin', { withoutTwoFactor: true });
    const target = newUser('nobody');
    for (const { client } of [reviewer, applicant, lateAdmin]) {
      const refused = await client.post('/en/admin/reviewer-invitations', { email: target.email, name: 'X' });
      expect(refused.status).toBe(403);
    }
    expect(
      (
        await server.running.services.database.db
          .selectFrom('reviewer_invitation')
          .select('id')
          .where('email', '=', target.email)
          .execute()
      ).length,
    ).toBe(0);

    const taken = await admin.client.post('/en/admin/reviewer-invitations', {
      email: reviewer.user.email,
      name: 'Again',
    });
    expect(taken.status).toBe(409);
    const invalid = await admin.client.post('/en/admin/reviewer-invitations', {
      email: 'not-an-address',
      name: '',
    });
    expect(invalid.status).toBe(422);
    // Another site cannot make an admin's browser invite someone.
    const forged = await admin.client.post(
      '/en/admin/reviewer-invitations',
      { email: target.email, name: 'Cross-site' },
      { origin: 'https://evil.example' },
    );
    expect(forged.status).toBe(403);
    const oversized = await admin.client.post('/en/admin/reviewer-invitations', {
      email: target.email,
      name: 'x'.repeat(5000),
    });
    expect(oversized.status).toBe(422);
    expect((await server.client().get(`/en/reviewer-invitations/${'A'.repeat(4000)}`)).status).toBe(404);
    const page = await admin.client.get('/en/admin/reviewer-invitations');
    expect(page.status).toBe(200);
  });
});
