import { execFile } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/server';
import { temporaryDirectory } from '../support/database';

/**
 * Debian's sqlmap against every parameter of the public API, the transparency log and the credential
 * addresses, on the running server with the demo data. It must find nothing injectable. sqlmap is
 * installed with the other test tools (scripts/install-test-tools.sh).
 */
let server: TestServer;
let certificationId: string;
const output = temporaryDirectory();

beforeAll(async () => {
  const many = { windowMs: 1000, limit: 1_000_000 };
  // sqlmap sends thousands of requests; the API's rate limit has its own test.
  server = await startTestServer({ seed: true, rateLimits: { api: many } });
  const list = JSON.parse((await server.client().get('/api/v1/products')).text) as {
    items: { id: string }[];
  };
  certificationId = list.items[0]!.id;
}, 60_000);

afterAll(async () => {
  await server?.close();
  output.remove();
});

/** Runs sqlmap on one address (a * marks a path parameter) and returns what it printed. */
function sqlmap(address: string): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(
      'sqlmap',
      [
        '-u',
        `${server.url}${address}`,
        '--batch',
        '--level=2',
        '--risk=1',
        '--technique=BEUST',
        '--time-sec=1',
        '--threads=4',
        '--flush-session',
        '--disable-coloring',
        `--output-dir=${output.path}`,
      ],
      { maxBuffer: 16 * 1024 * 1024, timeout: 600_000 },
      (error, stdout, stderr) => (error && !stdout ? reject(error) : resolve(`${stdout}\n${stderr}`)),
    );
  });
}

describe('sqlmap', () => {
  it('finds no injectable parameter in the API, the log or the credential addresses', async () => {
    const addresses = [
      '/api/v1/products?q=air&category=smart-home&company=demo-devices&status=active&sort=name&page=1&updatedSince=2026-01-01',
      `/api/v1/products/${certificationId}*`,
      '/api/v1/lookup?model=daq-1',
      '/api/v1/lookup?url=https%3A%2F%2Fdemo.example%2Fdaq',
      '/log/entries?start=0&end=1',
      '/log/proof/inclusion?index=0&size=1',
      `/credentials/${certificationId}*`,
    ];
    const reports: string[] = [];
    for (const address of addresses) {
      const report = await sqlmap(address);
      reports.push(report);
      expect(report, address).toMatch(/do not appear to be injectable|not injectable/);
      expect(report, address).not.toMatch(/identified the following injection point|is vulnerable/);
    }
    const tested = reports
      .map((report) => (report.match(/testing '/g) ?? []).length)
      .reduce((a, b) => a + b, 0);
    process.stdout.write(
      `sqlmap: ${addresses.length} addresses, ${tested} injection tests, nothing injectable\n`,
    );
  }, 1_800_000);
});
