import { gunzipSync } from 'node:zlib';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { rawHeader, rawRequest, type RawAnswer } from '../support/raw-http';
import { startTestServer, type TestServer } from '../support/server';

/** Enough that a proof over the whole log (19 hashes) is past the compression threshold. */
const entries = 2 ** 18 + 200;
/** The tree most proofs here are asked in: theirs stay below the threshold. */
const small = 600;
const limit = 8;
let server: TestServer;
/** Whether each proof request came from the fast path (true) or was left to the app (false). */
let fast: boolean[];

/** A request as a client sends it, read without decoding, so bytes and headers can be compared. */
const raw = (path: string, headers: Record<string, string>, method = 'GET'): Promise<RawAnswer> =>
  rawRequest(`${server.url}${path}`, headers, method);

/** Each test is its own client (TRUST_PROXY=1 takes the address from X-Forwarded-For), with its own limit. */
const from = (address: string, gzip = true): Record<string, string> => ({
  'x-forwarded-for': address,
  ...(gzip ? { 'accept-encoding': 'gzip, deflate' } : {}),
});

const header = rawHeader;
const withoutRemaining = (answer: RawAnswer) =>
  answer.headers.map(([name, value]) => [name, name === 'ratelimit' ? '' : value]);

/** A log written straight into the database (one statement); the start builds its tiles and signs it. */
beforeAll(async () => {
  server = await startTestServer({
    rateLimits: { api: { windowMs: 60_000, limit } },
    environment: { TRUST_PROXY: '1' },
  });
  await server.restartWith(async (db) => {
    await sql`
      with recursive n(i) as (select 0 union all select i + 1 from n where i + 1 < ${sql.lit(entries)})
      insert into log_entry (position, event_id, leaf, created_at)
      select i, 'event-' || i, '{"event":"issued","n":' || i || '}', '2026-12-02T00:00:00.000Z' from n
    `.execute(db);
  });
  const proofs = server.running.services.logProofs;
  const answer = proofs.answer.bind(proofs);
  vi.spyOn(proofs, 'answer').mockImplementation((incoming, outgoing, passOn) => {
    const proof = incoming.url?.startsWith('/log/proof/');
    const at = fast.length;
    if (proof) fast.push(true);
    // Left to the app at once, or later (no headers kept for that outcome yet, over the limit).
    const answered = answer(incoming, outgoing, () => {
      if (proof) fast[at] = false;
      passOn();
    });
    if (proof && !answered) fast[at] = false;
    return answered;
  });
}, 300_000);
afterAll(async () => {
  await server?.close();
});

