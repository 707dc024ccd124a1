import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signedInUser } from '../support/flows';
import { inputValue, type HttpClient } from '../support/http';
import { certifiedCompany, reviewerPair } from '../support/review';
import { linkIn } from '../support/smtp';
import { startTestServer, type TestServer } from '../support/server';

let server: TestServer;
let admin: { client: HttpClient; id: string };
let reviewers: HttpClient[];

const complainant = 'worried-customer@example.test';
const concernText = 'The camera sends video to a cloud server even with the cloud switched off in the app.';

beforeAll(async () => {
  server = await startTestServer({ rateLimits: { concerns: { windowMs: 60_000, limit: 8 } } });
  admin = await signedInUser(server, 'admin');
  reviewers = await reviewerPair(server);
}, 60_000);
afterAll(async () => {
  await server?.close();
});

/** Fills the concern form as a visitor would: the form's own token, then the fields. */
async function raiseConcern(client: HttpClient, certificationId: string, fields: Record<string, string>) {
  const form = await client.get(`/en/products/${certificationId}/concern`);
  expect(form.status).toBe(200);
  return client.post(`/en/products/${certificationId}/concern`, {
    formToken: inputValue(form.text, 'formToken'),
    website: '',
    ...fields,
  });
}

/** A certified product of its own for each test, so no test depends on another's concerns or statuses. */
async function certifiedProduct(slug: string) {
  const { certificationId } = await certifiedCompany(server, reviewers, slug);
  return { id: certificationId, product: { name: `${slug} Lamp` } };
}

/** A concern raised through the form and confirmed through its mailed link; returns its id. */
async function confirmedConcern(certificationId: string, email: string): Promise<string> {
  const visitor = server.client();
  const sent = await raiseConcern(visitor, certificationId, { criterion: '', message: concernText, email });
  expect(sent.status).toBe(200);
  const mail = await server.smtp.waitFor(email, /Confirm your concern/);
  const token = new URL(linkIn(mail, `${server.url}/en/concerns/confirm?token=`)).searchParams.get('token');
  expect((await visitor.post('/en/concerns/confirm', { token: token ?? '' })).status).toBe(200);
  const row = await server.running.services.database.db
    .selectFrom('concern')
    .select('id')
    .where('email', '=', email)
    .executeTakeFirstOrThrow();
  return row.id;
}

