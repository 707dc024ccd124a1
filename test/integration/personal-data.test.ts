import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { answer, createProduct, samplePdf, sampleProduct, startApplication } from '../support/applications';
import { companyWithOwner, joinCompany, signInThroughHttp, signedInUser } from '../support/flows';
import type { HttpClient } from '../support/http';
import { certificationOf, decideAsAssigned, submittedProduct } from '../support/review';
import { startTestServer, type TestServer } from '../support/server';

let server: TestServer;
const retentionDays = 30;

beforeAll(async () => {
  server = await startTestServer({ environment: { UNSUCCESSFUL_RETENTION_DAYS: String(retentionDays) } });
}, 60_000);
afterAll(async () => {
  await server?.close();
});

/** The server's reviewers, made once: every application is assigned among them. */
let reviewerPool: { client: HttpClient; id: string }[] | undefined;
async function reviewers() {
  reviewerPool ??= [await signedInUser(server, 'reviewer'), await signedInUser(server, 'reviewer')];
  return reviewerPool;
}

const criteria = async () => (await server.running.services.criteriaPublications.current()).criteria;

/** Moves an application's end back in time, as if the days had passed. */
async function endedDaysAgo(applicationId: string, days: number) {
  const at = new Date(Date.now() - days * 86_400_000).toISOString();
  await server.running.services.database.db
    .updateTable('application')
    .set({ updated_at: at, decided_at: at })
    .where('id', '=', applicationId)
    .execute();
}

