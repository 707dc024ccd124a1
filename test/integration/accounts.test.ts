import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { enableTwoFactor, newUser, signIn, signUpAndVerify, currentCode } from '../support/flows';
import { linkIn } from '../support/smtp';
import { startTestServer, type TestServer } from '../support/server';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server?.close();
});

describe('sign-up and email verification', () => {
  it('sends a verification mail over SMTP whose link verifies the address and signs the user in', async () => {
    const client = server.client();
    const user = newUser('verify');
    const signUp = await client.post('/en/sign-up', {
      name: user.name,
      email: user.email,
      password: user.password,
    });
    expect(signUp.status).toBe(200);
    expect(signUp.text).toContain(`We sent a link to ${user.email}`);

    // Not verified yet: signing in is refused with an explanation, and a fresh link is sent.
    const early = await client.post('/en/sign-in', { email: user.email, password: user.password });
    expect(early.status).toBe(401);
    expect(early.text).toContain('Please verify your email address first');

    const mail = await server.smtp.waitFor(user.email, /Verify your email/);
    const verified = await client.get(linkIn(mail, `${server.url}/en/verify-email?token=`));
    expect(verified.status).toBe(200);
    expect(verified.text).toContain('Email address verified');

    const account = await client.get('/en/account');
    expect(account.status).toBe(200);
    expect(account.text).toContain(user.email);
  });

  it('keeps what was typed and explains each problem when the form is wrong', async () => {
    const client = server.client();
    const response = await client.post('/en/sign-up', {
      name: 'Kim Example',
      email: 'not-an-address',
      password: 'password123',
    });
    expect(response.status).toBe(422);
    expect(response.text).toContain('Please enter an email address like name@example.com.');
    expect(response.text).toContain('This password is too easy to guess');
    expect(response.text).toContain('value="Kim Example"');
    expect(response.text).toContain('value="not-an-address"');
    expect(response.text).not.toContain('password123');
  });

  it('answers in German on German pages', async () => {
    const response = await server.client().post('/de/sign-up', { name: '', email: '', password: '' });
    expect(response.status).toBe(422);
    expect(response.text).toContain('Bitte füllen Sie dieses Feld aus.');
    expect(response.text).toContain('<html lang="de">');
  });

  it('rejects a common password even when it is long', async () => {
    const response = await server
      .client()
      .post('/en/sign-up', { name: 'Pat', email: 'pat@example.test', password: 'password1234' });
    expect(response.status).toBe(422);
    expect(response.text).toContain('This password is too easy to guess');
  });

  it('does not reveal whether an address already has an account, and tells its owner by mail', async () => {
    const user = newUser('existing');
    await signUpAndVerify(server, server.client(), user);
    const again = await server
      .client()
      .post('/en/sign-up', { name: 'Someone Else', email: user.email, password: 'Another-long-phrase-42' });
    expect(again.status).toBe(200);
    expect(again.text).toContain(`We sent a link to ${user.email}`);
    const notice = await server.smtp.waitFor(user.email, /already have a Trustmark account/);
    expect(notice.text).toContain(`${server.url}/en/forgot-password`);
  });
});