describe('concerns about certified products', () => {
  it('lets anyone raise a concern about one criterion, confirmed by mail before it counts', async () => {
    const { id, product } = await certifiedProduct('raised-co');
    const visitor = server.client();
    const productPage = await visitor.get(`/en/products/${id}`);
    expect(productPage.text).toContain(`href="/en/products/${id}/concern"`);
    expect(productPage.text).toContain('Concerns decided: 0 upheld, 0 rejected.');

    const tooShort = await raiseConcern(visitor, id, {
      criterion: 'PRI-01',
      message: 'Bad.',
      email: complainant,
    });
    expect(tooShort.status).toBe(422);
    expect(tooShort.text).toContain('Please describe the concern in at least 20 characters.');
    expect(tooShort.text).toContain(complainant);
    const unknown = await raiseConcern(visitor, id, {
      criterion: 'XXX-99',
      message: concernText,
      email: complainant,
    });
    expect(unknown.status).toBe(422);
    expect(unknown.text).toContain('Please choose one of the listed criteria.');
    expect(unknown.text).toContain(concernText);

    const sent = await raiseConcern(visitor, id, {
      criterion: 'PRI-01',
      message: concernText,
      email: complainant,
    });
    expect(sent.status).toBe(200);
    expect(sent.text).toContain('Please confirm your concern');
    expect((await admin.client.get('/en/admin/concerns')).text).not.toContain(concernText);

    const mail = await server.smtp.waitFor(complainant, /Confirm your concern/);
    expect(mail.subject).toContain(product.name);
    const link = linkIn(mail, `${server.url}/en/concerns/confirm?token=`);
    // Opening the link (as a mail scanner might) confirms nothing by itself.
    const confirmPage = await visitor.get(link.replace(server.url, ''));
    expect(confirmPage.status).toBe(200);
    expect((await admin.client.get('/en/admin/concerns')).text).not.toContain(concernText);
    const token = inputValue(confirmPage.text, 'token');
    const confirmed = await visitor.post('/en/concerns/confirm', { token });
    expect(confirmed.status).toBe(200);
    expect(confirmed.text).toContain('your concern has been received');
    expect((await visitor.post('/en/concerns/confirm', { token })).status).toBe(410);
    expect((await visitor.post('/en/concerns/confirm', { token: 'forged' })).status).toBe(410);
    await server.smtp.waitFor('program@trustmark.test', /New concern about/);

    const triage = (await admin.client.get('/en/admin/concerns')).text;
    expect(triage).toContain(concernText);
    expect(triage).toContain(complainant);
    expect(triage).toContain('About PRI-01');
  });

  it('is upheld or rejected by an admin with a public note; the product page counts it and never shows who raised it', async () => {
    const { id, product } = await certifiedProduct('decided-co');
    const author = 'decided-co-customer@example.test';
    const concernId = await confirmedConcern(id, author);
    const missingNote = await admin.client.post(`/en/admin/concerns/${concernId}/decide`, {
      decision: 'upheld',
      note: '',
    });
    expect(missingNote.status).toBe(422);
    const note = 'Confirmed by our lab: video left the device with the cloud switched off.';
    const decided = await admin.client.post(`/en/admin/concerns/${concernId}/decide`, {
      decision: 'upheld',
      note,
    });
    expect(decided.status).toBe(303);
    const again = await admin.client.post(`/en/admin/concerns/${concernId}/decide`, {
      decision: 'rejected',
      note,
    });
    expect(again.status).toBe(409);

    const productPage = (await server.client().get(`/en/products/${id}`)).text;
    expect(productPage).toContain('Concerns decided: 1 upheld, 0 rejected.');
    expect(productPage).toContain(note);
    expect(productPage).not.toContain(author);
    expect(productPage).not.toContain(concernText);
    const outcome = await server.smtp.waitFor(author, /has been decided/);
    expect(outcome.subject).toContain(product.name);
    expect(outcome.text).toContain(note);
    const [entry] = await server.running.services.audit.recent(1);
    expect(entry).toMatchObject({
      actor_id: admin.id,
      action: 'concern-upheld',
      subject_id: id,
      reason: note,
    });
    // Nobody else can decide.
    expect(
      (await server.client().post(`/en/admin/concerns/${concernId}/decide`, { decision: 'rejected', note }))
        .status,
    ).toBe(401);
  });

  it('takes concerns about a suspended mark, and none about a revoked one', async () => {
    const { id } = await certifiedProduct('revoked-co');
    const suspended = await admin.client.post(`/en/admin/certifications/${id}/status`, {
      action: 'suspend',
      reason: 'Under re-examination.',
    });
    expect(suspended.status).toBe(303);
    expect((await server.client().get(`/en/products/${id}/concern`)).status).toBe(200);
    const revoked = await admin.client.post(`/en/admin/certifications/${id}/status`, {
      action: 'revoke',
      reason: 'The company left the program.',
    });
    expect(revoked.status).toBe(303);
    expect((await server.client().get(`/en/products/${id}/concern`)).status).toBe(409);
    expect((await server.client().get(`/en/products/${id}`)).text).not.toContain(
      `/en/products/${id}/concern"`,
    );
    expect((await server.client().get('/en/products/no-such-certification/concern')).status).toBe(404);
  });

  it('limits how often one address can raise concerns', async () => {
    const { id } = await certifiedProduct('limited-co');
    const client = server.client();
    const statuses: number[] = [];
    for (let attempt = 0; attempt < 10; attempt++) {
      const response = await client.post(`/en/products/${id}/concern`, { message: '', email: '' });
      statuses.push(response.status);
      if (response.status === 429) expect(response.text).toContain('Too many attempts');
    }
    // The empty form is refused (422), but the limit counts every attempt and comes first.
    expect(statuses[0]).toBe(422);
    expect(statuses.at(-1)).toBe(429);
  });

  it('forgets a concern never confirmed within 48 hours, and its link stops working', async () => {
    const { concerns } = server.running.services;
    const { id } = await certifiedProduct('forgotten-co');
    const hash = (token: string) => createHash('sha256').update(token).digest('hex');
    const concern = {
      certificationId: id,
      criterionId: null,
      message: 'A concern nobody confirms in time.',
      email: 'forgetful@example.test',
      locale: 'en',
    };
    const threeDaysAgo = new Date(Date.now() - 3 * 24 * 60 * 60 * 1000);
    const stale = await concerns.create({ ...concern, confirmationHash: hash('stale') }, threeDaysAgo);
    expect(await concerns.confirm(hash('stale'), new Date())).toBeUndefined();
    await concerns.create({ ...concern, confirmationHash: hash('fresh') }, new Date());
    expect(await concerns.find(stale)).toBeUndefined();
  });
});
