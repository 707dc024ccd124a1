import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isUniqueViolation } from '../../src/platform/db/dialect';
import { newUser, signUpAndVerify } from '../support/flows';
import { startTestServer, type TestServer } from '../support/server';

/** The dialect module's promises, checked on whichever database this pass runs against. */
describe('case-insensitive search on the real database', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
    for (const name of ['Ada LOVELACE', 'Grace Hopper', 'Percent 100% Sure', 'Under_Score Person']) {
      await signUpAndVerify(server, server.client(), { ...newUser('search'), name });
    }
  });
  afterAll(async () => {
    await server?.close();
  });

  const names = async (term: string) =>
    (await server.running.services.users.search(term)).map((user) => user.name).sort();

  it('ignores case on both sides', async () => {
    expect(await names('lovelace')).toEqual(['Ada LOVELACE']);
    expect(await names('GRACE')).toEqual(['Grace Hopper']);
  });

  it('matches LIKE wildcards literally', async () => {
    expect(await names('100%')).toEqual(['Percent 100% Sure']);
    expect(await names('%')).toEqual(['Percent 100% Sure']);
    expect(await names('_')).toEqual(['Under_Score Person']);
  });

  it('searches email addresses too', async () => {
    expect((await server.running.services.users.search('SEARCH-')).length).toBe(4);
  });
});

describe('unique constraint violations on the real database', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(async () => {
    await server?.close();
  });

  it('are recognised, and nothing else is', async () => {
    const post = {
      locale: 'en',
      slug: 'twice',
      title: 'Twice',
      summary: 'Twice.',
      body_markdown: 'Twice.',
      published_at: '2026-12-01T00:00:00.000Z',
      created_at: '2026-12-01T00:00:00.000Z',
      updated_at: '2026-12-01T00:00:00.000Z',
    };
    const { news } = server.running.services;
    await news.insert({ id: 'first', ...post });
    const clash = await news.insert({ id: 'second', ...post }).catch((error: unknown) => error);
    expect(isUniqueViolation(clash)).toBe(true);
    const sameKey = await news
      .insert({ id: 'first', ...post, slug: 'other' })
      .catch((error: unknown) => error);
    expect(isUniqueViolation(sameKey)).toBe(true);
    expect(isUniqueViolation(new Error('something else'))).toBe(false);
    expect(isUniqueViolation(undefined)).toBe(false);
  });
});
