import { randomUUID } from 'node:crypto';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { sql } from 'kysely';
import type { AppServices } from '../src/app/services';
import { publishedCheckpointFileName } from '../src/features/transparency/published-checkpoint';
import { seedCertifications } from './seed';

/**
 * Fills the transparency log with `count` entries for the log benchmark: the entries are written straight
 * into log_entry (one statement), then the log's own start-up catch-up (`sync`) builds their tiles and signs
 * the tree, as it does for a database from before the tiles. Then `appends` events of one certification are
 * appended one at a time through the log's `append` (what the job after a status change runs), each timed.
 * Any earlier log in the database (PostgreSQL runs reuse DATABASE_URL) is removed first.
 */
export async function seedLog(services: AppServices, count: number, appends: number) {
  const started = performance.now();
  const { db } = services.database;
  const [certificationId = ''] = (await seedCertifications(services, 1)).ids;
  // The benchmark replaces the log on purpose, so the checkpoint recorded as published goes with it.
  rmSync(join(services.config.keysDir, publishedCheckpointFileName), { force: true });
  await db.deleteFrom('log_checkpoint').execute();
  await db.deleteFrom('log_tile').execute();
  await db.deleteFrom('log_entry').execute();
  await db.deleteFrom('certification_event').where('id', 'like', 'bench-log-%').execute();
  // A leaf like the app's (canonical JSON of an event), numbered; a recursive count works in both databases.
  await sql`
    with recursive n(i) as (select 0 union all select i + 1 from n where i < ${count - 1})
    insert into log_entry (position, event_id, leaf, created_at)
    select i, 'bench-' || i,
      '{"certification":"bench-' || i || '","event":"issued","reason":"","product":"Smart lamp ' || i ||
      '","company":"Maker ' || (i % 997) || '","occurredAt":"2026-01-01T00:00:00.000Z"}',
      '2026-01-01T00:00:00.000Z'
    from n`.execute(db);
  const inserted = performance.now();
  await services.transparencyLog.sync();
  const tiled = performance.now();
  const appendMilliseconds: number[] = [];
  for (let index = 0; index < appends; index++) {
    const id = `bench-log-${randomUUID()}`;
    await db
      .insertInto('certification_event')
      .values({
        id,
        certification_id: certificationId,
        kind: 'issued',
        reason: '',
        occurred_at: new Date().toISOString(),
      })
      .execute();
    const before = performance.now();
    await services.transparencyLog.append(id);
    appendMilliseconds.push(performance.now() - before);
  }
  return {
    seconds: (performance.now() - started) / 1000,
    insertSeconds: (inserted - started) / 1000,
    tileSeconds: (tiled - inserted) / 1000,
    appendMilliseconds,
  };
}
