import { Migrator, type Migration } from 'kysely';
import type { DatabaseHandle } from './database';
import * as siteContent from './migrations/0001_site_content';
import * as selfAssessment from './migrations/0002_self_assessment';
import * as productImage from './migrations/0003_product_image';
import * as review from './migrations/0004_review';
import { registryMigration } from './migrations/0005_registry';
import { searchKeyMigration } from './migrations/0006_search_key';
import * as transparencyLog from './migrations/0007_transparency_log';
import * as credentials from './migrations/0008_credentials';
import * as concerns from './migrations/0009_concerns';
import * as personalData from './migrations/0010_personal_data';
import * as appeals from './migrations/0011_appeals';
import * as contentAdmin from './migrations/0012_content_admin';
import * as criteriaPublication from './migrations/0013_criteria_publication';
import * as reReviews from './migrations/0014_re_reviews';
import * as usedTotpCodes from './migrations/0015_used_totp_codes';
import { joinedModelNumbersMigration } from './migrations/0016_joined_model_numbers';
import * as certificationOwnerIndexes from './migrations/0017_certification_owner_indexes';
import * as jobs from './migrations/0018_jobs';
import { logTilesMigration } from './migrations/0019_log_tiles';
import { searchOrderMigration } from './migrations/0020_search_order';
import * as certificationEventIndex from './migrations/0021_certification_event_index';
import * as evidenceChecks from './migrations/0023_evidence_checks';
import * as reviewerPool from './migrations/0024_reviewer_pool';
import { registryLabelMigration } from './migrations/0025_registry_label';
import * as securityInformation from './migrations/0026_security_information';
import * as rateLimitCounters from './migrations/0027_rate_limit_counters';
import * as pageVersionIndexes from './migrations/0028_page_version_indexes';
import { searchCoveringIndexesMigration } from './migrations/0029_search_covering_indexes';
import { searchKeysNewestFirstMigration } from './migrations/0030_search_keys_newest_first';
import { newestOrderWithoutTextMigration } from './migrations/0031_newest_order_without_text';

/**
 * Listed explicitly (not read from a folder) so the bundled server carries its migrations with it; tests
 * migrate to one of them.
 */
export const migrationsFor = (dialect: DatabaseHandle['dialect']): Record<string, Migration> => ({
  '0001_site_content': siteContent,
  '0002_self_assessment': selfAssessment,
  '0003_product_image': productImage,
  '0004_review': review,
  '0005_registry': registryMigration(dialect),
  '0006_search_key': searchKeyMigration(dialect),
  '0007_transparency_log': transparencyLog,
  '0008_credentials': credentials,
  '0009_concerns': concerns,
  '0010_personal_data': personalData,
  '0011_appeals': appeals,
  '0012_content_admin': contentAdmin,
  '0013_criteria_publication': criteriaPublication,
  '0014_re_reviews': reReviews,
  '0015_used_totp_codes': usedTotpCodes,
  '0016_joined_model_numbers': joinedModelNumbersMigration(dialect),
  '0017_certification_owner_indexes': certificationOwnerIndexes,
  '0018_jobs': jobs,
  '0019_log_tiles': logTilesMigration(dialect),
  '0020_search_order': searchOrderMigration(dialect),
  '0021_certification_event_index': certificationEventIndex,
  '0023_evidence_checks': evidenceChecks,
  '0024_reviewer_pool': reviewerPool,
  '0025_registry_label': registryLabelMigration(dialect),
  '0026_security_information': securityInformation,
  '0027_rate_limit_counters': rateLimitCounters,
  '0028_page_version_indexes': pageVersionIndexes,
  '0029_search_covering_indexes': searchCoveringIndexesMigration(dialect),
  '0030_search_keys_newest_first': searchKeysNewestFirstMigration(dialect),
  '0031_newest_order_without_text': newestOrderWithoutTextMigration(dialect),
});

export async function migrateToLatest(handle: DatabaseHandle): Promise<string[]> {
  const migrator = new Migrator({
    db: handle.db,
    provider: { getMigrations: async () => migrationsFor(handle.dialect) },
  });
  const { error, results } = await migrator.migrateToLatest();
  if (error) throw error instanceof Error ? error : new Error(String(error));
  return (results ?? [])
    .filter((result) => result.status === 'Success')
    .map((result) => result.migrationName);
}
