/**
 * Autosave with 100 concurrent editors (BENCH_EDITORS): each a company user of their own, signed in
 * over HTTP, editing the self-assessment of their own company's application as the criterion page's
 * script does — a POST of the answer form asking for JSON, with the revision the last save returned.
 * Answers change with every save (status and an explanation of varying length, a few criteria in turn).
 *
 * Two runs of BENCH_SECONDS each:
 * - "at typing pace": each editor saves every 1.5 s (the script's delay after the last keystroke, so
 *   the most a person typing can cause), starting at a random moment; goal p99 < 30 ms;
 * - "flat out": each editor saves again as soon as the previous save is answered: what the server can
 *   take (saves/s), and the latency then.
 * Every answer must be 200 with the next revision: a 409 would be a bug, since nobody else edits these
 * answers. Runs on SQLite, or on PostgreSQL when DATABASE_URL is set (an empty database).
 */
import { join } from 'node:path';
import { loadCriteria } from '../src/features/criteria/loader';
import { HttpClient, inputValue } from '../test/support/http';
import { freePort } from '../test/support/server';
import { percentileOf, startBenchServer } from './harness';
import { goal, report } from './report';

const editorCount = Number(process.env['BENCH_EDITORS'] ?? '100');
const seconds = Number(process.env['BENCH_SECONDS'] ?? '10');
const typingPauseMs = 1500;
const criteriaPerEditor = 5;
const statuses = ['met', 'not-met', 'not-applicable', ''];

const catalogue = loadCriteria(join(process.cwd(), 'criteria'));
const criterionIds = ([...catalogue.versions.values()].at(-1)?.criteria ?? [])
  .slice(0, criteriaPerEditor)
  .map((criterion) => criterion.id);

interface Editor {
  index: number;
  client: HttpClient;
  applicationId: string;
  /** The revision each answer had when this editor last heard of it, by criterion id. */
  revisions: Map<string, number>;
  saves: number;
}

