import { isIP } from 'node:net';
import { join } from 'node:path';
import { z } from 'zod';

/**
 * Configuration comes only from environment variables and is validated once at start.
 * A bad value stops the app with a message that names the variable, never a stack trace.
 */
const booleanFromEnv = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'], { message: 'must be true or false' })
  .transform((value) => value === 'true' || value === '1' || value === 'yes');

/**
 * How many reverse proxies in front of the app append to X-Forwarded-For: false (none), true (one,
 * as before this took a number) or a count up to 10.
 */
const proxyHopsFromEnv = z
  .string()
  .regex(/^(true|false|yes|no|[0-9]|10)$/, 'must be false, true or a number of proxies from 0 to 10')
  .transform((value) => {
    if (value === 'true' || value === 'yes') return 1;
    if (value === 'false' || value === 'no') return 0;
    return Number(value);
  });

const environmentSchema = z
  .object({
    NODE_ENV: z
      .enum(['development', 'test', 'production'], { message: 'must be development, test or production' })
      .default('development'),
    HOST: z.string().min(1, 'must not be empty').default('127.0.0.1'),
    PORT: z.coerce
      .number({ message: 'must be a number' })
      .int('must be a whole number')
      .min(0, 'must be between 0 and 65535')
      .max(65535, 'must be between 0 and 65535')
      .default(3000),
    BASE_URL: z
      .url({ message: 'must be an absolute URL such as https://trustmark.example' })
      .refine((value) => /^https?:\/\//.test(value), 'must start with http:// or https://')
      .transform((value) => value.replace(/\/+$/, ''))
      .optional(),
    DATABASE_URL: z
      .string()
      .regex(
        /^postgres(ql)?:\/\//,
        'must be a postgres:// URL (leave it unset to use the embedded SQLite database)',
      )
      .optional(),
    SQLITE_PATH: z.string().min(1, 'must not be empty').default('./data/trustmark.sqlite'),
    DATA_DIR: z.string().min(1, 'must not be empty').default('./data'),
    CRITERIA_DIR: z.string().min(1, 'must not be empty').default('./criteria'),
    KEYS_DIR: z.string().min(1, 'must not be empty').optional(),
    AUTH_SECRET: z.string().min(32, 'must be at least 32 characters long').optional(),
    SMTP_URL: z
      .string()
      .regex(/^smtps?:\/\//, 'must be an smtp:// or smtps:// URL, e.g. smtp://user:pass@mail.example:587')
      .optional(),
    MAIL_FROM: z
      .string()
      .min(3, 'must be a sender such as "Trustmark <noreply@trustmark.example>"')
      .default('Trustmark <noreply@localhost>'),
    CONTACT_TO: z.email({ message: 'must be an email address' }).default('program@trustmark.example'),
    LOG_LEVEL: z
      .enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], {
        message: 'must be one of fatal, error, warn, info, debug, trace, silent',
      })
      .default('info'),
    TRUST_PROXY: proxyHopsFromEnv.default(0),
    CERTIFICATION_VALIDITY_MONTHS: z.coerce
      .number({ message: 'must be a whole number of months' })
      .int('must be a whole number of months')
      .min(1, 'must be at least 1')
      .max(120, 'must be at most 120')
      .default(24),
    UNSUCCESSFUL_RETENTION_DAYS: z.coerce
      .number({ message: 'must be a whole number of days' })
      .int('must be a whole number of days')
      .min(1, 'must be at least 1')
      .max(3650, 'must be at most 3650')
      .default(365),
    SWEEP_INTERVAL_SECONDS: z.coerce
      .number({ message: 'must be a whole number of seconds' })
      .int('must be a whole number of seconds')
      .min(0, 'must be 0 (off) or more')
      .default(3600),
    JOB_LEASE_SECONDS: z.coerce
      .number({ message: 'must be a whole number of seconds' })
      .int('must be a whole number of seconds')
      .min(1, 'must be at least 1')
      .max(3600, 'must be at most 3600')
      .default(60),
    SEED_DEMO_DATA: booleanFromEnv.optional(),
    EVIDENCE_CHECK_ALLOW_HOSTS: z
      .string()
      .transform((value) =>
        value
          .split(',')
          .map((entry) => entry.trim())
          .filter(Boolean),
      )
      .refine(
        (entries) => entries.every((entry) => isIP(entry.split('/')[0] ?? '') !== 0),
        'must be IP addresses or CIDR ranges separated by commas (tests only)',
      )
      .optional(),
    RATE_LIMIT_STORE: z.enum(['memory', 'database'], { message: 'must be memory or database' }).optional(),
    METRICS_ALLOW: z
      .string()
      .transform((value) =>
        value
          .split(',')
          .map((entry) => entry.trim())
          .filter(Boolean),
      )
      .refine((addresses) => addresses.every((address) => isIP(address) !== 0), {
        message: 'must be IP addresses separated by commas, e.g. 127.0.0.1,::1',
      })
      .default([]),
    METRICS_TOKEN: z.string().min(32, 'must be at least 32 characters long').optional(),
  })
  .superRefine((env, ctx) => {
    if (env.NODE_ENV === 'production' && !env.AUTH_SECRET) {
      ctx.addIssue({ code: 'custom', path: ['AUTH_SECRET'], message: 'is required in production' });
    }
    if (env.NODE_ENV === 'production' && !env.BASE_URL) {
      ctx.addIssue({ code: 'custom', path: ['BASE_URL'], message: 'is required in production' });
    }
    if (env.NODE_ENV === 'production' && !env.SMTP_URL) {
      // Without it, verification and reset mail would only be written to files nobody reads.
      ctx.addIssue({ code: 'custom', path: ['SMTP_URL'], message: 'is required in production' });
    }
    if (env.NODE_ENV === 'production' && env.EVIDENCE_CHECK_ALLOW_HOSTS) {
      // Letting the evidence checker reach private addresses is for tests' local servers only.
      ctx.addIssue({
        code: 'custom',
        path: ['EVIDENCE_CHECK_ALLOW_HOSTS'],
        message: 'cannot be set in production',
      });
    }
    if (env.NODE_ENV === 'production' && env.SEED_DEMO_DATA) {
      ctx.addIssue({ code: 'custom', path: ['SEED_DEMO_DATA'], message: 'cannot be enabled in production' });
    }
  });

