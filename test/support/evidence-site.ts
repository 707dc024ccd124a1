import { createServer, type Server } from 'node:http';

/** Paths of a test site and what each answers: a status, a type and a body (a redirect's target for 3xx). */
export type EvidencePages = Map<string, { status: number; type?: string; body: string }>;

/** A local web server standing in for a company's site; its pages can change between checks. */
export async function evidenceSite(host: string, pages: EvidencePages) {
  const server: Server = createServer((request, response) => {
    const page = pages.get(new URL(request.url ?? '/', 'http://x').pathname);
    if (!page) return response.writeHead(404, { 'content-type': 'text/plain' }).end('no');
    const headers: Record<string, string> = page.type ? { 'content-type': page.type } : {};
    if (page.status >= 300 && page.status < 400) headers['location'] = page.body;
    response.writeHead(page.status, headers).end(page.status >= 300 && page.status < 400 ? '' : page.body);
  });
  await new Promise<void>((resolve) => server.listen(0, host, resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    server,
    base: `http://${host}:${port}`,
    port,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
