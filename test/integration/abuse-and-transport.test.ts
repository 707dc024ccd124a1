import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HttpClient } from '../support/http';
import { newUser, signUpAndVerify } from '../support/flows';
import { startTestServer, type TestServer } from '../support/server';

describe('rate limits on account forms', () => {
  let server: TestServer;
  const tight = { windowMs: 60_000, limit: 3 };
  beforeAll(async () => {
    server = await startTestServer({ rateLimits: { signIn: tight, signUp: tight, passwordReset: tight } });
  });
  afterAll(async () => {
    await server?.close();
  });

  for (const [path, form] of [
    ['/en/sign-in', { email: 'guess@example.test', password: 'Guess-number-one-1' }],
    ['/en/sign-up', { name: '', email: '', password: '' }],
    ['/en/forgot-password', { email: 'someone@example.test' }],
    ['/en/reset-password', { token: 'x', newPassword: 'Guess-number-one-1' }],
  ] as const) {
    it(`answers 429 with a plain message once ${path} is tried too often`, async () => {
      const client = server.client();
      const statuses: number[] = [];
      for (let attempt = 0; attempt < 5; attempt++) statuses.push((await client.post(path, form)).status);
      expect(statuses.slice(0, 3)).not.toContain(429);
      expect(statuses.slice(3)).toEqual([429, 429]);
      const limited = await client.post(path, form);
      expect(limited.text).toContain('Too many attempts. Please wait a few minutes');
      // Showing the form again is never limited.
      expect((await client.get(path)).status).toBe(200);
    });
  }
});

describe('behind HTTPS', () => {
  let server: TestServer;
  const publicOrigin = 'https://trustmark.test';
  beforeAll(async () => {
    server = await startTestServer({ environment: { BASE_URL: publicOrigin } });
  });
  afterAll(async () => {
    await server?.close();
  });

  it('sends HSTS and asks browsers to upgrade insecure requests', async () => {
    const response = await server.client().get('/en');
    expect(response.headers.get('strict-transport-security')).toBe('max-age=63072000; includeSubDomains');
    expect(response.headers.get('content-security-policy')).toContain('upgrade-insecure-requests');
  });

  it('sets the session cookie Secure, HttpOnly, SameSite and __Secure- prefixed', async () => {
    const user = newUser('https');
    // Sign-up and verification through a client that speaks for the public origin.
    const client = new HttpClient(server.url);
    const signUp = await client.post('/en/sign-up', { ...user }, { origin: publicOrigin });
    expect(signUp.status).toBe(200);
    const mail = await server.smtp.waitFor(user.email, /Verify your email/);
    const token = mail.text.match(/token=([^\s]+)/)?.[1] ?? '';
    await client.get(`/en/verify-email?token=${token}`);

    const signIn = await client.post(
      '/en/sign-in',
      { email: user.email, password: user.password },
      { origin: publicOrigin },
    );
    expect(signIn.status).toBe(303);
    const cookie = signIn.headers
      .getSetCookie()
      .find((header) => header.startsWith('__Secure-trustmark.session_token='));
    expect(cookie).toMatch(/;\s*Secure/i);
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);

    // A form from the server's internal address is not the public origin, so it is refused.
    const internal = await client.post('/en/sign-in', { email: user.email, password: user.password });
    expect(internal.status).toBe(403);
  });
});

describe('development outbox (no SMTP_URL)', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ environment: { SMTP_URL: '', NODE_ENV: 'development' } });
  });
  afterAll(async () => {
    await server?.close();
  });

  it('writes outgoing mail to the data folder and lists it with working links', async () => {
    const user = newUser('outbox');
    const client = server.client();
    await client.post('/en/sign-up', { name: user.name, email: user.email, password: user.password });
    const outbox = await client.get('/en/dev/outbox');
    expect(outbox.status).toBe(200);
    expect(outbox.text).toContain(user.email);
    expect(outbox.text).toContain('Verify your email address for Trustmark');
    const link = outbox.text.match(/<a href="([^"]*\/en\/verify-email\?token=[^"]+)"/)?.[1];
    expect(link).toBeDefined();
    const verified = await client.get((link ?? '').replace(/&amp;/g, '&'));
    expect(verified.status).toBe(200);
    expect(verified.text).toContain('Email address verified');
    expect(server.smtp.received).toEqual([]);
  });
});

describe('sessions', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(async () => {
    await server?.close();
  });

  it('ends every session of a user whose role an admin changes', async () => {
    const user = newUser('promoted');
    const client = server.client();
    await signUpAndVerify(server, client, user);
    expect((await client.get('/en/account')).status).toBe(200);
    const [record] = await server.running.services.users.search(user.email);
    await server.running.services.accounts.changeRole(record!.id, 'reviewer');
    const after = await client.get('/en/account');
    expect(after.status).toBe(303);
    expect(after.location).toContain('/en/sign-in');
  });

  it('extends an active session and renews its cookie with it', async () => {
    const user = newUser('renewed');
    const client = server.client();
    await signUpAndVerify(server, client, user);
    const [record] = await server.running.services.users.search(user.email);
    const context = await server.running.services.auth.$context;
    const [session] = await context.internalAdapter.listSessions(record!.id);
    // A session a day from expiry is past its daily refresh point.
    await context.internalAdapter.updateSession(session!.token, {
      expiresAt: new Date(Date.now() + 86_400_000),
    });

    const page = await client.get('/en/account');
    expect(page.status).toBe(200);
    const renewed = page.headers
      .getSetCookie()
      .find((cookie) => cookie.startsWith('trustmark.session_token='));
    expect(renewed).toMatch(/Max-Age=604800/);
    const [extended] = await context.internalAdapter.listSessions(record!.id);
    expect(extended!.expiresAt.getTime()).toBeGreaterThan(Date.now() + 6 * 86_400_000);
  });
});
