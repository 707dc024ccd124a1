import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HttpClient } from '../support/http';
import { createProduct, samplePdf, samplePng, startApplication } from '../support/applications';
import { companyWithOwner, newUser, signedInUser, signIn, signUpAndVerify } from '../support/flows';
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

describe('rate limit on the open data API', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ rateLimits: { api: { windowMs: 60_000, limit: 3 } } });
  });
  afterAll(async () => {
    await server?.close();
  });

  it('answers 429 in JSON with the standard headers once a client asks too often', async () => {
    const client = server.client();
    const statuses: number[] = [];
    for (let attempt = 0; attempt < 4; attempt++)
      statuses.push((await client.get('/api/v1/products')).status);
    expect(statuses).toEqual([200, 200, 200, 429]);
    const limited = await client.get('/api/v1/products?search=again');
    expect(limited.status).toBe(429);
    expect(JSON.parse(limited.text)).toEqual({
      error: 'Too many requests',
      message: 'Please slow down and try again in a minute.',
    });
    expect(limited.headers.get('ratelimit-policy')).toBe('3;w=60');
  });
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
    // Mail leaves through the job queue; the worker has written it once the queue is drained.
    await server.running.jobs.drain();
    const outbox = await client.get('/en/dev/outbox');
    expect(outbox.status).toBe(200);
    expect(outbox.text).toContain(user.email);
    expect(outbox.text).toContain('Verify your email address for Trustmark');
    const link = outbox.text.match(/<a href="([^"]*\/en\/verify-email\?token=[^"]+)"/)?.[1];
    expect(link).toBeDefined();
    const verified = await client.get((link ?? '').replace(/&amp;/g, '&'));
    expect(verified.status).toBe(200);
    expect(verified.text).toContain('Email address verified');
    await server.running.jobs.drain();
    expect(server.smtp.received).toEqual([]);
  });
});

const sessionCookie = 'trustmark.session_token';

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

  it('starts a new session on every sign-in and never adopts a session id planted before it', async () => {
    const user = newUser('fixation');
    await signUpAndVerify(server, server.client(), user);
    const victim = server.client();
    victim.setCookie(sessionCookie, 'planted-by-attacker.c2lnbmF0dXJl');
    await signIn(victim, user);
    const first = victim.cookie(sessionCookie);
    expect(first).toBeDefined();
    expect(first).not.toBe('planted-by-attacker.c2lnbmF0dXJl');
    const attacker = server.client();
    attacker.setCookie(sessionCookie, 'planted-by-attacker.c2lnbmF0dXJl');
    expect((await attacker.get('/en/account')).status).toBe(303);

    await signIn(victim, user);
    expect(victim.cookie(sessionCookie)).not.toBe(first);
  });

  it('makes a user whose role changes sign in again, with a new session', async () => {
    const user = newUser('rotated');
    const client = server.client();
    await signUpAndVerify(server, client, user);
    const before = client.cookie(sessionCookie)!;
    const [record] = await server.running.services.users.search(user.email);
    await server.running.services.accounts.changeRole(record!.id, 'reviewer');
    await signIn(client, user);
    expect(client.cookie(sessionCookie)).not.toBe(before);
    expect((await client.get('/en/account')).status).toBe(200);
    const stale = server.client();
    stale.setCookie(sessionCookie, before);
    expect((await stale.get('/en/account')).status).toBe(303);
  });

  it("records an admin's role change in the audit log, and the changed user must sign in again", async () => {
    const admin = await signedInUser(server, 'admin');
    const user = newUser('granted');
    const client = server.client();
    await signUpAndVerify(server, client, user);
    const [record] = await server.running.services.users.search(user.email);
    const changed = await admin.client.post(`/en/admin/users/${record!.id}/role`, { role: 'reviewer' });
    expect(changed.status).toBe(303);
    expect((await client.get('/en/account')).status).toBe(303);
    const [entry] = await server.running.services.audit.recent(1);
    expect(entry).toMatchObject({ actor_id: admin.id, action: 'role-changed', subject_id: record!.id });
    expect(JSON.parse(entry!.details)).toEqual({ from: 'applicant', to: 'reviewer' });
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

describe('uploaded files', () => {
  let server: TestServer;
  let owner: HttpClient;
  let criterionPath: string;
  beforeAll(async () => {
    server = await startTestServer();
    ({ owner } = await companyWithOwner(server, 'uploads'));
    const applicationId = await startApplication(owner, 'uploads', await createProduct(owner, 'uploads'));
    criterionPath = `/en/applications/${applicationId}/criteria/SEC-02`;
  });
  afterAll(async () => {
    await server?.close();
  });

  async function uploadAndFetch(bytes: Buffer, name: string) {
    expect((await owner.upload(`${criterionPath}/files`, 'file', bytes, name)).status).toBe(303);
    const page = (await owner.get(criterionPath)).text;
    const links = [...page.matchAll(/href="(\/en\/applications\/[^"]+\/files\/[^"]+)">([^<]+)</g)];
    const [, href, shownName] = links.at(-1)!;
    return { download: await owner.get(href!), shownName: shownName! };
  }

  it('serves evidence only as a sandboxed download of its checked type, whatever its name claims', async () => {
    // A PNG that carries an HTML page after its image data, named to be rendered as a page.
    const polyglot = Buffer.concat([samplePng, Buffer.from('<html><script>alert(document.cookie)</script>')]);
    const { download, shownName } = await uploadAndFetch(polyglot, 'page.html');
    expect(shownName).toBe('page.html.png');
    expect(download.status).toBe(200);
    expect(download.headers.get('content-type')).toBe('image/png');
    expect(download.headers.get('x-content-type-options')).toBe('nosniff');
    expect(download.headers.get('content-disposition')).toBe("attachment; filename*=UTF-8''page.html.png");
    expect(download.headers.get('content-security-policy')).toBe("default-src 'none'; sandbox");
    expect(download.headers.get('cache-control')).toBe('private, no-store');
  });

  it('keeps header-breaking characters of a file name out of the response headers', async () => {
    const { download } = await uploadAndFetch(samplePdf, 'report"\r\nSet-Cookie: stolen=1;.pdf');
    expect(download.status).toBe(200);
    expect(download.headers.get('set-cookie')).toBeNull();
    expect(download.headers.get('content-disposition')).toMatch(
      /^attachment; filename\*=UTF-8''[A-Za-z0-9%._-]+$/,
    );
  });

  it('refuses a file that is none of the accepted types, even named as one', async () => {
    const page = Buffer.from('<!doctype html><title>x</title><script>alert(1)</script>');
    const response = await owner.upload(`${criterionPath}/files`, 'file', page, 'evidence.png');
    expect(response.status).toBe(422);
  });
});

describe('slow clients', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(async () => {
    await server?.close();
  });

  it('cuts off a client that never finishes its headers well before Node’s minute', async () => {
    const { hostname, port } = new URL(server.url);
    const socket = connect(Number(port), hostname);
    const started = Date.now();
    // Half a request, then silence, as a slowloris client sends.
    socket.write('GET /en HTTP/1.1\r\nHost: example.test\r\nX-Slow: ');
    let answer = '';
    socket.on('data', (chunk: Buffer) => (answer += chunk.toString('latin1')));
    await new Promise<void>((resolve) => socket.on('close', () => resolve()));
    expect(Date.now() - started).toBeLessThan(30_000);
    expect(answer).toMatch(/^HTTP\/1\.1 408/);
    // Everyone else is served meanwhile and after.
    expect((await server.client().get('/en')).status).toBe(200);
  }, 45_000);
});
