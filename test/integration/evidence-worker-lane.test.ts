import { createServer, type Server, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkSecurityTxtJob } from '../../src/features/evidence/jobs';
import { newUser, signUpAndVerify } from '../support/flows';
import { startTestServer, type TestServer } from '../support/server';

/**
 * An outside review: evidence links are a company's to choose, so a hostile site can hold each check for the
 * fetch's whole 10 seconds. Those checks must not stand in front of everyone else's mail (verification,
 * password reset, decisions) and publication in the one job queue.
 */
describe('evidence checks held up by a hostile site', () => {
  let server: TestServer;
  let tarpit: Server;
  const sockets = new Set<Socket>();
  let tarpitUrl: string;

  beforeAll(async () => {
    // Accepts connections and never answers: each fetch runs to its 10-second limit.
    tarpit = createServer((socket) => {
      sockets.add(socket);
      socket.on('error', () => undefined);
    });
    await new Promise<void>((resolve) => tarpit.listen(0, '127.0.0.1', resolve));
    const address = tarpit.address();
    tarpitUrl = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
    server = await startTestServer({ environment: { EVIDENCE_CHECK_ALLOW_HOSTS: '127.0.0.1' } });
  }, 60_000);
  afterAll(async () => {
    await server?.close();
    for (const socket of sockets) socket.destroy();
    tarpit?.close();
  });

  it('do not delay a password-reset mail queued after them', async () => {
    const user = newUser('lane');
    await signUpAndVerify(server, server.client(), user);
    const { jobs } = server.running.services;
    await jobs.transaction(async (trx) => {
      for (let index = 0; index < 3; index++)
        await jobs.enqueue(trx, {
          kind: checkSecurityTxtJob,
          payload: { url: `${tarpitUrl}/${index}/.well-known/security.txt` },
          dedupeKey: `tarpit:${index}`,
          maxAttempts: 1,
        });
    });
    // The worker has claimed the slow checks before the mail is asked for.
    await new Promise((resolve) => setTimeout(resolve, 500));
    const started = Date.now();
    expect((await server.client().post('/en/forgot-password', { email: user.email })).status).toBe(200);
    await server.smtp.waitFor(user.email, /Reset your Trustmark password/, 8_000);
    expect(Date.now() - started).toBeLessThan(8_000);
  }, 60_000);
});
