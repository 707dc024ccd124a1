import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { Criterion } from '../../src/features/criteria/rules';
import { completeAll, createProduct, sampleProduct, startApplication } from '../support/applications';
import { browserSuite, pageSignedInAs, seriousViolations } from '../support/browser';
import { companyWithOwner, signedInUser } from '../support/flows';

const suite = browserSuite();

/**
 * One reviewer's verdicts in the workspace: the given criteria accepted except the given questions, the
 * rest left as they are. Returns the reviewer's actions (choices, fields filled, the click to submit).
 */
async function review(
  page: Page,
  criteria: readonly Criterion[],
  recommendation: string,
  questions: Record<string, string> = {},
): Promise<number> {
  let actions = 0;
  for (const criterion of criteria) {
    actions += questions[criterion.id] ? 2 : 1;
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
  return actions + 3;
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
    const asked = await server.smtp.waitFor(first.user.email, /Lumen Doorbell: your questions went/);
    expect(asked.text).toContain('SEC-03');

    // The question blocks resubmission until the company replies; the answer edited meanwhile stays.
    await applicant.goto(`/en/applications/${applicationId}`);
    const blocker = applicant.getByRole('link', { name: "Answer the reviewer's question on SEC-03" });
    await blocker.click();
    await applicant.getByText(question).waitFor();
    await applicant.getByLabel('Explanation').fill('Video is encrypted end to end with SRTP.');
    await applicant.getByRole('button', { name: 'Save answer' }).click();
    await applicant.getByText('Your answer has been saved.').waitFor();
    await applicant.goto(`/en/applications/${applicationId}`);
    await applicant.getByRole('button', { name: 'Resubmit for review' }).click();
    await applicant.getByText(/Not resubmitted: .* Answer the reviewer's question on SEC-03\./).waitFor();
    expect(await seriousViolations(applicant)).toEqual([]);
    await blocker.click();
    expect(await applicant.getByLabel('Explanation').inputValue()).toBe(
      'Video is encrypted end to end with SRTP.',
    );
    await applicant.getByLabel('Your message').fill('SRTP with keys exchanged over TLS 1.3.');
    await applicant.getByRole('button', { name: 'Send' }).click();
    await applicant.getByText('SRTP with keys exchanged over TLS 1.3.').waitFor();
    await applicant.goto(`/en/applications/${applicationId}`);
    expect(await blocker.count()).toBe(0);
    await applicant.getByRole('button', { name: 'Resubmit for review' }).click();
    await applicant.getByText('Your changes have been resubmitted.').waitFor();
    await server.smtp.waitFor(first.user.email, /Lumen Doorbell has been resubmitted/);

    // Round 2: SEC-03 first with its diff, every other verdict carried over; each reviewer decides one.
    const changed = criteria.filter((criterion) => criterion.id === 'SEC-03');
    await firstPage.goto(workspace);
    await firstPage.getByText(`1 changed, ${criteria.length - 1} carried over, 1 to decide`).waitFor();
    const first03 = firstPage.locator('#criterion-SEC-03');
    await first03.getByText('Changed since the last round', { exact: true }).waitFor();
    expect(await firstPage.locator('.review-item').first().getAttribute('id')).toBe('criterion-SEC-03');
    const sec01 = firstPage.getByRole('group', { name: 'Your verdict on SEC-01' });
    expect(await sec01.getByRole('radio', { name: 'Accepted' }).isChecked()).toBe(true);
    await sec01.getByText('Carried over from round 1').waitFor();
    expect(await seriousViolations(firstPage)).toEqual([]);
    // Before, round 2 took every verdict again: criteria.length + 3 actions per reviewer.
    const actions = [await review(firstPage, changed, 'Certify')];
    await secondPage.goto(workspace);
    await secondPage.getByText(`1 changed, ${criteria.length - 1} carried over, 1 to decide`).waitFor();
    actions.push(await review(secondPage, changed, 'Certify'));
    expect(actions).toEqual([4, 4]);
    await decide(secondPage, 'Certify', 'All criteria are met and documented.');
    const decided = await server.smtp.waitFor(ownerUser.email, /Lumen Doorbell: the review has been decided/);
    expect(decided.text).toContain('has been certified');
    await applicant.goto(`/en/applications/${applicationId}`);
    await applicant.getByRole('heading', { name: 'Certified' }).waitFor();
  });
});