describe("the log's proofs answered in front of the app", () => {
  const cases = [
    ['inclusion', (a: number, size = small) => `/log/proof/inclusion?index=${a}&size=${size}`],
    ['consistency', (a: number, size = small) => `/log/proof/consistency?first=${a}&second=${size}`],
  ] as const;
  for (const [kind, target] of cases) {
    for (const gzip of [true, false]) {
      it(`sends the same bytes and headers as the app (${kind}, ${gzip ? 'gzip asked' : 'plain'})`, async () => {
        const address = `203.0.113.${kind === 'inclusion' ? 1 : 2}${gzip ? 1 : 2}`;
        fast = [];
        const byApp = await raw(target(5), from(address, gzip));
        const byFastPath = await raw(target(5), from(address, gzip));
        // Another proof, computed here from the tiles, against the app's answer to the same question spelled
        // another way (the fast path takes one spelling only).
        const other = await raw(target(377), from(address, gzip));
        const [name, value] = target(377).split('?')[1]!.split('&') as [string, string];
        const otherByApp = await raw(`${target(377).split('?')[0]}?${value}&${name}`, from(address, gzip));
        expect(fast).toEqual([false, true, true, false]);
        for (const answer of [byApp, byFastPath, other, otherByApp]) expect(answer.status).toBe(200);
        expect(byFastPath.body.equals(byApp.body)).toBe(true);
        expect(other.body.equals(otherByApp.body)).toBe(true);
        expect(JSON.parse(other.body.toString())).toMatchObject(
          kind === 'inclusion' ? { index: 377, size: small } : { first: 377, second: small },
        );
        // Everything but the remaining allowance is the same, in the same order.
        expect(header(byApp, 'ratelimit')).toBe(`limit=${limit}, remaining=${limit - 1}, reset=60`);
        expect(header(byFastPath, 'ratelimit')).toBe(`limit=${limit}, remaining=${limit - 2}, reset=60`);
        expect(withoutRemaining(byFastPath)).toEqual(withoutRemaining(byApp));
        expect(withoutRemaining(other)).toEqual(withoutRemaining(otherByApp));
        expect(header(byApp, 'content-security-policy')).toBeTruthy();
        expect(header(byApp, 'access-control-allow-origin')).toBe('*');
        expect(header(byApp, 'content-type')).toMatch(/^application\/json/);
        // Proofs of 600 entries are below the compression threshold: sent as they are, but varying.
        expect(header(byApp, 'vary')).toBe(gzip ? 'Accept-Encoding' : undefined);
        expect(header(byApp, 'content-encoding')).toBe(undefined);
      });
    }

    it(`gzips a proof past the compression threshold as the app does (${kind})`, async () => {
      const address = `203.0.113.${kind === 'inclusion' ? 5 : 6}`;
      fast = [];
      const byApp = await raw(target(262_143, entries), from(address));
      const byFastPath = await raw(target(262_143, entries), from(address));
      const other = await raw(target(131_071, entries), from(address));
      const [name, value] = target(131_071, entries).split('?')[1]!.split('&') as [string, string];
      const otherByApp = await raw(`${target(0).split('?')[0]}?${value}&${name}`, from(address));
      expect(fast).toEqual([false, true, true, false]);
      expect(header(byApp, 'content-encoding')).toBe('gzip');
      expect(byFastPath.body.equals(byApp.body)).toBe(true);
      expect(other.body.equals(otherByApp.body)).toBe(true);
      expect(withoutRemaining(byFastPath)).toEqual(withoutRemaining(byApp));
      expect(withoutRemaining(other)).toEqual(withoutRemaining(otherByApp));
      expect(JSON.parse(gunzipSync(other.body).toString())).toMatchObject(
        kind === 'inclusion' ? { index: 131_071, size: entries } : { first: 131_071, second: entries },
      );
    });
  }

  it('counts fast and app answers in one rate limit, and the app refuses a client over it', async () => {
    fast = [];
    const answers: RawAnswer[] = [];
    for (let index = 0; index < limit + 2; index++) {
      const path = index === 3 ? '/log/checkpoint' : `/log/proof/inclusion?index=${index}&size=${small}`;
      answers.push(await raw(path, from('203.0.113.30')));
    }
    expect(answers.map((answer) => answer.status)).toEqual([...Array<number>(limit).fill(200), 429, 429]);
    expect(fast).toEqual([true, true, true, ...Array<boolean>(limit - 4).fill(true), false, false]);
    expect(answers.slice(0, limit).map((answer) => header(answer, 'ratelimit'))).toEqual(
      Array.from({ length: limit }, (_, at) => `limit=${limit}, remaining=${limit - 1 - at}, reset=60`),
    );
    expect(JSON.parse(answers[limit]!.body.toString())).toEqual({
      error: 'Too many requests',
      message: 'Please slow down and try again in a minute.',
    });
    expect(header(answers[limit]!, 'retry-after')).toBe('60');
    // Another client still has its allowance.
    expect((await raw(`/log/proof/inclusion?index=1&size=${small}`, from('203.0.113.31'))).status).toBe(200);
  });

  it('computes nothing for a client over its limit', async () => {
    const address = '198.51.100.140';
    for (let index = 0; index < limit; index++)
      expect((await raw(`/log/proof/inclusion?index=${index}&size=${small}`, from(address))).status).toBe(
        200,
      );
    const inclusion = vi.spyOn(server.running.services.transparencyLog.provenTree, 'inclusion');
    try {
      // A proof no one asked before: refused by the app, without the fast path computing it first.
      const refused = await raw(`/log/proof/inclusion?index=523&size=${small}`, from(address));
      expect(refused.status).toBe(429);
      expect(inclusion).not.toHaveBeenCalled();
      const allowed = await raw(`/log/proof/inclusion?index=523&size=${small}`, from('198.51.100.141'));
      expect(allowed.status).toBe(200);
      expect(inclusion).toHaveBeenCalledTimes(1);
    } finally {
      inclusion.mockRestore();
    }
  });

  it('counts a client once when a proof cannot be made in front of the app and the app answers it', async () => {
    const address = '198.51.100.150';
    const first = await raw(`/log/proof/inclusion?index=11&size=${small}`, from(address));
    expect(header(first, 'ratelimit')).toContain(`remaining=${limit - 1}`);
    const inclusion = vi
      .spyOn(server.running.services.transparencyLog.provenTree, 'inclusion')
      .mockRejectedValueOnce(new Error('a tile could not be read'));
    try {
      // Not asked before, so computed here; that fails, and the app answers it.
      const second = await raw(`/log/proof/inclusion?index=524&size=${small}`, from(address));
      expect(second.status).toBe(200);
      expect(inclusion).toHaveBeenCalled();
      expect(header(second, 'ratelimit')).toContain(`remaining=${limit - 2}`);
    } finally {
      inclusion.mockRestore();
    }
  });

  it('leaves invalid or unseen questions, other spellings and HEAD to the app', async () => {
    fast = [];
    const asked = async (path: string, method = 'GET') => {
      const answer = await raw(path, from('203.0.113.40', false), method);
      return [answer.status, answer.status === 400 ? JSON.parse(answer.body.toString()).message : ''];
    };
    expect(await asked(`/log/proof/inclusion?index=${small}&size=${small}`)).toEqual([
      400,
      'index must be below size',
    ]);
    expect(await asked(`/log/proof/inclusion?index=1&size=${entries + 1}`)).toEqual([
      400,
      `the log has ${entries} entries`,
    ]);
    expect(await asked(`/log/proof/consistency?first=0&second=${small}`)).toEqual([
      400,
      'first must be at least 1 and at most second',
    ]);
    expect(await asked(`/log/proof/inclusion?index=01&size=${small}`)).toEqual([200, '']);
    expect(await asked(`/log/proof/inclusion?index=1&size=${small}`, 'HEAD')).toEqual([200, '']);
    // A smaller tree than any asked for so far is provable for good, and answered here at once.
    expect(await asked(`/log/proof/consistency?first=3&second=7`)).toEqual([200, '']);
    expect(fast).toEqual([false, false, false, false, false, true]);
  });
});
