import type { IncomingMessage, ServerResponse } from 'node:http';
import { gzipSync } from 'node:zlib';
import type { MiddlewareHandler } from 'hono';
import { acceptsGzip, compressionThreshold } from '../../platform/web/compression';
import type { AppEnv } from '../../platform/web/env';
import { clientAddressOfRequest, publicReadKey, type RateLimit } from '../../platform/web/rate-limits';
import type { Hit, RateLimitCounters } from '../../platform/web/rate-limit-counters';
import type { TransparencyLog } from './log';
import { consistencyJson, inclusionJson } from './proof-json';
import { logRateLimitScope } from './routes';

/** A proof asked for in the one spelling answered here; every other spelling is the app's. */
interface Wanted {
  kind: 'inclusion' | 'consistency';
  /** index, or first */
  from: number;
  /** size, or second: the tree the proof is in */
  size: number;
  key: string;
}

/** How the app's compression answers: no gzip asked, gzip asked but the body too small, gzipped. */
type Outcome = 'plain' | 'small' | 'gzip';

interface Template {
  /** Name, value, name, value…, as the app sent them, without Date. */
  headers: string[];
  /** Where the RateLimit header's value sits in `headers`: one of the two values made per request. */
  rateLimitAt: number;
  /**
   * Where Content-Length's value sits: among the others when the app's compression set it, last when
   * node:http added it (as it does for a body sent whole).
   */
  lengthAt: number;
}

interface Body {
  json: Buffer;
  gzipped?: Buffer;
}

const number = '(0|[1-9][0-9]{0,15})';
const inclusionTarget = new RegExp(`^/log/proof/inclusion\\?index=${number}&size=${number}$`);
const consistencyTarget = new RegExp(`^/log/proof/consistency\\?first=${number}&second=${number}$`);

/** The proof a request target asks for, when it is spelled as a client of the log spells it and valid. */
export function wantedProof(target: string): Wanted | undefined {
  const inclusion = inclusionTarget.exec(target);
  const consistency = inclusion ? undefined : consistencyTarget.exec(target);
  const match = inclusion ?? consistency;
  if (!match) return undefined;
  const from = Number(match[1]);
  const size = Number(match[2]);
  if (!Number.isSafeInteger(from) || !Number.isSafeInteger(size)) return undefined;
  if (inclusion ? from >= size : from < 1 || from > size) return undefined;
  const kind = inclusion ? 'inclusion' : 'consistency';
  return { kind, from, size, key: `${kind}/${from}/${size}` };
}

/**
 * Inclusion and consistency proofs answered from node:http in front of the app (docs/decisions/0017).
 *
 * A proof of a given tree size never changes, as the tiles' first `size` leaves never do; so a proof is
 * answered here only for a size the app has already answered a proof of (its route checked the size
 * against the tiles), computed from the same tiles and kept in a bounded cache. The headers are those of
 * the app's own 200 answer of that kind and compression outcome, kept by `keep` (outside all of the app's
 * middleware); the body is rendered by the route's own functions (proof-json.ts) and gzipped as the app's
 * compression does. The request counts in the log's rate limit under the app's key; a client over its
 * limit, a target in another spelling, a size not yet seen and anything else go to the app.
 */
