import { readFileSync } from 'node:fs';
import { createServer, IncomingMessage, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { isDeepStrictEqual } from 'node:util';
import { join } from 'node:path';

/**
 * One recorded request to a Kubernetes API server and its answer, as in
 * `../__fixtures__/*.json`. Two fields are the replay's own: `repeat`
 * answers any number of identical requests (polls whose count depends on
 * timing), `delayMs` answers late (a server that does not answer in time).
 */
export interface Exchange {
  request: {
    method: string;
    path: string;
    query?: Record<string, string>;
    headers?: { 'content-type'?: string };
    body?: unknown;
  };
  response: {
    status: number;
    headers: Record<string, string>;
    body: unknown;
  };
  repeat?: boolean;
  delayMs?: number;
}

/** A request as the replay server saw it. */
export interface SeenRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  contentType?: string;
  authorization?: string;
  body?: unknown;
}

export interface ReplayServer {
  /** `http://127.0.0.1:<port>`. */
  url: string;
  /** Every request, in order. */
  seen: SeenRequest[];
  /** Requests no recorded exchange matched, each with why. */
  unexpected: string[];
  /**
   * Fails (for the test) on unexpected requests and on exchanges never
   * used; call at the end of each test.
   */
  verify(): void;
  close(): Promise<void>;
}

const FIXTURES = join(__dirname, '..', '__fixtures__');

/** The exchanges of fixture files, in order. */
export function loadExchanges(...files: string[]): Exchange[] {
  return files.flatMap(
    file =>
      JSON.parse(readFileSync(join(FIXTURES, file), 'utf8')) as Exchange[],
  );
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', chunk => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

/** Why a recorded request does not match a seen one; '' when it does. */
function mismatch(recorded: Exchange['request'], seen: SeenRequest): string {
  if (recorded.method !== seen.method || recorded.path !== seen.path) {
    return 'another method or path';
  }
  if (!isDeepStrictEqual(recorded.query ?? {}, seen.query)) {
    return `query ${JSON.stringify(seen.query)}, recorded ${JSON.stringify(
      recorded.query ?? {},
    )}`;
  }
  const contentType = recorded.headers?.['content-type'];
  if (contentType !== undefined && contentType !== seen.contentType) {
    return `content-type ${seen.contentType}, recorded ${contentType}`;
  }
  if (
    recorded.body !== undefined &&
    !isDeepStrictEqual(recorded.body, seen.body)
  ) {
    return `body ${JSON.stringify(seen.body)}, recorded ${JSON.stringify(
      recorded.body,
    )}`;
  }
  return '';
}

/**
 * Serves recorded exchanges on 127.0.0.1, as a Kubernetes API server
 * would answer: each request gets the first unused exchange that matches
 * its method, path, query, content type and body (bodies compared as
 * JSON). Every request must carry `Authorization: Bearer <token>`.
 */
export async function startReplayServer(
  exchanges: Exchange[],
  options: { token: string },
): Promise<ReplayServer> {
  const used = exchanges.map(() => false);
  const seen: SeenRequest[] = [];
  const unexpected: string[] = [];

  const server: Server = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://replay');
    const text = await readBody(req);
    let body: unknown;
    if (text) {
      try {
        body = JSON.parse(text);
      } catch {
        body = text;
      }
    }
    const request: SeenRequest = {
      method: req.method ?? '',
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      contentType: req.headers['content-type'],
      authorization: req.headers.authorization,
      body,
    };
    seen.push(request);
    const name = `${request.method} ${request.path}${url.search}`;

    if (request.authorization !== `Bearer ${options.token}`) {
      unexpected.push(`${name} without the bearer token`);
      res.writeHead(401, { 'content-type': 'application/json' });
      res.end(
        JSON.stringify({
          kind: 'Status',
          apiVersion: 'v1',
          metadata: {},
          status: 'Failure',
          message: 'Unauthorized',
          reason: 'Unauthorized',
          code: 401,
        }),
      );
      return;
    }

    const reasons: string[] = [];
    const index = exchanges.findIndex((exchange, i) => {
      if (used[i] && !exchange.repeat) return false;
      const why = mismatch(exchange.request, request);
      if (why && why !== 'another method or path') reasons.push(why);
      return !why;
    });
    if (index < 0) {
      unexpected.push(
        `${name}${reasons.length ? ` (${reasons.join('; ')})` : ''}`,
      );
      res.writeHead(599, { 'content-type': 'text/plain' });
      res.end('not recorded');
      return;
    }
    used[index] = true;
    const { response, delayMs } = exchanges[index];
    if (delayMs) await new Promise(resolve => setTimeout(resolve, delayMs));
    if (res.destroyed) return;
    res.writeHead(response.status, response.headers);
    res.end(JSON.stringify(response.body));
  });

  await new Promise<void>(resolve =>
    server.listen(0, '127.0.0.1', () => resolve()),
  );
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    seen,
    unexpected,
    verify() {
      const unused = exchanges
        .filter((_, i) => !used[i])
        .map(e => `${e.request.method} ${e.request.path}`);
      expect({ unexpected, unused }).toEqual({ unexpected: [], unused: [] });
    },
    close() {
      return new Promise(resolve => {
        server.closeAllConnections();
        server.close(() => resolve());
      });
    },
  };
}
