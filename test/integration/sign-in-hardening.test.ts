import { join } from 'node:path';
import * as OTPAuth from 'otpauth';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config';
import { startServer, type RunningServer } from '../../src/server';
import {
  backupCodesOf,
  currentCode,
  enableTwoFactor,
  newUser,
  signUpAndVerify,
  type TestUser,
} from '../support/flows';
import { HttpClient, inputValue, type PageResponse } from '../support/http';
import { startTestServer, type TestServer } from '../support/server';

const plenty = { windowMs: 60_000, limit: 1000 };

let server: TestServer;
beforeAll(async () => {
  // Many sign-ins from one address here; the limits have their own tests below.
  server = await startTestServer({
    rateLimits: { signIn: plenty, accountSignIn: plenty, accountSecondFactor: plenty },
  });
});
afterAll(async () => {
  await server?.close();
});

/** Where a browser on the site would go when given this Location header. */
function destination(response: PageResponse): URL {
  if (!response.location) throw new Error(`No Location header (status ${response.status})`);
  return new URL(response.location, server.url);
}

/** Signs in with the password only, leaving the client at the second-factor step. */
async function passwordStep(client: HttpClient, user: TestUser, next = '/en/account') {
  const response = await client.post('/en/sign-in', { email: user.email, password: user.password, next });
  expect(response.status).toBe(303);
  return response;
}

const hostileNext = [
  '/\t/evil.example/x',
  '/\n/evil.example/x',
  '/\r\n/evil.example/x',
  '/\\evil.example/x',
  '\\\\evil.example/x',
  '/.//evil.example/x',
  '%2F%2Fevil.example',
  '//evil.example/x',
  'https://evil.example/x',
  'https:evil.example',
];

describe('returning after sign-in', () => {
  it('never sends the password step off-site, whatever `next` says', async () => {
    const user = newUser('next');
    await signUpAndVerify(server, server.client(), user);
    for (const next of hostileNext) {
      const response = await passwordStep(server.client(), user, next);
      expect(destination(response).origin, JSON.stringify(next)).toBe(new URL(server.url).origin);
      expect(response.location, JSON.stringify(next)).toMatch(/^\/[^/\\]/);
    }
    const kept = await passwordStep(server.client(), user, '/en/products?q=lamp');
    expect(kept.location).toBe('/en/products?q=lamp');
  });

  it('never sends a signed-in visitor of the sign-in page off-site', async () => {
    const client = server.client();
    const user = newUser('next-get');
    await signUpAndVerify(server, client, user);
    const response = await client.get('/en/sign-in?next=/%09/evil.example/x');
    expect(response.status).toBe(303);
    expect(response.location).toBe('/en/account');
  });

  it('never sends the two-factor step off-site', async () => {
    const user = newUser('next-2fa');
    const setup = server.client();
    await signUpAndVerify(server, setup, user);
    await enableTwoFactor(setup, user);
    const codes = [...backupCodesOf(user)];
    for (const next of [
      '/\t/evil.example/x',
      '/.//evil.example/x',
      '/\\evil.example',
      'https:evil.example',
    ]) {
      const client = server.client();
      const first = await passwordStep(client, user, next);
      expect(destination(first).pathname).toBe('/en/sign-in/two-factor');
      const form = await client.get(first.location ?? '');
      expect(inputValue(form.text, 'next')).toBe('/en/account');
      // The hostile value sent straight to the second step, as a forged form would.
      const second = await client.post('/en/sign-in/two-factor', { code: codes.pop() ?? '', next });
      expect(second.status, JSON.stringify(next)).toBe(303);
      expect(second.location, JSON.stringify(next)).toBe('/en/account');
    }
  });
});

