import { Writable } from 'node:stream';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newUser, signedInUser } from '../support/flows';
import { linkIn } from '../support/smtp';
import { startTestServer, type TestServer } from '../support/server';

/**
 * Holes found by an outside review (attack2), each tried over real HTTP against the running app.
 */
describe('what the app writes to its log', () => {
  let server: TestServer;
  const lines: string[] = [];
  beforeAll(async () => {
    const sink = new Writable({
      write(chunk: Buffer, _encoding, done) {
        lines.push(chunk.toString());
        done();
      },
    });
    server = await startTestServer({ logger: pino({ level: 'info' }, sink) });
  });
  afterAll(async () => {
    await server?.close();
  });

  it("never holds a reviewer invitation's token, which would let whoever reads the log take the invitation", async () => {
    const admin = await signedInUser(server, 'admin');
    const invitee = newUser('invited');
    const sent = await admin.client.post('/en/admin/reviewer-invitations', {
      email: invitee.email,
      name: invitee.name,
    });
    expect(sent.status).toBe(303);
    await server.running.jobs.drain();
    const mail = await server.smtp.waitFor(invitee.email, /invited to review/);
    const link = new URL(linkIn(mail, `${server.url}/en/reviewer-invitations/`)).pathname;
    const token = link.split('/').pop() ?? '';
    expect(token).toHaveLength(43);

    const client = server.client();
    expect((await client.get(link)).status).toBe(200);
    expect((await client.post(link, { name: invitee.name, password: 'short' })).status).toBe(422);
    // The same path in German, as the invitee might switch languages before accepting.
    expect((await client.get(link.replace('/en/', '/de/'))).status).toBe(200);

    const requests = lines.filter((line) => line.includes('"msg":"request"'));
    expect(requests.some((line) => line.includes('/en/reviewer-invitations/:token'))).toBe(true);
    expect(requests.some((line) => line.includes('/de/reviewer-invitations/:token'))).toBe(true);
    expect(lines.join('')).not.toContain(token);
  });
});
