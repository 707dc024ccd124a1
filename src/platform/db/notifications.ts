import { randomUUID } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import pg from 'pg';
import type { Logger } from 'pino';
import type { Config } from '../../config';
import type { Database } from './schema';

/** What an instance tells the others: a message, or `everything` after it may have missed some. */
export type ChangeListener = (message: string) => void;

/** The message a listener hears when it (re)connects: whatever it missed meanwhile, assume it changed. */
export const everythingChanged = '*';

export interface ChangeNotifications {
  /** Tells every other instance; never waits for them and never fails the change it reports. */
  announce(message: string): void;
  /** Whether this instance hears the others at once (PostgreSQL, listening now). */
  listening(): boolean;
  close(): Promise<void>;
}

const channel = 'trustmark_changes';

/**
 * Changes made on one instance that others keep in memory (badges, pages, searches) are announced with
 * PostgreSQL's NOTIFY and heard over one LISTEN connection per instance, so the others drop what they keep
 * at once instead of after their one-second re-read, which stays as the fallback: a lost connection is
 * reopened after a second, and on every (re)connection the listener hears `everythingChanged`. Each
 * message carries the sending instance's id so that it ignores its own. On SQLite (one instance) nothing
 * is sent.
 */
export function createChangeNotifications(options: {
  database: Config['database'];
  db: Kysely<Database>;
  onChange: ChangeListener;
  logger: Logger;
  reconnectMs?: number;
}): ChangeNotifications {
  const { database, db, onChange, logger } = options;
  if (database.kind !== 'postgres') return { announce() {}, listening: () => false, close: async () => {} };
  const instance = randomUUID();
  const reconnectMs = options.reconnectMs ?? 1000;
  let client: pg.Client | undefined;
  let connected = false;
  let closed = false;
  let retry: NodeJS.Timeout | undefined;

  const reconnectLater = () => {
    connected = false;
    client = undefined;
    if (closed || retry) return;
    retry = setTimeout(() => {
      retry = undefined;
      void connect();
    }, reconnectMs);
    retry.unref();
  };

  const connect = async () => {
    const next = new pg.Client({ connectionString: database.url, connectionTimeoutMillis: 3000 });
    next.on('error', (error) => {
      logger.warn({ err: error }, 'change notifications lost; caches fall back to their one-second re-read');
      void next.end().catch(() => {});
      if (client === next) reconnectLater();
    });
    next.on('end', () => {
      if (client === next) reconnectLater();
    });
    next.on('notification', (notification) => {
      const payload = notification.payload ?? '';
      const space = payload.indexOf(' ');
      if (space < 0 || payload.slice(0, space) === instance) return;
      onChange(payload.slice(space + 1));
    });
    client = next;
    try {
      await next.connect();
      await next.query(`listen ${channel}`);
      if (closed) return void (await next.end());
      connected = true;
      onChange(everythingChanged);
    } catch (error) {
      logger.warn({ err: error }, 'could not listen for changes of other instances; retrying');
      void next.end().catch(() => {});
      if (client === next) reconnectLater();
    }
  };
  void connect();

  return {
    announce(message) {
      sql`select pg_notify(${channel}, ${`${instance} ${message}`})`
        .execute(db)
        .catch((error: unknown) =>
          logger.warn(
            { err: error },
            'could not tell other instances of a change; they see it within a second',
          ),
        );
    },
    listening: () => connected,
    async close() {
      closed = true;
      if (retry) clearTimeout(retry);
      const open = client;
      client = undefined;
      connected = false;
      await open?.end().catch(() => {});
    },
  };
}