describe('one-time codes', () => {
  it('accepts an app code once: a second sign-in with the same code is refused', async () => {
    const user = newUser('replay');
    const setup = server.client();
    await signUpAndVerify(server, setup, user);
    await enableTwoFactor(setup, user);
    const code = currentCode(user);
    const first = server.client();
    const second = server.client();
    await passwordStep(first, user);
    await passwordStep(second, user);
    expect((await first.post('/en/sign-in/two-factor', { code })).status).toBe(303);
    const replay = await second.post('/en/sign-in/two-factor', { code });
    expect(replay.status).toBe(401);
    expect(replay.text).toContain('That code has already been used');
    expect((await second.get('/en/account')).status).toBe(303);
    // The next code still works.
    expect((await second.post('/en/sign-in/two-factor', { code: currentCode(user) })).status).toBe(303);
  });

  it('does not accept the code that confirmed set-up again, for sign-in or set-up', async () => {
    const user = newUser('setup-replay');
    const client = server.client();
    await signUpAndVerify(server, client, user);
    const scan = await client.post('/en/account/two-factor', { password: user.password });
    const secret = scan.text.match(/data-testid="totp-secret">([A-Z2-7=]+)</)?.[1] ?? '';
    const code = new OTPAuth.TOTP({
      secret: OTPAuth.Secret.fromBase32(secret),
      digits: 6,
      period: 30,
    }).generate();
    const confirm = {
      code,
      totpUri: inputValue(scan.text, 'totpUri'),
      backupCodes: inputValue(scan.text, 'backupCodes'),
    };
    expect((await client.post('/en/account/two-factor/confirm', confirm)).status).toBe(303);
    expect((await client.post('/en/account/two-factor/confirm', confirm)).status).toBe(422);

    const other = server.client();
    await passwordStep(other, user);
    const replay = await other.post('/en/sign-in/two-factor', { code });
    expect(replay.status).toBe(401);
    expect(replay.text).toContain('That code has already been used');
  });

  it('holds across instances sharing the database, even when both get the code at once', async () => {
    const user = newUser('instances');
    const setup = server.client();
    await signUpAndVerify(server, setup, user);
    await enableTwoFactor(setup, user);
    const other: RunningServer = await startServer(loadConfig({ ...server.environment, PORT: '0' }), {
      logger: pino({ level: 'silent' }),
      assetDirectories: [join(process.cwd(), 'public')],
      rateLimits: { signIn: plenty },
    });
    try {
      const here = server.client();
      const there = new HttpClient(other.url);
      const origin = { origin: server.url };
      await passwordStep(here, user);
      const elsewhere = await there.post(
        '/en/sign-in',
        { email: user.email, password: user.password, next: '/en/account' },
        origin,
      );
      expect(elsewhere.status).toBe(303);
      const code = currentCode(user);
      const answers = await Promise.all([
        here.post('/en/sign-in/two-factor', { code }),
        there.post('/en/sign-in/two-factor', { code }, origin),
      ]);
      expect(answers.map((answer) => answer.status).sort()).toEqual([303, 401]);
    } finally {
      await other.close();
    }
  });

  it('accepts each backup code shown at set-up once, with or without its dash', async () => {
    const user = newUser('backup');
    const setup = server.client();
    await signUpAndVerify(server, setup, user);
    await enableTwoFactor(setup, user);
    const [code = '', another = ''] = backupCodesOf(user);

    const first = server.client();
    await passwordStep(first, user);
    expect((await first.post('/en/sign-in/two-factor', { code })).status).toBe(303);
    expect((await first.get('/en/account')).status).toBe(200);

    const again = server.client();
    await passwordStep(again, user);
    const replay = await again.post('/en/sign-in/two-factor', { code });
    expect(replay.status).toBe(401);
    expect(replay.text).toContain('That backup code is not correct or has already been used');
    const undashed = await again.post('/en/sign-in/two-factor', { code: another.replace('-', '') });
    expect(undashed.status).toBe(303);
  });

  it('explains a malformed code instead of failing', async () => {
    const client = server.client();
    const response = await client.post('/en/sign-in/two-factor', { code: 'no-such-code!' });
    expect(response.status).toBe(422);
    expect(response.text).toContain('or a backup code');
  });
});

