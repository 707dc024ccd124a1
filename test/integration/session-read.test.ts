import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSessionReader } from '../../src/platform/auth/session-read';
import { createProduct, startApplication } from '../support/applications';
import { companyWithOwner, enableTwoFactor, joinCompany, type TestUser } from '../support/flows';
import type { HttpClient } from '../support/http';
import { startTestServer, type TestServer } from '../support/server';
import { linkIn } from '../support/smtp';

/**
 * Sessions are read with one query per request (platform/auth/session-read.ts) and left to Better Auth
 * whenever it would do more than read. Whatever ends a session must still refuse the very next autosave
 * sent with its cookie — also a copy of the cookie kept elsewhere, which signing out cannot clear.
 */
let server: TestServer;
let owner: HttpClient;
let applicationId: string;
const tokenCookie = 'trustmark.session_token';
const json = { headers: { accept: 'application/json' } };

beforeAll(async () => {
  server = await startTestServer();
  ({ owner } = await companyWithOwner(server, 'sessions'));
  applicationId = await startApplication(owner, 'sessions', await createProduct(owner, 'sessions'));
}, 60_000);
afterAll(async () => {
  await server?.close();
});

const db = () => server.running.services.database.db;

/** An autosave of PRI-01 at its current revision, as the criterion page's script sends it. */
async function autosave(client: HttpClient, explanation: string) {
  const answers = await server.running.services.applications.answers(applicationId);
  const revision = String(answers.get('PRI-01')?.revision ?? 0);
  const path = `/en/applications/${applicationId}/criteria/PRI-01`;
  return client.post(path, { status: 'met', explanation, revision }, json);
}

/** Another browser holding a copy of this client's session cookie. */
function copyOf(client: HttpClient): HttpClient {
  const copy = server.client();
  copy.setCookie(tokenCookie, client.cookie(tokenCookie)!);
  return copy;
}

async function member(): Promise<{ client: HttpClient; user: TestUser }> {
  const { teammate, user } = await joinCompany(server, owner, 'sessions');
  expect((await autosave(teammate, `${user.name} was here`)).status).toBe(200);
  return { client: teammate, user };
}

async function setSessionExpiry(client: HttpClient, expiresAt: Date) {
  const token = decodeURIComponent(client.cookie(tokenCookie)!).split('.')[0]!;
  await db()
    .updateTable('session')
    .set({ expiresAt: expiresAt.toISOString() })
    .where('token', '=', token)
    .execute();
  return token;
}

describe('reading a session', () => {
  it('reads a live session from its signed cookie, and leaves anything else to Better Auth', async () => {
    const read = createSessionReader(db(), server.running.services.auth);
    const cookie = owner.cookie(tokenCookie)!;
    expect(await read(`theme=dark; ${tokenCookie}=${cookie}`)).toMatchObject({ role: 'applicant' });
    // A signature changed in one character, a token without one, or no session cookie at all.
    const [token, signature] = decodeURIComponent(cookie).split('.') as [string, string];
    const changed = `${signature.startsWith('A') ? 'B' : 'A'}${signature.slice(1)}`;
    expect(await read(`${tokenCookie}=${encodeURIComponent(`${token}.${changed}`)}`)).toBeUndefined();
    expect(await read(`${tokenCookie}=${token}`)).toBeUndefined();
    expect(await read('theme=dark')).toBeUndefined();
    // With "don't remember me" Better Auth decides about renewal differently: it is asked.
    expect(await read(`${tokenCookie}=${cookie}; trustmark.dont_remember=x`)).toBeUndefined();
  });

  it('refuses the next autosave of a copied cookie once its session signed out', async () => {
    const { client } = await member();
    const thief = copyOf(client);
    expect((await autosave(thief, 'Copied cookie, still signed in')).status).toBe(200);
    expect((await client.post('/en/sign-out', {})).status).toBe(303);
    expect((await autosave(thief, 'Copied cookie after sign-out')).status).toBe(401);
    expect((await autosave(client, 'Signed out')).status).toBe(401);
  });

  it('refuses the next autosave of a session ended by a password reset', async () => {
    const { client, user } = await member();
    await server.client().post('/en/forgot-password', { email: user.email });
    const mail = await server.smtp.waitFor(user.email, /Reset your Trustmark password/);
    const token = new URL(linkIn(mail, `${server.url}/en/reset-password?token=`)).searchParams.get('token');
    const reset = await server
      .client()
      .post('/en/reset-password', { token: token!, newPassword: 'Fresh-harbor-lights-2026' });
    expect(reset.status).toBe(200);
    expect((await autosave(client, 'After the reset')).status).toBe(401);
  });

  it('refuses the old cookie once turning on two-factor authentication replaced the session', async () => {
    const { client, user } = await member();
    const before = copyOf(client);
    await enableTwoFactor(client, user);
    expect((await autosave(before, 'The session before two-factor')).status).toBe(401);
    expect((await autosave(client, 'The session after two-factor')).status).toBe(200);
  });

  it('refuses the next autosave of a deleted account', async () => {
    const { client, user } = await member();
    const thief = copyOf(client);
    const deleted = await client.post('/en/account/delete', { password: user.password });
    expect(deleted.status).toBe(200);
    expect((await autosave(thief, 'A deleted account')).status).toBe(401);
  });

  it('renews a session due for it on an autosave, and refuses an expired one with its cookie cleared', async () => {
    const { client } = await member();
    const day = 24 * 60 * 60 * 1000;
    // Set six days and a minute ago: renewal falls due a day after the expiry was last set.
    const token = await setSessionExpiry(client, new Date(Date.now() + day - 60_000));
    const renewed = await autosave(client, 'Renewed');
    expect(renewed.status).toBe(200);
    expect(renewed.headers.getSetCookie().some((cookie) => cookie.startsWith(`${tokenCookie}=`))).toBe(true);
    const row = await db()
      .selectFrom('session')
      .select('expiresAt')
      .where('token', '=', token)
      .executeTakeFirst();
    expect(new Date(row!.expiresAt).getTime()).toBeGreaterThan(Date.now() + 6 * day);

    await setSessionExpiry(client, new Date(Date.now() - 60_000));
    const expired = await autosave(client, 'Expired');
    expect(expired.status).toBe(401);
    const cleared = expired.headers.getSetCookie().find((cookie) => cookie.startsWith(`${tokenCookie}=`));
    expect(cleared).toMatch(/Max-Age=0/i);
  });

  it('answers an autosave with a small uncompressed JSON body that states its length', async () => {
    const saved = await autosave(owner, 'Small answer');
    expect(saved.status).toBe(200);
    expect(saved.headers.get('content-encoding')).toBeNull();
    expect(saved.headers.get('content-length')).toBe(String(Buffer.byteLength(saved.text)));
    expect(saved.headers.get('vary')).toContain('Accept-Encoding');
  });
});
