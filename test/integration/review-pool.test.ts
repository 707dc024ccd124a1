import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { answer, completedDraft } from '../support/applications';
import { companyWithOwner, signedInUser } from '../support/flows';
import { acceptAll, reviewFormWith, submittedProduct } from '../support/review';
import { startTestServer, type TestServer } from '../support/server';
import { htmlErrors } from '../support/html-validator';

type Reviewer = Awaited<ReturnType<typeof signedInUser>>;

/**
 * Expertise-aware assignment and the review-quality figures, through the real server: reviewers state
 * their expertise on their profile, assignment prefers them for an application's weakest dimension, and
 * the statistics page shows agreement, the least agreed criteria and each reviewer's figures.
 */
describe('a reviewer pool with expertise, and its review quality', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(async () => {
    await server?.close();
  });

  // Shared by the two steps: the second reviews what the first assigned.
  let expert: Reviewer;
  let other: Reviewer;
  let applicationId: string;

  const assignedTo = async (applicationId: string) =>
    new Set((await server.running.services.review.assignments(applicationId)).map((row) => row.reviewerId));

  it('assigns the openness expert to an application weakest in openness, though others have less load', async () => {
    // The expert and a generalist take a first application (all met), so they carry more load than
    // the two who join afterwards; by load alone, the newcomers would get the second application.
    expert = await signedInUser(server, 'reviewer');
    const busy = await signedInUser(server, 'reviewer');
    const saved = await expert.client.post('/en/review/expertise', { expertise: 'openness' });
    expect(saved.status).toBe(303);
    expect((await expert.client.get('/en/review/profile')).text).toMatch(/value="openness" checked/);
    const hostile = await expert.client.post('/en/review/expertise', { expertise: 'astrology' });
    expect(hostile.status).toBe(422);

    const { owner } = await companyWithOwner(server, 'first-co');
    const first = await submittedProduct(server, owner, 'first-co', { name: 'First Lamp' });
    expect(await assignedTo(first.applicationId)).toEqual(new Set([expert.id, busy.id]));

    const fresh: Reviewer[] = [
      await signedInUser(server, 'reviewer'),
      await signedInUser(server, 'reviewer'),
    ];
    const { owner: second } = await companyWithOwner(server, 'open-co');
    ({ applicationId } = await completedDraft(server, second, 'open-co', { name: 'Closed Box' }));
    const criteria = (await server.running.services.criteriaPublications.current()).criteria;
    for (const id of ['OPE-03', 'OPE-04', 'OPE-05', 'OPE-06']) {
      const criterion = criteria.find((entry) => entry.id === id)!;
      expect((await answer(second, applicationId, criterion, 'not-met', 'Not done.')).status).toBe(303);
    }
    expect((await second.post(`/en/applications/${applicationId}/submit`, {})).status).toBe(303);
    await server.running.jobs.drain();

    const assigned = await assignedTo(applicationId);
    expect(assigned.has(expert.id)).toBe(true);
    expect(assigned.size).toBe(2);
    expect(fresh.some((reviewer) => assigned.has(reviewer.id))).toBe(true);
    const audit = await server.running.services.database.db
      .selectFrom('audit_event')
      .select(['subject_id', 'reason'])
      .where('application_id', '=', applicationId)
      .where('action', '=', 'assigned')
      .execute();
    expect(audit.find((entry) => entry.subject_id === expert.id)?.reason).toBe('by load and expertise');

    other = fresh.find((reviewer) => assigned.has(reviewer.id))!;
  });

  it("shows agreement, the least agreed criteria and each reviewer's figures on the statistics page", async () => {
    // Both certify, but the expert questioned OPE-05, which the other accepted.
    const criteria = (await server.running.services.criteriaPublications.current()).criteria;
    const workspace = `/en/review/applications/${applicationId}`;
    const guidance = await expert.client.get(workspace);
    expect(guidance.text).toContain('data-testid="guidance-OPE-05"');
    expect(guidance.text).toContain('What to look for');
    const questioned = reviewFormWith(criteria, 'submit', 'certify', 'Certify.', {
      'OPE-05': { verdict: 'needs-clarification', comment: 'Which licence?' },
    });
    expect((await expert.client.post(workspace, questioned)).status).toBe(303);
    expect((await other.client.post(workspace, acceptAll(criteria, 'certify'))).status).toBe(303);
    const decided = await other.client.post(`${workspace}/decide`, {
      outcome: 'certify',
      decisionRationale: 'Certified.',
    });
    expect(decided.status).toBe(303);
    await server.running.jobs.drain();

    const admin = await signedInUser(server, 'admin');
    const page = await admin.client.get('/en/admin/statistics');
    expect(page.status).toBe(200);
    const row = (table: string, key: string) =>
      page.text
        .split(`data-testid="${table}"`)[1]
        ?.split('</table>')[0]
        ?.split(`data-key="${key}"`)[1]
        ?.split('</tr>')[0]
        ?.replace(/<[^>]+>/g, '|') ?? '';
    // OPE-05: one pair, different verdicts: 0 % alike, kappa 0 (no better than chance); it leads the list.
    expect(row('lowest-agreement', 'OPE-05')).toMatch(/\|1\|+0%\|+0\.00\|/);
    expect(page.text.split('data-testid="lowest-agreement"')[1]?.match(/data-key="([^"]+)"/)?.[1]).toBe(
      'OPE-05',
    );
    // Openness: 6 criteria in the one round with two reviewers, 5 alike.
    expect(row('agreement-by-dimension', 'openness')).toMatch(/\|6\|+83%\|/);
    // Security: every verdict "accepted": perfect agreement, kappa cannot be computed.
    expect(row('agreement-by-dimension', 'security')).toMatch(/100%\|+—\|/);
    // The expert: one review, one verdict of 35 in a certified round overturned.
    expect(row('reviewer-figures', expert.id)).toMatch(/\|1\|.*\|3% \(1 of 35\)\|/);
    expect(row('reviewer-figures', other.id)).toMatch(/\|1\|.*\|0% \(0 of 35\)\|/);
    expect(page.text).toContain('A verdict counts as overturned when');
    const german = await admin.client.get('/de/admin/statistics');
    expect(german.text).toContain('Aufgehobene Urteile');

    // The new pages, with their figures, guidance and forms, are valid HTML in both languages.
    const invitee = `valid-${Date.now()}@example.test`;
    await admin.client.post('/en/admin/reviewer-invitations', { email: invitee, name: 'Valid Person' });
    await server.running.jobs.drain();
    const mail = await server.smtp.waitFor(invitee, /invited to review/);
    const link = new URL(mail.text.match(/https?:\/\/\S+reviewer-invitations\/\S+/)![0]).pathname;
    const pages: [string, string][] = [];
    for (const locale of ['en', 'de']) {
      const inLocale = (path: string) => path.replace(/^\/en\//, `/${locale}/`);
      pages.push(
        [inLocale('/en/admin/statistics'), (await admin.client.get(inLocale('/en/admin/statistics'))).text],
        [
          inLocale('/en/admin/reviewer-invitations'),
          (await admin.client.get(inLocale('/en/admin/reviewer-invitations'))).text,
        ],
        [inLocale(link), (await server.client().get(inLocale(link))).text],
        [inLocale('/en/review/profile'), (await expert.client.get(inLocale('/en/review/profile'))).text],
        [inLocale(workspace), (await expert.client.get(inLocale(workspace))).text],
      );
    }
    expect(await htmlErrors(pages)).toEqual([]);
  });
});
