import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createProduct, revisionOf, samplePdf, samplePng, startApplication } from '../support/applications';
import { companyWithOwner } from '../support/flows';
import { inputValue, type HttpClient } from '../support/http';
import { startTestServer, type TestServer } from '../support/server';

const hundredMegabytes = 100 * 1024 * 1024;

interface StreamedPost {
  status: number | undefined;
  /** Set when the server closed the connection instead of answering. */
  error: string | undefined;
  body: string;
  /** How many bytes the client had handed over when the answer (or the reset) came. */
  sentBeforeAnswer: number;
  ms: number;
}

/**
 * Streams `total` bytes of one form field to `url` in 1 MB chunks, as fast as the server takes them,
 * and stops sending once an answer arrives. Without `contentLength` the body goes chunked.
 */
function streamPost(url: string, total: number, contentLength?: number): Promise<StreamedPost> {
  const headers: Record<string, string> = {
    'content-type': 'application/x-www-form-urlencoded',
    origin: new URL(url).origin,
  };
  if (contentLength !== undefined) headers['content-length'] = String(contentLength);
  const chunk = Buffer.alloc(1024 * 1024, 'a');
  const started = Date.now();
  let sent = 0;
  let answered = false;
  return new Promise((resolve) => {
    const finish = (result: Omit<StreamedPost, 'ms' | 'sentBeforeAnswer'>, sentBeforeAnswer: number) =>
      resolve({ ...result, sentBeforeAnswer, ms: Date.now() - started });
    const outgoing = request(url, { method: 'POST', headers });
    outgoing.on('response', (response) => {
      answered = true;
      const sentBeforeAnswer = sent;
      let body = '';
      response.setEncoding('utf8');
      response.on('data', (data: string) => (body += data));
      response.on('end', () => {
        outgoing.destroy();
        finish({ status: response.statusCode, error: undefined, body }, sentBeforeAnswer);
      });
    });
    outgoing.on('error', (error: NodeJS.ErrnoException) => {
      if (!answered) finish({ status: undefined, error: error.code ?? error.message, body: '' }, sent);
    });
    outgoing.write('message=');
    const pump = () => {
      while (sent < total && !answered && !outgoing.destroyed) {
        sent += chunk.length;
        if (!outgoing.write(chunk)) return void outgoing.once('drain', pump);
      }
      if (!answered && !outgoing.destroyed) outgoing.end();
    };
    pump();
  });
}

describe('request body limits', () => {
  let server: TestServer;
  let owner: HttpClient;
  let applicationId: string;
  beforeAll(async () => {
    server = await startTestServer({ rateLimits: { contact: { windowMs: 60_000, limit: 100 } } });
    ({ owner } = await companyWithOwner(server, 'limits'));
    applicationId = await startApplication(owner, 'limits', await createProduct(owner, 'limits'));
  });
  afterAll(async () => {
    await server?.close();
  });

  it('refuses a streamed 100 MB contact form with a 413 page naming the limit, before reading it all', async () => {
    const answer = await streamPost(`${server.url}/en/contact`, hundredMegabytes);
    expect(answer.status).toBe(413);
    expect(answer.sentBeforeAnswer).toBeLessThan(hundredMegabytes / 4);
    expect(answer.ms).toBeLessThan(5_000);
    expect(answer.body).toContain('64 KB');
    expect(answer.body.length).toBeLessThan(64 * 1024);

    const german = await streamPost(`${server.url}/de/contact`, 2 * 1024 * 1024);
    expect(german.status).toBe(413);
    expect(german.body).toContain('höchstens 64 KB');
  });

  it('refuses a declared 100 MB body from its Content-Length alone', async () => {
    const answer = await streamPost(`${server.url}/en/contact`, hundredMegabytes, hundredMegabytes + 8);
    expect(answer.status).toBe(413);
    expect(answer.sentBeforeAnswer).toBeLessThan(hundredMegabytes / 4);
    expect(answer.body).toContain('64 KB');
  });

  it('never reads past a Content-Length that understates what follows', async () => {
    const answer = await streamPost(`${server.url}/en/contact`, hundredMegabytes, 1000);
    expect(answer.ms).toBeLessThan(5_000);
    expect(answer.sentBeforeAnswer).toBeLessThan(hundredMegabytes / 4);
    if (answer.status !== undefined) expect(answer.status).toBeLessThan(500);
    // The server is still there for everyone else.
    expect((await server.client().get('/en/contact')).status).toBe(200);
  });

  it('shows a contact field that is far too long only up to its own limit', async () => {
    const client = server.client();
    const formToken = inputValue((await client.get('/en/contact')).text, 'formToken');
    const response = await client.post('/en/contact', {
      name: 'N'.repeat(20_000),
      email: 'jordan@example.test',
      message: 'M'.repeat(40_000),
      formToken,
    });
    expect(response.status).toBe(422);
    expect(response.text).toContain('Please use at most 5000 characters.');
    // Long runs are checked as booleans, so a failure does not print the whole page.
    expect(response.text.includes('M'.repeat(5000))).toBe(true);
    expect(response.text.includes('M'.repeat(5001))).toBe(false);
    expect(response.text.includes('N'.repeat(101))).toBe(false);
  });

  it('shows an answer that is far too long only up to its own limit', async () => {
    const path = `/en/applications/${applicationId}/criteria/SEC-02`;
    const response = await owner.post(path, {
      status: 'met',
      explanation: 'E'.repeat(30_000),
      revision: await revisionOf(owner, applicationId, 'SEC-02'),
    });
    expect(response.status).toBe(422);
    expect(response.text.includes('E'.repeat(20_000))).toBe(true);
    expect(response.text.includes('E'.repeat(20_001))).toBe(false);
  });

  it('still takes the longest answer its field allows, in three-byte characters', async () => {
    const response = await owner.post(`/en/applications/${applicationId}/criteria/SEC-03`, {
      status: 'met',
      explanation: '€'.repeat(20_000),
      revision: await revisionOf(owner, applicationId, 'SEC-03'),
    });
    expect(response.status).toBe(303);
  });

  it('still accepts a 9 MB evidence file', async () => {
    const nineMegabytes = Buffer.concat([samplePdf, Buffer.alloc(9 * 1024 * 1024 - samplePdf.length, 32)]);
    const path = `/en/applications/${applicationId}/criteria/SEC-02/files`;
    const response = await owner.upload(path, 'file', nineMegabytes, 'policy.pdf');
    expect(response.status).toBe(303);
  });

  it('refuses a 3 MB product picture by the picture limit, not the evidence limit', async () => {
    const route = server.running.routes.find(
      (entry) =>
        entry.method === 'POST' && entry.path === '/:locale/companies/:slug/products/:productId/image',
    );
    expect(route?.maxBodyBytes).toBeLessThanOrEqual(2 * 1024 * 1024 + 64 * 1024);
    const threeMegabytes = Buffer.concat([samplePng, Buffer.alloc(3 * 1024 * 1024, 0)]);
    const productId = await createProduct(owner, 'limits');
    const response = await owner.upload(
      `/en/companies/limits/products/${productId}/image`,
      'image',
      threeMegabytes,
      'huge.png',
    );
    expect(response.status).toBe(413);
    expect(response.text).toContain('2 MB');
  });

  it('gives every POST route a body limit', () => {
    const posts = server.running.routes.filter((route) => route.method === 'POST');
    expect(posts.length).toBeGreaterThan(50);
    for (const route of posts) expect(route.maxBodyBytes, route.path).toBeGreaterThan(0);
  });
});