export interface Config {
  environment: 'development' | 'test' | 'production';
  host: string;
  port: number;
  /** Public origin of the site, without a trailing slash; links in mail and cookies derive from it. */
  baseUrl: string;
  database: { kind: 'sqlite'; path: string } | { kind: 'postgres'; url: string };
  dataDir: string;
  /** Where the published criteria versions (v1, v2, …) are read from. */
  criteriaDir: string;
  /** Signing keys, kept outside the database (mode 0600); DATA_DIR/keys unless set. */
  keysDir: string;
  /** Absent outside production: the app then keeps a generated secret in the data directory. */
  authSecret: string | undefined;
  smtpUrl: string | undefined;
  mailFrom: string;
  contactTo: string;
  logLevel: string;
  /**
   * How many reverse proxies in front of the app to trust (0: none); the client address for rate limits
   * is the one the outermost of them appended to X-Forwarded-For.
   */
  trustProxy: number;
  /** How long a certification is valid, never past the product's promised support end. */
  certificationValidityMonths: number;
  /** How long an unsuccessful application is kept (unless its company keeps it) before it is deleted. */
  unsuccessfulRetentionDays: number;
  /** How often each instance sweeps for expiries and reminders; 0 turns the timer off (tests sweep by hand). */
  sweepIntervalSeconds: number;
  /**
   * How long a claimed job belongs to the instance that claimed it; after that (the instance died) another
   * takes it over. Longer than any job runs, short enough that a crash delays follow-up work only briefly.
   */
  jobLeaseSeconds: number;
  seedDemoData: boolean;
  /** Private addresses the evidence checker may fetch from: only tests' local servers (never in production). */
  evidenceCheckAllowHosts: string[];
  /**
   * Where rate limits count: `memory` (one instance; the default on SQLite) or `database` (every instance
   * counts in the same rows; the default on PostgreSQL).
   */
  rateLimitStore: 'memory' | 'database';
  /** Client addresses that may read /metrics (as rate limits see them, through TRUST_PROXY). */
  metricsAllow: string[];
  /** A bearer token that opens /metrics from anywhere; unset, only `metricsAllow` does. */
  metricsToken: string | undefined;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((problem) => `  - ${problem}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** Reads the configuration; throws a ConfigError listing every bad variable by name. */
export function loadConfig(environment: Record<string, string | undefined>): Config {
  const present = Object.fromEntries(Object.entries(environment).filter(([, value]) => value !== ''));
  const parsed = environmentSchema.safeParse(present);
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((issue) => {
        const name = issue.path.join('.');
        const given = present[name];
        const shown =
          given === undefined || /SECRET|PASSWORD|TOKEN|SMTP_URL|DATABASE_URL/.test(name)
            ? ''
            : ` (got "${given}")`;
        return `${name} ${issue.message}${shown}`;
      }),
    );
  }
  const env = parsed.data;
  return {
    environment: env.NODE_ENV,
    host: env.HOST,
    port: env.PORT,
    baseUrl: env.BASE_URL ?? `http://localhost:${env.PORT}`,
    database: env.DATABASE_URL
      ? { kind: 'postgres', url: env.DATABASE_URL }
      : { kind: 'sqlite', path: env.SQLITE_PATH },
    dataDir: env.DATA_DIR,
    criteriaDir: env.CRITERIA_DIR,
    keysDir: env.KEYS_DIR ?? join(env.DATA_DIR, 'keys'),
    authSecret: env.AUTH_SECRET,
    smtpUrl: env.SMTP_URL,
    mailFrom: env.MAIL_FROM,
    contactTo: env.CONTACT_TO,
    logLevel: env.LOG_LEVEL,
    trustProxy: env.TRUST_PROXY,
    certificationValidityMonths: env.CERTIFICATION_VALIDITY_MONTHS,
    unsuccessfulRetentionDays: env.UNSUCCESSFUL_RETENTION_DAYS,
    sweepIntervalSeconds: env.SWEEP_INTERVAL_SECONDS,
    jobLeaseSeconds: env.JOB_LEASE_SECONDS,
    seedDemoData: env.SEED_DEMO_DATA ?? env.NODE_ENV !== 'production',
    evidenceCheckAllowHosts: env.EVIDENCE_CHECK_ALLOW_HOSTS ?? [],
    rateLimitStore: env.RATE_LIMIT_STORE ?? (env.DATABASE_URL ? 'database' : 'memory'),
    metricsAllow: env.METRICS_ALLOW,
    metricsToken: env.METRICS_TOKEN,
  };
}
