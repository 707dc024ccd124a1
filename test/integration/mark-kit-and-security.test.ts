import { execFile } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { temporaryDirectory } from '../support/database';
import { companyWithOwner, joinCompany, signedInUser } from '../support/flows';
import type { HttpClient } from '../support/http';
import { certifiedCompany, reviewerPair, submittedProduct } from '../support/review';
import { startTestServer, type TestServer } from '../support/server';

/**
 * Issue 18, items 3 to 5: the language-neutral short link, the company's mark kit and the live security
 * information of certified products, over real HTTP on the configured database.
 */
let server: TestServer;
let reviewers: HttpClient[];
let owner: HttpClient;
let outsider: HttpClient;
let certificationId: string;
let productPath: string;
let ownerEmail: string;

beforeAll(async () => {
  server = await startTestServer();
  reviewers = await reviewerPair(server);
  const certified = await certifiedCompany(server, reviewers, 'kitco', { name: 'Kit Camera' });
  ({ owner, certificationId } = certified);
  productPath = `/en/companies/kitco/products/${certified.productId}`;
  ownerEmail = certified.user.email;
  ({ owner: outsider } = await companyWithOwner(server, 'otherco'));
}, 120_000);
afterAll(async () => {
  await server?.close();
});

const notice = {
  title: 'Remote code execution in the web interface',
  date: '2026-11-20',
  severity: 'high',
  affectedVersions: '1.0 to 1.4.2',
  fixedVersion: '1.4.3',
  advisoryUrl: 'https://kitco.example/advisories/2026-01',
  csafUrl: 'https://kitco.example/csaf/2026-01.json',
};

describe('the short link', () => {
  it('redirects to the product page in the visitor’s language, English when none fits, and knows no other id', async () => {
    const visitor = server.client();
    const german = await visitor.get(`/p/${certificationId}`, {
      'accept-language': 'de-DE,de;q=0.9,en;q=0.5',
    });
    expect(german.status).toBe(302);
    expect(german.location).toBe(`/de/products/${certificationId}`);
    expect(german.headers.get('vary')).toContain('Accept-Language');
    expect((await visitor.get(`/p/${certificationId}`, { 'accept-language': 'fr' })).location).toBe(
      `/en/products/${certificationId}`,
    );
    expect((await visitor.get(`/p/${certificationId}`)).location).toBe(`/en/products/${certificationId}`);
    expect((await visitor.get('/p/no-such-certification')).status).toBe(404);
  });

  it('is what the badge snippet, the credential and the mail point to', async () => {
    const page = (await server.client().get(`/en/products/${certificationId}`)).text;
    expect(page).toContain(`&lt;a href=&quot;${server.url}/p/${certificationId}&quot;&gt;`);
    const credential = (await server.client().get(`/credentials/${certificationId}`)).text;
    const payload = JSON.parse(Buffer.from(credential.split('.')[1]!, 'base64url').toString()) as {
      credentialSubject: { id: string };
    };
    expect(payload.credentialSubject.id).toBe(`${server.url}/p/${certificationId}`);
    const mail = await server.smtp.waitFor(ownerEmail, /Kit Camera: the review has been decided/);
    expect(mail.text).toContain(`${server.url}${productPath}/kit`);
  });

  it('serves QR codes as SVG and PNG that any site may embed', async () => {
    const svg = await server.client().get(`/p/${certificationId}/qr.svg`);
    expect(svg.status).toBe(200);
    expect(svg.headers.get('content-type')).toContain('image/svg+xml');
    expect(svg.headers.get('cross-origin-resource-policy')).toBe('cross-origin');
    expect(svg.text).toMatch(/^<svg[\s\S]*<\/svg>\s*$/);
    const png = await fetch(`${server.url}/p/${certificationId}/qr.png`);
    expect(png.headers.get('content-type')).toBe('image/png');
    expect(png.headers.get('cross-origin-resource-policy')).toBe('cross-origin');
    const bytes = Buffer.from(await png.arrayBuffer());
    expect(bytes.subarray(1, 4).toString()).toBe('PNG');
    // IHDR: width and height, big-endian, at bytes 16 and 20.
    expect([bytes.readUInt32BE(16), bytes.readUInt32BE(20)]).toEqual([1024, 1024]);
    // A company page stays same-origin only.
    const kit = await owner.get(`${productPath}/kit`);
    expect(kit.headers.get('cross-origin-resource-policy')).toBe('same-origin');
  });
});

