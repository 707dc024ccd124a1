import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { enableTwoFactor, companyWithOwner, signedInUser } from '../support/flows';
import { submittedProduct } from '../support/review';
import { startTestServer, type TestServer } from '../support/server';

describe('a reviewer who turns on two-factor authentication', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(async () => {
    await server?.close();
  });

  it('is given the waiting applications at once, instead of at the next submission', async () => {
    const ready = await signedInUser(server, 'reviewer');
    const late = await signedInUser(server, 'reviewer', { withoutTwoFactor: true });
    const { owner } = await companyWithOwner(server, 'waiting-co');
    const { applicationId } = await submittedProduct(server, owner, 'waiting-co', { name: 'Waiting Lamp' });
    await server.running.jobs.drain();
    const assigned = async () =>
      (await server.running.services.review.assignments(applicationId)).map((row) => row.reviewerId).sort();
    expect(await assigned()).toEqual([ready.id]);
    expect((await server.running.services.applications.find(applicationId))?.status).toBe('submitted');

    await enableTwoFactor(late.client, late.user);
    await server.running.jobs.drain();
    expect(await assigned()).toEqual([ready.id, late.id].sort());
    expect((await server.running.services.applications.find(applicationId))?.status).toBe('in-review');
  });
});
