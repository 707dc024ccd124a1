import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config';

function problemsOf(environment: Record<string, string>): string[] {
  try {
    loadConfig(environment);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
}

describe('loadConfig', () => {
  it('runs on embedded SQLite with demo data and a localhost address by default', () => {
    const config = loadConfig({});
    expect(config.database).toEqual({ kind: 'sqlite', path: './data/trustmark.sqlite' });
    expect(config.baseUrl).toBe('http://localhost:3000');
    expect(config.seedDemoData).toBe(true);
    expect(config.environment).toBe('development');
  });

  it('chooses PostgreSQL when DATABASE_URL is a postgres URL', () => {
    const config = loadConfig({ DATABASE_URL: 'postgres://app:secret@db:5432/trustmark' });
    expect(config.database).toEqual({ kind: 'postgres', url: 'postgres://app:secret@db:5432/trustmark' });
  });

  it('names every bad variable and what it should be', () => {
    const problems = problemsOf({
      PORT: '99999',
      DATABASE_URL: 'mysql://x',
      SMTP_URL: 'mail.example',
      TRUST_PROXY: 'maybe',
    });
    expect(problems).toContain('PORT must be between 0 and 65535 (got "99999")');
    expect(problems.some((problem) => problem.startsWith('DATABASE_URL must be a postgres:// URL'))).toBe(
      true,
    );
    expect(problems.some((problem) => problem.startsWith('SMTP_URL must be an smtp://'))).toBe(true);
    expect(problems).toContain(
      'TRUST_PROXY must be false, true or a number of proxies from 0 to 10 (got "maybe")',
    );
  });

  it('reads TRUST_PROXY as a number of trusted proxies, true meaning one', () => {
    const hops = (value: string) => loadConfig({ TRUST_PROXY: value }).trustProxy;
    expect([hops('false'), hops('no'), hops('0'), hops('true'), hops('yes'), hops('1'), hops('3')]).toEqual([
      0, 0, 0, 1, 1, 1, 3,
    ]);
    expect(loadConfig({}).trustProxy).toBe(0);
    for (const bad of ['-1', '11', '1.5', 'TRUE', ' 2']) {
      expect(problemsOf({ TRUST_PROXY: bad }), bad).toHaveLength(1);
    }
  });

  it('never repeats secrets back in an error message', () => {
    const problems = problemsOf({ AUTH_SECRET: 'short-secret', DATABASE_URL: 'mysql://user:hunter2@x' });
    expect(problems.join('\n')).not.toContain('short-secret');
    expect(problems.join('\n')).not.toContain('hunter2');
  });

  it('insists on a secret, a public address and a mail server in production, and refuses demo data there', () => {
    const problems = problemsOf({ NODE_ENV: 'production', SEED_DEMO_DATA: 'true' });
    expect(problems).toEqual([
      'AUTH_SECRET is required in production',
      'BASE_URL is required in production',
      'SMTP_URL is required in production',
      'SEED_DEMO_DATA cannot be enabled in production (got "true")',
    ]);
    const config = loadConfig({
      NODE_ENV: 'production',
      AUTH_SECRET: 'x'.repeat(40),
      BASE_URL: 'https://mark.example/',
      SMTP_URL: 'smtp://mail.example:587',
    });
    expect(config.baseUrl).toBe('https://mark.example');
    expect(config.seedDemoData).toBe(false);
  });

  it('counts rate limits in the database on PostgreSQL and in memory on SQLite, unless told', () => {
    expect(loadConfig({}).rateLimitStore).toBe('memory');
    expect(loadConfig({ DATABASE_URL: 'postgres://app@db/trustmark' }).rateLimitStore).toBe('database');
    expect(loadConfig({ RATE_LIMIT_STORE: 'database' }).rateLimitStore).toBe('database');
    expect(problemsOf({ RATE_LIMIT_STORE: 'redis' })).toEqual([
      'RATE_LIMIT_STORE must be memory or database (got "redis")',
    ]);
  });

  it('opens /metrics to listed addresses or a long token, never repeating the token', () => {
    expect(loadConfig({}).metricsAllow).toEqual([]);
    expect(loadConfig({ METRICS_ALLOW: '127.0.0.1, ::1' }).metricsAllow).toEqual(['127.0.0.1', '::1']);
    expect(problemsOf({ METRICS_ALLOW: '127.0.0.1,localhost' })).toEqual([
      'METRICS_ALLOW must be IP addresses separated by commas, e.g. 127.0.0.1,::1 (got "127.0.0.1,localhost")',
    ]);
    expect(problemsOf({ METRICS_TOKEN: 'short-secret' })).toEqual([
      'METRICS_TOKEN must be at least 32 characters long',
    ]);
  });

  it('treats an empty variable as unset', () => {
    expect(loadConfig({ PORT: '', SMTP_URL: '' }).port).toBe(3000);
  });
});
