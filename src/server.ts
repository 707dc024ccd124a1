import { join } from 'node:path';
import { createApiFastPath } from './features/registry/api-fast-path';
import { createProofFastPath } from './features/transparency/proof-fast-path';
import { getMigrations } from 'better-auth/db/migration';
import pino, { type Logger } from 'pino';
import { createAccountAdministration } from './platform/auth/accounts';
import { createAuth } from './platform/auth/auth';
import type { Config } from './config';
import { loadCriteria } from './features/criteria/loader';
import { openDatabase } from './platform/db/database';
import { migrateToLatest } from './platform/db/migrate';
import { chooseMailer, type Mailer } from './platform/mail/mailer';
import { createQueuedMailer, mailJobHandler, mailJobKind } from './platform/mail/queued-mailer';
import { createJobQueue } from './platform/jobs/queue';
import {
  combineJobWorkers,
  createJobWorker,
  type JobHandler,
  type JobWorker,
  type JobWorkerOptions,
} from './platform/jobs/worker';
import { reviewJobHandlers } from './features/review/jobs';
import { createApplicationRepository } from './features/applications/store';
import { createCompanyRepository } from './features/companies/store';
import { createNewsRepository } from './features/content/news-store';
import { createProductRepository } from './features/products/store';
import { createDiskStorage } from './platform/storage/files';
import { createPartnerRepository } from './features/content/partners-store';
import { createConcernRepository } from './features/concerns/store';
import { createUserRepository } from './features/accounts/users-store';
import { createAuditLog } from './platform/audit/store';
import { createMailPreferenceRepository } from './features/accounts/mail-preferences-store';
import { createReviewRepository } from './features/review/store';
import { createReviewerRepository } from './features/review/reviewers-store';
import { createSettingsRepository } from './platform/settings/store';
import { createCriteriaPublications } from './features/criteria/publications-store';
import { createReviewWorkflow } from './features/review/workflow';
import { createReReviewWorkflow } from './features/review/re-review';
import { createReReviewRepository } from './features/review/re-reviews-store';
import { createStatisticsRepository } from './features/statistics/store';
import { createAccountData } from './features/privacy/account-data';
import { createRetention } from './features/privacy/retention';
import { createDepartures } from './features/privacy/departures';
import { createStoredFileReferences } from './platform/storage/stored-files';
import { createFileRelease } from './platform/storage/cleanup';
import { createRegistryRepository } from './features/registry/store';
import { createLifecycle } from './features/registry/lifecycle';
import { createSecurityService } from './features/security-notices';
import { loadOrCreateDevelopmentSecret } from './secrets';
import { loadOrCreateLogSigner, logKeyFileName, logOriginFor } from './features/transparency/keys';
import { createTransparencyLog } from './features/transparency/log';
import { publishedCheckpointRecord } from './features/transparency/published-checkpoint';
import { didWebFor } from './features/credentials/did';
import { loadOrCreateKeyring } from './features/credentials/keyring';
import { createCredentialService } from './features/credentials/service';
import { credentialJobHandlers } from './features/credentials/jobs';
import { transparencyJobHandlers } from './features/transparency/jobs';
import { messagesFor } from './platform/i18n';
import { seedDemoData, type DemoCredentials } from './seed/demo';
import { createApp } from './app/app';
import { createRegistryCaches } from './app/registry-caches';
import { startSweeps } from './app/sweeps';
import { createFormGuard } from './platform/web/form-guard';
import { defaultRateLimits, type RateLimits } from './platform/web/rate-limits';
import { createDatabaseCounters, createMemoryCounters } from './platform/web/rate-limit-counters';
import { createReadiness } from './platform/web/readiness';
import { createHttpMetrics, metricsAccess } from './platform/web/metrics';
import { createFrontDoor } from './app/front-door';
import { registerOperationsMetrics } from './features/operations/metrics';
import { keyringFileName } from './features/credentials/keyring';
import type { AppServices } from './app/services';
import { tidySearchIndex } from './platform/db/dialect';
import { createEvidenceChecks, evidenceJobKinds } from './features/evidence';

