import { Agent as HttpAgent, request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';

export interface Answer {
  status: number;
  headers: IncomingHttpHeaders;
  text: string;
  location: string | undefined;
}

/**
 * A browser stand-in for the topology: HTTPS that trusts only the run's throw-away CA (no "insecure"
 * mode), or plain HTTP straight to one instance; keeps cookies and keep-alive connections, sends forms
 * with the site's Origin, follows no redirect by itself.
 */
export class TopologyClient {
  private cookies = new Map<string, string>();
  private httpsAgent: HttpsAgent;
  private readonly httpAgent = new HttpAgent({ keepAlive: true });

  constructor(
    readonly baseUrl: string,
    ca: Buffer,
    /** The public origin (BASE_URL) forms come from, whichever address this client talks to. */
    readonly origin: string,
  ) {
    this.httpsAgent = new HttpsAgent({ keepAlive: true, ca });
  }

  /** The same cookies and CA, talking to another address (one instance, past nginx). */
  at(baseUrl: string): TopologyClient {
    const other = new TopologyClient(baseUrl, Buffer.alloc(0), this.origin);
    other.httpsAgent = this.httpsAgent;
    other.cookies = this.cookies;
    return other;
  }

  get(path: string, headers: Record<string, string> = {}): Promise<Answer> {
    return this.send('GET', path, headers);
  }

  post(path: string, form: Record<string, string>, headers: Record<string, string> = {}): Promise<Answer> {
    return this.send(
      'POST',
      path,
      { 'content-type': 'application/x-www-form-urlencoded', origin: this.origin, ...headers },
      Buffer.from(new URLSearchParams(form).toString()),
    );
  }

  /** One file as multipart form data, as a file input sends it. */
  async upload(path: string, field: string, bytes: Uint8Array, fileName: string): Promise<Answer> {
    const form = new FormData();
    form.set(field, new Blob([new Uint8Array(bytes)]), fileName);
    const encoded = new Request('http://form.invalid/', { method: 'POST', body: form });
    const body = Buffer.from(await encoded.arrayBuffer());
    const type = encoded.headers.get('content-type') ?? '';
    return this.send('POST', path, { 'content-type': type, origin: this.origin }, body);
  }

  /** One request; `path` may be a whole address. Network errors reject. */
  send(method: string, path: string, headers: Record<string, string>, body?: Buffer): Promise<Answer> {
    const url = new URL(path.startsWith('http') ? path : `${this.baseUrl}${path}`);
    const cookie = [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
    const secure = url.protocol === 'https:';
    const request = secure ? httpsRequest : httpRequest;
    const sent = {
      ...(cookie ? { cookie } : {}),
      ...(body ? { 'content-length': String(body.length) } : {}),
      ...headers,
    };
    return new Promise((resolve, reject) => {
      const outgoing = request(
        url,
        { method, agent: secure ? this.httpsAgent : this.httpAgent, headers: sent },
        (response) => {
          const chunks: Buffer[] = [];
          response.on('data', (chunk: Buffer) => chunks.push(chunk));
          response.on('error', reject);
          response.on('end', () => {
            for (const line of response.headers['set-cookie'] ?? []) this.keepCookie(line);
            resolve({
              status: response.statusCode ?? 0,
              headers: response.headers,
              text: Buffer.concat(chunks).toString('utf8'),
              location: response.headers.location,
            });
          });
        },
      );
      outgoing.setTimeout(30_000, () => outgoing.destroy(new Error(`${method} ${url} timed out`)));
      outgoing.on('error', reject);
      outgoing.end(body);
    });
  }

  private keepCookie(line: string): void {
    const [pair = ''] = line.split(';');
    const separator = pair.indexOf('=');
    const name = pair.slice(0, separator).trim();
    const value = pair.slice(separator + 1).trim();
    if (value === '' || /max-age=0/i.test(line)) this.cookies.delete(name);
    else this.cookies.set(name, value);
  }
}
