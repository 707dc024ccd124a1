import { createHash } from 'node:crypto';
import http, { type IncomingMessage } from 'node:http';
import https from 'node:https';
import type { LookupFunction } from 'node:net';
import { RequestFilteringHttpAgent, RequestFilteringHttpsAgent } from 'request-filtering-agent';
import { isRedirect, nextUrl, type FetchOutcome } from './rules';

/** What one fetch of a link may take; the defaults are the program's, tests shorten the time. */
export interface FetchLimits {
  /** The whole fetch, every redirect and the body included. */
  timeoutMs: number;
  /** Reading stops here; the result says the body was larger. */
  maxBytes: number;
  maxRedirects: number;
  /**
   * Addresses (or CIDR ranges) reachable although private: only for tests, whose servers listen on
   * 127.0.0.1. Empty in production, where config.ts refuses the setting.
   */
  allowAddresses: readonly string[];
  /** How host names are resolved; tests pass their own to show the connection uses the checked address. */
  lookup?: LookupFunction;
  /** Text bodies up to this size are kept as the staff's snapshot of what was reviewed. */
  maxSnapshotChars: number;
}

export const defaultFetchLimits: FetchLimits = {
  timeoutMs: 10_000,
  maxBytes: 5 * 1024 * 1024,
  maxRedirects: 5,
  allowAddresses: [],
  maxSnapshotChars: 100_000,
};

/** What a fetch found: the last response's facts, or why there was none. */
export interface FetchResult {
  outcome: FetchOutcome;
  statusCode: number | null;
  finalUrl: string | null;
  contentType: string | null;
  /** Bytes read; at the cap when the outcome is too-large. */
  sizeBytes: number | null;
  /** Of the whole body; null when it was not read to its end. */
  sha256: string | null;
  redirects: number;
  durationMs: number;
  /** The body as text, for text types and only when complete and small. */
  text: string | null;
  error: string | null;
}

class FetchStopped extends Error {
  constructor(
    readonly outcome: FetchOutcome,
    message: string,
  ) {
    super(message);
  }
}

const textTypes = /^(text\/|application\/(xhtml\+xml|json|xml))/i;

/**
 * Fetches a company's evidence link as an outsider would, and never anything else: HTTP(S) only, public
 * addresses only (checked by request-filtering-agent after DNS resolution, on the address the socket then
 * connects to, for every hop, since each hop opens its own connection), redirects followed by hand and
 * counted, one deadline for everything and a cap on the body. Never throws: every failure is an outcome.
 */
export async function fetchEvidence(
  url: string,
  limits: FetchLimits = defaultFetchLimits,
): Promise<FetchResult> {
  const started = Date.now();
  const agentOptions = { keepAlive: false, allowIPAddressList: [...limits.allowAddresses] };
  const agents = {
    http: new RequestFilteringHttpAgent(agentOptions),
    https: new RequestFilteringHttpsAgent(agentOptions),
  };
  const deadline = new AbortController();
  const timer = setTimeout(() => deadline.abort(), limits.timeoutMs);
  let current = url;
  let redirects = 0;
  try {
    for (;;) {
      const target = parseHttpUrl(current);
      const response = await request(target, agents, limits, deadline.signal);
      const location = response.headers.location;
      if (isRedirect(response.statusCode ?? 0) && location) {
        response.destroy();
        if (redirects >= limits.maxRedirects)
          throw new FetchStopped('too-many-redirects', `more than ${limits.maxRedirects} redirects`);
        redirects += 1;
        const next = nextUrl(current, location);
        if (!next) throw new FetchStopped('invalid', 'redirect to an invalid address');
        current = next;
        continue;
      }
      const body = await readBody(response, limits, deadline.signal);
      const contentType = response.headers['content-type'] ?? null;
      const complete = body.sha256 !== null;
      return {
        outcome: complete ? 'fetched' : 'too-large',
        statusCode: response.statusCode ?? null,
        finalUrl: current,
        contentType,
        sizeBytes: body.size,
        sha256: body.sha256,
        redirects,
        durationMs: Date.now() - started,
        text:
          complete && contentType && textTypes.test(contentType) && body.size <= limits.maxSnapshotChars
            ? body.buffer.toString('utf8')
            : null,
        error: complete ? null : `larger than ${limits.maxBytes} bytes`,
      };
    }
  } catch (error) {
    const stopped = deadline.signal.aborted
      ? new FetchStopped('timeout', `no complete answer within ${limits.timeoutMs} ms`)
      : error;
    return failure(stopped, current === url ? null : current, redirects, Date.now() - started);
  } finally {
    clearTimeout(timer);
    agents.http.destroy();
    agents.https.destroy();
  }
}