describe('the badge variants', () => {
  it('serves every variant with the badge’s headers, from the app and then from the cache', async () => {
    const variants = ['compact', 'full'].flatMap((style) =>
      ['light', 'dark'].flatMap((theme) => ['en', 'de'].map((language) => `${style}-${theme}-${language}`)),
    );
    for (const variant of variants) {
      const path = `/badge/${certificationId}/${variant}.svg`;
      const miss = await server.client().get(path);
      const hit = await server.client().get(path);
      expect(miss.status, variant).toBe(200);
      expect(hit.text, variant).toBe(miss.text);
      expect(miss.headers.get('cross-origin-resource-policy'), variant).toBe('cross-origin');
      expect(miss.headers.get('etag'), variant).toBe(hit.headers.get('etag'));
      expect(miss.text, variant).toMatch(variant.endsWith('de') ? /zertifiziert bis/ : /certified until/);
      if (variant.startsWith('full'))
        expect(miss.text, variant).toMatch(variant.endsWith('de') ? /Privatsphäre/ : /Privacy/);
    }
    expect((await server.client().get(`/badge/${certificationId}/huge-pink-fr.svg`)).status).toBe(404);
    expect((await server.client().get(`/badge/no-such/full-dark-de.svg`)).status).toBe(404);
  });
});

describe('the mark kit', () => {
  it('gives the owning company every item, with the right types', async () => {
    const kit = await owner.get(`${productPath}/kit`);
    expect(kit.status).toBe(200);
    expect(kit.text).toContain(`/badge/${certificationId}/full-dark-de.svg`);
    expect(kit.text).toContain(
      `[![Trustmark: Kit Camera](${server.url}/badge/${certificationId}.svg)](${server.url}/p/${certificationId})`,
    );
    expect(kit.text).toContain(`/credentials/${certificationId}`);
    const label = await owner.get(`${productPath}/kit/label.svg`);
    expect(label.status).toBe(200);
    expect(label.headers.get('content-type')).toContain('image/svg+xml');
    expect(label.text).toContain('width="74mm" height="40mm"');
    expect(label.text).toContain(`${server.url}/p/${certificationId}`);
    expect(label.text).toContain('Security updates until');
    const german = await owner.get(
      `/de/companies/kitco/products/${productPath.split('/').pop()}/kit/label.svg`,
    );
    expect(german.text).toContain('Sicherheitsupdates bis');
  });

  it('is not found for another company, for a product never certified, and asks strangers to sign in', async () => {
    for (const path of [`${productPath}/kit`, `${productPath}/kit/label.svg`, `${productPath}/security`])
      expect((await outsider.get(path)).status, path).toBe(404);
    const outsiderPath = productPath.replace('/kitco/', '/otherco/');
    expect((await outsider.get(`${outsiderPath}/kit`)).status).toBe(404);
    expect((await server.client().get(`${productPath}/kit`)).location).toContain('/sign-in?next=');
    const { owner: pendingOwner } = await companyWithOwner(server, 'pendco');
    const { productId } = await submittedProduct(server, pendingOwner, 'pendco', { name: 'Pending Plug' });
    const pending = `/en/companies/pendco/products/${productId}`;
    expect((await pendingOwner.get(`${pending}/kit`)).status).toBe(404);
    expect((await pendingOwner.get(`${pending}/security`)).status).toBe(404);
    expect((await pendingOwner.post(`${pending}/security/notices`, notice)).status).toBe(404);
    const rows = await server.running.services.database.db
      .selectFrom('security_notice')
      .select('id')
      .where('product_id', '=', productId)
      .execute();
    expect(rows).toEqual([]);
  });
});

