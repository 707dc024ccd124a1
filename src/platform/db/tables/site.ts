/** The program's own site and administration: news, partners, settings, the audit log, mail preferences. Part of the `Database` of schema.ts. */
import type { Generated } from 'kysely';

export interface NewsPostTable {
  id: string;
  locale: string;
  slug: string;
  title: string;
  summary: string;
  body_markdown: string;
  published_at: string;
  created_at: string;
  updated_at: string;
  /** draft or published; a published post whose time has not come is scheduled. */
  status: Generated<string>;
  image_key: Generated<string | null>;
  image_type: Generated<string | null>;
  image_alt: Generated<string>;
}

export interface PartnerTable {
  id: string;
  name: string;
  url: string;
  kind: string;
  description_en: string;
  description_de: string;
  sort_order: Generated<number>;
  logo_key: Generated<string | null>;
  logo_type: Generated<string | null>;
  updated_at: Generated<string>;
}

export interface ProgramSettingTable {
  key: string;
  value: string;
  updated_at: string;
}

export interface AuditEventTable {
  id: string;
  occurred_at: string;
  actor_id: string | null;
  action: string;
  application_id: string | null;
  subject_id: string | null;
  /** JSON object with what changed. */
  details: string;
  reason: string;
}

export interface MailPreferenceTable {
  user_id: string;
  kind: string;
  enabled: number;
}
