import autocannon from 'autocannon';
import { report } from './report';

export interface LoadResult {
  requestsPerSecond: number;
  p50: number;
  p99: number;
  /** Connection errors (timeouts among them) and answers other than 2xx; a correct server gives none. */
  errors: number;
}

/**
 * Sends GET requests for `seconds` over `connections` keep-alive connections (autocannon), each
 * connection taking the paths in turn from its own starting point, so different paths are in flight
 * at once. Prints and returns throughput, latency percentiles (autocannon's histogram) and errors.
 */
export async function loadPaths(
  url: string,
  label: string,
  paths: readonly string[],
  options: { connections?: number; seconds: number },
): Promise<LoadResult> {
  const connections = options.connections ?? 50;
  let next = 0;
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    autocannon(
      {
        url,
        connections,
        duration: options.seconds,
        requests: [
          {
            setupRequest: (request: autocannon.Request) => {
              next += 1;
              return { ...request, path: paths[next % paths.length] ?? '/' };
            },
          },
        ],
      },
      (error, finished) => (error ? reject(error) : resolve(finished)),
    );
  });
  // No answer within the run leaves autocannon's histogram empty (all zeros): slower than anything, not instant.
  const answered = result.requests.total > 0;
  const measured: LoadResult = {
    requestsPerSecond: result.requests.total / options.seconds,
    p50: answered ? result.latency.p50 : Number.POSITIVE_INFINITY,
    p99: answered ? result.latency.p99 : Number.POSITIVE_INFINITY,
    errors: result.errors + result.non2xx,
  };
  await settled(url);
  report(
    `${label}: ${measured.requestsPerSecond.toFixed(0)} req/s, p50 ${measured.p50} ms, p99 ${measured.p99} ms, errors ${measured.errors} (${connections} connections, ${options.seconds} s, ${paths.length} distinct paths)`,
  );
  return measured;
}

/**
 * Waits (at most a minute) until the server answers /healthz within 20 ms: requests a load left queued
 * when it stopped would otherwise be counted against the next load, and memory read too early.
 */
async function settled(url: string): Promise<void> {
  const deadline = performance.now() + 60_000;
  while (performance.now() < deadline) {
    const sent = performance.now();
    await (await fetch(`${url}/healthz`)).arrayBuffer();
    if (performance.now() - sent < 20) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