describe('security information', () => {
  it('refuses what is invalid with a message, and notices from another company', async () => {
    const bad = await owner.post(`${productPath}/security/notices`, {
      ...notice,
      advisoryUrl: 'javascript:alert(1)',
      date: '2999-01-01',
      severity: 'apocalyptic',
    });
    expect(bad.status).toBe(422);
    expect(bad.text).toContain('Please enter a full web address');
    expect(bad.text).toContain('This date has not come yet');
    const tooLong = await owner.post(`${productPath}/security/releases`, {
      version: 'x'.repeat(61),
      releasedOn: '2026-11-01',
      notesUrl: 'https://kitco.example/notes',
    });
    expect(tooLong.status).toBe(422);
    const ancient = await owner.post(`${productPath}/security/releases`, {
      version: '1.0',
      releasedOn: '0001-01-01',
      notesUrl: 'https://kitco.example/notes',
    });
    expect(ancient.status).toBe(422);
    expect(ancient.text).toContain('This date is before 1990');
    expect((await outsider.post(`${productPath}/security/notices`, notice)).status).toBe(404);
  });

  it('lets a plain member read the security page but not publish: that is the owner’s and administrators’ word', async () => {
    const { teammate } = await joinCompany(server, owner, 'kitco', 'member');
    const page = await teammate.get(`${productPath}/security`);
    expect(page.status).toBe(200);
    expect(page.text).toContain('Only the company’s owner and administrators publish security information.');
    expect(page.text).not.toContain(`action="${productPath}/security/notices"`);
    const refused = await teammate.post(`${productPath}/security/notices`, {
      ...notice,
      title: 'Member notice',
    });
    expect(refused.status).toBe(403);
    const api = await server.client().get(`/api/v1/products/${certificationId}/security`);
    expect(api.text).not.toContain('Member notice');
  });

  it('publishes a notice and a release on the page (at once), the feed and the API, with audit entries', async () => {
    const publicPage = `/en/products/${certificationId}`;
    expect((await server.client().get(publicPage)).text).toContain(
      'No security notices have been published.',
    );
    const published = await owner.post(`${productPath}/security/notices`, notice);
    expect(published.status).toBe(303);
    const release = {
      version: '1.4.3',
      releasedOn: '2026-11-21',
      notesUrl: 'https://kitco.example/notes/1.4.3',
    };
    expect((await owner.post(`${productPath}/security/releases`, release)).status).toBe(303);

    const page = (await server.client().get(publicPage)).text;
    expect(page).toContain(notice.title);
    expect(page).toContain(notice.csafUrl);
    expect(page).toContain('https://kitco.example/notes/1.4.3');
    // The label at the top leads with them too, and so does its printable view.
    const label = /<section class="label"[\s\S]*?<\/section>/.exec(page)?.[0] ?? '';
    expect(label).toContain(`Latest security notice</strong> <a href="#security">High: ${notice.title}</a>`);
    expect(label).toContain('Latest firmware</strong> 1.4.3');
    expect((await server.client().get(`${publicPage}/label`)).text).toContain(
      `href="${publicPage}#security">High: ${notice.title}`,
    );
    const german = (await server.client().get(`/de/products/${certificationId}`)).text;
    expect(german).toContain('Sicherheitshinweise');
    expect(german).toContain('Neueste Sicherheitsmeldung');

    const feed = await server.client().get(`/en/products/${certificationId}/security.atom`);
    expect(feed.headers.get('content-type')).toContain('application/atom+xml');
    expect(feed.text).toContain(`Security notice (High): ${notice.title}`);
    expect(feed.text).toContain('Firmware 1.4.3 released');

    const api = await server.client().get(`/api/v1/products/${certificationId}/security`);
    expect(api.status).toBe(200);
    const body = JSON.parse(api.text) as Record<string, unknown>;
    expect(body).toMatchObject({
      certificationId,
      securityUpdatesEnded: false,
      notices: [{ ...notice }],
      firmwareReleases: [{ version: '1.4.3', date: '2026-11-21', notesUrl: release.notesUrl }],
    });
    expect((await server.client().get('/api/v1/products/nothing/security')).status).toBe(404);

    const audit = await server.running.services.database.db
      .selectFrom('audit_event')
      .select('action')
      .where('subject_id', '=', certificationId)
      .where('action', 'in', ['security-notice-published', 'firmware-release-published'])
      .execute();
    expect(audit.map((row) => row.action).sort()).toEqual([
      'firmware-release-published',
      'security-notice-published',
    ]);
  });

  it('takes nothing more on a revoked record, whose kit is gone too', async () => {
    const revoked = await certifiedCompany(server, reviewers, 'revco', { name: 'Revoked Router' });
    const { client: admin } = await signedInUser(server, 'admin');
    const changed = await admin.post(`/en/admin/certifications/${revoked.certificationId}/status`, {
      action: 'revoke',
      reason: 'Never fixed.',
    });
    expect(changed.status).toBe(303);
    const path = `/en/companies/revco/products/${revoked.productId}`;
    const refused = await revoked.owner.post(`${path}/security/notices`, notice);
    expect(refused.status).toBe(409);
    expect(refused.text).toContain('has been revoked');
    expect((await revoked.owner.get(`${path}/kit`)).status).toBe(404);
    const rows = await server.running.services.database.db
      .selectFrom('security_notice')
      .select('id')
      .where('product_id', '=', revoked.productId)
      .execute();
    expect(rows).toEqual([]);
  });

  it('says "security updates ended" on the page, the badge and the API once the support period is over', async () => {
    const { certificationId: endedId } = await certifiedCompany(server, reviewers, 'endco', {
      name: 'Old Hub',
    });
    await server.running.services.database.db
      .updateTable('certification')
      .set({ support_end_date: '2020-01-31', updated_at: new Date().toISOString() })
      .where('id', '=', endedId)
      .execute();
    server.running.services.badges.invalidate(endedId);
    server.running.services.pages.invalidate();
    expect((await server.client().get(`/en/products/${endedId}`)).text).toContain('Security updates ended');
    expect((await server.client().get(`/badge/${endedId}.svg`)).text).toContain('security updates ended');
    expect((await server.client().get(`/badge/${endedId}/compact-light-de.svg`)).text).toContain(
      'Sicherheitsupdates beendet',
    );
    const api = JSON.parse((await server.client().get(`/api/v1/products/${endedId}`)).text) as {
      product: { securityUpdatesEnded: boolean };
    };
    expect(api.product.securityUpdatesEnded).toBe(true);
  });
});

