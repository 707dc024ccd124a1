// Bundles the server (dependencies stay in node_modules) and the browser enhancement script.
import { build } from 'esbuild';

const common = {
  bundle: true,
  sourcemap: true,
  logLevel: 'warning',
  jsx: 'automatic',
  jsxImportSource: 'hono/jsx',
};

await Promise.all([
  build({
    ...common,
    entryPoints: ['src/main.ts'],
    outfile: 'dist/main.js',
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
