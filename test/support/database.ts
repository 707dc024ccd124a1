import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';

export interface TestDatabase {
  /** Environment variables that point the app at this database. */
  environment: Record<string, string>;
  kind: 'sqlite' | 'postgres';
  drop(): Promise<void>;
}

/** True when the suite runs against PostgreSQL (TEST_DATABASE_URL set), as the second CI pass does. */
export const usingPostgres = Boolean(process.env['TEST_DATABASE_URL']);

/**
 * A fresh, empty database for one test server: a temporary SQLite file by default, or a new
 * PostgreSQL database created through TEST_DATABASE_URL and dropped afterwards.
 */
export async function createTestDatabase(dataDir: string): Promise<TestDatabase> {
  const adminUrl = process.env['TEST_DATABASE_URL'];
  if (!adminUrl) {
    return {
      kind: 'sqlite',
      environment: { SQLITE_PATH: join(dataDir, 'trustmark.sqlite') },
      drop: async () => {},
    };
  }
  const name = `trustmark_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    kind: 'postgres',
    environment: { DATABASE_URL: url.toString() },
    async drop() {
      const client = new pg.Client({ connectionString: adminUrl });
      await client.connect();
      try {
        await client.query(`drop database if exists ${name} with (force)`);
      } catch (error) {
        // FORCE may not terminate a backend of another role: an autovacuum worker that just started on
        // this database (SQLSTATE 42501). A plain drop stops autovacuum by itself, and the app's own
        // connections are closed by now.
        if ((error as { code?: string }).code !== '42501') throw error;
        await client.query(`drop database if exists ${name}`);
      } finally {
        await client.end();
      }
    },
  };
}

export function temporaryDirectory(): { path: string; remove(): void } {
  const path = mkdtempSync(join(tmpdir(), 'trustmark-test-'));
  return { path, remove: () => rmSync(path, { recursive: true, force: true }) };
}
