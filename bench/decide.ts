/**
 * The review decision on the demo database: how long POST /en/review/applications/:id/decide takes to
 * answer for each outcome (goal: a Certify decision under 50 ms). Each measured decision gets its own
 * application, prepared over HTTP as a company and two reviewers would: a product, every criterion
 * answered "met" with what it needs, submitted, both reviewers accepting every criterion and
 * recommending the outcome. Outcomes take turns, one decision at a time; after a Certify decision the
 * benchmark waits until the product is in the registry (publication may follow the answer), so no
 * follow-up work of one decision runs during the next. Prints p50/p95/max per outcome, the part of it
 * spent in the server's handler (its request log), and how long after the answer a certified product
 * was published.
 */
import * as OTPAuth from 'otpauth';
import { join } from 'node:path';
import { loadCriteria } from '../src/features/criteria/loader';
import type { Criterion } from '../src/features/criteria/rules';
import { HttpClient, inputValue } from '../test/support/http';
import { freePort } from '../test/support/server';
import { percentileOf, startBenchServer } from './harness';
import { report } from './report';

type Outcome = 'certify' | 'request-changes' | 'not-certify';
const outcomes: Outcome[] = ['certify', 'request-changes', 'not-certify'];
// A reviewer takes at most 50 open applications, and those sent back for changes stay open.
const perOutcome = Math.min(45, Number(process.env['BENCH_DECISIONS'] ?? '20'));
const company = 'demo-devices';

const catalogue = loadCriteria(join(process.cwd(), 'criteria'));
const criteria: readonly Criterion[] = [...catalogue.versions.values()].at(-1)?.criteria ?? [];

const port = await freePort();
/** Server-side handler time of each decide request, from the request log, by application id. */
const handlerMs = new Map<string, number>();
const environment = { PORT: String(port), BASE_URL: `http://127.0.0.1:${port}` };
const app = await startBenchServer({ ...environment, SEED_DEMO_DATA: 'true', LOG_LEVEL: 'info' }, (line) => {
  const match = /"method":"POST","path":"\/en\/review\/applications\/([^/"]+)\/decide".*"ms":(\d+)/.exec(
    line,
  );
  if (match?.[1] && match[2]) handlerMs.set(match[1], Number(match[2]));
});

function account(role: string, index = 0) {
  const found = app.demoAccounts.filter((entry) => entry.role === role)[index];
  if (!found)
    throw new Error(`No demo ${role} account ${index + 1}: the demo is seeded into an empty database only`);
  return found;
}

async function expectStatus(response: Promise<{ status: number }>, status: number, what: string) {
  const { status: actual } = await response;
  if (actual !== status) throw new Error(`${what}: expected ${status}, got ${actual}`);
}

async function signIn(email: string, password: string): Promise<HttpClient> {
  const client = new HttpClient(app.url);
  await expectStatus(client.post('/en/sign-in', { email, password, next: '/en/account' }), 303, email);
  return client;
}

/** A demo reviewer, signed in with two-factor authentication set up (assignment requires it). */
async function reviewer(index: number): Promise<HttpClient> {
  const { email, password } = account('reviewer', index);
  const client = await signIn(email, password);
  const scan = await client.post('/en/account/two-factor', { password });
  const secret = /data-testid="totp-secret">([A-Z2-7=]+)</.exec(scan.text)?.[1];
  if (!secret) throw new Error(`No two-factor key for ${email}`);
  const code = new OTPAuth.TOTP({ secret: OTPAuth.Secret.fromBase32(secret), digits: 6, period: 30 });
  const confirmed = client.post('/en/account/two-factor/confirm', {
    code: code.generate(),
    totpUri: inputValue(scan.text, 'totpUri'),
    backupCodes: inputValue(scan.text, 'backupCodes'),
  });
  await expectStatus(confirmed, 303, `two-factor setup of ${email}`);
  // Applications sent back for changes stay theirs: room for every one the benchmark sends back.
  const profile = client.post('/en/review/profile', { capacity: '50', available: 'on' });
  await expectStatus(profile, 303, `capacity of ${email}`);
  return client;
}

async function answerMet(applicant: HttpClient, applicationId: string, criterion: Criterion) {
  const page = `/en/applications/${applicationId}/criteria/${criterion.id}`;
  const revision = inputValue((await applicant.get(page)).text, 'revision');
  const explanation = `How ${criterion.id} is met, in detail.`;
  await expectStatus(applicant.post(page, { status: 'met', explanation, revision }), 303, criterion.id);
  if (criterion.met.includes('evidence')) {
    const link = { url: `https://demo-devices.example/evidence/${criterion.id}`, title: criterion.id };
    await expectStatus(applicant.post(`${page}/links`, link), 303, `${criterion.id} evidence`);
  }
}

