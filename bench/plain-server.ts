/** A plain node:http server that answers every request with the given bytes and headers: the baseline. */
import { createServer } from 'node:http';

const body = Buffer.from(process.env['PLAIN_BODY'] ?? '', 'base64');
const headers = JSON.parse(process.env['PLAIN_HEADERS'] ?? '{}') as Record<string, string>;
const server = createServer((_request, response) => {
  response.writeHead(200, headers);
  response.end(body);
});
server.listen(0, '127.0.0.1', () => {
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  process.stdout.write(`${JSON.stringify({ url: `http://127.0.0.1:${port}` })}\n`);
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));
