// Bundles the server (dependencies stay in node_modules) and the browser enhancement script.
import { copyFileSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';

const common = {
  bundle: true,
  sourcemap: true,
  logLevel: 'warning',
  jsx: 'automatic',
  jsxImportSource: 'hono/jsx',
};

// `node scripts/build.mjs --bench` also bundles the benchmarks, which start the real server in a child process.
const bench = process.argv.includes('--bench')
  ? [
      'serve',
      'badge',
      'search',
      'page-weight',
      'plain-server',
      'decide',
      'pages',
      'autosave',
      'all',
      'log',
      'restore',
    ].map((name) =>
      build({
        ...common,
        entryPoints: [`bench/${name}.ts`],
        outfile: `dist/bench/${name}.js`,
        platform: 'node',
        format: 'esm',
        target: 'node24',
        packages: 'external',
      }),
    )
  : [];

await Promise.all([
  ...bench,
  build({
    ...common,
    entryPoints: ['src/main.ts'],
    outfile: 'dist/main.js',
    platform: 'node',
    format: 'esm',
    target: 'node24',
    packages: 'external',
  }),
  // The command-line tools: npm run monitor, verify, rotate-credential-key, log:verify, backup and restore.
  ...['monitor', 'verify', 'rotate-credential-key', 'log-verify', 'backup', 'restore'].map((name) =>
    build({
      ...common,
      entryPoints: [`src/cli/${name}.ts`],
      outfile: `dist/${name}.js`,
      platform: 'node',
      format: 'esm',
      target: 'node24',
      packages: 'external',
    }),
  ),
  // npm run topology: README's production topology (nginx, two instances, PostgreSQL) from deploy/.
  build({
    ...common,
    entryPoints: ['scripts/topology/main.ts'],
    outfile: 'dist/topology.js',
    platform: 'node',
    format: 'esm',
    target: 'node24',
    packages: 'external',
  }),
  build({
    ...common,
    entryPoints: ['src/client/app.ts'],
    outfile: 'dist/public/app.js',
    platform: 'browser',
    format: 'esm',
    target: 'es2022',
    minify: true,
  }),
]);

// Static files go to dist/public with a gzip copy each, which the server sends to clients that accept it.
mkdirSync('dist/public', { recursive: true });
for (const name of readdirSync('public')) copyFileSync(join('public', name), join('dist/public', name));
for (const name of readdirSync('dist/public')) {
  if (/\.(css|js|svg)$/.test(name)) {
    writeFileSync(
      join('dist/public', `${name}.gz`),
      gzipSync(readFileSync(join('dist/public', name)), { level: 9 }),
    );
  }
}