/** An application in review whose two reviewers both accepted everything and recommend `outcome`. */
async function untilAssigned(reviewer: HttpClient, applicationId: string): Promise<void> {
  for (let tries = 0; tries < 200; tries++) {
    if ((await reviewer.get(`/en/review/applications/${applicationId}`)).status === 200) return;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error('The reviewers were not assigned within 5 s');
}

async function readyToDecide(applicant: HttpClient, reviewers: HttpClient[], tag: string, outcome: Outcome) {
  const created = await applicant.post(`/en/companies/${company}/products`, {
    name: `Decide bench ${tag}`,
    category: 'smart-home',
    modelNumbers: `DB-${tag}`,
    webPageUrl: 'https://demo-devices.example/bench',
    description: 'A sensor that works without the cloud.',
    firmwareVersion: '1.0.0',
    supportEndDate: '2031-12-31',
  });
  const productId = created.location?.split('/products/')[1]?.split('?')[0];
  if (!productId) throw new Error(`Creating a product answered ${created.status}`);
  const started = await applicant.post(`/en/companies/${company}/products/${productId}/applications`, {
    sourceApplicationId: '',
  });
  const applicationId = started.location?.split('/applications/')[1];
  if (!applicationId) throw new Error(`Starting an application answered ${started.status}`);
  // A few answers at a time, as several people of a company might fill in the form.
  for (let offset = 0; offset < criteria.length; offset += 4) {
    await Promise.all(criteria.slice(offset, offset + 4).map((c) => answerMet(applicant, applicationId, c)));
  }
  await expectStatus(applicant.post(`/en/applications/${applicationId}/submit`, {}), 303, 'submit');
  // Reviewers are assigned by a job that follows the submission: wait until each sees the application.
  for (const client of reviewers) await untilAssigned(client, applicationId);
  const form: Record<string, string> = { intent: 'submit', recommendation: outcome, rationale: 'Reviewed.' };
  for (const criterion of criteria) {
    form[`verdict-${criterion.id}`] = 'accepted';
    form[`comment-${criterion.id}`] = '';
  }
  for (const client of reviewers) {
    await expectStatus(client.post(`/en/review/applications/${applicationId}`, form), 303, 'review');
  }
  return applicationId;
}

/** Polls the open data API until the certified product is listed: when its publication finished. */
async function publishedAfter(tag: string, answeredAt: number): Promise<number> {
  for (;;) {
    const response = await fetch(`${app.url}/api/v1/products?q=${tag}`);
    const { items } = (await response.json()) as { items: { product: { name: string } }[] };
    if (items.some((item) => item.product.name === `Decide bench ${tag}`)) {
      return performance.now() - answeredAt;
    }
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

const measured: { outcome: Outcome; applicationId: string; ms: number; publishedMs?: number }[] = [];
const prepared = performance.now();
try {
  const applicant = await signIn(account('applicant').email, account('applicant').password);
  const reviewers = [await reviewer(0), await reviewer(1)];
  // One unmeasured decision per outcome first, so the code paths are compiled.
  for (let index = -outcomes.length; index < perOutcome * outcomes.length; index++) {
    const outcome = outcomes[(index + outcomes.length) % outcomes.length] ?? 'certify';
    const tag = `b${index + outcomes.length}x${Date.now().toString(36)}`;
    const applicationId = await readyToDecide(applicant, reviewers, tag, outcome);
    const decider = reviewers[1] ?? applicant;
    const sent = performance.now();
    const decided = await decider.post(`/en/review/applications/${applicationId}/decide`, {
      outcome,
      decisionRationale: `Decided: ${outcome}.`,
    });
    const answered = performance.now();
    if (decided.status !== 303) throw new Error(`Deciding ${outcome} answered ${decided.status}`);
    const publishedMs = outcome === 'certify' ? await publishedAfter(tag, answered) : undefined;
    if (index >= 0) measured.push({ outcome, applicationId, ms: answered - sent, publishedMs });
  }
} finally {
  // The last request log lines may still be on their way through the pipe.
  await new Promise((resolve) => setTimeout(resolve, 200));
  await app.stop();
}
const seconds = (performance.now() - prepared) / 1000;
const summary = (values: number[]) => {
  const sorted = values.filter((value) => !Number.isNaN(value)).sort((a, b) => a - b);
  const at = (p: number) => percentileOf(sorted, p).toFixed(1).padStart(6);
  return `p50 ${at(50)}, p95 ${at(95)}, max ${at(100)}`;
};
const database = process.env['DATABASE_URL'] ? 'postgresql' : 'sqlite';
report(`demo database (${database}), ${perOutcome} decisions per outcome, ${seconds.toFixed(0)} s in all`);
for (const outcome of outcomes) {
  const rows = measured.filter((row) => row.outcome === outcome);
  const goal = outcome === 'certify' ? ' (goal p95 < 50)' : '';
  report(`${outcome.padEnd(16)} answered in ms:     ${summary(rows.map((row) => row.ms))}${goal}`);
  const handler = rows.map((row) => handlerMs.get(row.applicationId) ?? Number.NaN);
  report(`${''.padEnd(16)} of it in the handler: ${summary(handler)} (request log, whole ms)`);
  const published = rows.flatMap((row) => (row.publishedMs === undefined ? [] : [row.publishedMs]));
  if (published.length > 0)
    report(`${''.padEnd(16)} in the registry after: ${summary(published)} (ms after the answer, polled)`);
}
