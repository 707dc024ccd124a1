import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decideAccess, type AccessPolicy, type PlatformRole } from '../../src/platform/auth/access';
import { signedInUser } from '../support/flows';
import type { HttpClient, PageResponse } from '../support/http';
import { startTestServer, type TestServer } from '../support/server';

/**
 * The expected policy of every route. Adding a route without adding it here fails the first test,
 * and changing a route's policy in the code without changing it here fails the second.
 */
const expectedPolicies: Record<string, AccessPolicy> = {
  'GET /healthz': 'public',
  'GET /readyz': 'public',
  'GET /metrics': 'public',
  'GET /:locale': 'public',
  'GET /:locale/dimensions': 'public',
  'GET /:locale/partners': 'public',
  'GET /:locale/news': 'public',
  'GET /:locale/news/feed.atom': 'public',
  'GET /:locale/news/:slug': 'public',
  'GET /:locale/privacy': 'public',
  'GET /:locale/contact': 'public',
  'POST /:locale/contact': 'public',
  'GET /:locale/sign-up': 'public',
  'POST /:locale/sign-up': 'public',
  'GET /:locale/sign-in': 'public',
  'POST /:locale/sign-in': 'public',
  'GET /:locale/sign-in/two-factor': 'public',
  'POST /:locale/sign-in/two-factor': 'public',
  'POST /:locale/sign-out': 'public',
  'GET /:locale/verify-email': 'public',
  'GET /:locale/forgot-password': 'public',
  'POST /:locale/forgot-password': 'public',
  'GET /:locale/reset-password': 'public',
  'POST /:locale/reset-password': 'public',
  'GET /:locale/account': 'signed-in',
  'GET /:locale/account/two-factor': 'signed-in',
  'POST /:locale/account/two-factor': 'signed-in',
  'POST /:locale/account/two-factor/confirm': 'signed-in',
  'GET /:locale/companies/new': 'signed-in',
  'POST /:locale/companies': 'signed-in',
  'GET /:locale/companies/:slug': 'signed-in',
  'POST /:locale/companies/:slug/invitations': 'signed-in',
  'POST /:locale/companies/:slug/invitations/:invitationId/cancel': 'signed-in',
  'POST /:locale/companies/:slug/members/:memberId/role': 'signed-in',
  'POST /:locale/companies/:slug/members/:memberId/remove': 'signed-in',
  'POST /:locale/companies/:slug/transfer': 'signed-in',
  'POST /:locale/companies/:slug/close': 'signed-in',
  'GET /:locale/invitations/:invitationId': 'signed-in',
  'POST /:locale/invitations/:invitationId/accept': 'signed-in',
  'POST /:locale/invitations/:invitationId/decline': 'signed-in',
  // Products and applications: the route needs a signed-in user; each handler then answers 404 to anyone
  // outside the company (proved route by route in self-assessment.test.ts).
  'GET /:locale/companies/:slug/products': 'signed-in',
  'GET /:locale/companies/:slug/products/new': 'signed-in',
  'POST /:locale/companies/:slug/products': 'signed-in',
  'GET /:locale/companies/:slug/products/:productId': 'signed-in',
  'POST /:locale/companies/:slug/products/:productId': 'signed-in',
  'POST /:locale/companies/:slug/products/:productId/applications': 'signed-in',
  'POST /:locale/companies/:slug/products/:productId/image': 'signed-in',
  'POST /:locale/companies/:slug/products/:productId/image/remove': 'signed-in',
  'GET /:locale/companies/:slug/products/:productId/image': 'signed-in',
  'GET /:locale/applications/:applicationId': 'signed-in',
  'GET /:locale/applications/:applicationId/criteria/:criterionId': 'signed-in',
  'POST /:locale/applications/:applicationId/criteria/:criterionId': 'signed-in',
  'POST /:locale/applications/:applicationId/criteria/:criterionId/links': 'signed-in',
  'POST /:locale/applications/:applicationId/criteria/:criterionId/links/:linkId/remove': 'signed-in',
  'POST /:locale/applications/:applicationId/criteria/:criterionId/files': 'signed-in',
  'POST /:locale/applications/:applicationId/criteria/:criterionId/files/:fileId/remove': 'signed-in',
  'GET /:locale/applications/:applicationId/files/:fileId': 'signed-in',
  'POST /:locale/applications/:applicationId/submit': 'signed-in',
  'POST /:locale/applications/:applicationId/withdraw': 'signed-in',
  'POST /:locale/applications/:applicationId/delete': 'signed-in',
  'GET /:locale/applications/:applicationId/export.json': 'signed-in',
  'GET /:locale/applications/:applicationId/print': 'signed-in',
  'POST /:locale/applications/:applicationId/resubmit': 'signed-in',
  'POST /:locale/account/mail': 'signed-in',
  'GET /:locale/account/export.json': 'signed-in',
  'GET /:locale/account/delete': 'signed-in',
  'POST /:locale/account/delete': 'signed-in',
  'POST /:locale/applications/:applicationId/keep': 'signed-in',
  // Content: admins write posts and partners; pictures are public once their post is (checked per request).
  'POST /:locale/admin/concerns/:concernId/re-review': 'admin',
  'POST /:locale/admin/re-reviews/:reReviewId/decide': 'admin',
  'GET /:locale/review/re-reviews/:reReviewId': 'reviewer',
  'POST /:locale/review/re-reviews/:reReviewId': 'reviewer',
  'GET /:locale/admin/statistics': 'admin',
  'GET /:locale/admin/jobs': 'admin',
  'POST /:locale/admin/jobs/:jobId/retry': 'admin',
  'GET /:locale/admin/criteria': 'admin',
  'GET /:locale/admin/criteria/compare': 'admin',
  'POST /:locale/admin/criteria/:version/publish': 'admin',
  'GET /:locale/admin/news': 'admin',
  'GET /:locale/admin/news/new': 'admin',
  'POST /:locale/admin/news': 'admin',
  'GET /:locale/admin/news/:postId': 'admin',
  'POST /:locale/admin/news/:postId': 'admin',
  'POST /:locale/admin/news/:postId/image': 'admin',
  'POST /:locale/admin/news/:postId/image/remove': 'admin',
  'POST /:locale/admin/news/:postId/delete': 'admin',
  'GET /news-images/:postId': 'public',
  'GET /:locale/admin/partners': 'admin',
  'POST /:locale/admin/partners': 'admin',
  'GET /:locale/admin/partners/:partnerId': 'admin',
  'POST /:locale/admin/partners/:partnerId': 'admin',
  'POST /:locale/admin/partners/:partnerId/logo': 'admin',
  'POST /:locale/admin/partners/:partnerId/logo/remove': 'admin',
  'POST /:locale/admin/partners/:partnerId/delete': 'admin',
  'GET /partner-logos/:partnerId': 'public',
  'POST /:locale/applications/:applicationId/appeal': 'signed-in',
  'POST /:locale/applications/:applicationId/release': 'signed-in',
  'POST /:locale/applications/:applicationId/criteria/:criterionId/messages': 'signed-in',
  // Review: reviewers and admins; each handler then answers 404 unless the reviewer is assigned and
  // not conflicted (proved in review.test.ts).
  'GET /:locale/review': 'reviewer',
  'GET /:locale/review/profile': 'reviewer',
  'POST /:locale/review/profile': 'reviewer',
  'POST /:locale/review/expertise': 'reviewer',
  'POST /:locale/review/conflicts': 'reviewer',
  'POST /:locale/review/conflicts/:companyId/remove': 'reviewer',
  'GET /:locale/review/applications/:applicationId': 'reviewer',
  'POST /:locale/review/applications/:applicationId': 'reviewer',
  'POST /:locale/review/applications/:applicationId/decide': 'reviewer',
  'POST /:locale/review/applications/:applicationId/criteria/:criterionId/messages': 'reviewer',
  'GET /:locale/admin/reviews': 'admin',
  'POST /:locale/admin/reviews/pause': 'admin',
  'POST /:locale/admin/reviews/resume': 'admin',
  'POST /:locale/admin/reviews/settings': 'admin',
  'POST /:locale/admin/applications/:applicationId/assign': 'admin',
  'POST /:locale/admin/applications/:applicationId/unassign': 'admin',
  'GET /:locale/admin/users': 'admin',
  'GET /:locale/admin/reviewer-invitations': 'admin',
  'POST /:locale/admin/reviewer-invitations': 'admin',
  'GET /:locale/reviewer-invitations/:token': 'public',
  'POST /:locale/reviewer-invitations/:token': 'public',
  // The public registry, the mark and open data: everyone, read-only.
  'GET /:locale/products': 'public',
  'GET /:locale/products/:certificationId': 'public',
  'GET /:locale/products/:certificationId/qr.svg': 'public',
  'GET /:locale/products/:certificationId/image': 'public',
  'GET /:locale/products/company/:slug': 'public',
  'GET /:locale/products/:certificationId/label': 'public',
  'GET /:locale/open-data': 'public',
  'GET /badge/:file': 'public',
  'GET /badge/:id/:file': 'public',
  'GET /p/:id': 'public',
  'GET /p/:id/qr.svg': 'public',
  'GET /p/:id/qr.png': 'public',
  'GET /:locale/products/:certificationId/security.atom': 'public',
  'GET /api/v1/products/:id/security': 'public',
  'GET /:locale/companies/:slug/products/:productId/kit': 'signed-in',
  'GET /:locale/companies/:slug/products/:productId/update': 'signed-in',
  'POST /:locale/companies/:slug/products/:productId/update': 'signed-in',
  'GET /:locale/companies/:slug/products/:productId/kit/label.svg': 'signed-in',
  'GET /:locale/companies/:slug/products/:productId/security': 'signed-in',
  'POST /:locale/companies/:slug/products/:productId/security/notices': 'signed-in',
  'POST /:locale/companies/:slug/products/:productId/security/releases': 'signed-in',
  'GET /feeds/certifications.atom': 'public',
  'GET /api/v1/products': 'public',
  'GET /api/v1/products/:id': 'public',
  'GET /api/v1/lookup': 'public',
  'GET /api/v1/export.json': 'public',
  'GET /api/v1/export.csv': 'public',
  'GET /api/openapi.json': 'public',
  'GET /log/checkpoint': 'public',
  'GET /log/key': 'public',
  'GET /log/entries': 'public',
  'GET /log/proof/inclusion': 'public',
  'GET /log/proof/consistency': 'public',
  'GET /log/tile/*': 'public',
  'GET /.well-known/jwks.json': 'public',
  'GET /.well-known/did.json': 'public',
  'GET /credentials/status/:list': 'public',
  'GET /credentials/:certificationId': 'public',
  'GET /:locale/verify': 'public',
  'POST /:locale/verify': 'public',
  'GET /:locale/admin/certifications': 'admin',
  'POST /:locale/admin/certifications/:certificationId/status': 'admin',
  'GET /:locale/admin/evidence/:pinId': 'admin',
  'POST /:locale/admin/users/:userId/role': 'admin',
  'GET /:locale/products/:certificationId/concern': 'public',
  'POST /:locale/products/:certificationId/concern': 'public',
  'GET /:locale/concerns/confirm': 'public',
  'POST /:locale/concerns/confirm': 'public',
  'GET /:locale/admin/concerns': 'admin',
  'GET /:locale/admin/audit': 'admin',
  'GET /:locale/admin/audit.csv': 'admin',
  'POST /:locale/admin/concerns/:concernId/decide': 'admin',
  // Registered only in development without SMTP (never in these tests, which use a real SMTP server).
  'GET /:locale/dev/outbox': 'public',
};

