import type { CertificationRow } from '../../platform/db/schema';
import { stateOf } from './search-memory';

/**
 * The rows of recent search pages (decision 0026), least recently used first: the first pages of the
 * searches people make list the same few hundred certifications, which a search then need not read and
 * the API need not render again (its item JSON is kept with the row object). Bounded by count and by bytes,
 * since one row's published record can hold long answers. A kept row is handed out only while it is in
 * the state the caller's index holds it in (stateOf).
 */
export function createKeptRows(limits: { rows: number; bytes: number }) {
  const kept = new Map<string, { row: CertificationRow; bytes: number }>();
  let bytes = 0;
  // Its text columns, which are most of it, and some 600 bytes for the rest (UTF-16 counted as one byte a
  // character: published records are mostly ASCII).
  const sizeOf = (row: CertificationRow) =>
    600 + row.published.length + row.search_text.length + row.model_numbers.length + row.status_reason.length;

  function forget(id: string) {
    const entry = kept.get(id);
    if (!entry) return;
    kept.delete(id);
    bytes -= entry.bytes;
  }

  return {
    /** The kept row of `id` if it is in `state` (stateOf), else undefined. */
    get(id: string, state: string | undefined): CertificationRow | undefined {
      const entry = kept.get(id);
      return entry && stateOf(entry.row) === state ? entry.row : undefined;
    },

    /** Keeps rows just used, as the most recent, dropping the least recent beyond the limits. */
    keep(rows: Iterable<CertificationRow>): void {
      for (const row of rows) {
        forget(row.id);
        const size = sizeOf(row);
        if (size > limits.bytes) continue;
        kept.set(row.id, { row, bytes: size });
        bytes += size;
      }
      for (const id of kept.keys()) {
        if (kept.size <= limits.rows && bytes <= limits.bytes) break;
        forget(id);
      }
    },

    clear(): void {
      kept.clear();
      bytes = 0;
    },
  };
}
