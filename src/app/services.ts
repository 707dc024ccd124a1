import type { ProofFastPath } from '../features/transparency/proof-fast-path';
import type { ApiFastPath } from '../features/registry/api-fast-path';
import type { AccountAdministration } from '../platform/auth/accounts';
import type { Auth } from '../platform/auth/auth';
import type { Config } from '../config';
import type { CriteriaCatalogue } from '../features/criteria/loader';
import type { CriteriaPublications } from '../features/criteria/publications-store';
import type { DatabaseHandle } from '../platform/db/database';
import type { OutboxEntry } from '../platform/mail/mailer';
import type { QueuedMailer } from '../platform/mail/queued-mailer';
import type { JobQueue } from '../platform/jobs/queue';
import type { ApplicationRepository } from '../features/applications/store';
import type { CompanyRepository } from '../features/companies/store';
import type { NewsRepository } from '../features/content/news-store';
import type { ProductRepository } from '../features/products/store';
import type { ReleaseFiles } from '../platform/storage/cleanup';
import type { FileStorage } from '../platform/storage/files';
import type { AccountData } from '../features/privacy/account-data';
import type { Retention } from '../features/privacy/retention';
import type { Departures } from '../features/privacy/departures';
import type { PartnerRepository } from '../features/content/partners-store';
import type { ConcernRepository } from '../features/concerns/store';
import type { UserRepository } from '../features/accounts/users-store';
import type { AuditLog } from '../platform/audit/store';
import type { MailPreferenceRepository } from '../features/accounts/mail-preferences-store';
import type { ReviewRepository } from '../features/review/store';
import type { ReviewerRepository } from '../features/review/reviewers-store';
import type { SettingsRepository } from '../platform/settings/store';
import type { ReviewWorkflow } from '../features/review/workflow';
import type { ReReviewWorkflow } from '../features/review/re-review';
import type { ReReviewRepository } from '../features/review/re-reviews-store';
import type { StatisticsRepository } from '../features/statistics/store';
import type { BadgeCache } from '../features/registry/badge-cache';
import type { PageCache } from '../platform/web/page-cache';
import type { SearchCache } from '../features/registry/search-cache';
import type { PageStamp } from '../features/registry/page-stamp';
import type { CompaniesCache } from '../features/registry/companies-cache';
import type { Lifecycle } from '../features/registry/lifecycle';
import type { TransparencyLog } from '../features/transparency/log';
import type { CredentialService } from '../features/credentials/service';
import type { RegistryRepository } from '../features/registry/store';
import type { FormGuard } from '../platform/web/form-guard';
import type { RateLimits } from '../platform/web/rate-limits';
import type { SecurityService } from '../features/security-notices';
import type { EvidenceChecks } from '../features/evidence';
import type { RateLimitCounters } from '../platform/web/rate-limit-counters';
import type { Readiness } from '../platform/web/readiness';
import type { HttpMetrics } from '../platform/web/metrics';
import type { Context } from 'hono';
import type { AppEnv } from '../platform/web/env';

/** Everything the routes use, built once in main.ts (or by a test) and handed to createApp. */
export interface AppServices {
  config: Config;
  criteria: CriteriaCatalogue;
  /** Which criteria versions are published; new applications and renewals use the newest. */
  criteriaPublications: CriteriaPublications;
  database: DatabaseHandle;
  auth: Auth;
  accounts: AccountAdministration;
  news: NewsRepository;
  partners: PartnerRepository;
  concerns: ConcernRepository;
  users: UserRepository;
  companies: CompanyRepository;
  products: ProductRepository;
  applications: ApplicationRepository;
  review: ReviewRepository;
  reviewers: ReviewerRepository;
  settings: SettingsRepository;
  audit: AuditLog;
  mailPreferences: MailPreferenceRepository;
  workflow: ReviewWorkflow;
  reReviews: ReReviewRepository;
  statistics: StatisticsRepository;
  /** Re-reviews after a concern: fresh reviewers' opinions, then an admin's public outcome. */
  reReviewWorkflow: ReReviewWorkflow;
  registry: RegistryRepository;
  /** Rendered badges, fresh for a second; the lifecycle drops an entry when its status changes. */
  badges: BadgeCache;
  /** Public pages rendered once and served again for half a second to visitors without a session. */
  pages: PageCache;
  /** What registry pages are rendered from; a page kept with it is served until it changes. */
  pageStamp: PageStamp;
  /** Registry searches, reused until the registry changes. */
  registrySearch: SearchCache;
  /** Repeated API searches answered in front of the app, and the API's rate limit store. */
  apiSearches: ApiFastPath;
  /** The makers the registry search offers, kept while the registry is unchanged. */
  registryCompanies: CompaniesCache;
  lifecycle: Lifecycle;
  /** The append-only, signed log of certification events. */
  transparencyLog: TransparencyLog;
  /** The log's proofs answered in front of the app, with the headers the app sent. */
  logProofs: ProofFastPath;
  /** Signed Open Badges credentials of certifications, their status lists and the issuer's keys. */
  credentials: CredentialService;
  files: FileStorage;
  /** Removes the given stored files unless something still refers to them (src/platform/storage/cleanup.ts). */
  releaseFiles: ReleaseFiles;
  /** Deletes unsuccessful applications after the retention period; swept on the same timer as expiry. */
  retention: Retention;
  /** A person's own data, for their download, and forgetting their name when they delete their account. */
  accountData: AccountData;
  /** What follows an account's deletion or a company's closure. */
  departures: Departures;
  /** Mail goes out through the job queue; `sendIn` enqueues it in the transaction of the change it reports. */
  mailer: QueuedMailer;
  /** Changes with their follow-up work, in one transaction (see platform/jobs). */
  jobs: JobQueue;
  /** Present only when mail goes to the development outbox instead of SMTP. */
  outbox: { list(): Promise<OutboxEntry[]> } | undefined;
  formGuard: FormGuard;
  rateLimits: RateLimits;
  /** Security notices and firmware releases of certified products, and their publication. */
  security: SecurityService;
  /** Where rate limits count: memory for one instance on SQLite, the database where instances share it. */
  rateLimitCounters: RateLimitCounters;
  /** What /readyz reports (database, job worker, signing keys, shutting down). */
  readiness: Readiness;
  /** Prometheus' registry and request metrics, and who may read /metrics. */
  metrics: HttpMetrics & { mayRead(c: Context<AppEnv>): boolean };
  now: () => Date;
  /** Evidence links and security.txt checked by the job worker; certified products' evidence re-checked. */
  evidence: EvidenceChecks;
}
