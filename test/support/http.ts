/**
 * A minimal browser stand-in over real HTTP: keeps cookies, sends forms with the site's Origin
 * (as a browser does), and never follows redirects by itself so tests can assert them.
 */
export interface PageResponse {
  status: number;
  headers: Headers;
  text: string;
  location: string | null;
}

export class HttpClient {
  private readonly cookies = new Map<string, string>();

  constructor(readonly baseUrl: string) {}

  get cookieNames(): string[] {
    return [...this.cookies.keys()];
  }

  cookie(name: string): string | undefined {
    return this.cookies.get(name);
  }

  /** Plants a cookie, as an attacker who can write cookies for the site might. */
  setCookie(name: string, value: string): void {
    this.cookies.set(name, value);
  }

  /** The Cookie header this client would send, for requests it cannot make itself (file uploads). */
  cookieHeader(): string {
    return [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
  }

  async get(path: string, headers: Record<string, string> = {}): Promise<PageResponse> {
    return this.request(path, { method: 'GET', headers });
  }

  async post(
    path: string,
    form: Record<string, string>,
    options: { origin?: string | null; headers?: Record<string, string> } = {},
  ): Promise<PageResponse> {
    const headers: Record<string, string> = {
      'content-type': 'application/x-www-form-urlencoded',
      ...options.headers,
    };
    const origin = options.origin === undefined ? this.baseUrl : options.origin;
    if (origin !== null) headers['origin'] = origin;
    return this.request(path, { method: 'POST', headers, body: new URLSearchParams(form).toString() });
  }

  /** Posts a form whose fields may repeat, as several checked checkboxes of one name do. */
  async postPairs(path: string, pairs: [string, string][]): Promise<PageResponse> {
    const headers = { 'content-type': 'application/x-www-form-urlencoded', origin: this.baseUrl };
    return this.request(path, { method: 'POST', headers, body: new URLSearchParams(pairs).toString() });
  }

  /** Posts one file as multipart form data, as a file input in a form does. */
  async upload(path: string, field: string, bytes: Uint8Array, fileName: string): Promise<PageResponse> {
    const body = new FormData();
    body.set(field, new Blob([new Uint8Array(bytes)]), fileName);
    return this.request(path, { method: 'POST', headers: { origin: this.baseUrl }, body });
  }

  /** Follows redirects like a browser would, for flows where only the final page matters. */
  async follow(response: PageResponse, limit = 5): Promise<PageResponse> {
    let current = response;
    for (let hop = 0; hop < limit && current.location; hop++) current = await this.get(current.location);
    return current;
  }

  private async request(path: string, init: RequestInit & { headers: Record<string, string> }) {
    const url = path.startsWith('http') ? path : `${this.baseUrl}${path}`;
    const cookie = this.cookieHeader();
    if (cookie) init.headers['cookie'] = cookie;
    const response = await fetch(url, { ...init, redirect: 'manual' });
    for (const header of response.headers.getSetCookie()) {
      const [pair = ''] = header.split(';');
      const separator = pair.indexOf('=');
      const name = pair.slice(0, separator).trim();
      const value = pair.slice(separator + 1).trim();
      if (value === '' || /max-age=0/i.test(header)) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    return {
      status: response.status,
      headers: response.headers,
      text: await response.text(),
      location: response.headers.get('location'),
    };
  }
}

/** The value of a named input in an HTML page. */
export function inputValue(html: string, name: string): string {
  const match = html.match(new RegExp(`name="${name}"[^>]*value="([^"]*)"`));
  if (!match?.[1]) throw new Error(`No input named ${name} with a value in the page`);
  return match[1]
    .replace(/&amp;/g, '&')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'");
}
