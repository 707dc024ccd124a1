import { defineConfig } from 'vitest/config';

// Three suites: unit (pure code), integration (real HTTP against a running server, a real database and
// a real SMTP server) and browser (Debian's Chromium driven by playwright-core).
export default defineConfig({
  oxc: { jsx: { runtime: 'automatic', importSource: 'hono/jsx' } },
  test: {
    // `npm test` runs with --coverage: statements of the domain rules, the features and the web layer and
    // platform (exercised through the real server in the integration and browser suites) must stay at 90% or above.
    coverage: {
      provider: 'v8',
      include: ['src/app/**', 'src/features/**', 'src/platform/**'],
      reporter: ['text-summary'],
      thresholds: { statements: 90 },
    },
    projects: [
      {
        extends: true,
        test: { name: 'unit', include: ['test/unit/**/*.test.{ts,tsx}'] },
      },
      {
        extends: true,
        test: {
          name: 'integration',
          include: ['test/integration/**/*.test.{ts,tsx}'],
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      {
        extends: true,
        test: {
          name: 'browser',
          include: ['test/browser/**/*.test.{ts,tsx}'],
          testTimeout: 120_000,
          hookTimeout: 120_000,
          // One Chromium at a time keeps a 2-core machine responsive.
          fileParallelism: false,
        },
      },
      {
        extends: true,
        test: {
          // The production topology (npm run topology): nginx, two instances, PostgreSQL; run by .ci/run.
          name: 'topology',
          include: ['test/topology/**/*.test.ts'],
          testTimeout: 120_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