describe('personal data rights', () => {
  it('gives every user a download of what the platform holds about them, and only them', async () => {
    const { owner, user } = await companyWithOwner(server, 'export-co');
    const { user: other } = await companyWithOwner(server, 'export-other');
    const account = await owner.get('/en/account');
    expect(account.text).toContain('href="/en/account/export.json"');
    expect((await owner.post('/en/account/mail', {})).status).toBe(303);

    const download = await owner.get('/en/account/export.json');
    expect(download.status).toBe(200);
    expect(download.headers.get('content-type')).toContain('application/json');
    expect(download.headers.get('content-disposition')).toBe(
      'attachment; filename="trustmark-account-data.json"',
    );
    const data = JSON.parse(download.text);
    expect(data.account).toMatchObject({ name: user.name, email: user.email, emailVerified: true });
    expect(data.companies).toEqual([{ name: 'export-co Ltd', role: 'owner' }]);
    expect(data.sessions.length).toBeGreaterThan(0);
    expect(data.mailPreferences.map((preference: { enabled: boolean }) => preference.enabled)).toContain(
      false,
    );
    expect(download.text).not.toContain(other.email);
    expect(download.text).not.toContain('password');

    const visitor = await server.client().get('/en/account/export.json');
    expect(visitor.status).toBe(303);
    expect(visitor.location).toContain('/en/sign-in');
  });

  it('deletes an account on request, forgets the name on the work that stays, and keeps owners until they hand over', async () => {
    const { owner } = await companyWithOwner(server, 'leaving-co');
    const { teammate, user: leaver } = await joinCompany(server, owner, 'leaving-co', 'admin');
    const productId = await createProduct(owner, 'leaving-co');
    const applicationId = await startApplication(owner, 'leaving-co', productId);
    const first = (await criteria())[0]!;
    expect((await answer(teammate, applicationId, first, 'met', 'Written by the teammate.')).status).toBe(
      303,
    );
    // An audited act of the teammate's: keeping a withdrawn application.
    const withdrawnId = await startApplication(owner, 'leaving-co', productId);
    expect((await owner.post(`/en/applications/${withdrawnId}/withdraw`, {})).status).toBe(303);
    expect((await teammate.post(`/en/applications/${withdrawnId}/keep`, {})).status).toBe(303);

    const blocked = await owner.get('/en/account/delete');
    expect(blocked.status).toBe(200);
    expect(blocked.text).not.toContain('Delete my account for good');
    expect(blocked.text).toContain('You own these companies');
    expect(blocked.text).toContain('href="/en/companies/leaving-co"');
    expect((await owner.post('/en/account/delete', { password: 'whatever-it-is' })).status).toBe(409);

    const confirm = await teammate.get('/en/account/delete');
    expect(confirm.status).toBe(200);
    expect(confirm.text).toContain('This cannot be undone.');
    const wrong = await teammate.post('/en/account/delete', { password: 'Not-the-password-at-all' });
    expect(wrong.status).toBe(401);
    expect(wrong.text).toContain('That password is not correct.');
    expect((await teammate.get('/en/account')).status).toBe(200);

    const [leaverRecord] = await server.running.services.users.search(leaver.email);
    const deleted = await teammate.post('/en/account/delete', { password: leaver.password });
    expect(deleted.status).toBe(200);
    expect(deleted.text).toContain('Your account has been deleted');
    expect(deleted.text).not.toContain(leaver.name);
    const afterwards = await teammate.get('/en/account');
    expect(afterwards.status).toBe(303);
    expect(afterwards.location).toContain('/en/sign-in');
    await expect(signInThroughHttp(server.client(), leaver.email, leaver.password)).rejects.toThrow();
    expect(await server.running.services.users.search(leaver.email)).toEqual([]);

    const company = await owner.get('/en/companies/leaving-co');
    expect(company.text).not.toContain(leaver.email);
    const criterionPage = await owner.get(`/en/applications/${applicationId}/criteria/${first.id}`);
    expect(criterionPage.text).toContain('a deleted account');
    expect(criterionPage.text).not.toContain(leaver.name);
    // The leaver's own actions stay on the record, without their name.
    const { client: auditor } = await signedInUser(server, 'admin');
    const record = await auditor.get(`/en/admin/audit?application=${withdrawnId}`);
    expect(record.text).toContain('application-kept');
    expect(record.text).toContain('a deleted account');
    expect(record.text).not.toContain(leaver.name);
    // Only this deletion's entry counts: another test may delete an account of its own.
    const entries = (await server.running.services.audit.search({ action: 'account-deleted' }, 50)).filter(
      (entry) => entry.subject_id === leaverRecord!.id,
    );
    expect(entries).toHaveLength(1);
    expect(entries[0]!.actor_id).toBeNull();
  });

  it('deletes unsuccessful applications after the retention period, with their files, unless the company keeps them', async () => {
    const { owner } = await companyWithOwner(server, 'retention-co');
    const [first] = await criteria();
    const withdrawn: string[] = [];
    for (const name of ['Withdrawn Lamp', 'Kept Lamp']) {
      const productId = await createProduct(owner, 'retention-co', {
        ...sampleProduct,
        name,
      });
      const applicationId = await startApplication(owner, 'retention-co', productId);
      withdrawn.push(applicationId);
    }
    const [dropped, kept] = withdrawn as [string, string];
    const uploaded = await owner.upload(
      `/en/applications/${dropped}/criteria/${first!.id}/files`,
      'file',
      samplePdf,
      'only-here.pdf',
    );
    expect(uploaded.status).toBe(303);
    for (const id of withdrawn)
      expect((await owner.post(`/en/applications/${id}/withdraw`, {})).status).toBe(303);

    const page = await owner.get(`/en/applications/${kept}`);
    expect(page.text).toContain('it will be deleted with its answers and documents on');
    expect((await owner.post(`/en/applications/${kept}/keep`, {})).status).toBe(303);
    expect((await owner.get(`/en/applications/${kept}`)).text).toContain(
      'Your company keeps this application',
    );

    // Not certified after review counts as unsuccessful too.
    const pool = await reviewers();
    const refused = await submittedProduct(server, owner, 'retention-co', { name: 'Refused Lamp' });
    await decideAsAssigned(server, pool, refused.applicationId, 'not-certify');

    const storageKey = (
      await server.running.services.database.db
        .selectFrom('evidence_file')
        .select('storage_key')
        .where('file_name', '=', 'only-here.pdf')
        .executeTakeFirstOrThrow()
    ).storage_key;
    const stored = join(server.environment['DATA_DIR']!, 'evidence', storageKey.slice(0, 2), storageKey);
    expect(existsSync(stored)).toBe(true);

    // Not yet due: nothing goes.
    for (const id of [dropped, kept, refused.applicationId]) await endedDaysAgo(id, retentionDays - 1);
    expect(await server.running.services.retention.sweep()).toEqual({ deleted: 0 });
    for (const id of [dropped, kept, refused.applicationId]) await endedDaysAgo(id, retentionDays + 1);
    expect(await server.running.services.retention.sweep()).toEqual({ deleted: 2 });

    expect((await owner.get(`/en/applications/${dropped}`)).status).toBe(404);
    expect((await owner.get(`/en/applications/${refused.applicationId}`)).status).toBe(404);
    expect((await owner.get(`/en/applications/${kept}`)).status).toBe(200);
    expect(existsSync(stored)).toBe(false);
    const entries = await server.running.services.audit.search({ action: 'application-deleted' }, 10);
    expect(entries.map((entry) => entry.application_id).sort()).toEqual(
      [dropped, refused.applicationId].sort(),
    );
    // Letting it go makes it due at the next sweep.
    expect((await owner.post(`/en/applications/${kept}/release`, {})).status).toBe(303);
    expect(await server.running.services.retention.sweep()).toEqual({ deleted: 1 });
  });

  it('states the retention period and the rights in the privacy notice', async () => {
    const notice = await server.client().get('/en/privacy');
    expect(notice.text).toContain(`${retentionDays} days after it ended`);
    expect(notice.text).toContain('download everything the platform holds about you');
    const german = await server.client().get('/de/privacy');
    expect(german.text).toContain(`${retentionDays} Tage nach ihrem Ende`);
  });
});

