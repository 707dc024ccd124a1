import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createProduct,
  samplePdf,
  samplePng,
  sampleProduct,
  startApplication,
  answer,
} from '../support/applications';
import { companyWithOwner, joinCompany, newUser } from '../support/flows';
import type { HttpClient, PageResponse } from '../support/http';
import { startTestServer, type TestServer } from '../support/server';

/** Path parameters that name something a company owns; every route using one is attacked below. */
const ownedParameters = [
  'slug',
  'productId',
  'applicationId',
  'linkId',
  'fileId',
  'memberId',
  'invitationId',
];
/** Parameters that name the container of another: an attacker may pass their own and the victim's child. */
const containers = ['slug', 'applicationId'];

interface Company {
  owner: HttpClient;
  ids: Record<string, string>;
}

let server: TestServer;
let attacker: Company;
let victim: Company;

/** A company with a member, a pending invitation, a pictured product and an application with a link and a file. */
async function populatedCompany(slug: string, productName: string): Promise<Company> {
  const { owner } = await companyWithOwner(server, slug);
  const { user: mate } = await joinCompany(server, owner, slug);
  await owner.post(`/en/companies/${slug}/invitations`, { email: newUser('pending').email, role: 'member' });
  const productId = await createProduct(owner, slug, { ...sampleProduct, name: productName });
  expect(
    (await owner.upload(`/en/companies/${slug}/products/${productId}/image`, 'image', samplePng, 'p.png'))
      .status,
  ).toBe(303);
  const applicationId = await startApplication(owner, slug, productId);
  const criterion = (await server.running.services.criteriaPublications.current()).criteria.find(
    (each) => each.id === 'SEC-02',
  )!;
  expect((await answer(owner, applicationId, criterion, 'met', `${productName} secret answer`)).status).toBe(
    303,
  );
  const criterionPath = `/en/applications/${applicationId}/criteria/SEC-02`;
  await owner.post(`${criterionPath}/links`, {
    url: 'https://victim.example/policy',
    title: `${productName} policy`,
  });
  expect((await owner.upload(`${criterionPath}/files`, 'file', samplePdf, 'policy.pdf')).status).toBe(303);

  const companyPage = (await owner.get(`/en/companies/${slug}`)).text;
  const criterionPage = (await owner.get(criterionPath)).text;
  const find = (html: string, pattern: RegExp, what: string) => {
    const found = html.match(pattern)?.[1];
    if (!found) throw new Error(`No ${what} in the page`);
    return found;
  };
  const mateRow = companyPage.split('<tr>').find((row) => row.includes(mate.email)) ?? '';
  return {
    owner,
    ids: {
      slug,
      productId,
      applicationId,
      criterionId: 'SEC-02',
      memberId: find(mateRow, /\/members\/([^/]+)\/role/, 'member'),
      invitationId: find(companyPage, /\/invitations\/([^/]+)\/cancel/, 'invitation'),
      linkId: find(criterionPage, /\/links\/([^/]+)\/remove/, 'link'),
      fileId: find(criterionPage, /\/files\/([^/]+)\/remove/, 'file'),
    },
  };
}

/** What the victim's owner sees of their own data; must be the same after every attack. */
async function victimState(): Promise<string[]> {
  const { slug, productId, applicationId } = victim.ids;
  const pages = [
    `/en/companies/${slug}`,
    `/en/companies/${slug}/products/${productId}`,
    `/en/applications/${applicationId}/criteria/SEC-02`,
  ];
  return Promise.all(
    pages.map(async (path) => {
      const page = await victim.owner.get(path);
      expect(page.status, path).toBe(200);
      // Only the main content: the header carries the signed-in person, not what the page is about.
      return page.text.slice(page.text.indexOf('<main'), page.text.indexOf('</main>'));
    }),
  );
}

/** Everything a hostile form could try to change, whatever the route expects. */
const hostileForm = {
  ...sampleProduct,
  name: 'Hijacked',
  role: 'admin',
  status: 'not-met',
  explanation: 'Hijacked',
  revision: '1',
  url: 'https://attacker.example/',
  title: 'Hijacked',
  email: 'attacker@example.test',
  memberId: '',
  sourceApplicationId: '',
};

beforeAll(async () => {
  server = await startTestServer();
  victim = await populatedCompany('victim-co', 'Victim Vault');
  attacker = await populatedCompany('attacker-co', 'Attacker Arm');
}, 120_000);

afterAll(async () => {
  await server?.close();
});

describe('cross-company access', () => {
  it("denies every route that names another company's slug, product, application, evidence, member or invitation", async () => {
    const before = await victimState();
    const routes = server.running.routes.filter((route) =>
      ownedParameters.some((name) => route.path.includes(`:${name}`)),
    );
    expect(routes.length).toBeGreaterThan(25);
    const attempts: { route: string; path: string; response: PageResponse }[] = [];
    for (const route of routes) {
      const names = [...route.path.matchAll(/:(\w+)/g)].map((match) => match[1]!);
      // The victim's IDs throughout, then the attacker's containers holding the victim's children.
      const variants = [victim.ids];
      if (names.some((name) => containers.includes(name)) && names.some((name) => !containers.includes(name)))
        variants.push({
          ...victim.ids,
          slug: attacker.ids.slug!,
          applicationId: attacker.ids.applicationId!,
        });
      for (const ids of variants) {
        const path = route.path.replace(/:(\w+)/g, (_, name: string) =>
          name === 'locale' ? 'en' : ids[name]!,
        );
        if (
          path ===
          route.path.replace(/:(\w+)/g, (_, name: string) => (name === 'locale' ? 'en' : attacker.ids[name]!))
        )
          continue; // the attacker's own resource
        const response =
          route.method === 'GET'
            ? await attacker.owner.get(path)
            : path.endsWith('/files') || path.endsWith('/image')
              ? await attacker.owner.upload(
                  path,
                  path.endsWith('/files') ? 'file' : 'image',
                  samplePng,
                  'x.png',
                )
              : await attacker.owner.post(path, hostileForm);
        attempts.push({ route: `${route.method} ${route.path}`, path, response });
      }
    }
    const allowed = attempts.filter(({ response }) => ![403, 404].includes(response.status));
    expect(allowed.map(({ route, path, response }) => `${route} ${path} → ${response.status}`)).toEqual([]);
    for (const { path, response } of attempts) {
      expect(response.text, path).not.toContain('Victim Vault');
      expect(response.text, path).not.toContain('victim.example');
    }
    expect(await victimState()).toEqual(before);
    process.stdout.write(
      `cross-company: ${attempts.length} attempts over ${routes.length} routes, all denied\n`,
    );
  });

  it("denies another company's IDs sent in a form to the attacker's own company", async () => {
    const before = await victimState();
    const { slug, productId } = attacker.ids;
    const transfer = await attacker.owner.post(`/en/companies/${slug}/transfer`, {
      memberId: victim.ids.memberId!,
    });
    expect(transfer.status).toBe(404);
    const copied = await attacker.owner.post(`/en/companies/${slug}/products/${productId}/applications`, {
      sourceApplicationId: victim.ids.applicationId!,
    });
    expect(copied.status).toBe(404);
    expect(copied.text).not.toContain('Victim Vault');
    const oversized = await attacker.owner.post(`/en/companies/${slug}/products/${productId}/applications`, {
      sourceApplicationId: 'x'.repeat(101),
    });
    expect(oversized.status).toBe(404);
    expect(await victimState()).toEqual(before);
  });
});
