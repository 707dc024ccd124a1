import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { HttpClient } from '../support/http';
import { signedInUser } from '../support/flows';
import { certifiedCompany, reviewerPair } from '../support/review';
import { rawHeader, rawRequest, type RawAnswer } from '../support/raw-http';
import { startTestServer, type TestServer } from '../support/server';

let server: TestServer;
let admin: HttpClient;
let certificationId: string;
const limit = 5;
/** Whether each API search answer came from the fast path (true) or was left to the app (false). */
let fast: boolean[];

/** A request as a client sends it, read without decoding, so bytes and headers can be compared. */
const raw = (path: string, headers: Record<string, string>, method = 'GET'): Promise<RawAnswer> =>
  rawRequest(`${server.url}${path}`, headers, method);

/** Each test is its own client (TRUST_PROXY=1 takes the address from X-Forwarded-For), with its own limit. */
const from = (address: string, gzip = true): Record<string, string> => ({
  'x-forwarded-for': address,
  ...(gzip ? { 'accept-encoding': 'gzip' } : {}),
});

const header = rawHeader;

beforeAll(async () => {
  server = await startTestServer({
    rateLimits: { api: { windowMs: 60_000, limit } },
    environment: { TRUST_PROXY: '1' },
  });
  ({ client: admin } = await signedInUser(server, 'admin'));
  const reviewers = await reviewerPair(server);
  ({ certificationId } = await certifiedCompany(server, reviewers, 'fastco', {
    name: 'Fast Kettle',
    category: 'other',
    modelNumbers: 'FK-1',
    webPageUrl: 'https://fast.example/kettle',
    description: 'A kettle that boils.',
  }));
  const searches = server.running.services.apiSearches;
  const answer = searches.answer.bind(searches);
  fast = [];
  vi.spyOn(searches, 'answer').mockImplementation((incoming, outgoing, passOn, sent) => {
    const searched = incoming.url?.startsWith('/api/v1/products');
    const at = fast.length;
    if (searched) fast.push(true);
    // A client found over its limit (at once in memory, after the count in the database) goes on to the app.
    const answered = answer(
      incoming,
      outgoing,
      () => {
        if (searched) fast[at] = false;
        passOn();
      },
      sent,
    );
    if (searched && !answered) fast[at] = false;
    return answered;
  });
}, 120_000);
afterAll(async () => {
  await server?.close();
});

