import autocannon from 'autocannon';
import { report } from './report';

export interface LoadResult {
  requestsPerSecond: number;
  p50: number;
  p99: number;
  /** Connection errors, timeouts and answers other than 2xx: a correct server under this load gives none. */
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
  const measured: LoadResult = {
    requestsPerSecond: result.requests.total / options.seconds,
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors + result.timeouts + result.non2xx,
  };
  report(
    `${label}: ${measured.requestsPerSecond.toFixed(0)} req/s, p50 ${measured.p50} ms, p99 ${measured.p99} ms, errors ${measured.errors} (${connections} connections, ${options.seconds} s, ${paths.length} distinct paths)`,
  );
  return measured;
}