type Actor = { label: string; role: PlatformRole | null; twoFactorEnabled: boolean; client: HttpClient };

let server: TestServer;
let actors: Actor[];

beforeAll(async () => {
  server = await startTestServer();
  const make = async (role: PlatformRole, withoutTwoFactor = false): Promise<Actor> => {
    const { client } = await signedInUser(server, role, { withoutTwoFactor });
    const twoFactorEnabled = role !== 'applicant' && !withoutTwoFactor;
    return {
      label: `${role}${withoutTwoFactor ? ' without two-factor' : ''}`,
      role,
      twoFactorEnabled,
      client,
    };
  };
  actors = [
    { label: 'anonymous visitor', role: null, twoFactorEnabled: false, client: server.client() },
    await make('applicant'),
    await make('reviewer', true),
    await make('reviewer'),
    await make('admin', true),
    await make('admin'),
  ];
}, 120_000);

afterAll(async () => {
  await server?.close();
});

const sampleParameters: Record<string, string> = {
  locale: 'en',
  slug: 'matrix-company',
  invitationId: 'no-such-invitation',
  memberId: 'no-such-member',
  userId: 'no-such-user',
  productId: 'no-such-product',
  applicationId: 'no-such-application',
  criterionId: 'SEC-01',
  linkId: 'no-such-link',
  fileId: 'no-such-file',
  companyId: 'no-such-company',
  certificationId: 'no-such-certification',
  file: 'no-such-badge.svg',
  id: 'no-such-certification',
  list: '0',
  concernId: 'no-such-concern',
};