describe('signing in and out', () => {
  it('refuses a wrong password with one plain sentence and keeps the email', async () => {
    const user = newUser('signin');
    await signUpAndVerify(server, server.client(), user);
    const client = server.client();
    const wrong = await client.post('/en/sign-in', { email: user.email, password: 'Not-the-right-one-7' });
    expect(wrong.status).toBe(401);
    expect(wrong.text).toContain('The email address or password is not correct.');
    expect(wrong.text).toContain(`value="${user.email}"`);
    expect(client.cookieNames).toEqual([]);
  });

  it('sets a secure-by-default session cookie and returns to the page asked for', async () => {
    const user = newUser('cookie');
    await signUpAndVerify(server, server.client(), user);
    const client = server.client();
    const response = await client.post('/en/sign-in', {
      email: user.email,
      password: user.password,
      next: '/en/companies/new',
    });
    expect(response.status).toBe(303);
    expect(response.location).toBe('/en/companies/new');
    const sessionCookie = response.headers
      .getSetCookie()
      .find((cookie) => cookie.startsWith('trustmark.session_token='));
    expect(sessionCookie).toMatch(/HttpOnly/i);
    expect(sessionCookie).toMatch(/SameSite=Lax/i);

    const signOut = await client.post('/en/sign-out', {});
    expect(signOut.status).toBe(303);
    const after = await client.get('/en/account');
    expect(after.status).toBe(303);
    expect(after.location).toContain('/en/sign-in');
  });

  it('never redirects to another site after sign-in', async () => {
    const user = newUser('redirect');
    await signUpAndVerify(server, server.client(), user);
    const response = await server
      .client()
      .post('/en/sign-in', { email: user.email, password: user.password, next: '//evil.example/steal' });
    expect(response.status).toBe(303);
    expect(response.location).toBe('/en/account');
  });

  it('asks for the second factor when two-factor authentication is on', async () => {
    const user = newUser('second');
    const client = server.client();
    await signUpAndVerify(server, client, user);
    await enableTwoFactor(client, user);

    const fresh = server.client();
    const first = await fresh.post('/en/sign-in', { email: user.email, password: user.password });
    expect(first.status).toBe(303);
    expect(first.location).toContain('/en/sign-in/two-factor');
    expect((await fresh.get('/en/account')).status).toBe(303);

    const wrong = await fresh.post('/en/sign-in/two-factor', { code: '000000' });
    expect(wrong.status).toBe(401);
    expect(wrong.text).toContain('That code is not correct');

    const right = await fresh.post('/en/sign-in/two-factor', {
      code: currentCode(user),
      next: '/en/account',
    });
    expect(right.status).toBe(303);
    expect((await fresh.get('/en/account')).text).toContain('Two-factor authentication is on.');
  });
});

describe('password reset', () => {
  it('mails a reset link that sets a new password and ends old sessions', async () => {
    const user = newUser('reset');
    const oldSession = server.client();
    await signUpAndVerify(server, oldSession, user);

    const request = await server.client().post('/en/forgot-password', { email: user.email });
    expect(request.status).toBe(200);
    expect(request.text).toContain('If an account exists for that address');
    const mail = await server.smtp.waitFor(user.email, /Reset your Trustmark password/);
    const link = linkIn(mail, `${server.url}/en/reset-password?token=`);

    const client = server.client();
    const form = await client.get(link);
    expect(form.status).toBe(200);
    const token = new URL(link).searchParams.get('token') ?? '';
    const weak = await client.post('/en/reset-password', { token, newPassword: 'qwertyuiop' });
    expect(weak.status).toBe(422);
    const done = await client.post('/en/reset-password', { token, newPassword: 'Fresh-harbor-lights-2026' });
    expect(done.status).toBe(200);
    expect(done.text).toContain('Your password has been changed.');

    expect((await oldSession.get('/en/account')).status).toBe(303);
    await signIn(server.client(), { ...user, password: 'Fresh-harbor-lights-2026' });
    const reused = await client.post('/en/reset-password', { token, newPassword: 'Another-fresh-phrase-77' });
    expect(reused.status).toBe(422);
    expect(reused.text).toContain('This reset link is invalid or has expired.');
  });

  it('answers the same for an unknown address and sends nothing', async () => {
    const before = server.smtp.received.length;
    const response = await server.client().post('/en/forgot-password', { email: 'nobody-here@example.test' });
    expect(response.status).toBe(200);
    expect(response.text).toContain('If an account exists for that address');
    await server.running.jobs.drain();
    expect(server.smtp.received.length).toBe(before);
  });
});

describe('cross-site request forgery', () => {
  it('refuses a form posted from another origin, or without any origin', async () => {
    const user = newUser('csrf');
    const client = server.client();
    await signUpAndVerify(server, client, user);
    const foreign = await client.post(
      '/en/companies',
      { name: 'Forged', slug: 'forged' },
      { origin: 'https://evil.example' },
    );
    expect(foreign.status).toBe(403);
    expect(foreign.text).toContain('This form was sent from another site');
    const missing = await client.post('/en/companies', { name: 'Forged', slug: 'forged' }, { origin: null });
    expect(missing.status).toBe(403);
  });
});
