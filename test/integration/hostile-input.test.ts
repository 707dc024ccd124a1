import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RouteEntry } from '../../src/platform/web/routing';
import { createProduct, startApplication } from '../support/applications';
import { companyWithOwner, signedInUser } from '../support/flows';
import type { HttpClient, PageResponse } from '../support/http';
import { submittedProduct } from '../support/review';
import { startTestServer, type TestServer } from '../support/server';

/**
 * Property-based fuzzing of every route the application serves: random and hostile path parameters,
 * query strings, form fields and uploads, sent by a visitor, a company owner and an admin. Whatever
 * arrives, the answer is never a 5xx and never shows a stack trace or the internals behind it.
 * FUZZ_RUNS sets the number of requests (10,000 by default, the figure CI is held to).
 */
const runs = Number(process.env['FUZZ_RUNS'] ?? 10_000);

/** Strings that have broken web applications before: injections, traversal, encodings, control characters. */
const knownBad = [
  "' OR '1'='1",
  "'; DROP TABLE certification; --",
  '" OR 1=1 --',
  '1 UNION SELECT sqlite_version(), null --',
  "1' AND pg_sleep(0) --",
  '%',
  '_',
  '\\',
  '<script>alert(1)</script>',
  '"><img src=x onerror=alert(1)>',
  'javascript:alert(1)',
  '../../../../etc/passwd',
  '..%2f..%2f..%2fetc%2fpasswd',
  '%00',
  '\u0000',
  '\uFEFF',
  '\uD800',
  '𝔘𝔫𝔦𝔠𝔬𝔡𝔢 🚀 ﷽',
  'a\u0301\u0301\u0301',
  '{{7*7}}',
  '${7*7}',
  '__proto__',
  'constructor',
  '[object Object]',
  'NaN',
  '-1',
  '1e309',
  '9007199254740993',
  '0x10',
  'true',
  'null',
  '2026-02-30',
  '9999-12-31T23:59:59Z',
  'http://127.0.0.1:22/',
  'file:///etc/passwd',
  ' '.repeat(300),
];