interface Tally {
  latencies: number[];
  conflicts: number;
  /** Any other answer than 200 with the next revision, or no answer. */
  errors: string[];
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function expectRedirect(response: Promise<{ status: number; location: string | null }>, what: string) {
  const { status, location } = await response;
  if (status !== 303 || !location) throw new Error(`${what}: expected 303, got ${status}`);
  return location;
}

/** Signs in, founds a company, adds a product and starts its application, as a person would. */
async function prepare(url: string, index: number, email: string, password: string): Promise<Editor> {
  const client = new HttpClient(url);
  await expectRedirect(client.post('/en/sign-in', { email, password, next: '/en/account' }), email);
  const slug = `bench-editor-${index}`;
  await expectRedirect(client.post('/en/companies', { name: `Bench Editor ${index} Ltd`, slug }), slug);
  const product = await expectRedirect(
    client.post(`/en/companies/${slug}/products`, {
      name: `Autosave Sensor ${index}`,
      category: 'smart-home',
      modelNumbers: `AS-${index}`,
      webPageUrl: `https://editor${index}.example/sensor`,
      description: 'A sensor that works without the cloud.',
      firmwareVersion: '1.0.0',
      supportEndDate: '2031-12-31',
    }),
    `product of ${slug}`,
  );
  const productId = product.split('/products/')[1]?.split('?')[0] ?? '';
  const started = client.post(`/en/companies/${slug}/products/${productId}/applications`, {
    sourceApplicationId: '',
  });
  const applicationId = (await expectRedirect(started, `application of ${slug}`)).split('/applications/')[1];
  if (!applicationId) throw new Error(`No application for ${slug}`);
  const revisions = new Map<string, number>();
  for (const criterionId of criterionIds) {
    const page = await client.get(`/en/applications/${applicationId}/criteria/${criterionId}`);
    revisions.set(criterionId, Number(inputValue(page.text, 'revision')));
  }
  return { index, client, applicationId, revisions, saves: 0 };
}

/** One autosave of the editor's next criterion, with changed answers; records its latency or error. */
async function save(editor: Editor, tally: Tally | undefined): Promise<void> {
  editor.saves += 1;
  const criterionId = criterionIds[editor.saves % criterionIds.length] ?? '';
  const revision = editor.revisions.get(criterionId) ?? 0;
  const words = `Editor ${editor.index}, save ${editor.saves}: how ${criterionId} is met. `;
  const form = {
    status: statuses[editor.saves % statuses.length] ?? '',
    explanation: words.repeat(1 + ((editor.saves * 7 + editor.index) % 30)),
    revision: String(revision),
  };
  const path = `/en/applications/${editor.applicationId}/criteria/${criterionId}`;
  const sent = performance.now();
  let answer: { status: number; text: string };
  try {
    answer = await editor.client.post(path, form, { headers: { accept: 'application/json' } });
  } catch (error) {
    tally?.errors.push(`no answer: ${String(error)}`);
    return;
  }
  const ms = performance.now() - sent;
  const body = answer.status === 200 || answer.status === 409 ? (JSON.parse(answer.text) as object) : {};
  const saved = 'revision' in body ? Number(body.revision) : undefined;
  if (answer.status === 200 && saved === revision + 1) {
    editor.revisions.set(criterionId, saved);
    tally?.latencies.push(ms);
  } else if (answer.status === 409) {
    if (tally) tally.conflicts += 1;
  } else {
    tally?.errors.push(`${answer.status} ${answer.text.slice(0, 80)}`);
  }
}

/** Every editor saving for `seconds`, pausing `pauseMs` after each save (and a random part of it first). */
async function run(editors: Editor[], label: string, pauseMs: number): Promise<Tally> {
  const tally: Tally = { latencies: [], conflicts: 0, errors: [] };
  const until = performance.now() + seconds * 1000;
  await Promise.all(
    editors.map(async (editor) => {
      await sleep(Math.random() * pauseMs);
      while (performance.now() < until) {
        await save(editor, tally);
        if (pauseMs > 0) await sleep(pauseMs);
      }
    }),
  );
  const sorted = tally.latencies.sort((a, b) => a - b);
  const at = (p: number) => percentileOf(sorted, p).toFixed(1);
  report(
    `${label}: ${sorted.length} saves (${(sorted.length / seconds).toFixed(0)}/s), latency ms p50 ${at(50)}, p95 ${at(95)}, p99 ${at(99)}, max ${at(100)}; conflicts ${tally.conflicts}, errors ${tally.errors.length}`,
  );
  for (const error of new Set(tally.errors.slice(0, 5))) report(`  error: ${error}`);
  return tally;
}

const port = await freePort();
const app = await startBenchServer({
  PORT: String(port),
  BASE_URL: `http://127.0.0.1:${port}`,
  BENCH_EDITORS: String(editorCount),
});
try {
  const database = process.env['DATABASE_URL'] ? 'postgresql' : 'sqlite';
  const preparing = performance.now();
  const editors: Editor[] = [];
  // Ten at a time: signing in checks a password hash, which is slow on purpose.
  for (let offset = 0; offset < app.editors.length; offset += 10) {
    const batch = app.editors.slice(offset, offset + 10);
    editors.push(
      ...(await Promise.all(
        batch.map((account, at) => prepare(app.url, offset + at, account.email, account.password)),
      )),
    );
  }
  report(
    `database: ${database}; ${editors.length} editors signed in, each with their own company and application, in ${((performance.now() - preparing) / 1000).toFixed(1)} s`,
  );
  // One unmeasured save of every criterion each, so code paths are compiled and connections open.
  for (let round = 0; round < criterionIds.length; round++)
    await Promise.all(editors.map((editor) => save(editor, undefined)));

  // One editor alone, one save after the other: the cost of a save with no queue, steadier than the
  // figures under load on a shared machine.
  const alone: Tally = { latencies: [], conflicts: 0, errors: [] };
  const [first] = editors;
  for (let index = 0; first && index < 50; index++) await save(first, alone);
  const sortedAlone = alone.latencies.sort((a, b) => a - b);
  report(
    `one editor alone, 50 saves in a row: latency ms p50 ${percentileOf(sortedAlone, 50).toFixed(1)}, p99 ${percentileOf(sortedAlone, 99).toFixed(1)}`,
  );
  const paced = await run(
    editors,
    `${editors.length} editors at typing pace (a save each 1.5 s)`,
    typingPauseMs,
  );
  const flatOut = await run(editors, `${editors.length} editors flat out (no pause)`, 0);
  report(`resident memory after the autosave runs: ${app.residentMegabytes().toFixed(0)} MB`);
  goal('autosave p99 at typing pace', Number(percentileOf(paced.latencies, 99).toFixed(1)), '<', 30, ' ms');
  const wrong = [alone, paced, flatOut].reduce(
    (sum, tally) => sum + tally.conflicts + tally.errors.length,
    0,
  );
  if (wrong > 0) {
    report(`!! ${wrong} saves were not acknowledged with the next revision (each editor edits their own)`);
    process.exitCode = 1;
  }
} finally {
  await app.stop();
}