export interface ServerOptions {
  logger?: Logger;
  /** Where /assets/ files come from; defaults to ./public and ./dist/public under the working directory. */
  assetDirectories?: string[];
  /** Replaces SMTP or the outbox (tests pass a mailer that talks to their own SMTP server). */
  mailer?: Mailer;
  rateLimits?: Partial<RateLimits>;
  /** How long a public form must have been open before it is accepted (spam protection). */
  formMinimumAgeMs?: number;
  /** Job worker timing (tests shorten the retry delays). */
  jobs?: Pick<JobWorkerOptions, 'pollIntervalMs' | 'leaseMs' | 'retryPolicy'>;
  /** How long a shutdown waits for requests in flight before closing their connections (default 8 s). */
  shutdownDrainMs?: number;
}

export interface RunningServer {
  /** Where this process listens (for tests and probes); people use the configured BASE_URL. */
  url: string;
  services: AppServices;
  routes: ReturnType<typeof createApp>['routes'];
  demoCredentials: DemoCredentials | undefined;
  /** This instance's job worker: tests drain it before asserting that something was not sent. */
  jobs: JobWorker;
  /**
   * Reports not ready, stops accepting connections, lets running requests finish (for `shutdownDrainMs` at
   * most), stops the job worker after the job in hand, then closes the database.
   */
  close(): Promise<void>;
}

