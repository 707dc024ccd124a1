import { createRegistryRepository } from '../../src/features/registry';
import type { RunningServer } from '../../src/server';

/** A certification for a test: its name and issue time, and whatever else the test cares about. */
export interface TestCertification {
  name: string;
  issuedAt: Date;
  category?: string;
  company?: { name: string; slug: string };
  modelNumbers?: string[];
  description?: string;
  supportEndDate?: string;
  opennessLevel?: number;
}

/**
 * Issues a certification straight into the registry, in a transaction of its own as the app's decisions
 * do, with a published record of no answers. Returns its id.
 */
export function issueCertification(
  services: RunningServer['services'],
  certification: TestCertification,
): Promise<string> {
  const category = certification.category ?? 'smart-home';
  const company = certification.company ?? { name: 'Test Works', slug: 'test-works' };
  return services.jobs.transaction((trx) =>
    createRegistryRepository(trx, services.database.dialect).issue({
      applicationId: crypto.randomUUID(),
      productId: crypto.randomUUID(),
      companyId: `org-${company.slug}`,
      criteriaVersion: 1,
      entry: {
        product: {
          name: certification.name,
          category,
          modelNumbers: certification.modelNumbers ?? [],
          webPageUrl: `https://${company.slug}.example/${encodeURIComponent(certification.name)}`,
          description: certification.description ?? 'Issued for a test.',
          firmwareVersion: '1.0',
          supportEndDate: certification.supportEndDate ?? '2035-12-31',
          image: null,
        },
        company,
        answers: [],
      },
      categoryLabel: category,
      validUntil: '2030-01-01',
      opennessLevel: certification.opennessLevel ?? 0,
      now: certification.issuedAt,
    }),
  );
}
