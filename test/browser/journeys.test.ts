import * as OTPAuth from 'otpauth';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { browserSuite, isolatedContext, seriousViolations, signInThroughForm } from '../support/browser';
import { linkIn } from '../support/smtp';

const suite = browserSuite({ seed: true });

async function signUp(page: Page, person: { name: string; email: string; password: string }) {
  await page.getByLabel('Full name').fill(person.name);
  await page.getByLabel('Email address').fill(person.email);
  await page.getByLabel('Password').fill(person.password);
  await page.getByRole('button', { name: 'Create account' }).click();
  await page.getByRole('heading', { name: 'Check your email' }).waitFor();
}

async function openMailLink(page: Page, to: string, subject: RegExp, prefix: string) {
  const mail = await suite.server.smtp.waitFor(to, subject);
  await page.goto(linkIn(mail, `${suite.server.url}${prefix}`));
}

describe('a company joins the program', () => {
  it('signs up, verifies by mail, adds a company, invites a teammate who joins', async () => {
    const founder = {
      name: 'Mara Founder',
      email: 'mara@acme-devices.test',
      password: 'Copper-kettle-sings-at-dawn',
    };
    const teammate = {
      name: 'Theo Teammate',
      email: 'theo@acme-devices.test',
      password: 'Velvet-comet-under-the-bridge',
    };

    const { context, foreignRequests } = await isolatedContext(suite.browser, suite.server.url);
    const page = await context.newPage();
    await page.goto('/en');
    await page.getByRole('link', { name: 'Apply for free' }).click();
    await signUp(page, founder);

    await openMailLink(page, founder.email, /Verify your email/, '/en/verify-email');
    await page.getByRole('heading', { name: 'Email address verified' }).waitFor();
    await page.getByRole('main').getByRole('link', { name: 'Your account' }).click();
    await page.getByRole('link', { name: 'Add a company' }).click();
    await page.getByLabel('Company name').fill('Acme Devices');
    await page.getByLabel('Short name for links').fill('acme-devices');
    await page.getByRole('button', { name: 'Add company' }).click();
    await page.getByText('Your company has been added.').waitFor();
    expect(await seriousViolations(page)).toEqual([]);

    await page.getByLabel('Their email address').fill(teammate.email);
    await page.getByLabel('Their role').selectOption('admin');
    await page.getByRole('button', { name: 'Send invitation' }).click();
    await page.getByText(`An invitation has been sent to ${teammate.email}.`).waitFor();

    // The teammate, in their own browser, follows the invitation, creates an account and joins.
    const { context: teammateContext } = await isolatedContext(suite.browser, suite.server.url);
    const teammatePage = await teammateContext.newPage();
    await openMailLink(teammatePage, teammate.email, /invited to join Acme Devices/, '/en/invitations/');
    await teammatePage.getByRole('heading', { name: 'Sign in' }).waitFor();
    await teammatePage.getByRole('link', { name: 'Create account' }).click();
    await signUp(teammatePage, teammate);
    await openMailLink(teammatePage, teammate.email, /Verify your email/, '/en/verify-email');
    await teammatePage.goto('/en/account');
    await teammatePage.getByRole('link', { name: 'Invitation to join Acme Devices' }).click();
    await teammatePage.getByRole('button', { name: 'Accept invitation' }).click();
    await teammatePage.getByText('Welcome to Acme Devices.').waitFor();
    expect(await teammatePage.getByRole('heading', { name: 'Invite a teammate' }).count()).toBe(1);

    await page.reload();
    const team = page.getByRole('table');
    await team.getByText(teammate.email).waitFor();
    expect(await team.getByRole('row').count()).toBe(3);

    expect(foreignRequests).toEqual([]);
    await teammateContext.close();
    await context.close();
  });
});