export async function startServer(config: Config, options: ServerOptions = {}): Promise<RunningServer> {
  const logger = options.logger ?? pino({ level: config.logLevel });
  // Read before anything else opens: a bad criteria file stops the start with the file and field named.
  const criteria = loadCriteria(config.criteriaDir);
  const secret = config.authSecret ?? loadOrCreateDevelopmentSecret(config.dataDir);
  const keyring = await loadOrCreateKeyring(config.keysDir);
  const database = openDatabase(
    config.database,
    (error) => logger.warn({ err: error }, 'database connection lost; it will be reopened on the next query'),
    {
      backgroundCheckpoints: (failure) => logger.warn({ failure }, 'background checkpoint failed'),
      readerFailure: (failure) =>
        logger.error({ failure }, 'the search reader thread failed; searches read on the event loop for now'),
    },
  );

  const { mailer: transport, outbox } = chooseMailer(config, options.mailer);
  const now = () => new Date();
  const httpMetrics = createHttpMetrics();
  const operationsMetrics = registerOperationsMetrics(httpMetrics.registry, { database, now });
  // Follow-up work is written as jobs in the transaction of its change and run by this worker; the
  // features that define kinds of jobs add their handlers below, once their services exist.
  const jobHandlers: Record<string, JobHandler> = {
    [mailJobKind]: mailJobHandler(transport, new URL(config.baseUrl).hostname),
  };
  const workerOptions = {
    db: database.db,
    dialect: database.dialect,
    handlers: jobHandlers,
    logger,
    now,
    leaseMs: config.jobLeaseSeconds * 1000,
    onAttemptFailed: operationsMetrics.jobAttemptFailed,
    ...options.jobs,
  };
  // Evidence checks fetch sites the companies chose, which can hold each fetch for its 10 seconds: they get
  // a lane of their own, one job per claim (so a claim never outlives its lease), and the main lane's mail
  // and publication never wait behind them.
  const worker = combineJobWorkers([
    createJobWorker({ ...workerOptions, kinds: { except: evidenceJobKinds } }),
    createJobWorker({ ...workerOptions, kinds: { only: evidenceJobKinds }, batchSize: 1 }),
  ]);
  const jobs = createJobQueue(database.db, now, () => worker.wake());
  const mailer = createQueuedMailer(jobs);
  const auth = createAuth({
    db: database.db,
    dialect: database.dialect,
    baseUrl: config.baseUrl,
    secret,
    mailer,
    logger,
  });

  try {
    // Better Auth's tables first (it plans the changes from its own schema), then the application's.
    const authMigrations = await getMigrations(auth.options);
    await authMigrations.runMigrations();
    const applied = await migrateToLatest(database);
    if (applied.length > 0) logger.info({ migrations: applied }, 'database migrated');
  } catch (error) {
    await database.close();
    throw error;
  }

  const logSigner = loadOrCreateLogSigner(config.keysDir, logOriginFor(config.baseUrl));
  const transparencyLog = createTransparencyLog({
    db: database.db,
    dialect: database.dialect,
    signer: logSigner,
    now,
    published: publishedCheckpointRecord(config.keysDir, logSigner),
  });
  const credentials = createCredentialService({
    db: database.db,
    keyring,
    issuer: {
      did: didWebFor(config.baseUrl),
      name: messagesFor('en').meta.siteName,
      baseUrl: config.baseUrl,
    },
    now,
  });
  try {
    // A database changed behind the app must not be served as if nothing happened.
    await transparencyLog.verifyStored();
    // Every change enqueues its log entry and credential as jobs; this catch-up is for what no job covers:
    // the demo data (written straight to the registry) and events recorded before changes enqueued them.
    await transparencyLog.sync();
    await credentials.sync();
  } catch (error) {
    await database.close();
    throw error;
  }
  const criteriaPublications = createCriteriaPublications(database.db, criteria);
  await criteriaPublications.ensureInitial(now());
  const applications = createApplicationRepository(database.db);
  const companies = createCompanyRepository(database.db);
  const review = createReviewRepository(database.db);
  const reviewers = createReviewerRepository(database.db);
  const settings = createSettingsRepository(database.db, now);
  const audit = createAuditLog(database.db);
  const mailPreferences = createMailPreferenceRepository(database.db);
  const products = createProductRepository(database.db);
  const registry = createRegistryRepository(database.db, database.dialect, database.reader, {});
  const caches = await createRegistryCaches({
    config,
    database,
    registry,
    criteria,
    credentials,
    logger,
    now,
  });
  const { badges, registrySearch, registryCompanies, pageStamp, pages } = caches;
  const rateLimits = { ...defaultRateLimits, ...options.rateLimits };
  // A published notice or release shows on the product's page at once on this instance, within its
  // freshness elsewhere.
  const security = createSecurityService({
    db: database.db,
    dialect: database.dialect,
    jobs,
    now,
    published: () => pages.invalidate(),
  });
  const rateLimitCounters =
    config.rateLimitStore === 'database' ? createDatabaseCounters(database.db) : createMemoryCounters();
  // The open data API and the log count their reads alike, in front of the app as in it.
  const publicReads = { limit: rateLimits.api, counters: rateLimitCounters, trustedHops: config.trustProxy };
  const apiSearches = createApiFastPath({ search: registrySearch, ...publicReads, now });
  const logProofs = createProofFastPath({ log: transparencyLog, ...publicReads });
  const lifecycle = createLifecycle({
    db: database.db,
    dialect: database.dialect,
    jobs,
    mailer,
    baseUrl: config.baseUrl,
    validityMonths: async () =>
      (await settings.review()).validityMonths ?? config.certificationValidityMonths,
    criteria: criteria.versions,
    logger,
    now,
    changed: (id) => {
      caches.registryChanged(id);
      // The log entry's job is what guarantees it; appending at once as well, without holding up the answer,
      // spares it the wait behind the jobs ahead of it (the checkpoint is to be everywhere within a second).
      // Whichever comes second finds the event logged.
      void transparencyLog
        .sync()
        .catch((error: unknown) => logger.warn({ err: error }, 'log entry left to its job'));
    },
  });
  const readiness = createReadiness({
    databaseReachable: () => database.isReachable(),
    workerHeartbeat: () => worker.heartbeat(),
    workerAllowanceMs: (options.jobs?.leaseMs ?? config.jobLeaseSeconds * 1000) + 5000,
    keyFiles: [join(config.keysDir, logKeyFileName), join(config.keysDir, keyringFileName)],
  });
  const workflow = createReviewWorkflow({
    review,
    reviewers,
    settings,
    jobs,
    mailer,
    baseUrl: config.baseUrl,
    now,
    criteria,
  });
  Object.assign(
    jobHandlers,
    reviewJobHandlers({
      lifecycle,
      fillAssignments: () => workflow.fillAssignments(),
      mailer,
      baseUrl: config.baseUrl,
    }),
    credentialJobHandlers(credentials),
    transparencyJobHandlers(transparencyLog),
  );
  const evidence = createEvidenceChecks({
    db: database.db,
    jobs,
    mailer,
    baseUrl: config.baseUrl,
    limits: { allowAddresses: config.evidenceCheckAllowHosts },
    now,
  });
  Object.assign(jobHandlers, evidence.handlers);

  const concerns = createConcernRepository(database.db);
  const reReviews = createReReviewRepository(database.db);
  const reReviewWorkflow = createReReviewWorkflow({
    dialect: database.dialect,
    settings,
    jobs,
    mailer,
    baseUrl: config.baseUrl,
    now,
  });
  const files = createDiskStorage(join(config.dataDir, 'evidence'));
  const releaseFiles = createFileRelease(files, createStoredFileReferences(database.db).inUse, (error) =>
    logger.warn({ err: error }, 'a stored file nothing refers to could not be removed'),
  );
  const accountData = createAccountData(database.db);
  const retention = createRetention({
    db: database.db,
    applications,
    releaseFiles,
    jobs,
    retentionDays: config.unsuccessfulRetentionDays,
    now,
  });

  const services: AppServices = {
    config,
    criteria,
    criteriaPublications,
    database,
    auth,
    accounts: createAccountAdministration(auth),
    news: createNewsRepository(database.db),
    partners: createPartnerRepository(database.db),
    concerns,
    users: createUserRepository(database.db),
    companies,
    products,
    registry,
    badges,
    // A change staff make through this instance drops its pages (app.tsx), and tells the others to.
    pages,
    pageStamp,
    registrySearch,
    apiSearches,
    registryCompanies,
    lifecycle,
    transparencyLog,
    logProofs,
    credentials,
    applications,
    review,
    reviewers,
    settings,
    audit,
    mailPreferences,
    workflow,
    reReviews,
    reReviewWorkflow,
    statistics: createStatisticsRepository(database.db),
    files,
    releaseFiles,
    retention,
    accountData,
    departures: createDepartures({ reReviewWorkflow, jobs, now }),
    mailer,
    jobs,
    outbox,
    formGuard: createFormGuard(secret, options.formMinimumAgeMs ?? 3000),
    rateLimits,
    security,
    rateLimitCounters,
    readiness,
    metrics: {
      ...httpMetrics,
      mayRead: metricsAccess({
        allow: config.metricsAllow,
        token: config.metricsToken,
        trustedHops: config.trustProxy,
      }),
    },
    now,
    evidence,
  };

  const demoCredentials = config.seedDemoData ? await seedDemoData(services) : undefined;
  // The demo certification is written straight to the registry; its events join the log here.
  if (demoCredentials) {
    await transparencyLog.sync();
    await credentials.sync();
  }

  const { app, routes } = createApp(services, {
    logger,
    // The built copy first: it carries the gzip files made at build time.
    assetDirectories: options.assetDirectories ?? [
      join(process.cwd(), 'dist', 'public'),
      join(process.cwd(), 'public'),
    ],
  });

  const { server, drain } = createFrontDoor({
    app,
    badges,
    pages: caches.localPages,
    apiSearches,
    logProofs,
    metrics: httpMetrics,
  });
  await new Promise<void>((resolve) => server.listen(config.port, config.host, resolve));
  worker.start();
  const stopSweeps = startSweeps({
    intervalSeconds: config.sweepIntervalSeconds,
    sweeps: [
      { name: 'certification', run: () => lifecycle.sweep() },
      { name: 'retention', run: () => retention.sweep() },
      { name: 'evidence re-check', run: () => evidence.sweep() },
      { name: 'search index', run: () => tidySearchIndex(database.db, database.dialect) },
    ],
    db: database.db,
    rateLimitCounters,
    logger,
    now,
  });

  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const host = config.host === '0.0.0.0' || config.host === '::' ? '127.0.0.1' : config.host;
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;

  return {
    url,
    services,
    routes,
    demoCredentials,
    jobs: worker,
    async close() {
      readiness.stopping();
      stopSweeps();
      const drainMs = options.shutdownDrainMs ?? 8000;
      if (!(await drain(drainMs)))
        logger.warn(
          { drainMs },
          'requests still open after the shutdown allowance; their connections were closed',
        );
      // A job in hand finishes; the rest stay in the database for the next start or another instance.
      await worker.stop();
      await caches.close();
      await database.close();
    },
  };
}
