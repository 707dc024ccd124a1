import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import pg from 'pg';

/** The role scripts/test-postgres.sh creates; it may create databases. */
const defaultServerUrl = 'postgres://trustmark:trustmark@127.0.0.1:5432/postgres';

function isReady(): boolean {
  try {
    execFileSync('pg_isready', ['-q', '-h', '127.0.0.1', '-p', '5432']);
    return true;
  } catch {
    return false;
  }
}

/**
 * This machine's PostgreSQL 15 (started if it is not running, as scripts/test-postgres.sh does, with its
 * "trustmark" role), unless TOPOLOGY_DATABASE_URL or TEST_DATABASE_URL names another server.
 */
function serverUrl(): string {
  const given = process.env['TOPOLOGY_DATABASE_URL'] ?? process.env['TEST_DATABASE_URL'];
  if (given) return given;
  if (!isReady()) {
    execFileSync('pg_ctlcluster', ['--skip-systemctl-redirect', '15', 'main', 'start'], { stdio: 'inherit' });
    for (let tries = 0; tries < 30 && !isReady(); tries++) execFileSync('sleep', ['1']);
  }
  const createRole = `do $$ begin
      if not exists (select from pg_roles where rolname = 'trustmark') then
        create role trustmark login createdb password 'trustmark';
      end if;
    end $$;`;
  const asPostgres = process.getuid?.() === 0 ? ['runuser', '-u', 'postgres', '--'] : [];
  const [command = 'psql', ...args] = [
    ...asPostgres,
    'psql',
    '-q',
    '-v',
    'ON_ERROR_STOP=1',
    '-c',
    createRole,
  ];
  execFileSync(command, args, { stdio: 'inherit' });
  return defaultServerUrl;
}

export interface RunDatabase {
  url: string;
  /** Empties it as a new database is (the "wipe" before a restore). */
  recreate(): Promise<void>;
  drop(): Promise<void>;
}

async function runIn(database: string, statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: database });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

/** A fresh database for one run, on the server above. */
export async function createRunDatabase(): Promise<RunDatabase> {
  const server = serverUrl();
  const name = `trustmark_topology_${randomBytes(4).toString('hex')}`;
  const url = new URL(server);
  url.pathname = `/${name}`;
  const admin = (statement: string) => runIn(server, statement);
  const inDatabase = (statement: string) => runIn(url.toString(), statement);
  await admin(`create database ${name}`);
  return {
    url: url.toString(),
    // Emptied in place: dropping the database would have to end autovacuum's connection to it (after a
    // restore it analyses the new tables), which only a superuser may.
    async recreate() {
      await inDatabase('drop schema public cascade; create schema public');
    },
    async drop() {
      for (let attempt = 1; ; attempt++) {
        try {
          return await admin(`drop database if exists ${name} with (force)`);
        } catch (error) {
          if (attempt === 20) throw error;
          await new Promise((resolve) => setTimeout(resolve, 500));
        }
      }
    },
  };
}