describe('reviewers and admins need a second factor', () => {
  for (const role of ['reviewer', 'admin'] as const) {
    it(`keeps the ${role} out until TOTP is set up, then asks for a code at every sign-in`, async () => {
      const account = suite.server.running.demoCredentials?.accounts.find((demo) => demo.role === role);
      if (!account) throw new Error('The test server was seeded without demo accounts');
      const area = role === 'reviewer' ? '/en/review' : '/en/admin/users';
      const { context } = await isolatedContext(suite.browser, suite.server.url);
      const page = await context.newPage();

      await page.goto('/en/sign-in');
      await signInThroughForm(page, account.email, account.password);
      await page.getByRole('heading', { name: 'Your account' }).waitFor();

      await page.goto(area);
      expect(new URL(page.url()).pathname).toBe('/en/account/two-factor');
      await page.getByText('Your role needs two-factor authentication').waitFor();

      await page.getByLabel('Current password').fill(account.password);
      await page.getByRole('button', { name: 'Continue' }).click();
      await page.getByRole('img', { name: 'QR code to add Trustmark to an authenticator app' }).waitFor();
      expect(await seriousViolations(page)).toEqual([]);
      const secret = (await page.getByTestId('totp-secret').textContent())?.trim() ?? '';
      const totp = new OTPAuth.TOTP({ secret: OTPAuth.Secret.fromBase32(secret), digits: 6, period: 30 });

      await page.getByLabel('Authentication code').fill('123456');
      await page.getByRole('button', { name: 'Turn on two-factor authentication' }).click();
      await page.getByText('That code is not correct').first().waitFor();
      await page.getByLabel('Authentication code').fill(totp.generate());
      await page.getByRole('button', { name: 'Turn on two-factor authentication' }).click();
      await page.getByText('Two-factor authentication is now on.').waitFor();

      await page.goto(area);
      expect(new URL(page.url()).pathname).toBe(area);
      expect(await seriousViolations(page)).toEqual([]);

      await page.getByRole('button', { name: 'Sign out' }).click();
      await page.goto('/en/sign-in');
      await signInThroughForm(page, account.email, account.password);
      await page.getByRole('heading', { name: 'Two-factor authentication' }).waitFor();
      // The code that turned it on works only once; the app also accepts the next one.
      await page.getByLabel('Authentication code').fill(totp.generate({ timestamp: Date.now() + 30_000 }));
      await page.getByRole('button', { name: 'Verify' }).click();
      await page.getByRole('heading', { name: 'Your account' }).waitFor();
      if (role === 'admin') await promoteApplicantToReviewer(page);
      await context.close();
    });
  }
});

/** As a signed-in admin: make the demo applicant a reviewer, who must then set up two-factor too. */
async function promoteApplicantToReviewer(page: Page) {
  const applicant = suite.server.running.demoCredentials?.accounts.find((demo) => demo.role === 'applicant');
  if (!applicant) throw new Error('The test server was seeded without demo accounts');
  await page.getByRole('link', { name: 'Administration' }).click();
  await page.getByLabel('Search by name or email').fill('applicant@demo');
  await page.getByRole('button', { name: 'Search' }).click();
  await page.getByLabel(`Role of ${applicant.name}`).selectOption('reviewer');
  await page.getByRole('button', { name: 'Save' }).click();
  await page.getByText(`${applicant.name} is now Reviewer.`).waitFor();

  const { context } = await isolatedContext(suite.browser, suite.server.url);
  const promoted = await context.newPage();
  await promoted.goto('/en/sign-in?next=/en/review');
  await signInThroughForm(promoted, applicant.email, applicant.password);
  await promoted.getByText('Your role needs two-factor authentication').waitFor();
  expect(new URL(promoted.url()).pathname).toBe('/en/account/two-factor');
  await context.close();
}

describe('progressive enhancement', () => {
  it('signs in and out with JavaScript switched off', async () => {
    const applicant = suite.server.running.demoCredentials?.accounts.find(
      (demo) => demo.role === 'applicant',
    );
    if (!applicant) throw new Error('The test server was seeded without demo accounts');
    const { context } = await isolatedContext(suite.browser, suite.server.url, { javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto('/de/sign-in');
    await page.getByLabel('E-Mail-Adresse').fill(applicant.email);
    await page.getByLabel('Passwort').fill('falsches-passwort-123');
    await page.getByRole('button', { name: 'Anmelden' }).last().click();
    await page.getByText('E-Mail-Adresse oder Passwort sind nicht korrekt.').waitFor();
    expect(await page.getByLabel('E-Mail-Adresse').inputValue()).toBe(applicant.email);
    await page.getByLabel('Passwort').fill(applicant.password);
    await page.getByRole('button', { name: 'Anmelden' }).last().click();
    await page.getByRole('heading', { name: 'Ihr Konto' }).waitFor();
    await page.getByRole('link', { name: 'Demo Devices Ltd' }).waitFor();
    await context.close();
  });

  it('explains a problem as soon as a field is left, when JavaScript is on', async () => {
    const { context } = await isolatedContext(suite.browser, suite.server.url);
    const page = await context.newPage();
    await page.goto('/en/contact');
    await page.getByLabel('Your email address').fill('not-an-address');
    await page.getByLabel('Your message').focus();
    await page.getByText('Please enter an email address like name@example.com.').waitFor();
    expect(await page.getByLabel('Your email address').getAttribute('aria-invalid')).toBe('true');
    await page.getByLabel('Your email address').fill('kim@example.test');
    await page.getByLabel('Your message').focus();
    await expect.poll(() => page.getByLabel('Your email address').getAttribute('aria-invalid')).toBeNull();
    await context.close();
  });
});
