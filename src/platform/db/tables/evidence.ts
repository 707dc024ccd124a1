/** Evidence checked by the job worker (features/evidence). Part of the `Database` of schema.ts. */

/** The last check of one evidence link. */
export interface EvidenceCheckTable {
  link_id: string;
  url: string;
  outcome: string;
  status_code: number | null;
  final_url: string | null;
  content_type: string | null;
  size_bytes: number | null;
  sha256: string | null;
  /** A small text body as fetched, kept so staff can see what the reviewers saw. */
  text_snapshot: string | null;
  error: string | null;
  duration_ms: number;
  checked_at: string;
}

/** The last check of a web origin's /.well-known/security.txt. */
export interface SecurityTxtCheckTable {
  origin: string;
  url: string;
  outcome: string;
  status_code: number | null;
  reading: string | null;
  checked_at: string;
}

/** An evidence link of a certification as it was reviewed, and what its re-checks found since. */
export interface EvidencePinTable {
  id: string;
  certification_id: string;
  link_id: string;
  criterion_id: string;
  url: string;
  title: string;
  reviewed_sha256: string | null;
  reviewed_status: number | null;
  reviewed_checked_at: string | null;
  reviewed_text: string | null;
  pinned_at: string;
  next_check_at: string;
  last_checked_at: string | null;
  last_outcome: string | null;
  last_status: number | null;
  last_sha256: string | null;
  changed_at: string | null;
  /** changed or gone, while changed_at is set. */
  change: string | null;
  update_due_at: string | null;
}
