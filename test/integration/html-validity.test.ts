import { execFile } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { temporaryDirectory } from '../support/database';
import { signInThroughHttp, signedInUser } from '../support/flows';
import { publicPagePaths } from '../support/pages';
import { startTestServer, type TestServer } from '../support/server';

const run = promisify(execFile);
/** The Nu Html Checker from the vnu-jar package, run on the machine's Java; it works offline. */
const validatorJar = join(process.cwd(), 'node_modules', 'vnu-jar', 'build', 'dist', 'vnu.jar');

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ seed: true });
});
afterAll(async () => {
  await server?.close();
});

describe('HTML validity', () => {
  it('serves valid HTML on every public page and the main signed-in pages, in both languages', async () => {
    const applicant = server.running.demoCredentials?.accounts.find(
      (account) => account.role === 'applicant',
    );
    if (!applicant) throw new Error('No demo applicant');
    const visitor = server.client();
    const member = server.client();
    await signInThroughHttp(member, applicant.email, applicant.password);

    const created = await member.post('/en/companies/demo-devices/products', {
      name: 'Validated Sensor',
      category: 'smart-home',
      modelNumbers: 'VS-1',
      webPageUrl: 'https://demo.example/sensor',
      description: 'A sensor whose pages are checked.',
      firmwareVersion: '1.0',
      supportEndDate: '2033-01-31',
    });
    const productPath = created.location!.split('?')[0]!;
    const started = await member.post(`${productPath}/applications`, { sourceApplicationId: '' });
    const applicationPath = started.location!;
    const registry = JSON.parse((await visitor.get('/api/v1/products')).text) as { items: { id: string }[] };
    const certified = registry.items[0]?.id;
    expect(certified).toBeDefined();
    const pages: Array<[string, typeof visitor]> = [];
    for (const locale of ['en', 'de']) {
      for (const path of [
        ...publicPagePaths,
        '/products',
        '/open-data',
        `/products/${certified}`,
        `/products/${certified}/label`,
        `/products/${certified}/concern`,
        '/concerns/confirm?token=example',
      ]) {
        pages.push([`/${locale}${path}`, visitor]);
      }
      for (const path of [
        '/account',
        '/account/two-factor',
        '/account/delete',
        '/companies/new',
        '/companies/demo-devices',
      ]) {
        pages.push([`/${locale}${path}`, member]);
      }
      const inLocale = (path: string) => path.replace(/^\/en\//, `/${locale}/`);
      for (const path of [
        '/en/companies/demo-devices/products',
        '/en/companies/demo-devices/products/new',
        productPath,
        applicationPath,
        `${applicationPath}/criteria/SEC-01`,
        `${applicationPath}/print`,
      ]) {
        pages.push([inLocale(path), member]);
      }
    }
    pages.push(['/en/news/lessons-from-the-first-reviews', visitor], ['/en/no-such-page', visitor]);
    const { client: admin } = await signedInUser(server, 'admin');
    const [firstPost] = await server.running.services.news.listAll();
    const [firstPartner] = await server.running.services.partners.list();
    for (const path of [
      '/en/admin/criteria',
      '/en/admin/statistics',
      '/en/admin/jobs',
      '/en/admin/reviews',
      '/en/admin/news',
      '/en/admin/news/new',
      `/en/admin/news/${firstPost!.id}`,
      '/en/admin/partners',
      `/en/admin/partners/${firstPartner!.id}`,
    ]) {
      pages.push([path, admin]);
    }

    const directory = temporaryDirectory();
    try {
      const files: string[] = [];
      for (const [path, client] of pages) {
        const response = await client.get(path);
        expect(response.status, path).toBe(path.endsWith('no-such-page') ? 404 : 200);
        const file = join(directory.path, `${path.replace(/\W+/g, '_')}.html`);
        writeFileSync(file, response.text);
        files.push(file);
      }
      // The Verify page's answer, with every check listed.
      const demo = JSON.parse((await visitor.get('/api/v1/products')).text) as { items: { id: string }[] };
      const credential = (await visitor.get(`/credentials/${demo.items[0]!.id}`)).text;
      const verified = await visitor.post('/en/verify', { credential });
      expect(verified.text).toContain('data-verdict="valid"');
      const verifiedFile = join(directory.path, 'verify-result.html');
      writeFileSync(verifiedFile, verified.text);
      files.push(verifiedFile);
      const result = await run('java', [
        '-jar',
        validatorJar,
        '--errors-only',
        '--format',
        'json',
        ...files,
      ]).catch((error: { stderr?: string }) => ({ stderr: error.stderr ?? '' }));
      const report = JSON.parse(result.stderr || '{"messages":[]}') as {
        messages: Array<{ type: string; url: string; message: string; lastLine?: number }>;
      };
      const errors = report.messages
        .filter((message) => message.type === 'error')
        .map((message) => `${message.url.split('/').pop()}:${message.lastLine ?? '?'} ${message.message}`);
      expect(errors).toEqual([]);
      expect(files).toHaveLength(pages.length + 1);
    } finally {
      directory.remove();
    }
  });
});
