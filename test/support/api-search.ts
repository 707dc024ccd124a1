import { expect } from 'vitest';
import type { TestServer } from './server';

/** One open data API search (`/api/v1/products?<query>`), expected to answer 200: its count and the ids listed. */
export async function apiSearch(server: TestServer, query: string) {
  const response = await server.client().get(`/api/v1/products?${query}`);
  expect(response.status, query).toBe(200);
  const body = JSON.parse(response.text) as {
    total: number;
    totalIsLowerBound: boolean;
    items: { id: string }[];
  };
  return { ...body, ids: body.items.map((item) => item.id) };
}
