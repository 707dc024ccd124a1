import { describe, expect, it } from 'vitest';
import { browserSuite, pageSignedInAs, seriousViolations } from '../support/browser';
import { companyWithOwner, signedInUser } from '../support/flows';
import { decideAs, reviewerPair, submittedProduct } from '../support/review';

const suite = browserSuite();

describe('a company appeals a decision', () => {
  it('appeals "not certified" with its reasons, and other reviewers certify', async () => {
    const { server, browser } = suite;
    const first = await reviewerPair(server);
    const { owner } = await companyWithOwner(server, 'browser-appeal');
    const { applicationId } = await submittedProduct(server, owner, 'browser-appeal', {
      name: 'Appeal Plug',
    });
    await decideAs(server, first, applicationId, 'not-certify');
    const second = [
      (await signedInUser(server, 'reviewer')).client,
      (await signedInUser(server, 'reviewer')).client,
    ];

    const page = await pageSignedInAs(browser, server.url, owner);
    await page.goto(`/en/applications/${applicationId}`);
    await page.getByRole('heading', { name: 'Appeal this decision' }).waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await page.getByLabel('Your reasons').fill('Too short.');
    await page.getByLabel('Your reasons').evaluate((field) => field.removeAttribute('minlength'));
    await page.getByRole('button', { name: 'Appeal the decision' }).click();
    await page.getByText('Please use at least 30 characters.').first().waitFor();
    await page
      .getByLabel('Your reasons')
      .fill('Our update policy is published and linked as evidence; the reviewers did not open it.');
    await page.getByRole('button', { name: 'Appeal the decision' }).click();
    await page.getByText('Your appeal has been received.').waitFor();
    await page.getByText('the reviewers did not open it').waitFor();

    const reviewerPage = await pageSignedInAs(browser, server.url, second[0]!);
    await reviewerPage.goto(`/en/review/applications/${applicationId}`);
    await reviewerPage.getByRole('heading', { name: 'This is an appeal' }).waitFor();
    expect(await seriousViolations(reviewerPage)).toEqual([]);
    const formerPage = await pageSignedInAs(browser, server.url, first[0]!);
    const former = await formerPage.goto(`/en/review/applications/${applicationId}`);
    expect(former?.status()).toBe(404);

    await decideAs(server, second, applicationId, 'certify');
    await page.reload();
    await page.getByRole('heading', { name: 'Decided: certified' }).waitFor();
  });
});
