import { describe, expect, it } from 'vitest';
import { browserSuite, isolatedContext, pageSignedInAs, seriousViolations } from '../support/browser';
import { newUser, signedInUser } from '../support/flows';
import { linkIn } from '../support/smtp';

const suite = browserSuite();

describe('the reviewer pool in a browser', () => {
  it('an admin invites a reviewer, who creates the account and is sent to set up two-factor first; every page passes axe', async () => {
    const { server, browser } = suite;
    const admin = await signedInUser(server, 'admin');
    const page = await pageSignedInAs(browser, server.url, admin.client);
    const invitee = newUser('browser-invitee');

    await page.goto('/en/admin/reviewer-invitations');
    await page.getByLabel('Email address').fill(invitee.email);
    await page.getByLabel('Name').fill(invitee.name);
    await page.getByRole('button', { name: 'Send the invitation' }).click();
    await page.getByText(`The invitation to ${invitee.email} is on its way.`).waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await page.goto('/en/admin/statistics');
    await page.getByRole('heading', { name: 'Review quality' }).waitFor();
    expect(await seriousViolations(page)).toEqual([]);

    await server.running.jobs.drain();
    const mail = await server.smtp.waitFor(invitee.email, /invited to review/);
    const { context } = await isolatedContext(browser, server.url);
    const guest = await context.newPage();
    await guest.goto(new URL(linkIn(mail, `${server.url}/en/reviewer-invitations/`)).pathname);
    expect(await seriousViolations(guest)).toEqual([]);
    await guest.getByLabel('Password').fill(invitee.password);
    await guest.getByRole('button', { name: 'Create my reviewer account' }).click();
    await guest.getByLabel('Email address').fill(invitee.email);
    await guest.getByLabel('Password').fill(invitee.password);
    await guest.getByRole('button', { name: 'Sign in' }).click();
    await guest.waitForURL(/\/en\/account\/two-factor\?required=1$/);
    await guest.goto('/en/review/profile');
    await guest.waitForURL(/\/en\/account\/two-factor\?required=1$/);
    await context.close();

    const reviewer = await signedInUser(server, 'reviewer');
    const profile = await pageSignedInAs(browser, server.url, reviewer.client);
    await profile.goto('/en/review/profile');
    await profile.getByLabel('Security').check();
    await profile.getByLabel('Openness').check();
    await profile.getByRole('button', { name: 'Save my expertise' }).click();
    await profile.getByText('Your expertise is saved.').waitFor();
    expect(await profile.getByLabel('Security').isChecked()).toBe(true);
    expect(await profile.getByLabel('Privacy', { exact: false }).first().isChecked()).toBe(false);
    expect(await seriousViolations(profile)).toEqual([]);
  });
});
