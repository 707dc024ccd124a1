import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Criterion } from '../../src/features/criteria/rules';
import { answer, completeAll, createProduct, sampleProduct, startApplication } from '../support/applications';
import { companyWithOwner, signedInUser } from '../support/flows';
import type { HttpClient } from '../support/http';
import { changesRequested, resubmitted, reviewFormWith, submittedProduct } from '../support/review';
import { startTestServer, type TestServer } from '../support/server';
import { createApplicationRepository } from '../../src/features/applications';
import { createReviewRepository } from '../../src/features/review/store';

let server: TestServer;
let criteria: Criterion[];
let owner: HttpClient;
let ownerEmail: string;
let admin: HttpClient;
const reviewers: { client: HttpClient; email: string; id: string }[] = [];
let conflicted: { client: HttpClient; email: string; id: string };

beforeAll(async () => {
  server = await startTestServer();
  criteria = (await server.running.services.criteriaPublications.current()).criteria;
  const company = await companyWithOwner(server, 'acme');
  owner = company.owner;
  ownerEmail = company.user.email;
  ({ client: admin } = await signedInUser(server, 'admin'));
  for (let index = 0; index < 3; index++) {
    const { client, user, id } = await signedInUser(server, 'reviewer');
    reviewers.push({ client, email: user.email, id });
  }
  conflicted = reviewers.pop()!;
  // Every test brings its own application: the two reviewers take them all.
  for (const reviewer of reviewers) {
    const profile = await reviewer.client.post('/en/review/profile', { capacity: '50', available: 'on' });
    expect(profile.status).toBe(303);
  }
  // acme has submitted nothing yet, so the profile does not offer it; the reviewer knows it anyway.
  const { id: companyId } = await server.running.services.database.db
    .selectFrom('organization')
    .select('id')
    .where('slug', '=', 'acme')
    .executeTakeFirstOrThrow();
  const declared = await conflicted.client.post('/en/review/conflicts', {
    companyId,
    reason: 'I advise them',
  });
  expect(declared.status).toBe(303);
}, 60_000);
afterAll(async () => {
  await server?.close();
});

const reviewForm = (
  intent: 'save' | 'submit',
  recommendation: string,
  rationale: string,
  exceptions?: Record<string, { verdict: string; comment: string }>,
) => reviewFormWith(criteria, intent, recommendation, rationale, exceptions);

/** An application of acme's, submitted and taken by the two reviewers. */
async function inReview(name: string): Promise<string> {
  const { applicationId } = await submittedProduct(server, owner, 'acme', { name });
  await server.running.jobs.drain();
  return applicationId;
}

const question = 'Which protocol protects the data in transit?';

/**
 * Round 2 of an application whose company changed and answered SEC-03 only: the reviewer's other
 * verdicts are prefilled and marked, SEC-03 comes first, and a changed verdict loses its mark.
 */
async function carriesOver(reviewer: HttpClient, applicationId: string): Promise<void> {
  const workspace = `/en/review/applications/${applicationId}`;
  const others = criteria.length - 1;
  const page = (await reviewer.get(workspace)).text;
  expect(page).toContain(`1 changed, ${others} carried over, 1 to decide`);
  const changedFirst = page.indexOf('Changed or answered since the last round');
  expect(changedFirst).toBeGreaterThan(0);
  expect(page.indexOf('id="criterion-SEC-03"')).toBeGreaterThan(changedFirst);
  expect(page.indexOf('id="criterion-SEC-03"')).toBeLessThan(page.indexOf('id="criterion-SEC-01"'));
  expect(page.match(/Carried over from round 1/g)?.length).toBe(others);
  const checked = [...page.matchAll(/name="verdict-([\w-]+)" value="accepted" checked/g)].map(
    (hit) => hit[1],
  );
  expect(checked).toHaveLength(others);
  expect(checked).not.toContain('SEC-03');

  const saved = await reviewer.post(
    workspace,
    reviewFormWith(criteria, 'save', '', '', {
      'SEC-01': { verdict: 'not-met', comment: 'The policy page is gone.' },
    }),
  );
  expect(saved.status).toBe(303);
  const after = (await reviewer.get(workspace)).text;
  expect(after).toContain(`1 changed, ${others - 1} carried over, 0 to decide`);
  expect(after.match(/Carried over from round 1/g)?.length).toBe(others - 1);
}

/**
 * A reviewer's question committed while the company resubmits (held open as askCompany holds it): the
 * resubmission waits for it, finds it unanswered and is refused; the company answers it.
 */
