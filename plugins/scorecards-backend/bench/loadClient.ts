/*
 * The load of the scorecards API bench, from a process of its own as a
 * browser's would be: wrk when it is installed (C, a few percent of a core
 * at these rates; bench/wrk.lua), autocannon in a Node process otherwise
 * (bench/autocannonClient.ts, which takes a good share of a core from the
 * backend on a small machine). BENCH_CLIENT=wrk|autocannon chooses.
 * Either keeps every response's time, so the percentiles are exact, and
 * counts the answers that are not 2xx: a fast run of errors is no result.
 */
import { execFile, fork } from 'node:child_process';
import {
  accessSync,
  constants,
  mkdtempSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';

/** What the bench asks for. */
export interface LoadRequest {
  url: string;
  token: string;
  paths: string[];
  connections: number;
  durationSeconds: number;
}

/** What the client answers. */
export interface LoadResult {
  requestsPerSecond: number;
  p50: number;
  p95: number;
  p99: number;
  /** Answers other than 2xx. */
  non2xx: number;
  /** Requests without an answer (connection errors, timeouts). */
  errors: number;
  /** Mean response size, headers included. */
  bytesPerResponse: number;
}

/** wrk's path: /usr/bin/wrk, or wrk on the PATH; undefined without one. */
function findWrk(): string | undefined {
  const dirs = ['/usr/bin', ...(process.env.PATH ?? '').split(delimiter)];
  for (const dir of dirs.filter(Boolean)) {
    const file = join(dir, 'wrk');
    try {
      accessSync(file, constants.X_OK);
      return file;
    } catch {
      // Not here.
    }
  }
  return undefined;
}

/** The load generator the bench uses, and what it is. */
export function loadClient():
  | { name: 'wrk'; path: string; description: string }
  | { name: 'autocannon'; description: string } {
  const wanted = process.env.BENCH_CLIENT;
  const wrk = wanted === 'autocannon' ? undefined : findWrk();
  if (wrk) {
    return {
      name: 'wrk',
      path: wrk,
      description: `wrk (${wrk}, one thread, Lua script bench/wrk.lua)`,
    };
  }
  if (wanted === 'wrk') {
    throw new Error('BENCH_CLIENT=wrk, but there is no wrk on this machine');
  }
  return {
    name: 'autocannon',
    description: `autocannon (a Node process of its own; ${
      wanted === 'autocannon' ? 'BENCH_CLIENT=autocannon' : 'no wrk found'
    })`,
  };
}

/** Runs the load with the client of {@link loadClient}. */
export function runLoad(request: LoadRequest): Promise<LoadResult> {
  const client = loadClient();
  return client.name === 'wrk'
    ? runWrk(client.path, request)
    : runAutocannon(request);
}

async function runWrk(wrk: string, request: LoadRequest): Promise<LoadResult> {
  const dir = mkdtempSync(join(tmpdir(), 'plinth-bench-wrk-'));
  const pathsFile = join(dir, 'paths.txt');
  writeFileSync(pathsFile, `${request.paths.join('\n')}\n`);
  try {
    const stdout = await new Promise<string>((resolve, reject) => {
      execFile(
        wrk,
        [
          '--threads',
          '1',
          '--connections',
          String(request.connections),
          '--duration',
          `${request.durationSeconds}s`,
          // As autocannon's: a slow answer is timed, not dropped.
          '--timeout',
          '10s',
          '--script',
          join(__dirname, 'wrk.lua'),
          request.url,
          '--',
          pathsFile,
        ],
        // The token stays off the command line.
        { env: { ...process.env, BENCH_TOKEN: request.token } },
        (error, out, err) =>
          error
            ? reject(new Error(`wrk failed: ${error}\n${err}`))
            : resolve(out),
      );
    });
    const line = stdout.split('\n').find(l => l.startsWith('BENCH_RESULT '));
    if (!line) throw new Error(`wrk printed no result:\n${stdout}`);
    const r = JSON.parse(line.slice('BENCH_RESULT '.length)) as {
      requests: number;
      durationUs: number;
      bytes: number;
      p50Us: number;
      p95Us: number;
      p99Us: number;
      non2xx: number;
      errors: number;
    };
    return {
      requestsPerSecond: r.requests / (r.durationUs / 1e6),
      p50: r.p50Us / 1000,
      p95: r.p95Us / 1000,
      p99: r.p99Us / 1000,
      non2xx: r.non2xx,
      errors: r.errors,
      bytesPerResponse: r.bytes / Math.max(1, r.requests),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function runAutocannon(request: LoadRequest): Promise<LoadResult> {
  const child = fork(join(__dirname, 'autocannonClient.ts'), [], {
    execArgv: [
      '--require',
      require.resolve('@backstage/cli/config/nodeTransform.cjs'),
    ],
  });
  child.send(request);
  return new Promise<LoadResult>((resolve, reject) => {
    // The TypeScript loader of the child reports its files over IPC too.
    child.on('message', message => {
      if ((message as LoadResult).requestsPerSecond !== undefined) {
        resolve(message as LoadResult);
      }
    });
    child.once('error', reject);
    child.once('exit', code => {
      if (code !== 0) reject(new Error(`autocannon exited with ${code}`));
    });
  });
}
