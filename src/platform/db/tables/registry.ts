/** The public registry: certifications, their events and reminders, concerns, credentials. Part of the `Database` of schema.ts. */
import type { Generated } from 'kysely';

export interface CertificationTable {
  id: string;
  application_id: string;
  product_id: string;
  organization_id: string;
  company_name: string;
  company_slug: string;
  product_name: string;
  category: string;
  model_numbers: string;
  web_page_url: string;
  criteria_version: number;
  status: string;
  status_reason: string;
  issued_at: string;
  valid_until: string;
  support_end_date: string;
  published: string;
  search_text: string;
  /** SQLite only: the certification's row in the FTS5 index (see migration 0006). */
  search_key: number | null;
  updated_at: string;
  /** The openness level of its published answers, 0 (none) to 3 (fully open); null until filled (migration 0025). */
  openness_level: number | null;
}

export interface CertificationEventTable {
  id: string;
  certification_id: string;
  kind: string;
  reason: string;
  occurred_at: string;
}

export interface CertificationReminderTable {
  certification_id: string;
  days_before: number;
  sent_at: string;
}

export interface ConcernTable {
  id: string;
  certification_id: string;
  criterion_id: string | null;
  message: string;
  email: string;
  locale: string;
  status: string;
  confirmation_hash: string | null;
  created_at: string;
  confirmed_at: string | null;
  decided_at: string | null;
  decided_by: string | null;
  outcome_note: Generated<string>;
}

export interface CredentialTable {
  certification_id: string;
  status_sequence: number;
  key_id: string;
  jwt: string;
  issued_at: string;
}