async function questionDuringResubmission(applicationId: string) {
  const { services } = server.running;
  const { round } = (await services.applications.find(applicationId))!;
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  let held!: () => void;
  const holding = new Promise<void>((resolve) => (held = resolve));
  const asking = services.jobs.transaction(async (trx) => {
    await createApplicationRepository(trx).hold(applicationId);
    held();
    await released;
    await createReviewRepository(trx).addMessage({
      applicationId,
      criterionId: 'SEC-03',
      round,
      author: { id: reviewers[1]!.id, name: 'Second reviewer' },
      side: 'reviewer',
      body: 'And how are the pinned keys rotated?',
      now: new Date(),
    });
  });
  await holding;
  const resubmitting = owner.post(`/en/applications/${applicationId}/resubmit`, {});
  await new Promise((resolve) => setTimeout(resolve, 300));
  release();
  await asking;
  const refused = await resubmitting;
  expect(refused.status).toBe(409);
  expect(refused.text).toMatch(/Answer the reviewer(&#39;|')s question on SEC-03/);
  const reply = await owner.post(`/en/applications/${applicationId}/criteria/SEC-03/messages`, {
    body: 'Monthly, by the update service.',
  });
  expect(reply.status).toBe(303);
}

describe('the expert review', () => {
  it('queues a submission while reviews are paused, shows its place, and tells the company when they resume', async () => {
    const paused = await admin.post('/en/admin/reviews/pause', {
      messageEn: 'We are welcoming new reviewers until Monday.',
      messageDe: 'Bis Montag nehmen wir neue Prüfer auf.',
    });
    expect(paused.status).toBe(303);
    expect((await server.client().get('/en')).text).toContain('We are welcoming new reviewers until Monday.');
    expect((await server.client().get('/de')).text).toContain('Bis Montag nehmen wir neue Prüfer auf.');

    const productId = await createProduct(owner, 'acme', { ...sampleProduct, name: 'Reviewed Hub' });
    const applicationId = await startApplication(owner, 'acme', productId);
    await completeAll(owner, applicationId, criteria);
    expect((await owner.post(`/en/applications/${applicationId}/submit`, {})).status).toBe(303);
    const submittedMail = await server.smtp.waitFor(
      ownerEmail,
      /Reviewed Hub: your application has been submitted/,
    );
    expect(submittedMail.text).toContain('number 1 in the queue');

    const waiting = (await owner.get(`/en/applications/${applicationId}`)).text;
    expect(waiting).toContain('Your place in the queue: 1');
    expect(waiting).toContain('We are welcoming new reviewers until Monday.');
    expect((await reviewers[0]!.client.get('/en/review')).text).not.toContain('Reviewed Hub');

    expect((await admin.post('/en/admin/reviews/resume', {})).status).toBe(303);
    const resumed = await server.smtp.waitFor(ownerEmail, /Trustmark reviews have resumed/);
    expect(resumed.text).toContain('Reviewed Hub');
    expect((await server.client().get('/en')).text).not.toContain('We are welcoming new reviewers');

    for (const reviewer of reviewers) {
      await server.smtp.waitFor(reviewer.email, /New review: Reviewed Hub/);
      expect((await reviewer.client.get('/en/review')).text).toContain('Reviewed Hub');
    }
    await server.running.jobs.drain();
    expect((await owner.get(`/en/applications/${applicationId}`)).text).toContain('In review');
  });

  it('never shows the application to a reviewer with a conflict of interest, nor lets an admin assign one', async () => {
    const applicationId = await inReview('Reviewed Hub');
    for (const path of [`/en/review/applications/${applicationId}`, `/en/applications/${applicationId}`]) {
      const response = await conflicted.client.get(path);
      expect(response.status, path).toBe(404);
      expect(response.text).not.toContain('Reviewed Hub');
    }
    expect((await conflicted.client.get('/en/review')).text).not.toContain('Reviewed Hub');
    const adminPage = (await admin.get('/en/admin/reviews')).text;
    expect(adminPage).not.toContain(`<option value="${conflicted.id}">`);
    const forced = await admin.post(`/en/admin/applications/${applicationId}/assign`, {
      reviewerId: conflicted.id,
    });
    expect(forced.status).toBe(409);
    expect(forced.text).toContain('declared a conflict of interest with the company');
  });

  it('keeps each first look independent, then asks the company for a change', async () => {
    const applicationId = await inReview('Questioned Hub');
    const [first, second] = reviewers as [(typeof reviewers)[0], (typeof reviewers)[0]];
    const workspace = `/en/review/applications/${applicationId}`;

    const incomplete = await first.client.post(workspace, {
      intent: 'submit',
      recommendation: '',
      rationale: '',
    });
    expect(incomplete.status).toBe(422);
    expect(incomplete.text).toContain('Please choose a verdict.');
    expect(incomplete.text).toContain('Please choose what you recommend.');

    const firstReview = await first.client.post(
      workspace,
      reviewForm('submit', 'request-changes', 'One point to clarify.', {
        'SEC-03': { verdict: 'needs-clarification', comment: question },
      }),
    );
    expect(firstReview.status).toBe(303);
    expect((await second.client.get(workspace)).text).not.toContain(question);
    const tooEarly = await first.client.post(`${workspace}/decide`, {
      outcome: 'request-changes',
      decisionRationale: 'Clarify encryption.',
    });
    expect(tooEarly.status).toBe(409);
    expect(tooEarly.text).toContain('Not every assigned reviewer has submitted their review yet.');

    expect(
      (
        await second.client.post(
          workspace,
          reviewForm('submit', 'request-changes', 'Agreed: clarify SEC-03.'),
        )
      ).status,
    ).toBe(303);
    expect((await second.client.get(workspace)).text).toContain(question);

    const decided = await second.client.post(`${workspace}/decide`, {
      outcome: 'request-changes',
      decisionRationale: 'Please explain how data is protected in transit.',
    });
    expect(decided.status).toBe(303);
    const mail = await server.smtp.waitFor(ownerEmail, /Questioned Hub: the reviewers ask for changes/);
    expect(mail.text).toContain('Please explain how data is protected in transit.');
  });

  it('lets the company answer, edit and resubmit, and shows the reviewers what changed', async () => {
    const applicationId = await inReview('Answering Hub');
    await changesRequested(
      server,
      reviewers.map((reviewer) => reviewer.client),
      applicationId,
      question,
    );
    // The reviewer who asked hears that the question went to the company; the other asked nothing.
    const asked = await server.smtp.waitFor(reviewers[0]!.email, /Answering Hub: your questions went/);
    expect(asked.text).toContain('SEC-03');
    expect(asked.text).toContain(`/en/review/applications/${applicationId}`);
    await server.running.jobs.drain();
    expect(
      server.smtp.received.filter(
        (mail) => mail.to.includes(reviewers[1]!.email) && /Answering Hub: your questions/.test(mail.subject),
      ),
    ).toEqual([]);

    const page = (await owner.get(`/en/applications/${applicationId}`)).text;
    expect(page).toContain('The reviewers ask for changes');
    expect(page).toContain(`/en/applications/${applicationId}/criteria/SEC-03`);
    expect(page).toMatch(/Answer the reviewer(&#39;|')s question on SEC-03/);
    expect(page).not.toContain('Nothing blocks submission.');
    expect(page).toContain('Question to answer');
    const criterionPage = (await owner.get(`/en/applications/${applicationId}/criteria/SEC-03`)).text;
    expect(criterionPage).toContain('Which protocol protects the data in transit?');
    // Reviewers appear to the company without their names.
    expect(criterionPage).not.toContain(reviewers[0]!.email.split('@')[0]!.replace('-', ' '));

    const sec03 = criteria.find((criterion) => criterion.id === 'SEC-03')!;
    const edited = await answer(owner, applicationId, sec03, 'met', 'All traffic uses TLS 1.3 with pinning.');
    expect(edited.status).toBe(303);
    // Resubmitting with the question unanswered is refused, saying which; the edited answer stays.
    const refused = await owner.post(`/en/applications/${applicationId}/resubmit`, {});
    expect(refused.status).toBe(409);
    expect(refused.text).toMatch(/Not resubmitted.*Answer the reviewer(&#39;|')s question on SEC-03\./s);
    expect((await server.running.services.applications.find(applicationId))?.status).toBe(
      'changes-requested',
    );
    expect((await owner.get(`/en/applications/${applicationId}/criteria/SEC-03`)).text).toContain(
      'All traffic uses TLS 1.3 with pinning.',
    );

    const reply = await owner.post(`/en/applications/${applicationId}/criteria/SEC-03/messages`, {
      body: 'TLS 1.3 with certificate pinning.',
    });
    expect(reply.status).toBe(303);
    const answered = (await owner.get(`/en/applications/${applicationId}`)).text;
    expect(answered).not.toContain('question on SEC-03');
    expect(answered).not.toContain('Question to answer');
    await questionDuringResubmission(applicationId);
    expect((await owner.post(`/en/applications/${applicationId}/resubmit`, {})).status).toBe(303);
    for (const reviewer of reviewers) {
      await server.smtp.waitFor(reviewer.email, /Answering Hub has been resubmitted/);
    }

    const workspace = (await reviewers[0]!.client.get(`/en/review/applications/${applicationId}`)).text;
    expect(workspace).toContain('Round 2');
    expect(workspace).toContain('Changed since the last round');
    expect(workspace).toMatch(/<ins>[^<]*TLS[^<]*<\/ins>/);
    expect(workspace).toMatch(/<del>[^<]*detail[^<]*<\/del>/);
    expect(workspace).toContain('TLS 1.3 with certificate pinning.');
    await carriesOver(reviewers[0]!.client, applicationId);
  });

  it('certifies once both reviewers agree and the rule passes; a second decision finds it decided', async () => {
    const applicationId = await inReview('Certified Hub');
    await changesRequested(
      server,
      reviewers.map((reviewer) => reviewer.client),
      applicationId,
      question,
    );
    await resubmitted(server, owner, applicationId);
    const workspace = `/en/review/applications/${applicationId}`;
    for (const reviewer of reviewers) {
      expect(
        (await reviewer.client.post(workspace, reviewForm('submit', 'certify', 'All clear now.'))).status,
      ).toBe(303);
    }
    const disagreeing = await reviewers[0]!.client.post(`${workspace}/decide`, {
      outcome: 'not-certify',
      decisionRationale: 'Changed my mind.',
    });
    expect(disagreeing.status).toBe(409);
    expect(disagreeing.text).toContain('The reviewers recommend different outcomes.');

    const decisions = await Promise.all(
      reviewers.map((reviewer) =>
        reviewer.client.post(`${workspace}/decide`, {
          outcome: 'certify',
          decisionRationale: 'Every required criterion is met and documented.',
        }),
      ),
    );
    expect(decisions.map((response) => response.status).sort()).toEqual([303, 409]);
    const mail = await server.smtp.waitFor(ownerEmail, /Certified Hub: the review has been decided/);
    expect(mail.text).toContain('has been certified');
    expect((await owner.get(`/en/applications/${applicationId}`)).text).toContain('Certified');

    const history = (await admin.get(workspace)).text;
    for (const entry of ['Submitted', 'Reviewer assigned', 'Changes requested', 'Resubmitted', 'Decided']) {
      expect(history).toContain(entry);
    }
    const figures = (await admin.get('/en/admin/reviews')).text;
    expect(figures).toContain('Submission to decision');
  });

  it('lets a person turn off optional mail, never the mail they must act on', async () => {
    expect((await owner.post('/en/account/mail', { 'reviews-resumed': 'on' })).status).toBe(303);
    const account = (await owner.get('/en/account?notice=mail-saved')).text;
    expect(account).toContain('Your mail settings have been saved.');
    expect(account).toMatch(/<input type="checkbox" name="submitted"\/>/);
    expect(account).toMatch(/<input type="checkbox" name="reviews-resumed" checked=""\/>/);
    expect(account).not.toContain('name="decided"');
  });

  it('never lets anyone certify what fails the decision rule, not even an admin settling it', async () => {
    const productId = await createProduct(owner, 'acme', { ...sampleProduct, name: 'Doubtful Plug' });
    const id = await startApplication(owner, 'acme', productId);
    await completeAll(owner, id, criteria);
    expect((await owner.post(`/en/applications/${id}/submit`, {})).status).toBe(303);
    // Reviewers are assigned by a job that follows the submission.
    await server.running.jobs.drain();
    const workspace = `/en/review/applications/${id}`;
    const notMet = { 'SEC-01': { verdict: 'not-met', comment: 'A default password is printed on the box.' } };
    expect(
      (await reviewers[0]!.client.post(workspace, reviewForm('submit', 'certify', 'Fine.', notMet))).status,
    ).toBe(303);
    expect(
      (await reviewers[1]!.client.post(workspace, reviewForm('submit', 'not-certify', 'No.', notMet))).status,
    ).toBe(303);
    const settled = await admin.post(`${workspace}/decide`, {
      outcome: 'certify',
      decisionRationale: 'Overrule.',
    });
    expect(settled.status).toBe(409);
    expect(settled.text).toContain('it does not pass the decision rule');
    const refused = await admin.post(`${workspace}/decide`, {
      outcome: 'not-certify',
      decisionRationale: 'SEC-01 is not met: a default password ships with the product.',
    });
    expect(refused.status).toBe(303);
    const page = (await owner.get(`/en/applications/${id}`)).text;
    expect(page).toContain('Not certified');
    expect(page).toContain('SEC-01 is not met');
    expect((await server.client().get('/en')).text).not.toContain('Doubtful Plug');
  });
});
