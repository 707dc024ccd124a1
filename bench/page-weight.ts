/**
 * Public pages: bytes over the wire (HTML + CSS + JS, compressed as the server sends them) and any
 * reference to another host. Goal: under 40 KB per page, zero requests to other hosts.
 */
import { get } from 'node:http';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { startBenchServer } from './harness';
import { report } from './report';

const app = await startBenchServer({ SEED_DEMO_DATA: 'true', BENCH_CERTIFICATIONS: '20' });
const pages = [
  '/en',
  '/de',
  '/en/dimensions',
  '/en/products',
  `/en/products/${app.firstId}`,
  '/en/news',
  '/en/contact',
  '/en/open-data',
];
const headers = { 'accept-encoding': 'br, gzip' };

/** Counts the bytes of the body as they cross the wire (node:http does not decompress), then decodes it. */
function wireBytes(path: string): Promise<{ bytes: number; body: string }> {
  return new Promise((resolve, reject) => {
    get(`${app.url}${path}`, { headers }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => {
        const raw = Buffer.concat(chunks);
        const encoding = response.headers['content-encoding'];
        const decoded =
          encoding === 'br' ? brotliDecompressSync(raw) : encoding === 'gzip' ? gunzipSync(raw) : raw;
        resolve({ bytes: raw.length, body: decoded.toString('utf8') });
      });
    }).on('error', reject);
  });
}

let worst = 0;
for (const path of pages) {
  const html = await wireBytes(path);
  const assets = [...html.body.matchAll(/(?:href|src)="(\/assets\/[^"]+)"/g)].map((match) => match[1] ?? '');
  let total = html.bytes;
  for (const asset of new Set(assets.filter((asset) => /\.(css|js)$/.test(asset))))
    total += (await wireBytes(asset)).bytes;
  // Links a person may follow (evidence, product pages) are fine; nothing may be loaded from elsewhere.
  const links = [...html.body.matchAll(/<a [^>]*href="(https?:\/\/[^"]+)"/g)].length;
  const loaded = [
    ...html.body.matchAll(/<(?:script|link|img|iframe)[^>]+(?:src|href)="(https?:\/\/[^"]+)"/g),
  ].map((match) => match[1] ?? '');
  worst = Math.max(worst, total);
  report(
    `${path.padEnd(52)} ${(total / 1024).toFixed(1).padStart(6)} KB over the wire, ${loaded.length} resources from other hosts (${links} outgoing links)`,
  );
}
report(`largest page: ${(worst / 1024).toFixed(1)} KB (goal < 40 KB)`);
await app.stop();