const hostile = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...knownBad) },
  { weight: 3, arbitrary: fc.string({ maxLength: 40 }) },
  { weight: 2, arbitrary: fc.string({ unit: 'grapheme', maxLength: 40 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
  { weight: 1, arbitrary: fc.integer().map(String) },
);
/** Form values may also be huge (a URL cannot: the server refuses long request lines with 414/431 anyway). */
const hostileValue = fc.oneof(
  { weight: 9, arbitrary: hostile },
  { weight: 1, arbitrary: fc.nat(300_000).map((length) => 'x'.repeat(length)) },
);

/** A lone surrogate cannot travel in a URL; a browser sends U+FFFD in its place, and so does this. */
const wellFormed = (value: string) => Buffer.from(value, 'utf8').toString('utf8');

/** Field names of the site's forms and the API's parameters, plus a few no form has. */
const fieldNames = [
  'name',
  'email',
  'password',
  'newPassword',
  'currentPassword',
  'code',
  'next',
  'token',
  'message',
  'formToken',
  'slug',
  'role',
  'description',
  'category',
  'modelNumbers',
  'webPageUrl',
  'firmwareVersion',
  'supportEndDate',
  'status',
  'explanation',
  'title',
  'url',
  'reason',
  'action',
  'recommendation',
  'comment',
  'decision',
  'revision',
  'version',
  'q',
  'company',
  'sort',
  'page',
  'updatedSince',
  'model',
  'start',
  'end',
  'index',
  'size',
  'first',
  'second',
  'credential',
  'paused',
  'pauseMessage',
  'locale',
  'criterionId',
  'criterion',
  'note',
  'website',
  'expertise',
  'body',
  'id',
  '__proto__',
  'unknown-field',
  'summary',
  'publishAt',
  'imageAlt',
  'updatedAt',
  'kind',
  'descriptionEn',
  'descriptionDe',
  'sortOrder',
  'reasons',
];

const queryFields = fc.dictionary(fc.constantFrom(...fieldNames), hostile, { maxKeys: 6 });
const formFields = fc.dictionary(fc.constantFrom(...fieldNames), hostileValue, { maxKeys: 6 });

type Actor = { label: string; client: HttpClient; signedIn: boolean };

let server: TestServer;
let actors: Actor[];
let realValues: Record<string, string[]>;

beforeAll(async () => {
  const many = { windowMs: 1000, limit: 1_000_000 };
  // Rate limits would answer most of the flood with 429 before any handler saw it; they have tests of their own.
  server = await startTestServer({
    seed: true,
    rateLimits: { signIn: many, signUp: many, passwordReset: many, contact: many, concerns: many, api: many },
  });
  const { owner } = await companyWithOwner(server, 'fuzzed');
  const { productId, applicationId } = await submittedProduct(server, owner, 'fuzzed', {
    name: 'Fuzzed Fan',
  });
  const { client: admin } = await signedInUser(server, 'admin');
  const certifications = JSON.parse((await server.client().get('/api/v1/products')).text) as {
    items: { id: string }[];
  };
  // A confirmed concern, so its admin route meets a real one too.
  const { concerns } = server.running.services;
  const confirmationHash = createHash('sha256').update('fuzzed-concern').digest('hex');
  const concernId = await concerns.create(
    {
      certificationId: certifications.items[0]!.id,
      criterionId: null,
      message: 'A concern for the fuzzer to meet.',
      email: 'fuzz@example.test',
      locale: 'en',
      confirmationHash,
    },
    new Date(),
  );
  await concerns.confirm(confirmationHash, new Date());
  realValues = {
    concernId: [concernId],
    locale: ['en', 'de'],
    slug: ['fuzzed', 'demo-devices'],
    productId: [productId],
    applicationId: [applicationId],
    certificationId: certifications.items.map((item) => item.id),
    criterionId: ['SEC-01', 'PRI-01'],
    list: ['0'],
    postId: (await server.running.services.news.listAll()).map((post) => post.id),
    partnerId: (await server.running.services.partners.list()).map((partner) => partner.id),
  };
  actors = [
    { label: 'visitor', client: server.client(), signedIn: false },
    { label: 'company owner', client: owner, signedIn: true },
    { label: 'admin', client: admin, signedIn: true },
  ];
}, 180_000);

afterAll(async () => {
  await server?.close();
});

/** Traces of internals that must never reach a client. */
const internals = [
  /\n\s+at [\w$.<>]+ \(/,
  /node_modules/,
  /SqliteError|SQLITE_[A-Z]+/,
  /syntax error at or near|violates [a-z ]*constraint|relation "[a-z_]+"/,
  /ZodError|TypeError|ReferenceError|Kysely|better-auth/i,
  /\/work\/|\/home\/|\/tmp\//,
];

function requestFor(route: RouteEntry) {
  const names = [...route.path.matchAll(/:(\w+)/g)].map((match) => match[1] ?? '');
  const parameter = (name: string) =>
    realValues[name]
      ? fc.oneof(
          { weight: 3, arbitrary: fc.constantFrom(...(realValues[name] ?? [])) },
          { weight: 1, arbitrary: hostile },
        )
      : hostile;
  return fc.record({
    route: fc.constant(route),
    parameters: fc.tuple(...names.map((name) => parameter(name).map((value) => [name, value] as const))),
    query: queryFields,
    body: formFields,
    upload: fc.option(fc.uint8Array({ maxLength: 2000 }), { freq: 4 }),
    actor: fc.nat(2),
  });
}

describe('hostile input', () => {
  it('answers a form body that cannot be read as one (multipart without or with the wrong boundary) with 400', async () => {
    const owner = actors[1]!.client;
    // A draft of its own: the fuzzing may leave others locked or gone, and a locked one answers 409 first.
    const draft = await startApplication(owner, 'fuzzed', await createProduct(owner, 'fuzzed'));
    const unreadable = [
      'multipart/form-data',
      'multipart/form-data; boundary=',
      'multipart/form-data; boundary=a',
    ];
    const targets: [HttpClient, string][] = [
      [server.client(), '/en/sign-in'],
      [server.client(), '/en/contact'],
      [owner, `/en/applications/${draft}/criteria/SEC-01`],
    ];
    for (const [client, path] of targets) {
      for (const contentType of unreadable) {
        const response = await client.post(
          path,
          { garbage: 'x' },
          { headers: { 'content-type': contentType } },
        );
        expect(response.status, `${path} as ${contentType}`).toBe(400);
        expect(response.text).toContain('could not be read as a form');
        expect(internals.find((pattern) => pattern.test(response.text))).toBeUndefined();
      }
    }
  });

  it(`never answers ${runs} random and hostile requests to every route with a 5xx or a glimpse of internals`, async () => {
    const routes = server.running.routes.filter(
      // Signing out would end the fuzzing actors' sessions; it takes no input besides.
      (route) => !route.path.endsWith('/sign-out'),
    );
    const statuses = new Map<number, number>();
    const failures: string[] = [];
    let sent = 0;
    await fc.assert(
      fc.asyncProperty(fc.oneof(...routes.map(requestFor)), async (request) => {
        const actor = actors[request.actor] as Actor;
        let path = request.route.path;
        for (const [name, value] of request.parameters)
          path = path.replace(`:${name}`, encodeURIComponent(wellFormed(value)));
        const query = new URLSearchParams(request.query).toString();
        const target = query ? `${path}?${query}` : path;
        const send = (): Promise<PageResponse> => {
          if (request.route.method === 'GET') return actor.client.get(target);
          if (request.upload) {
            const field = Object.keys(request.body)[0] ?? 'file';
            return actor.client.upload(target, field, request.upload, 'fuzz.bin');
          }
          return actor.client.post(target, request.body);
        };
        // The server closes a connection after refusing an oversized body unread; a pooled connection
        // closed that way fails the next request once. A crashed server would fail the retry too.
        const response = await send().catch(send);
        sent += 1;
        statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
        const leak = internals.find((pattern) => pattern.test(response.text));
        if (response.status >= 500 || leak) {
          failures.push(
            `${request.route.method} ${target.slice(0, 200)} as ${actor.label}: ${response.status}${leak ? ` shows ${leak}` : ''}`,
          );
        }
        return true;
      }),
      { numRuns: runs, seed: Number(process.env['FUZZ_SEED'] ?? Date.now() % 2 ** 31) },
    );
    // The figures for the assurance case: how much was sent and what came back.
    process.stdout.write(
      `hostile input: ${sent} requests over ${routes.length} routes; statuses ${JSON.stringify(Object.fromEntries([...statuses].sort()))}\n`,
    );
    expect(sent).toBe(runs);
    expect(failures).toEqual([]);
  }, 900_000);

  it('answers the cases fuzzing found on PostgreSQL without a 5xx: a null character, a status list beyond 32-bit numbers', async () => {
    const owner = actors[1]!.client;
    for (const response of [
      await owner.get('/en/companies/%00'),
      await owner.post('/en/companies', { name: 'Null\u0000Co', slug: 'null-co' }),
      await server.client().get('/credentials/status/688214310'),
      await server.client().get('/api/v1/products?q=%00'),
    ]) {
      expect(response.status).toBeLessThan(500);
      expect(internals.find((pattern) => pattern.test(response.text))).toBeUndefined();
    }
  });
});