describe('closing a company', () => {
  it('lets its owner close it, ending its marks and deleting its data, and then leave', async () => {
    const { owner, user } = await companyWithOwner(server, 'closing-co');
    const { teammate } = await joinCompany(server, owner, 'closing-co', 'admin');
    const pool = await reviewers();
    const { applicationId } = await submittedProduct(server, owner, 'closing-co', { name: 'Closing Clock' });
    await decideAsAssigned(server, pool, applicationId, 'certify');
    const certificationId = await certificationOf(server, applicationId);
    const productId = await createProduct(owner, 'closing-co', { ...sampleProduct, name: 'Draft Clock' });
    const draft = await startApplication(owner, 'closing-co', productId);
    const [first] = await criteria();
    expect(
      (
        await owner.upload(
          `/en/applications/${draft}/criteria/${first!.id}/files`,
          'file',
          samplePdf,
          'closing.pdf',
        )
      ).status,
    ).toBe(303);
    const { storage_key: key } = await server.running.services.database.db
      .selectFrom('evidence_file')
      .select('storage_key')
      .where('file_name', '=', 'closing.pdf')
      .executeTakeFirstOrThrow();
    const stored = join(server.environment['DATA_DIR']!, 'evidence', key.slice(0, 2), key);

    expect(
      (await teammate.post('/en/companies/closing-co/close', { confirmSlug: 'closing-co' })).status,
    ).toBe(403);
    const page = await owner.get('/en/companies/closing-co');
    expect(page.text).toContain('Close the company');
    const mismatch = await owner.post('/en/companies/closing-co/close', { confirmSlug: 'closing' });
    expect(mismatch.status).toBe(422);
    expect(mismatch.text).toContain('Please type the company’s short name exactly as shown.');

    const closed = await owner.post('/en/companies/closing-co/close', { confirmSlug: 'closing-co' });
    expect(closed.status).toBe(200);
    expect(closed.text).toContain('The company has been closed');
    expect((await owner.get('/en/companies/closing-co')).status).toBe(404);
    expect((await owner.get(`/en/applications/${draft}`)).status).toBe(404);
    expect(existsSync(stored)).toBe(false);
    const certification = await server.running.services.registry.find(certificationId);
    expect(certification).toMatchObject({
      status: 'expired',
      status_reason: 'The company closed its account.',
    });
    expect((await server.client().get(`/en/products/${certificationId}`)).text).toContain(
      'The company closed its account.',
    );
    const audit = await server.running.services.audit.search({ action: 'company-closed' }, 5);
    expect(audit).toHaveLength(1);

    // With no company left to own, the owner may delete their account.
    const deletion = await owner.get('/en/account/delete');
    expect(deletion.text).toContain('Delete my account for good');
    expect((await owner.post('/en/account/delete', { password: user.password })).status).toBe(200);
  });

  it('keeps the last administrator until someone else has the role', async () => {
    const { client: only, user } = await signedInUser(server, 'admin');
    // Administrators made by other tests of this file step down, so this one is the only one.
    for (const other of await server.running.services.users.search('admin-')) {
      if (other.role === 'admin' && other.email !== user.email)
        await server.running.services.accounts.changeRole(other.id, 'applicant');
    }
    expect(await server.running.services.users.countWithRole('admin')).toBe(1);
    const page = await only.get('/en/account/delete');
    expect(page.text).toContain('You are the program’s only administrator.');
    expect(page.text).not.toContain('Delete my account for good');
    expect((await only.post('/en/account/delete', { password: user.password })).status).toBe(409);
    await signedInUser(server, 'admin');
    expect((await only.post('/en/account/delete', { password: user.password })).status).toBe(200);
  });
});