function parseHttpUrl(value: string): URL {
  let parsed: URL;
  try {
    parsed = new URL(value);
  } catch {
    throw new FetchStopped('invalid', 'not a valid address');
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:')
    throw new FetchStopped('invalid', `${parsed.protocol} addresses are not fetched`);
  return parsed;
}

function request(
  target: URL,
  agents: { http: http.Agent; https: https.Agent },
  limits: FetchLimits,
  signal: AbortSignal,
): Promise<IncomingMessage> {
  const secure = target.protocol === 'https:';
  return new Promise((resolve, reject) => {
    const outgoing = (secure ? https : http).request(target, {
      agent: secure ? agents.https : agents.http,
      method: 'GET',
      signal,
      lookup: limits.lookup,
      // The size counted and hashed is what the server sends, never a decompressed bomb.
      headers: { 'accept-encoding': 'identity', 'user-agent': 'TrustmarkEvidenceCheck/1', accept: '*/*' },
    });
    outgoing.on('response', resolve);
    outgoing.on('error', (error) => reject(refusalOf(error)));
    outgoing.end();
  });
}

/** The agent's refusal of a private address reads "… is not allowed …"; everything else is a failure. */
function refusalOf(error: Error): Error {
  return /is not allowed/.test(error.message) ? new FetchStopped('refused', 'not a public address') : error;
}

/** Reads at most maxBytes, hashing as it goes; stops reading (and drops the connection) beyond it. */
function readBody(
  response: IncomingMessage,
  limits: FetchLimits,
  signal: AbortSignal,
): Promise<{ size: number; sha256: string | null; buffer: Buffer }> {
  const hash = createHash('sha256');
  const kept: Buffer[] = [];
  let size = 0;
  return new Promise((resolve, reject) => {
    const abort = () => {
      response.destroy();
      reject(new FetchStopped('timeout', `no complete answer within ${limits.timeoutMs} ms`));
    };
    if (signal.aborted) return abort();
    signal.addEventListener('abort', abort, { once: true });
    response.on('data', (chunk: Buffer) => {
      if (size + chunk.length > limits.maxBytes) {
        size = limits.maxBytes;
        signal.removeEventListener('abort', abort);
        response.destroy();
        resolve({ size, sha256: null, buffer: Buffer.alloc(0) });
        return;
      }
      size += chunk.length;
      hash.update(chunk);
      if (size <= limits.maxSnapshotChars) kept.push(chunk);
    });
    response.on('end', () => {
      signal.removeEventListener('abort', abort);
      resolve({ size, sha256: hash.digest('hex'), buffer: Buffer.concat(kept) });
    });
    response.on('error', (error) => {
      signal.removeEventListener('abort', abort);
      reject(error);
    });
  });
}

function failure(
  error: unknown,
  finalUrl: string | null,
  redirects: number,
  durationMs: number,
): FetchResult {
  const outcome = error instanceof FetchStopped ? error.outcome : 'unreachable';
  const message = error instanceof Error ? error.message : String(error);
  return {
    outcome,
    statusCode: null,
    finalUrl,
    contentType: null,
    sizeBytes: null,
    sha256: null,
    redirects,
    durationMs,
    text: null,
    error: message.slice(0, 300),
  };
}