describe('repeated API searches answered in front of the app', () => {
  for (const gzip of [true, false]) {
    it(`sends the same bytes and headers as the app (${gzip ? 'gzip' : 'plain'})`, async () => {
      const address = gzip ? '203.0.113.1' : '203.0.113.2';
      fast = [];
      const byApp = await raw('/api/v1/products?q=kettle&sort=name', from(address, gzip));
      const byFastPath = await raw('/api/v1/products?q=kettle&sort=name', from(address, gzip));
      expect(fast).toEqual([false, true]);
      expect(byApp.status).toBe(200);
      expect(byFastPath.status).toBe(200);
      expect(byFastPath.body.equals(byApp.body)).toBe(true);
      expect(header(byApp, 'content-encoding')).toBe(gzip ? 'gzip' : undefined);
      // Everything but the remaining allowance is the same, in the same order.
      expect(header(byApp, 'ratelimit')).toBe(`limit=${limit}, remaining=4, reset=60`);
      expect(header(byFastPath, 'ratelimit')).toBe(`limit=${limit}, remaining=3, reset=60`);
      const withoutRemaining = (answer: RawAnswer) =>
        answer.headers.map(([name, value]) => [name, name === 'ratelimit' ? '' : value]);
      expect(withoutRemaining(byFastPath)).toEqual(withoutRemaining(byApp));
      expect(header(byApp, 'content-security-policy')).toBeTruthy();
      expect(header(byApp, 'access-control-allow-origin')).toBe('*');
      expect(header(byApp, 'vary')).toBe('Accept-Encoding');
      expect(header(byApp, 'ratelimit-policy')).toBe(`${limit};w=60`);
    });
  }

  it('counts fast and app answers in one rate limit, and the app refuses a client over it', async () => {
    fast = [];
    const answers: RawAnswer[] = [];
    for (const query of ['q=fast', 'q=fast', 'q=fast', 'q=other', 'q=fast', 'q=fast', 'q=other', 'q=fast']) {
      answers.push(await raw(`/api/v1/products?${query}`, from('203.0.113.3')));
    }
    expect(answers.map((answer) => answer.status)).toEqual([200, 200, 200, 200, 200, 429, 429, 429]);
    expect(fast.slice(0, 5)).toEqual([false, true, true, false, true]);
    expect(fast.slice(5)).toEqual([false, false, false]);
    expect(answers.slice(0, 5).map((answer) => header(answer, 'ratelimit'))).toEqual(
      [4, 3, 2, 1, 0].map((remaining) => `limit=${limit}, remaining=${remaining}, reset=60`),
    );
    const refused = answers[5]!;
    expect(JSON.parse(refused.body.toString())).toEqual({
      error: 'Too many requests',
      message: 'Please slow down and try again in a minute.',
    });
    expect(header(refused, 'retry-after')).toBe('60');
    // Another client still has its allowance.
    expect((await raw('/api/v1/products?q=fast', from('203.0.113.4'))).status).toBe(200);
  });

  it('counts each client by the address the trusted proxy saw, whatever the client wrote before it', async () => {
    fast = [];
    const remaining = async (forwardedFor: string) =>
      header(await raw('/api/v1/products?q=counted', from(forwardedFor)), 'ratelimit');
    // The fast path remembers each peer and X-Forwarded-For's key: every spelling is still counted as the
    // app counts it, and answers to two clients taking turns each carry their own count.
    expect(await remaining('203.0.113.7')).toBe(`limit=${limit}, remaining=4, reset=60`);
    expect(await remaining('203.0.113.7')).toBe(`limit=${limit}, remaining=3, reset=60`);
    expect(await remaining('203.0.113.8')).toBe(`limit=${limit}, remaining=4, reset=60`);
    expect(await remaining('198.51.100.9, 203.0.113.7')).toBe(`limit=${limit}, remaining=2, reset=60`);
    expect(await remaining('203.0.113.8')).toBe(`limit=${limit}, remaining=3, reset=60`);
    expect(await remaining('198.51.100.10, 203.0.113.7')).toBe(`limit=${limit}, remaining=1, reset=60`);
    expect(fast).toEqual([false, true, true, true, true, true]);
  });

  it('remembers no client-written X-Forwarded-For of some kilobytes, and keeps no long address', async () => {
    fast = [];
    const searches = server.running.services.apiSearches;
    const remembered = searches.rememberedCountKeys;
    // Padding written by the client before the address the proxy appended: counted as that address.
    const padded = (index: number) => `${'198.51.100.1,'.repeat(300)}${index}.0.0.1, 203.0.113.30`;
    for (let index = 0; index < 20; index++) {
      const answer = await raw('/api/v1/products?q=boils', from(padded(index)));
      expect(header(answer, 'ratelimit')).toBe(
        `limit=${limit}, remaining=${Math.max(limit - index - 1, 0)}, reset=60`,
      );
      if (index >= limit) expect(answer.status).toBe(429);
    }
    expect(searches.rememberedCountKeys).toBe(remembered);
    expect(fast.slice(1, limit)).toEqual(Array(limit - 1).fill(true));

    // An address padded with an unknown parameter is answered, by the app each time.
    fast = [];
    const long = `/api/v1/products?q=boils&pad=${'x'.repeat(600)}`;
    for (let attempt = 0; attempt < 2; attempt++)
      expect((await raw(long, from('203.0.113.31'))).status).toBe(200);
    expect(fast).toEqual([false, false]);
  });

  it('leaves an invalid query and a HEAD to the app', async () => {
    fast = [];
    for (let attempt = 0; attempt < 2; attempt++) {
      const bad = await raw('/api/v1/products?status=pending', from('203.0.113.5', false));
      expect(bad.status).toBe(400);
      expect(JSON.parse(bad.body.toString()).message).toContain('must be one of active');
    }
    await raw('/api/v1/products?q=kettle', from('203.0.113.5'));
    const head = await raw('/api/v1/products?q=kettle', from('203.0.113.5'), 'HEAD');
    expect(head.status).toBe(200);
    expect(head.body.length).toBe(0);
    expect(fast).toEqual([false, false, false, false]);
  });

  it('shows a revocation made through the app in the next search', async () => {
    const search = async () => {
      const answer = await raw('/api/v1/products?q=kettle', from('203.0.113.6', false));
      const list = JSON.parse(answer.body.toString()) as { items: { id: string; status: string }[] };
      return list.items.find((item) => item.id === certificationId)?.status;
    };
    fast = [];
    expect(await search()).toBe('active');
    expect(await search()).toBe('active');
    expect(fast.at(-1)).toBe(true);
    const revoked = await admin.post(`/en/admin/certifications/${certificationId}/status`, {
      action: 'revoke',
      reason: 'Boils dry.',
    });
    expect(revoked.status).toBe(303);
    expect(await search()).toBe('revoked');
  });
});