describe('throttling behind a reverse proxy', () => {
  let proxied: TestServer;
  // Long enough for a loaded machine to make every attempt of a test within one window.
  const accountWindowMs = 12_000;
  beforeAll(async () => {
    proxied = await startTestServer({
      environment: { TRUST_PROXY: 'true' },
      rateLimits: {
        accountSignIn: { windowMs: accountWindowMs, limit: 3 },
        accountSecondFactor: { windowMs: accountWindowMs, limit: 3 },
      },
    });
  });
  afterAll(async () => {
    await proxied?.close();
  });

  /** A request through the proxy: the client wrote `claimed`, the proxy appended `real`. */
  const via = (claimed: string | null, real: string) => ({
    headers: { 'x-forwarded-for': claimed ? `${claimed}, ${real}` : real },
  });

  it('limits 40 sign-ins whose own X-Forwarded-For entries rotate, by the address the proxy added', async () => {
    const statuses: number[] = [];
    for (let attempt = 0; attempt < 40; attempt++) {
      const response = await proxied
        .client()
        .post(
          '/en/sign-in',
          { email: `nobody-${attempt}@example.test`, password: 'Wrong-password-1234' },
          via(`198.51.100.${attempt}`, '203.0.113.7'),
        );
      statuses.push(response.status);
    }
    // The default per-address limit: 30 attempts in 15 minutes.
    expect(statuses.slice(0, 30)).not.toContain(429);
    expect(statuses.slice(30)).toEqual(Array(10).fill(429));
    // Another real address is not affected.
    const other = await proxied
      .client()
      .post('/en/sign-in', { email: 'x@example.test', password: 'y' }, via(null, '203.0.113.8'));
    expect(other.status).not.toBe(429);
  });

  /** Sends a failing sign-in as each of `addresses` (written by the proxy), returning the statuses. */
  const signInsFrom = async (addresses: readonly string[]) => {
    const statuses: number[] = [];
    for (const [index, address] of addresses.entries()) {
      // A fresh email address each time, so that only the limit per address can refuse.
      const email = `nobody-${index}-${address.replace(/[^0-9a-f]/gi, '')}@example.test`;
      const response = await proxied
        .client()
        .post('/en/sign-in', { email, password: 'Wrong-password-1234' }, via(null, address));
      statuses.push(response.status);
    }
    return statuses;
  };

  it('counts the addresses of one IPv6 /64 as one client, however they are written', async () => {
    const addresses = Array.from({ length: 32 }, (_, index) =>
      index % 2 ? `2001:DB8:7:7::${index.toString(16)}` : `2001:db8:7:7:${index}::1`,
    );
    const statuses = await signInsFrom(addresses);
    expect(statuses.slice(0, 30)).not.toContain(429);
    expect(statuses.slice(30)).toEqual([429, 429]);
    expect(await signInsFrom(['2001:db8:7:8::1'])).not.toContain(429);
  });

  it('takes a proxy entry with a port as the address, not as the proxy itself', async () => {
    const statuses = await signInsFrom(
      Array.from({ length: 31 }, (_, index) => `192.0.2.10:${1000 + index}`),
    );
    expect(statuses.slice(0, 30)).not.toContain(429);
    expect(statuses[30]).toBe(429);
    // Everyone else behind the proxy is not held back by that one client.
    expect(await signInsFrom(['192.0.2.11:443', '[2001:db8:9::1]:443'])).not.toContain(429);
  });

  it('throttles one account from rotating real addresses, and lets its owner back in after the window', async () => {
    const user = newUser('throttled');
    await signUpAndVerify(proxied, proxied.client(), user);
    let windowStarted = 0;
    const statuses: number[] = [];
    for (let attempt = 0; attempt < 5; attempt++) {
      const response = await proxied
        .client()
        .post(
          '/en/sign-in',
          { email: user.email.toUpperCase(), password: 'Not-the-password-99' },
          via(null, `192.0.2.${attempt}`),
        );
      statuses.push(response.status);
      // The first failure, counted just before its answer, opened the account's window.
      windowStarted ||= Date.now();
    }
    expect(statuses).toEqual([401, 401, 401, 429, 429]);
    const owner = proxied.client();
    const blocked = await owner.post(
      '/en/sign-in',
      { email: user.email, password: user.password },
      via(null, '192.0.2.100'),
    );
    expect(blocked.status).toBe(429);
    expect(blocked.text).toContain('Too many failed attempts for this account');
    expect(blocked.text).not.toContain('The email address or password is not correct');

    await new Promise((resolve) => setTimeout(resolve, accountWindowMs - (Date.now() - windowStarted) + 200));
    const after = await owner.post(
      '/en/sign-in',
      { email: user.email, password: user.password, next: '/en/account' },
      via(null, '192.0.2.101'),
    );
    expect(after.status).toBe(303);
  });

  it('throttles wrong second-factor codes per account across sign-ins and addresses', async () => {
    const user = newUser('throttled-2fa');
    const setup = proxied.client();
    await signUpAndVerify(proxied, setup, user);
    await enableTwoFactor(setup, user);
    const signInFrom = async (address: string) => {
      const client = proxied.client();
      const form = { email: user.email, password: user.password, next: '/en/account' };
      expect((await client.post('/en/sign-in', form, via(null, address))).status).toBe(303);
      return client;
    };
    for (let attempt = 0; attempt < 3; attempt++) {
      const client = await signInFrom(`192.0.2.${50 + attempt}`);
      const wrong = await client.post(
        '/en/sign-in/two-factor',
        { code: '000000' },
        via(null, `192.0.2.${50 + attempt}`),
      );
      expect(wrong.status).toBe(401);
    }
    const client = await signInFrom('192.0.2.60');
    const blocked = await client.post(
      '/en/sign-in/two-factor',
      { code: currentCode(user) },
      via(null, '192.0.2.60'),
    );
    expect(blocked.status).toBe(429);
    expect(blocked.text).toContain('Too many failed attempts for this account');
  });
});
