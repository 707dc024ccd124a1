import { describe, expect, it } from 'vitest';
import { browserSuite, isolatedContext, pageSignedInAs, seriousViolations } from '../support/browser';
import { companyWithOwner, signedInUser } from '../support/flows';
import { certificationOf, decideAsAssigned, submittedProduct } from '../support/review';
import { linkIn } from '../support/smtp';

const suite = browserSuite();

describe('a concern leads to a re-review', () => {
  it('is filed by the public on one criterion, re-reviewed by fresh reviewers, and revokes the mark', async () => {
    const { server, browser } = suite;
    const reviewers = [];
    for (let index = 0; index < 4; index++) reviewers.push(await signedInUser(server, 'reviewer'));
    const { owner } = await companyWithOwner(server, 'concerned-co');
    const { applicationId } = await submittedProduct(server, owner, 'concerned-co', {
      name: 'Leaky Speaker',
    });
    const assigned = await decideAsAssigned(server, reviewers, applicationId, 'certify');
    const certification = { id: await certificationOf(server, applicationId) };

    // A member of the public raises a concern about one criterion and confirms it from the mail.
    const { context } = await isolatedContext(browser, server.url);
    const visitor = await context.newPage();
    await visitor.goto(`/en/products/${certification.id}`);
    await visitor.getByRole('link', { name: 'Raise a concern about this product' }).click();
    await visitor.getByLabel('Criterion').selectOption('PRI-01');
    await visitor
      .getByLabel('What is wrong, and how do you know?')
      .fill('The speaker uploads voice recordings that its data inventory does not mention.');
    await visitor.getByLabel('Your email address').fill('listener@example.test');
    await visitor.getByRole('button', { name: 'Send the concern' }).click();
    await visitor.getByRole('heading', { name: 'Please confirm your concern' }).waitFor();
    const mail = await server.smtp.waitFor('listener@example.test', /Confirm your concern/);
    await visitor.goto(linkIn(mail, `${server.url}/en/concerns/confirm`));
    await visitor.getByRole('button', { name: 'Confirm the concern' }).click();
    await visitor.getByRole('heading', { name: 'Thank you — your concern has been received' }).waitFor();

    // The admin opens a re-review; reviewers who took no part give their opinions.
    const { client: adminClient } = await signedInUser(server, 'admin');
    const admin = await pageSignedInAs(browser, server.url, adminClient);
    await admin.goto('/en/admin/concerns');
    await admin.getByRole('button', { name: 'Open a re-review with fresh reviewers' }).click();
    await admin.getByText('A re-review has started').waitFor();
    expect(await seriousViolations(admin)).toEqual([]);
    const fresh = reviewers.filter((reviewer) => !assigned.has(reviewer.id));
    const reviewerPage = await pageSignedInAs(browser, server.url, fresh[0]!.client);
    await reviewerPage.goto('/en/review');
    await reviewerPage.getByRole('link', { name: 'Leaky Speaker' }).click();
    await reviewerPage.getByText('voice recordings').waitFor();
    expect(await seriousViolations(reviewerPage)).toEqual([]);
    await reviewerPage.getByLabel('What should happen to the mark?').selectOption('revoke');
    await reviewerPage.getByLabel('Why').fill('The inventory omits voice data; confirmed with a test unit.');
    await reviewerPage.getByRole('button', { name: 'Give my opinion' }).click();
    await reviewerPage.getByText('Your opinion has been recorded.').waitFor();
    const reReview = await server.running.services.reReviews.forReviewer(fresh[1]!.id);
    expect(
      (
        await fresh[1]!.client.post(`/en/review/re-reviews/${reReview[0]!.id}`, {
          recommendation: 'revoke',
          rationale: 'Agreed: undisclosed voice uploads.',
        })
      ).status,
    ).toBe(303);

    await admin.goto('/en/admin/concerns');
    await admin.getByLabel('Outcome').selectOption('revoke');
    await admin.getByLabel('Public statement').fill('The speaker uploads voice data it does not disclose.');
    await admin.getByRole('button', { name: 'Record the outcome' }).click();
    await admin.getByText('The outcome has been recorded and published.').waitFor();

    await visitor.goto(`/en/products/${certification.id}`);
    await visitor.getByText('re-reviewed by independent experts: mark revoked').waitFor();
    await visitor.getByText('The speaker uploads voice data it does not disclose.').first().waitFor();
    expect(await visitor.getByText('listener@example.test').count()).toBe(0);
  });
});
