/*
 * The bench's load when wrk is not installed (see loadClient.ts): in a
 * Node process of its own, autocannon against the given paths, every
 * response's time kept so that the percentiles are exact (p95 included).
 * Started with fork(); answers over IPC. It takes a good share of a core
 * that the backend under test would otherwise have.
 */
import autocannon from 'autocannon';
import type { LoadRequest, LoadResult } from './loadClient';

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)];
}

process.once('message', async (message: LoadRequest) => {
  const times: number[] = [];
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(
      {
        url: message.url,
        connections: message.connections,
        duration: message.durationSeconds,
        headers: { authorization: `Bearer ${message.token}` },
        requests: message.paths.map(path => ({
          method: 'GET' as const,
          path,
        })),
      },
      (error, done) => (error ? reject(error) : resolve(done)),
    );
    instance.on('response', (_client, _status, _bytes, responseTime) => {
      times.push(responseTime);
    });
  });
  times.sort((a, b) => a - b);
  const answer: LoadResult = {
    requestsPerSecond: result.requests.average,
    p50: percentile(times, 0.5),
    p95: percentile(times, 0.95),
    p99: percentile(times, 0.99),
    non2xx: result.non2xx,
    bytesPerResponse:
      result.throughput.total / Math.max(1, result.requests.total),
    errors: result.errors,
  };
  process.send!(answer, () => process.exit(0));
});
