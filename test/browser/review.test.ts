import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { Criterion } from '../../src/features/criteria/rules';
import { completeAll, createProduct, sampleProduct, startApplication } from '../support/applications';
import { browserSuite, pageSignedInAs, seriousViolations } from '../support/browser';
import { companyWithOwner, signedInUser } from '../support/flows';

const suite = browserSuite();

/** One reviewer's verdicts in the workspace: everything accepted except the given questions. */
async function review(
  page: Page,
  criteria: readonly Criterion[],
  recommendation: string,
  questions: Record<string, string> = {},
) {
  for (const criterion of criteria) {
    const question = questions[criterion.id];
    await page
      .getByRole('group', { name: `Your verdict on ${criterion.id}` })
      .getByRole('radio', {
        name: question ? 'Needs clarification' : 'Accepted',
      })
      .check();
    if (question) {
      await page
        .getByRole('group', { name: `Your verdict on ${criterion.id}` })
        .getByLabel(/^Comment or question/)
        .fill(question);
    }
  }
  await page
    .getByRole('group', { name: 'You recommend' })
    .getByRole('radio', { name: recommendation, exact: true })
    .check();
  await page.getByLabel('Your reasons').fill(`${recommendation}: my reasons.`);
  await page.getByRole('button', { name: /Submit my review|Update my review/ }).click();
  await page.getByText('Your review has been submitted.').waitFor();
}

async function decide(page: Page, outcome: string, rationale: string) {
  await page.getByLabel('Outcome').selectOption({ label: outcome });
  await page.getByLabel('Written rationale').fill(rationale);
  await page.getByRole('button', { name: 'Record decision' }).click();
  await page.getByText('The decision has been recorded.').waitFor();
}

describe('the expert review in a browser', () => {
  it('queues while paused, reviews independently, asks for a change, and certifies after resubmission', async () => {
    const { server, browser } = suite;
    const criteria = (await server.running.services.criteriaPublications.current()).criteria;
    const { owner, user: ownerUser } = await companyWithOwner(server, 'lumen');
    const admin = await signedInUser(server, 'admin');
    const first = await signedInUser(server, 'reviewer');
    const second = await signedInUser(server, 'reviewer');
    const outsider = await signedInUser(server, 'reviewer');
    const productId = await createProduct(owner, 'lumen', { ...sampleProduct, name: 'Lumen Doorbell' });
    const applicationId = await startApplication(owner, 'lumen', productId);
    await completeAll(owner, applicationId, criteria);

    const adminPage = await pageSignedInAs(browser, server.url, admin.client);
    await adminPage.goto('/en/admin/reviews');
    await adminPage.getByLabel('Public notice (English)').fill('Reviews restart on Monday.');
    await adminPage.getByRole('button', { name: 'Pause reviews' }).click();
    await adminPage.getByText('Reviews are paused. The notice is shown on every page.').waitFor();

    const applicant = await pageSignedInAs(browser, server.url, owner);
    await applicant.goto(`/en/applications/${applicationId}`);
    await applicant.getByRole('button', { name: 'Submit for review' }).click();
    await applicant.getByText('Your place in the queue: 1').waitFor();
    expect(
      await applicant.getByRole('status').filter({ hasText: 'Reviews are paused.' }).textContent(),
    ).toContain('Reviews restart on Monday.');
    expect(await seriousViolations(applicant)).toEqual([]);

    // Once lumen has submitted, the profile offers it, and the conflicted reviewer declares the conflict
    // while reviews are paused, before anyone is assigned.
    const outsiderPage = await pageSignedInAs(browser, server.url, outsider.client);
    await outsiderPage.goto('/en/review/profile');
    await outsiderPage.getByLabel('Company').selectOption({ label: 'lumen Ltd' });
    await outsiderPage.getByLabel(/^Why/).fill('My sister runs it.');
    await outsiderPage.getByRole('button', { name: 'Declare conflict' }).click();
    await outsiderPage.getByText('Your conflicts of interest have been updated.').waitFor();

    await adminPage.getByRole('button', { name: 'Resume reviews' }).click();
    await adminPage.getByText('Reviews have resumed.').waitFor();
    await server.smtp.waitFor(ownerUser.email, /Trustmark reviews have resumed/);
    await server.smtp.waitFor(first.user.email, /New review: Lumen Doorbell/);
    await server.smtp.waitFor(second.user.email, /New review: Lumen Doorbell/);

    const outsiderResponse = await outsiderPage.goto(`/en/review/applications/${applicationId}`);
    expect(outsiderResponse?.status()).toBe(404);

    const firstPage = await pageSignedInAs(browser, server.url, first.client);
    const secondPage = await pageSignedInAs(browser, server.url, second.client);
    const workspace = `/en/review/applications/${applicationId}`;
    await firstPage.goto(workspace);
    expect(await seriousViolations(firstPage)).toEqual([]);
    const question = 'Which protocol protects the video stream?';
    await review(firstPage, criteria, 'Ask the company for changes', { 'SEC-03': question });
    await secondPage.goto(workspace);
    expect(await secondPage.content()).not.toContain(question);
    await review(secondPage, criteria, 'Ask the company for changes');
    expect(await secondPage.content()).toContain(question);
    await decide(
      secondPage,
      'Ask the company for changes',
      'Please explain how the video stream is protected.',
    );
    await server.smtp.waitFor(ownerUser.email, /Lumen Doorbell: the reviewers ask for changes/);

    await applicant.goto(`/en/applications/${applicationId}`);
    await applicant.getByRole('link', { name: 'SEC-03', exact: true }).click();
    await applicant.getByText(question).waitFor();
    await applicant.getByLabel('Your message').fill('SRTP with keys exchanged over TLS 1.3.');
    await applicant.getByRole('button', { name: 'Send' }).click();
    await applicant.getByText('SRTP with keys exchanged over TLS 1.3.').waitFor();
    await applicant.getByLabel('Explanation').fill('Video is encrypted end to end with SRTP.');
    await applicant.getByRole('button', { name: 'Save answer' }).click();
    await applicant.getByText('Your answer has been saved.').waitFor();
    await applicant.goto(`/en/applications/${applicationId}`);
    await applicant.getByRole('button', { name: 'Resubmit for review' }).click();
    await applicant.getByText('Your changes have been resubmitted.').waitFor();
    await server.smtp.waitFor(first.user.email, /Lumen Doorbell has been resubmitted/);

    await firstPage.goto(workspace);
    await firstPage.getByText('Changed since the last round', { exact: true }).first().waitFor();
    await review(firstPage, criteria, 'Certify');
    await secondPage.goto(workspace);
    await review(secondPage, criteria, 'Certify');
    await decide(secondPage, 'Certify', 'All criteria are met and documented.');
    const decided = await server.smtp.waitFor(ownerUser.email, /Lumen Doorbell: the review has been decided/);
    expect(decided.text).toContain('has been certified');
    await applicant.goto(`/en/applications/${applicationId}`);
    await applicant.getByRole('heading', { name: 'Certified' }).waitFor();
  });
});
