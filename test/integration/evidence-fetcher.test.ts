import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { LookupFunction } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  defaultFetchLimits,
  fetchEvidence,
  type FetchLimits,
} from '../../src/features/evidence/link-fetcher';

/**
 * The evidence checker against local servers, friendly and hostile. The test servers listen on 127.0.0.1,
 * which the checker refuses like any private address unless the test allow-lists exactly that address.
 */
describe('fetching an evidence link', () => {
  let server: Server;
  let base: string;
  let port: number;
  const open = new Set<ServerResponse>();
  const pdf = Buffer.from('%PDF-1.4\n% evidence\n%%EOF\n');

  const routes: Record<string, (request: IncomingMessage, response: ServerResponse) => void> = {
    '/policy.pdf': (_, response) => {
      response.writeHead(200, { 'content-type': 'application/pdf' }).end(pdf);
    },
    '/missing': (_, response) => {
      response.writeHead(404, { 'content-type': 'text/html' }).end('<p>Not found</p>');
    },
    '/hop/3': (_, response) => response.writeHead(301, { location: '/hop/2' }).end(),
    '/hop/2': (_, response) => response.writeHead(302, { location: `${base}/hop/1` }).end(),
    '/hop/1': (_, response) => response.writeHead(307, { location: '../policy.pdf' }).end(),
    '/loop': (_, response) => response.writeHead(302, { location: '/loop' }).end(),
    '/to-private': (_, response) =>
      response.writeHead(302, { location: `http://127.0.0.2:${port}/policy.pdf` }).end(),
    '/to-metadata': (_, response) =>
      response.writeHead(302, { location: 'http://169.254.169.254/latest/meta-data/' }).end(),
    '/to-file': (_, response) => response.writeHead(302, { location: 'file:///etc/passwd' }).end(),
    '/endless': (_, response) => {
      response.writeHead(200, { 'content-type': 'application/octet-stream' });
      const chunk = Buffer.alloc(64 * 1024, 120);
      const pump = () => {
        while (!response.destroyed && response.write(chunk));
        if (!response.destroyed) response.once('drain', pump);
      };
      pump();
    },
    // Slowloris: the status line, then a header byte now and then, never finishing.
    '/slow-headers': (request, response) => {
      const socket = request.socket;
      socket.write('HTTP/1.1 200 OK\r\nX-Trickle: ');
      const timer = setInterval(() => socket.write('a'), 50);
      socket.on('close', () => clearInterval(timer));
      open.add(response);
    },
    // A body that trickles a byte every 50 ms and would take minutes.
    '/slow-body': (_, response) => {
      response.writeHead(200, { 'content-type': 'text/plain', 'content-length': '10000' });
      const timer = setInterval(() => response.write('x'), 50);
      response.on('close', () => clearInterval(timer));
    },
  };

  beforeAll(async () => {
    server = createServer((request, response) => {
      const route = routes[new URL(request.url ?? '/', 'http://x').pathname];
      if (route) route(request, response);
      else response.writeHead(404).end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const address = server.address();
    port = typeof address === 'object' && address ? address.port : 0;
    base = `http://127.0.0.1:${port}`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  /** Short time limit so the suite stays fast; the 10 s default is checked below. */
  const limits: FetchLimits = { ...defaultFetchLimits, timeoutMs: 1_000, allowAddresses: ['127.0.0.1'] };

  it('keeps the program’s limits by default: 10 s, 5 MB, 5 redirects, no private address', () => {
    expect(defaultFetchLimits).toMatchObject({
      timeoutMs: 10_000,
      maxBytes: 5 * 1024 * 1024,
      maxRedirects: 5,
      allowAddresses: [],
    });
  });

  it('records status, final address, type, size and SHA-256 of a document', async () => {
    const result = await fetchEvidence(`${base}/policy.pdf`, limits);
    expect(result).toMatchObject({
      outcome: 'fetched',
      statusCode: 200,
      finalUrl: `${base}/policy.pdf`,
      contentType: 'application/pdf',
      sizeBytes: pdf.length,
      sha256: createHash('sha256').update(pdf).digest('hex'),
      redirects: 0,
    });
    expect(result.durationMs).toBeLessThan(1_000);
  });

  it('records a 404 as fetched with its status', async () => {
    const result = await fetchEvidence(`${base}/missing`, limits);
    expect(result).toMatchObject({ outcome: 'fetched', statusCode: 404, contentType: 'text/html' });
  });

  it('follows a chain of redirects by hand (absolute and relative) to its end', async () => {
    const result = await fetchEvidence(`${base}/hop/3`, limits);
    expect(result).toMatchObject({ outcome: 'fetched', statusCode: 200, redirects: 3 });
    expect(result.finalUrl).toBe(`${base}/policy.pdf`);
  });

  it('stops a redirect loop after 5 redirects', async () => {
    const result = await fetchEvidence(`${base}/loop`, limits);
    expect(result).toMatchObject({ outcome: 'too-many-redirects', redirects: 5, sha256: null });
    const fewer = await fetchEvidence(`${base}/hop/3`, { ...limits, maxRedirects: 2 });
    expect(fewer.outcome).toBe('too-many-redirects');
  });

  it('refuses loopback without the test allow-list, and a redirect to a private address with it', async () => {
    const refused = await fetchEvidence(`${base}/policy.pdf`, { ...limits, allowAddresses: [] });
    expect(refused).toMatchObject({ outcome: 'refused', statusCode: null, sha256: null });
    const toPrivate = await fetchEvidence(`${base}/to-private`, limits);
    expect(toPrivate).toMatchObject({ outcome: 'refused', redirects: 1 });
    const toMetadata = await fetchEvidence(`${base}/to-metadata`, limits);
    expect(toMetadata).toMatchObject({ outcome: 'refused', redirects: 1 });
  });

  it('refuses every private, link-local, CGNAT, metadata and IPv6 local address, literal or mapped', async () => {
    const addresses = [
      'http://127.0.0.1/',
      'http://10.0.0.1/',
      'http://172.16.0.1/',
      'http://192.168.1.1/',
      'http://169.254.169.254/',
      'http://100.64.0.1/',
      'http://0.0.0.0/',
      'http://2130706433/',
      'http://0177.0.0.1/',
      'http://0x7f.1/',
      'http://[::1]/',
      'http://[::ffff:127.0.0.1]/',
      'http://[::ffff:a9fe:a9fe]/',
      'http://[fe80::1]/',
      'http://[fd00::1]/',
      'http://[::]/',
    ];
    for (const address of addresses) {
      const result = await fetchEvidence(address, { ...defaultFetchLimits, timeoutMs: 1_000 });
      expect(result.outcome, address).toBe('refused');
    }
  });

  it('checks the address a name resolves to, and connects to that address', async () => {
    const lookupTo =
      (address: string): LookupFunction =>
      (_hostname, options, callback) => {
        if (options.all) callback(null, [{ address, family: 4 }]);
        else callback(null, address, 4);
      };
    const rebound = await fetchEvidence(`http://evidence.test:${port}/policy.pdf`, {
      ...limits,
      lookup: lookupTo('10.0.0.7'),
    });
    expect(rebound.outcome).toBe('refused');
    // The name leads to the allow-listed address, and the response comes from the server there.
    const allowed = await fetchEvidence(`http://evidence.test:${port}/policy.pdf`, {
      ...limits,
      lookup: lookupTo('127.0.0.1'),
    });
    expect(allowed).toMatchObject({ outcome: 'fetched', statusCode: 200, sizeBytes: pdf.length });
  });

  it('fetches HTTP(S) only, also after a redirect', async () => {
    for (const address of ['file:///etc/passwd', 'ftp://acme.example/x', 'gopher://x/', 'not a url'])
      expect((await fetchEvidence(address, limits)).outcome, address).toBe('invalid');
    expect((await fetchEvidence(`${base}/to-file`, limits)).outcome).toBe('invalid');
  });

  it('stops reading an endless body at the cap', async () => {
    const started = Date.now();
    const result = await fetchEvidence(`${base}/endless`, { ...limits, timeoutMs: 5_000 });
    expect(result).toMatchObject({
      outcome: 'too-large',
      statusCode: 200,
      sizeBytes: 5 * 1024 * 1024,
      sha256: null,
    });
    expect(Date.now() - started).toBeLessThan(5_000);
    const small = await fetchEvidence(`${base}/policy.pdf`, { ...limits, maxBytes: 10 });
    expect(small).toMatchObject({ outcome: 'too-large', sizeBytes: 10 });
  });

  it('cuts a server that trickles its headers (slowloris) at the time limit', async () => {
    const started = Date.now();
    const result = await fetchEvidence(`${base}/slow-headers`, { ...limits, timeoutMs: 400 });
    const took = Date.now() - started;
    expect(result).toMatchObject({ outcome: 'timeout', statusCode: null });
    expect(took).toBeGreaterThanOrEqual(390);
    expect(took).toBeLessThan(1_500);
  });

  it('cuts a body that trickles at the time limit, which covers the whole fetch', async () => {
    const started = Date.now();
    const result = await fetchEvidence(`${base}/slow-body`, { ...limits, timeoutMs: 400 });
    const took = Date.now() - started;
    expect(result).toMatchObject({ outcome: 'timeout', sha256: null });
    expect(took).toBeLessThan(1_500);
  });
});
