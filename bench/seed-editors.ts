import { randomBytes } from 'node:crypto';
import type { AppServices } from '../src/app/services';
import { createVerifiedAccount } from '../src/seed/demo';

export interface BenchEditor {
  email: string;
  password: string;
}

/**
 * `count` company users who can sign in at once: the accounts only (as an administrator creates them,
 * address verified, since sign-up would wait for a mail each). Everything else — signing in, the
 * company, its product and application — the benchmark does over HTTP as people do. They share one
 * random password, hashed once: hashing is deliberately slow and not what is measured.
 */
export async function seedEditors(services: AppServices, count: number): Promise<BenchEditor[]> {
  if (count === 0) return [];
  const password = `bench-${randomBytes(12).toString('base64url')}`;
  const hash = await (await services.auth.$context).password.hash(password);
  const editors: BenchEditor[] = [];
  for (let index = 0; index < count; index++) {
    const email = `editor-${index}@bench.trustmark.test`;
    await createVerifiedAccount(services, { name: `Editor ${index}`, email, role: 'applicant' }, hash);
    editors.push({ email, password });
  }
  return editors;
}
