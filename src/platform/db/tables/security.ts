/** Security notices and firmware releases of certified products (migration 0026). Part of the `Database` of schema.ts. */

export interface SecurityNoticeTable {
  id: string;
  product_id: string;
  certification_id: string;
  title: string;
  published_on: string;
  severity: string;
  affected_versions: string;
  fixed_version: string;
  advisory_url: string;
  csaf_url: string | null;
  published_by: string;
  created_at: string;
}

export interface FirmwareReleaseTable {
  id: string;
  product_id: string;
  certification_id: string;
  version: string;
  released_on: string;
  notes_url: string;
  published_by: string;
  created_at: string;
}