describe('the new pages', () => {
  it('refuse a post from another site and a body past the form’s limit', async () => {
    const crossSite = await owner.post(`${productPath}/security/notices`, notice, {
      origin: 'https://evil.example',
    });
    expect(crossSite.status).toBe(403);
    const oversized = await owner.post(`${productPath}/security/releases`, {
      version: '1',
      releasedOn: '2026-11-01',
      notesUrl: `https://kitco.example/${'a'.repeat(200_000)}`,
    });
    expect(oversized.status).toBe(413);
  });

  it('are valid HTML in both languages, the forms with their errors too', async () => {
    const pages: [string, HttpClient, number][] = [];
    for (const locale of ['en', 'de']) {
      const company = productPath.replace(/^\/en\//, `/${locale}/`);
      pages.push(
        [`/${locale}/products/${certificationId}`, server.client(), 200],
        [`${company}/kit`, owner, 200],
        [`${company}/security`, owner, 200],
        [company, owner, 200],
      );
    }
    const directory = temporaryDirectory();
    try {
      const files: string[] = [];
      for (const [path, client, status] of pages) {
        const response = await client.get(path);
        expect(response.status, path).toBe(status);
        files.push(join(directory.path, `${path.replace(/\W+/g, '_')}.html`));
        writeFileSync(files.at(-1)!, response.text);
      }
      const refused = await owner.post(`${productPath}/security/notices`, { ...notice, title: '' });
      expect(refused.status).toBe(422);
      files.push(join(directory.path, 'refused.html'));
      writeFileSync(files.at(-1)!, refused.text);
      const validator = join(process.cwd(), 'node_modules', 'vnu-jar', 'build', 'dist', 'vnu.jar');
      const result = await promisify(execFile)('java', [
        '-jar',
        validator,
        '--errors-only',
        '--format',
        'json',
        ...files,
      ]).catch((error: { stderr?: string }) => ({ stderr: error.stderr ?? '' }));
      const report = JSON.parse(result.stderr || '{"messages":[]}') as {
        messages: { type: string; url: string; message: string; lastLine?: number }[];
      };
      const errors = report.messages
        .filter((message) => message.type === 'error')
        .map((message) => `${message.url.split('/').pop()}:${message.lastLine ?? '?'} ${message.message}`);
      expect(errors).toEqual([]);
    } finally {
      directory.remove();
    }
  });
});
