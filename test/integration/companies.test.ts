import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newUser, signUpAndVerify } from '../support/flows';
import type { HttpClient } from '../support/http';
import { linkIn } from '../support/smtp';
import { startTestServer, type TestServer } from '../support/server';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server?.close();
});

async function signedUp(prefix: string) {
  const client = server.client();
  const user = newUser(prefix);
  await signUpAndVerify(server, client, user);
  return { client, user };
}

function memberIdOf(companyPage: string, email: string): string {
  const row = companyPage.split('<tr>').find((part) => part.includes(email));
  const id = row?.match(/\/members\/([^/]+)\/role/)?.[1];
  if (!id) throw new Error(`No member row for ${email}`);
  return id;
}

async function createCompany(client: HttpClient, name: string, slug: string) {
  const response = await client.post('/en/companies', { name, slug });
  expect(response.status).toBe(303);
  expect(response.location).toBe(`/en/companies/${slug}?notice=created`);
}

describe('companies and teams', () => {
  it('lets a user add a company, invite a teammate by mail, and the teammate join', async () => {
    const owner = await signedUp('owner');
    await createCompany(owner.client, 'Acme Devices', 'acme-devices');
    const page = await owner.client.get('/en/companies/acme-devices?notice=created');
    expect(page.status).toBe(200);
    expect(page.text).toContain('Your company has been added.');
    expect(page.text).toContain('Owner');

    const teammate = newUser('teammate');
    const invite = await owner.client.post('/en/companies/acme-devices/invitations', {
      email: teammate.email,
      role: 'member',
    });
    expect(invite.status).toBe(303);
    const mail = await server.smtp.waitFor(teammate.email, /invited to join Acme Devices/);
    const link = linkIn(mail, `${server.url}/en/invitations/`);

    // The invitee has no account yet: the link asks them to sign in first.
    const visitor = server.client();
    const asVisitor = await visitor.get(link);
    expect(asVisitor.status).toBe(303);
    expect(asVisitor.location).toContain('/en/sign-in?next=');

    await signUpAndVerify(server, visitor, teammate);
    const account = await visitor.get('/en/account');
    expect(account.text).toContain('Invitation to join Acme Devices');
    const invitation = await visitor.get(link);
    expect(invitation.status).toBe(200);
    const invitationId = new URL(link).pathname.split('/').pop();
    const accepted = await visitor.post(`/en/invitations/${invitationId}/accept`, {});
    expect(accepted.status).toBe(303);
    const joined = await visitor.get(accepted.location ?? '');
    expect(joined.text).toContain('Welcome to Acme Devices.');
    // A plain member sees the team but cannot manage it.
    expect(joined.text).not.toContain('Invite a teammate');
    const forbidden = await visitor.post('/en/companies/acme-devices/invitations', {
      email: 'x@example.test',
      role: 'member',
    });
    expect(forbidden.status).toBe(403);
  });

  it('keeps input and explains problems when adding a company or inviting', async () => {
    const owner = await signedUp('forms');
    const bad = await owner.client.post('/en/companies', { name: 'Beta GmbH', slug: 'Beta GmbH!' });
    expect(bad.status).toBe(422);
    expect(bad.text).toContain('Use lowercase letters, digits and single dashes');
    expect(bad.text).toContain('value="Beta GmbH"');

    await createCompany(owner.client, 'Beta GmbH', 'beta-gmbh');
    const taken = await (
      await signedUp('other')
    ).client.post('/en/companies', { name: 'Beta Two', slug: 'beta-gmbh' });
    expect(taken.status).toBe(422);
    expect(taken.text).toContain('This short name is already in use.');

    const invalid = await owner.client.post('/en/companies/beta-gmbh/invitations', {
      email: 'nope',
      role: 'owner',
    });
    expect(invalid.status).toBe(422);
    expect(invalid.text).toContain('Please enter an email address');
    expect(invalid.text).toContain('Please choose one of the options.');
    expect(invalid.text).toContain('value="nope"');
  });

  it('hides a company from everyone outside it, as if it did not exist', async () => {
    const owner = await signedUp('private');
    await createCompany(owner.client, 'Secret Labs', 'secret-labs');
    const outsider = await signedUp('outsider');
    const page = await outsider.client.get('/en/companies/secret-labs');
    expect(page.status).toBe(404);
    expect(page.text).not.toContain('Secret Labs');
    const missing = await outsider.client.get('/en/companies/never-existed');
    expect(missing.status).toBe(404);
    const invite = await outsider.client.post('/en/companies/secret-labs/invitations', {
      email: 'x@example.test',
      role: 'admin',
    });
    expect(invite.status).toBe(404);
  });

  it('changes roles, protects the owner, and transfers ownership', async () => {
    const owner = await signedUp('founder');
    await createCompany(owner.client, 'Gamma Home', 'gamma-home');
    const colleague = await signedUp('colleague');
    await owner.client.post('/en/companies/gamma-home/invitations', {
      email: colleague.user.email,
      role: 'member',
    });
    const invitations = (await colleague.client.get('/en/account')).text.match(/\/en\/invitations\/([^"]+)"/);
    await colleague.client.post(`/en/invitations/${invitations?.[1]}/accept`, {});

    let page = (await owner.client.get('/en/companies/gamma-home')).text;
    const colleagueId = memberIdOf(page, colleague.user.email);
    const promoted = await owner.client.post(`/en/companies/gamma-home/members/${colleagueId}/role`, {
      role: 'admin',
    });
    expect(promoted.status).toBe(303);

    // An administrator cannot touch the owner, nor make anyone owner by a role change.
    const ownerRow = (await colleague.client.get('/en/companies/gamma-home')).text;
    expect(ownerRow).toContain('Invite a teammate');
    const toOwner = await owner.client.post(`/en/companies/gamma-home/members/${colleagueId}/role`, {
      role: 'owner',
    });
    expect(toOwner.status).toBe(403);
    expect(toOwner.text).toContain('use “Transfer ownership”');

    const transfer = await owner.client.post('/en/companies/gamma-home/transfer', { memberId: colleagueId });
    expect(transfer.status).toBe(303);
    page = (await colleague.client.get('/en/companies/gamma-home')).text;
    expect(page).toContain('Transfer ownership');
    const formerOwner = (await owner.client.get('/en/companies/gamma-home')).text;
    expect(formerOwner).not.toContain('Transfer ownership');
    expect(formerOwner).toContain('Administrator');
  });

  it('lets the owner cancel an invitation, after which its link no longer works', async () => {
    const owner = await signedUp('canceller');
    await createCompany(owner.client, 'Delta Sensors', 'delta-sensors');
    const invitee = newUser('uninvited');
    await owner.client.post('/en/companies/delta-sensors/invitations', {
      email: invitee.email,
      role: 'admin',
    });
    const mail = await server.smtp.waitFor(invitee.email, /Delta Sensors/);
    const link = linkIn(mail, `${server.url}/en/invitations/`);
    const invitationId = new URL(link).pathname.split('/').pop();
    const cancel = await owner.client.post(
      `/en/companies/delta-sensors/invitations/${invitationId}/cancel`,
      {},
    );
    expect(cancel.status).toBe(303);

    const client = server.client();
    await signUpAndVerify(server, client, invitee);
    const gone = await client.get(link);
    expect(gone.status).toBe(404);
    expect(gone.text).toContain('This invitation is no longer valid.');
  });

  it('does not let someone else accept an invitation meant for another address', async () => {
    const owner = await signedUp('inviter');
    await createCompany(owner.client, 'Epsilon Audio', 'epsilon-audio');
    const intended = newUser('intended');
    await owner.client.post('/en/companies/epsilon-audio/invitations', {
      email: intended.email,
      role: 'member',
    });
    const mail = await server.smtp.waitFor(intended.email, /Epsilon Audio/);
    const invitationId = new URL(linkIn(mail, `${server.url}/en/invitations/`)).pathname.split('/').pop();
    const intruder = await signedUp('intruder');
    const accept = await intruder.client.post(`/en/invitations/${invitationId}/accept`, {});
    expect(accept.status).toBe(404);
    expect((await intruder.client.get('/en/companies/epsilon-audio')).status).toBe(404);
  });

  // Removal is idempotent: whichever request comes second finds the member gone (a plain refusal)
  // or removes nothing (a success), depending on how the database interleaves them; never an error.
  it('settles two simultaneous removals of the same member without an error, and the member is out', async () => {
    const owner = await signedUp('racer');
    await createCompany(owner.client, 'Zeta Locks', 'zeta-locks');
    const colleague = await signedUp('raced');
    await owner.client.post('/en/companies/zeta-locks/invitations', {
      email: colleague.user.email,
      role: 'member',
    });
    const invitation = (await colleague.client.get('/en/account')).text.match(/\/en\/invitations\/([^"]+)"/);
    await colleague.client.post(`/en/invitations/${invitation?.[1]}/accept`, {});
    const page = (await owner.client.get('/en/companies/zeta-locks')).text;
    const memberId = memberIdOf(page, colleague.user.email);

    const removals = await Promise.all(
      [1, 2].map(() => owner.client.post(`/en/companies/zeta-locks/members/${memberId}/remove`, {})),
    );
    const statuses = removals.map((response) => response.status).sort();
    expect(statuses[0]).toBe(303);
    expect([303, 404, 409]).toContain(statuses[1]);
    const after = (await owner.client.get('/en/companies/zeta-locks')).text;
    expect(after).not.toContain(colleague.user.email);
    expect((await colleague.client.get('/en/companies/zeta-locks')).status).toBe(404);
  });
});
