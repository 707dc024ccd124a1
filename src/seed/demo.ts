import { validUntil } from '../features/registry/rules';
import { randomBytes, randomUUID } from 'node:crypto';
import type { PlatformRole } from '../platform/auth/access';
import type { AppServices } from '../app/services';
import { demoNews, demoPartners } from './demo-content';

export interface DemoAccount {
  role: PlatformRole;
  name: string;
  email: string;
  password: string;
}

export interface DemoCredentials {
  accounts: DemoAccount[];
  companySlug: string;
}

const demoCompany = { name: 'Demo Devices Ltd', slug: 'demo-devices' };

/**
 * Fills an empty database with content and one account per role (two reviewers), so the site can be explored at once.
 * Passwords are random and returned so they can be printed once; the database stores only their hashes.
 * Does nothing when any user exists.
 */
export async function seedDemoData(services: AppServices): Promise<DemoCredentials | undefined> {
  if ((await services.users.count()) > 0) return undefined;

  const now = new Date().toISOString();
  for (const post of demoNews) {
    await services.news.insert({ ...post, id: randomUUID(), created_at: now, updated_at: post.published_at });
  }
  for (const partner of demoPartners) await services.partners.insert({ ...partner, id: randomUUID() });

  const accounts: DemoAccount[] = [
    {
      role: 'applicant',
      name: 'Alex Applicant',
      email: 'applicant@demo.trustmark.test',
      password: demoPassword(),
    },
    {
      role: 'reviewer',
      name: 'Robin Reviewer',
      email: 'reviewer@demo.trustmark.test',
      password: demoPassword(),
    },
    // Every application gets two reviewers by default, so the demo needs two to run a review.
    {
      role: 'reviewer',
      name: 'Sam Second Reviewer',
      email: 'reviewer2@demo.trustmark.test',
      password: demoPassword(),
    },
    { role: 'admin', name: 'Ada Admin', email: 'admin@demo.trustmark.test', password: demoPassword() },
  ];
  const context = await services.auth.$context;
  for (const account of accounts) {
    const user = await createVerifiedAccount(
      services,
      account,
      await context.password.hash(account.password),
    );
    if (account.role === 'applicant') {
      const company = await services.auth.api.createOrganization({
        body: { ...demoCompany, userId: user.id },
      });
      if (company) await seedCertifiedProduct(services, company.id);
    }
  }
  return { accounts, companySlug: demoCompany.slug };
}

/** A user who can sign in with a password at once (address verified), as an administrator creates one. */
export async function createVerifiedAccount(
  services: AppServices,
  account: { name: string; email: string; role: PlatformRole },
  passwordHash: string,
) {
  const context = await services.auth.$context;
  const user = await context.internalAdapter.createUser(
    { name: account.name, email: account.email, emailVerified: true, role: account.role, locale: 'en' },
    { method: 'admin' },
  );
  await context.internalAdapter.linkAccount({
    userId: user.id,
    providerId: 'credential',
    accountId: user.id,
    password: passwordHash,
  });
  return user;
}

/**
 * One certified product, so the registry, the badge and the open data API have something to show.
 * Its record is published as the review would publish it; no application goes through review here.
 */
async function seedCertifiedProduct(services: AppServices, companyId: string): Promise<void> {
  const now = services.now();
  const supportEndDate = `${now.getUTCFullYear() + 5}-12-31`;
  const product = {
    name: 'Demo Air Quality Monitor',
    category: 'smart-home',
    modelNumbers: ['DAQ-1', 'DAQ-1W'],
    webPageUrl: 'https://demo-devices.example/air',
    description: 'Measures CO2, particles and humidity; works fully offline, with an optional local API.',
    firmwareVersion: '3.2.0',
    supportEndDate,
  };
  const productId = await services.products.create(companyId, product, now);
  const version = await services.criteriaPublications.current();
  await services.registry.issue({
    applicationId: `demo-${productId}`,
    productId,
    companyId,
    criteriaVersion: version.version,
    entry: {
      product: { ...product, image: null },
      company: { name: demoCompany.name, slug: demoCompany.slug },
      answers: version.criteria.map((criterion) => ({
        criterionId: criterion.id,
        status: 'met',
        explanation: `Demo Devices documents how the monitor meets ${criterion.id} in its public security and privacy notes.`,
        links: [{ title: 'Security and privacy notes', url: 'https://demo-devices.example/air/notes' }],
      })),
    },
    categoryLabel: 'Smart home Smart Home',
    validUntil: validUntil(now, services.config.certificationValidityMonths, supportEndDate),
    // Every answer is met: fully open.
    opennessLevel: 3,
    now,
  });
}

function demoPassword(): string {
  return `demo-${randomBytes(12).toString('base64url')}`;
}

export function describeDemoCredentials(credentials: DemoCredentials, url: string): string {
  const lines = credentials.accounts.map(
    (account) => `  ${account.role.padEnd(10)} ${account.email.padEnd(32)} ${account.password}`,
  );
  return [
    '',
    'Demo accounts (shown only now; the database keeps only password hashes):',
    ...lines,
    `Sign in at ${url}/en/sign-in. Reviewer and admin accounts set up two-factor authentication first.`,
    `The demo applicant owns the company "${demoCompany.name}".`,
    '',
  ].join('\n');
}
