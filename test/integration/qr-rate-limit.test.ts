import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { certifiedCompany, reviewerPair } from '../support/review';
import { startTestServer, type TestServer } from '../support/server';

/**
 * An outside review: a QR code not kept costs a drawing (about 140 ms of CPU and a 4 MB bitmap), and the
 * registry holds far more certifications than the 1,000 codes kept, so one client walking through the ids
 * must be held to the pace of the other public reads.
 */
describe('QR codes', () => {
  let server: TestServer;
  let certificationId: string;

  beforeAll(async () => {
    server = await startTestServer({ rateLimits: { api: { windowMs: 60_000, limit: 4 } } });
    const reviewers = await reviewerPair(server);
    ({ certificationId } = await certifiedCompany(server, reviewers, 'qrco', { name: 'QR Lamp' }));
  }, 120_000);
  afterAll(async () => {
    await server?.close();
  });

  it('are limited per client like the other public reads', async () => {
    const visitor = server.client();
    const statuses: number[] = [];
    for (let index = 0; index < 3; index++) {
      statuses.push((await visitor.get(`/p/${certificationId}/qr.png`)).status);
      statuses.push((await visitor.get(`/p/no-such-${index}/qr.svg`)).status);
    }
    expect(statuses).toEqual([200, 404, 200, 404, 429, 429]);
    // The short link itself and the page stay open.
    expect((await visitor.get(`/p/${certificationId}`)).status).toBe(302);
  });
});
