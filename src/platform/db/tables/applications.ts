/** What a company applies with: products, applications, answers, their revisions and evidence. Part of the `Database` of schema.ts. */
import type { Generated } from 'kysely';

export interface ProductTable {
  id: string;
  organization_id: string;
  name: string;
  category: string;
  model_numbers: string;
  web_page_url: string;
  description: string;
  firmware_version: string;
  support_end_date: string;
  /** Storage key and detected type of the product's picture, both null when it has none. */
  image_key: string | null;
  image_type: string | null;
  revision: number;
  created_at: string;
  updated_at: string;
}

export interface ApplicationTable {
  id: string;
  organization_id: string;
  product_id: string;
  criteria_version: number;
  status: string;
  source_application_id: string | null;
  created_by: string;
  created_at: string;
  updated_at: string;
  submitted_at: string | null;
  round: Generated<number>;
  decided_at: string | null;
  /** 1 when the company keeps an unsuccessful application past the retention period. */
  kept: Generated<number>;
  /** The company's reasons for its one appeal against "not certified", and when it appealed. */
  appeal_reason: string | null;
  appealed_at: string | null;
}

export interface AnswerTable {
  id: string;
  application_id: string;
  criterion_id: string;
  status: string | null;
  explanation: string;
  needs_confirmation: number;
  revision: number;
  updated_by: string;
  updated_at: string;
}

export interface AnswerRevisionTable {
  id: string;
  answer_id: string;
  revision: number;
  status: string | null;
  explanation: string;
  author_id: string;
  author_name: string;
  created_at: string;
}

export interface EvidenceLinkTable {
  id: string;
  answer_id: string;
  url: string;
  title: string;
  added_by: string;
  created_at: string;
}

export interface EvidenceFileTable {
  id: string;
  answer_id: string;
  storage_key: string;
  file_name: string;
  content_type: string;
  size_bytes: number;
  added_by: string;
  created_at: string;
}
