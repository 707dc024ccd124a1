import * as OTPAuth from 'otpauth';
import type { PlatformRole } from '../../src/platform/auth/access';
import type { HttpClient } from './http';
import { inputValue } from './http';
import { linkIn } from './smtp';
import type { TestServer } from './server';

export interface TestUser {
  name: string;
  email: string;
  password: string;
  /** Set once two-factor authentication is on. */
  totpSecret?: string;
}

/** The TOTP time steps whose codes each user has sent, which the app accepts only once. */
const usedTotpSteps = new WeakMap<TestUser, number[]>();
/** The backup codes shown to each user when two-factor authentication was set up. */
const shownBackupCodes = new WeakMap<TestUser, string[]>();

export function backupCodesOf(user: TestUser): string[] {
  const codes = shownBackupCodes.get(user);
  if (!codes) throw new Error(`${user.email} was shown no backup codes`);
  return codes;
}

let counter = 0;

/** A unique user whose password passes the strength rules. */
export function newUser(prefix = 'user'): TestUser {
  counter += 1;
  const unique = `${Date.now().toString(36)}${counter}`;
  return {
    name: `${prefix} ${unique}`,
    email: `${prefix}-${unique}@example.test`,
    password: `Lantern-orbit-${unique}-quietly`,
  };
}

/** Signs up through the form, opens the verification link from the mail, and is then signed in. */
export async function signUpAndVerify(server: TestServer, client: HttpClient, user: TestUser): Promise<void> {
  const response = await client.post('/en/sign-up', {
    name: user.name,
    email: user.email,
    password: user.password,
  });
  if (response.status !== 200) throw new Error(`Sign-up failed with ${response.status}`);
  const mail = await server.smtp.waitFor(user.email, /Verify your email/);
  const verified = await client.get(linkIn(mail, `${server.url}/en/verify-email`));
  if (verified.status !== 200) throw new Error(`Verification failed with ${verified.status}`);
}

export async function signIn(client: HttpClient, user: TestUser): Promise<void> {
  const response = await client.post('/en/sign-in', {
    email: user.email,
    password: user.password,
    next: '/en/account',
  });
  if (response.status !== 303) throw new Error(`Sign-in failed with ${response.status}`);
  if (response.location?.includes('/sign-in/two-factor')) {
    const code = currentCode(user);
    const second = await client.post('/en/sign-in/two-factor', { code, next: '/en/account' });
    if (second.status !== 303) throw new Error(`Two-factor sign-in failed with ${second.status}`);
  }
}

/**
 * A code the app will accept now: each code works once, so this takes the current time step, or else
 * the next or previous one (the app accepts those too), that this user has not used yet.
 */
export function currentCode(user: TestUser): string {
  if (!user.totpSecret) throw new Error(`${user.email} has no two-factor secret`);
  const now = Math.floor(Date.now() / 30_000);
  const used = usedTotpSteps.get(user) ?? [];
  usedTotpSteps.set(user, used);
  const step = [now, now + 1, now - 1].find((candidate) => !used.includes(candidate));
  if (step === undefined) throw new Error(`${user.email} used every code of this minute`);
  used.push(step);
  return new OTPAuth.TOTP({
    secret: OTPAuth.Secret.fromBase32(user.totpSecret),
    digits: 6,
    period: 30,
  }).generate({ timestamp: step * 30_000 });
}

/** Turns on two-factor authentication through the account pages, remembering the secret shown. */
export async function enableTwoFactor(client: HttpClient, user: TestUser): Promise<void> {
  const scan = await client.post('/en/account/two-factor', { password: user.password });
  if (scan.status !== 200) throw new Error(`Two-factor setup failed with ${scan.status}`);
  const secret = scan.text.match(/data-testid="totp-secret">([A-Z2-7=]+)</)?.[1];
  if (!secret) throw new Error('No two-factor key on the setup page');
  user.totpSecret = secret;
  shownBackupCodes.set(user, inputValue(scan.text, 'backupCodes').split(' ').filter(Boolean));
  const confirmed = await client.post('/en/account/two-factor/confirm', {
    code: currentCode(user),
    totpUri: inputValue(scan.text, 'totpUri'),
    backupCodes: inputValue(scan.text, 'backupCodes'),
  });
  if (confirmed.status !== 303) throw new Error(`Confirming two-factor failed with ${confirmed.status}`);
}

/**
 * A signed-in user with the given platform role; reviewers and admins get two-factor authentication
 * unless `withoutTwoFactor` is set.
 */
export async function signedInUser(
  server: TestServer,
  role: PlatformRole,
  options: { withoutTwoFactor?: boolean } = {},
): Promise<{ client: HttpClient; user: TestUser; id: string }> {
  const client = server.client();
  const user = newUser(role);
  await signUpAndVerify(server, client, user);
  const [record] = await server.running.services.users.search(user.email);
  if (!record) throw new Error(`User ${user.email} was not stored`);
  if (role !== 'applicant') {
    await server.running.services.accounts.changeRole(record.id, role);
    await signIn(client, user);
    if (!options.withoutTwoFactor) await enableTwoFactor(client, user);
  }
  return { client, user, id: record.id };
}

/** Signs in through the form with an email and password (no second factor). */
export async function signInThroughHttp(client: HttpClient, email: string, password: string): Promise<void> {
  const response = await client.post('/en/sign-in', { email, password, next: '/en/account' });
  if (response.status !== 303) throw new Error(`Sign-in as ${email} failed with ${response.status}`);
}

/** A company created through the forms, with its owner signed in. */
export async function companyWithOwner(server: TestServer, slug: string) {
  const owner = server.client();
  const user = newUser(`${slug}-owner`);
  await signUpAndVerify(server, owner, user);
  const created = await owner.post('/en/companies', { name: `${slug} Ltd`, slug });
  if (created.status !== 303) throw new Error(`Creating company ${slug} failed with ${created.status}`);
  return { owner, user };
}

/** Invites a new teammate by mail and has them sign up and accept; returns their signed-in client. */
export async function joinCompany(
  server: TestServer,
  owner: HttpClient,
  slug: string,
  role: 'member' | 'admin' = 'member',
) {
  const teammate = server.client();
  const user = newUser(`${slug}-mate`);
  await owner.post(`/en/companies/${slug}/invitations`, { email: user.email, role });
  const mail = await server.smtp.waitFor(user.email, /invited to join/);
  const invitationId = new URL(linkIn(mail, `${server.url}/en/invitations/`)).pathname.split('/').pop();
  await signUpAndVerify(server, teammate, user);
  const accepted = await teammate.post(`/en/invitations/${invitationId}/accept`, {});
  if (accepted.status !== 303) throw new Error(`Accepting the invitation failed with ${accepted.status}`);
  return { teammate, user };
}