function concretePath(path: string): string {
  return path.replace(/:(\w+)/g, (_, name: string) => sampleParameters[name] ?? name);
}

function describeOutcome(
  response: PageResponse,
): 'allowed' | 'sign-in-required' | 'two-factor-required' | 'forbidden' {
  if (response.location?.includes('/sign-in?next=') || response.status === 401) {
    return response.status === 401 && !response.text.includes('Please sign in')
      ? 'allowed'
      : 'sign-in-required';
  }
  if (response.location?.includes('/account/two-factor?required=1')) return 'two-factor-required';
  if (response.status === 403 && response.text.includes('two-factor')) return 'two-factor-required';
  if (response.status === 403 && response.text.includes('Your account does not have access'))
    return 'forbidden';
  return 'allowed';
}

describe('authorization matrix', () => {
  it('has an expected policy for every route the application serves', () => {
    const served = server.running.routes.map((route) => `${route.method} ${route.path}`);
    const missing = served.filter((key) => !(key in expectedPolicies));
    expect(missing, 'routes without an entry in the authorization matrix').toEqual([]);
  });

  it('serves every route under the policy the matrix expects', () => {
    for (const route of server.running.routes) {
      expect(route.policy, `${route.method} ${route.path}`).toBe(
        expectedPolicies[`${route.method} ${route.path}`],
      );
    }
  });

  it('allows and denies every route for every kind of user as its policy says', async () => {
    // Signing out would end the actors' sessions, so it runs last.
    const routes = [...server.running.routes].sort(
      (a, b) => Number(a.path.endsWith('/sign-out')) - Number(b.path.endsWith('/sign-out')),
    );
    const mismatches: string[] = [];
    for (const route of routes) {
      for (const actor of actors) {
        const path = concretePath(route.path);
        const response =
          route.method === 'GET' ? await actor.client.get(path) : await actor.client.post(path, {});
        const principal = actor.role
          ? { userId: 'x', role: actor.role, twoFactorEnabled: actor.twoFactorEnabled }
          : null;
        const decision = decideAccess(route.policy, principal);
        const expected = decision.allowed ? 'allowed' : decision.reason;
        const actual = describeOutcome(response);
        if (actual !== expected)
          mismatches.push(
            `${route.method} ${path} as ${actor.label}: expected ${expected}, got ${actual} (${response.status})`,
          );
        expect(response.status, `${route.method} ${path} as ${actor.label}`).toBeLessThan(500);
      }
    }
    expect(mismatches).toEqual([]);
  });
});
