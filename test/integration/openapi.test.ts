import { execFile } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { temporaryDirectory } from '../support/database';
import { startTestServer, type TestServer } from '../support/server';

const run = promisify(execFile);
let server: TestServer;

beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server?.close();
});

describe('the OpenAPI document', () => {
  it('passes Redocly’s OpenAPI validator with no error', async () => {
    const document = await server.client().get('/api/openapi.json');
    expect(document.status).toBe(200);
    const directory = temporaryDirectory();
    try {
      const file = join(directory.path, 'openapi.json');
      writeFileSync(file, document.text);
      // Redocly's own recommended rules, offline; it exits non-zero on any error.
      const cli = join(process.cwd(), 'node_modules', '.bin', 'redocly');
      const result = await run(cli, ['lint', file, '--format', 'json'], {
        env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true' },
      }).catch((error: { stdout?: string; code?: number }) => ({
        stdout: error.stdout ?? '',
        code: error.code,
      }));
      const report = JSON.parse(result.stdout) as {
        totals: { errors: number };
        problems: { message: string; severity: string }[];
      };
      expect(
        report.problems.filter((problem) => problem.severity === 'error').map((problem) => problem.message),
      ).toEqual([]);
      expect(report.totals.errors).toBe(0);
    } finally {
      directory.remove();
    }
  });
});
