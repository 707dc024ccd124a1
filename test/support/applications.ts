import { expect } from 'vitest';
import type { Criterion } from '../../src/features/criteria/rules';
import { inputValue, type HttpClient } from './http';
import type { TestServer } from './server';

/** The smallest files the evidence and picture uploads accept. */
export const samplePdf = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');
// One transparent pixel.
export const samplePng = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'base64',
);

/** A product as a company enters it; tests override what they need. */
export const sampleProduct = {
  name: 'Acme Thermostat',
  category: 'smart-home',
  modelNumbers: 'AT-100\nAT-100E',
  webPageUrl: 'https://acme.example/thermostat',
  description: 'A thermostat that works without the cloud.',
  firmwareVersion: '2.4.1',
  supportEndDate: '2031-12-31',
};

export async function createProduct(
  client: HttpClient,
  slug: string,
  fields = sampleProduct,
): Promise<string> {
  const response = await client.post(`/en/companies/${slug}/products`, fields);
  expect(response.status).toBe(303);
  return response.location!.split('/products/')[1]!.split('?')[0]!;
}

export async function startApplication(
  client: HttpClient,
  slug: string,
  productId: string,
  sourceApplicationId = '',
): Promise<string> {
  const response = await client.post(`/en/companies/${slug}/products/${productId}/applications`, {
    sourceApplicationId,
  });
  expect(response.status).toBe(303);
  return response.location!.split('/applications/')[1]!;
}

export async function revisionOf(
  client: HttpClient,
  applicationId: string,
  criterionId: string,
): Promise<string> {
  return inputValue(
    (await client.get(`/en/applications/${applicationId}/criteria/${criterionId}`)).text,
    'revision',
  );
}

export async function answer(
  client: HttpClient,
  applicationId: string,
  criterion: Criterion,
  status: string,
  explanation: string,
) {
  const revision = await revisionOf(client, applicationId, criterion.id);
  return client.post(`/en/applications/${applicationId}/criteria/${criterion.id}`, {
    status,
    explanation,
    revision,
  });
}

/** Answers every criterion so the self-assessment passes, with a link wherever evidence is required. */
export async function completeAll(client: HttpClient, applicationId: string, criteria: readonly Criterion[]) {
  for (const criterion of criteria) {
    const saved = await answer(
      client,
      applicationId,
      criterion,
      'met',
      `How ${criterion.id} is met, in detail.`,
    );
    expect(saved.status, criterion.id).toBe(303);
    if (criterion.met.includes('evidence')) {
      const linked = await client.post(`/en/applications/${applicationId}/criteria/${criterion.id}/links`, {
        url: `https://acme.example/evidence/${criterion.id}`,
        title: `Evidence for ${criterion.id}`,
      });
      expect(linked.status, criterion.id).toBe(303);
    }
  }
}

/** A company's application with every criterion answered, still a draft; returns the ids of both. */
export async function completedDraft(
  server: TestServer,
  owner: HttpClient,
  slug: string,
  fields: Partial<typeof sampleProduct> = {},
): Promise<{ productId: string; applicationId: string }> {
  const criteria = (await server.running.services.criteriaPublications.current()).criteria;
  const productId = await createProduct(owner, slug, { ...sampleProduct, ...fields });
  const applicationId = await startApplication(owner, slug, productId);
  await completeAll(owner, applicationId, criteria);
  return { productId, applicationId };
}

/** The stored id of a user signed up in a test. */
export async function userIdOf(server: TestServer, email: string): Promise<string> {
  const [record] = await server.running.services.users.search(email);
  if (!record) throw new Error(`User ${email} was not stored`);
  return record.id;
}
