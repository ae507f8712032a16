import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';

/** One request and the answer recorded for it. */
export interface Exchange {
  request: {
    method: string;
    /** The path; its query keys must match, their values are not compared. */
    path: string;
    body?: unknown;
  };
  response: { status: number; body?: unknown };
}

/**
 * An HTTP server that answers a sequence of recorded exchanges in order,
 * and answers 599 (failing the client) to a request other than the next
 * one recorded, saying what it expected.
 */
export async function startReplayServer(exchanges: Exchange[]): Promise<{
  url: string;
  remaining: () => number;
  seen: Array<{ method: string; path: string; body?: unknown }>;
  close: () => Promise<void>;
}> {
  const queue = [...exchanges];
  const seen: Array<{ method: string; path: string; body?: unknown }> = [];
  const server: Server = createServer((req, res) => {
    let text = '';
    req.on('data', chunk => (text += chunk));
    req.on('end', () => {
      const url = new URL(req.url!, 'http://replay');
      const body = text ? JSON.parse(text) : undefined;
      seen.push({ method: req.method!, path: req.url!, body });
      const next = queue.shift();
      const expected = next && new URL(next.request.path, 'http://replay');
      const matches =
        next &&
        expected &&
        next.request.method === req.method &&
        expected.pathname === url.pathname &&
        [...expected.searchParams.keys()].sort().join() ===
          [...url.searchParams.keys()].sort().join() &&
        (next.request.body === undefined ||
          JSON.stringify(next.request.body) === JSON.stringify(body));
      if (!matches) {
        res.writeHead(599, { 'Content-Type': 'application/json' });
        res.end(
          JSON.stringify({
            message: `replay: ${req.method} ${
              req.url
            } was not expected; next recorded: ${
              next ? `${next.request.method} ${next.request.path}` : 'none'
            }`,
          }),
        );
        return;
      }
      res.writeHead(next.response.status, {
        'Content-Type': 'application/json',
      });
      res.end(
        next.response.body === undefined
          ? undefined
          : JSON.stringify(next.response.body),
      );
    });
  });
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    remaining: () => queue.length,
    seen,
    close: () => new Promise(resolve => server.close(() => resolve())),
  };
}