export function createProofFastPath(options: {
  log: Pick<TransparencyLog, 'provenTree'>;
  limit: RateLimit;
  counters: RateLimitCounters;
  trustedHops: number;
  /** Proofs kept (a proof at a million entries is some 1.1 kB, and as much again gzipped). */
  maxEntries?: number;
  /**
   * Proofs computed at once; more wait their turn, in order. Handing them to the app instead would cost
   * more (measured on PostgreSQL: the app's whole stack on top of the same tile reads).
   */
  maxInFlight?: number;
}) {
  const { log, limit, counters, trustedHops } = options;
  const maxEntries = options.maxEntries ?? 4096;
  const maxInFlight = options.maxInFlight ?? 16;
  const policy = `${limit.limit};w=${Math.ceil(limit.windowMs / 1000)}`;
  const templates = new Map<string, Template>();
  const bodies = new Map<string, Body>();
  /** The largest tree size the app has answered a proof in: every size up to it is provable for good. */
  let provable = 0;
  let inFlight = 0;
  /**
   * The proofs waiting for one in flight to finish. Its length is bounded by the open connections: node:http
   * reads a connection's next request only once its answer has been sent.
   */
  const waiting: (() => void)[] = [];

  const keep: MiddlewareHandler<AppEnv> = async (c, next) => {
    await next();
    const target = (c.env as { incoming?: IncomingMessage } | undefined)?.incoming?.url;
    const wanted = target === undefined ? undefined : wantedProof(target);
    if (!wanted || c.req.method !== 'GET' || c.res.status !== 200) return;
    if (c.res.headers.get('ratelimit-policy') !== policy) return;
    provable = Math.max(provable, wanted.size);
    const outcome: Outcome =
      c.res.headers.get('content-encoding') === 'gzip'
        ? 'gzip'
        : acceptsGzip(c.req.header('accept-encoding'))
          ? 'small'
          : 'plain';
    const name = `${wanted.kind}/${outcome}`;
    if (templates.has(name)) return;
    const headers: string[] = [];
    for (const [header, value] of c.res.headers) if (header !== 'date') headers.push(header, value);
    if (!headers.includes('content-length')) headers.push('content-length', '');
    const rateLimitAt = headers.indexOf('ratelimit') + 1;
    const lengthAt = headers.indexOf('content-length') + 1;
    if (rateLimitAt > 0) templates.set(name, { headers, rateLimitAt, lengthAt });
  };

  async function bodyOf(wanted: Wanted): Promise<Body> {
    const kept = bodies.get(wanted.key);
    if (kept) return kept;
    const { from, size } = wanted;
    const json =
      wanted.kind === 'inclusion'
        ? inclusionJson(from, size, await log.provenTree.inclusion(from, size))
        : consistencyJson(from, size, await log.provenTree.consistency(from, size));
    const body = { json: Buffer.from(JSON.stringify(json)) };
    bodies.set(wanted.key, body);
    if (bodies.size > maxEntries) bodies.delete(bodies.keys().next().value ?? '');
    return body;
  }

  /**
   * Sends the body with the client's count (made before the proof was computed), in the headers of the
   * app's answer of its kind and compression outcome. Without those headers yet, the app answers it.
   */
  function send(wanted: Wanted, body: Body, counted: Counted, reply: Reply) {
    const { request, response, sent } = reply;
    const gzip = acceptsGzip(request.headers['accept-encoding']);
    const outcome: Outcome = !gzip ? 'plain' : body.json.length < compressionThreshold ? 'small' : 'gzip';
    const template = templates.get(`${wanted.kind}/${outcome}`);
    if (!template) return passOnUncounted(counted, reply);
    // The same zlib defaults as the app's compression (platform/web/compression.ts): the same bytes.
    const bytes = outcome === 'gzip' ? (body.gzipped ??= gzipSync(body.json)) : body.json;
    const { hit } = counted;
    const reset = Math.max(0, Math.ceil((hit.resetAt - Date.now()) / 1000));
    const headers = [...template.headers];
    headers[template.lengthAt] = String(bytes.length);
    headers[template.rateLimitAt] =
      `limit=${limit.limit}, remaining=${Math.max(limit.limit - hit.hits, 0)}, reset=${reset}`;
    response.writeHead(200, headers);
    response.end(bytes);
    sent?.(wanted.kind);
  }

  /** Takes the client's count back and leaves the request to the app, which counts it itself. */
  function passOnUncounted(counted: Counted, reply: Reply) {
    const forgiven = counters.forgive(counted.key);
    if (forgiven instanceof Promise) forgiven.then(reply.passOn, reply.passOn);
    else reply.passOn();
  }

  /** With the client counted: the app for a client over its limit, else the proof, kept or computed. */
  function afterCount(wanted: Wanted, counted: Counted, reply: Reply) {
    // Over the limit the app counts the request again and refuses it, with its own 429: nothing computed.
    if (counted.hit.hits > limit.limit) return reply.passOn();
    const kept = bodies.get(wanted.key);
    if (kept) return send(wanted, kept, counted, reply);
    const compute = () => {
      inFlight += 1;
      bodyOf(wanted)
        .finally(() => {
          inFlight -= 1;
          waiting.shift()?.();
        })
        .then(
          (body) => send(wanted, body, counted, reply),
          // The app answers a proof that could not be made here (and reports why), counting it itself.
          () => passOnUncounted(counted, reply),
        )
        .catch(() => reply.response.destroy());
    };
    if (inFlight < maxInFlight) compute();
    else waiting.push(compute);
  }

  return {
    keep,

    /**
     * Answers a proof of a size already proven; false leaves the request to the app, and so does `passOn`
     * when the answer turns out to be the app's after all (no headers kept yet, over the limit, an error).
     * The client is counted first, so that one over its limit has nothing computed for it. `sent` is called
     * once the fast path has answered (not when it passes the request on).
     */
    answer(
      request: IncomingMessage,
      response: ServerResponse,
      passOn: () => void,
      sent?: (kind: Wanted['kind']) => void,
    ): boolean {
      if (request.method !== 'GET' || !request.url?.startsWith('/log/proof/')) return false;
      const wanted = wantedProof(request.url);
      if (!wanted || wanted.size > provable) return false;
      const reply: Reply = { request, response, passOn, sent };
      const key = publicReadKey(logRateLimitScope, clientAddressOfRequest(request, trustedHops));
      const hit = counters.hit(key, limit.windowMs, { limit: limit.limit });
      // Counted in the database, the answer waits for the count; should counting fail, the app answers.
      if (hit instanceof Promise)
        hit
          .then((counted) => afterCount(wanted, { key, hit: counted }, reply), passOn)
          .catch(() => response.destroy());
      else afterCount(wanted, { key, hit }, reply);
      return true;
    },
  };
}

interface Counted {
  key: string;
  hit: Hit;
}

interface Reply {
  request: IncomingMessage;
  response: ServerResponse;
  passOn: () => void;
  sent: ((kind: Wanted['kind']) => void) | undefined;
}

export type ProofFastPath = ReturnType<typeof createProofFastPath>;
