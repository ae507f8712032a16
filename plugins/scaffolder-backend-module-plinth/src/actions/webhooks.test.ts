import { ConfigReader } from '@backstage/config';
import { createServer, IncomingMessage, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { runStep, taskState } from '../__testUtils__/actionContext';
import { readWebhookOptions } from './webhookConfig';
import { createWebhookCallAction, webhookSignature } from './webhooks';

interface Received {
  method: string;
  path: string;
  headers: IncomingMessage['headers'];
  body: string;
}

describe('plinth:webhook:call', () => {
  let server: Server;
  let port: number;
  const received: Received[] = [];

  beforeAll(async () => {
    server = createServer((req, res) => {
      let body = '';
      req.on('data', chunk => (body += chunk));
      req.on('end', () => {
        received.push({
          method: req.method!,
          path: req.url!,
          headers: req.headers,
          body,
        });
        if (req.url === '/slow') {
          setTimeout(() => res.end('late'), 2_000);
        } else if (req.url === '/redirect') {
          res.writeHead(302, { Location: 'http://169.254.169.254/' }).end();
        } else if (req.url === '/broken') {
          res.writeHead(422, { 'Content-Type': 'text/plain' });
          res.end('plan "platinum" does not exist');
        } else {
          res.writeHead(200, { 'Content-Type': 'application/json' });
          res.end(JSON.stringify({ accepted: true }));
        }
      });
    });
    await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(() => new Promise(resolve => server.close(resolve)));
  beforeEach(() => {
    received.length = 0;
  });

  const action = (timeoutMs = 1_000) =>
    createWebhookCallAction({
      webhooks: readWebhookOptions(
        new ConfigReader({
          plinth: {
            selfService: {
              webhooks: {
                allowedHosts: [`127.0.0.1:${port}`, '*.example.com'],
                signingSecret: 'whsec_test',
                timeoutMs,
              },
            },
          },
        }),
      ),
    });

  it('posts a signed JSON body once per task, and outputs the answer', async () => {
    const url = `http://127.0.0.1:${port}/billing?token=abc`;
    const input = { url, body: { customer: 'acme', plan: 'enterprise' } };
    const dry = await runStep(action(), input, { isDryRun: true });
    expect(dry.logs).toEqual([
      `Dry run: would POST http://127.0.0.1:${port}/billing with a 39-byte JSON body, signed.`,
    ]);
    expect(received).toEqual([]);

    const state = taskState();
    const run = await runStep(action(), input, { checkpoints: state });
    expect(run.outputs).toEqual({ status: 200, body: { accepted: true } });
    expect(received).toHaveLength(1);
    const [call] = received;
    expect(call.method).toBe('POST');
    expect(JSON.parse(call.body)).toEqual(input.body);
    const timestamp = String(call.headers['x-plinth-timestamp']);
    expect(call.headers['x-plinth-signature']).toBe(
      webhookSignature('whsec_test', timestamp, call.body),
    );
    // The log names no query string (it may hold a token).
    expect(run.logs.join('\n')).not.toContain('token=abc');

    await runStep(action(), input, { checkpoints: state });
    expect(received).toHaveLength(1);
  });

  it('refuses hosts the allow-list does not name, before any request', async () => {
    for (const url of [
      'http://169.254.169.254/latest/meta-data',
      `http://localhost:${port}/billing`,
      `http://127.0.0.1:${port + 1}/billing`,
      'https://example.com/hook',
    ]) {
      await expect(runStep(action(), { url })).rejects.toThrow(
        /^url: the host .* is not allowed; webhooks may call 127\.0\.0\.1:\d+, \*\.example\.com$/,
      );
    }
    expect(received).toEqual([]);
  });

  it('fails on a redirect, an error answer and a timeout, saying which', async () => {
    const base = `http://127.0.0.1:${port}`;
    await expect(
      runStep(action(), { url: `${base}/redirect` }),
    ).rejects.toThrow(`The webhook ${base}/redirect answered 302 Found`);
    await expect(runStep(action(), { url: `${base}/broken` })).rejects.toThrow(
      `The webhook ${base}/broken answered 422 Unprocessable Entity: plan "platinum" does not exist`,
    );
    await expect(runStep(action(200), { url: `${base}/slow` })).rejects.toThrow(
      `The webhook ${base}/slow failed: no answer within 200 ms`,
    );
  });

  it('says which allowed host is not one', () => {
    expect(() =>
      readWebhookOptions(
        new ConfigReader({
          plinth: {
            selfService: {
              webhooks: { allowedHosts: ['https://hooks.example.com'] },
            },
          },
        }),
      ),
    ).toThrow(
      'plinth.selfService.webhooks.allowedHosts: "https://hooks.example.com" is not a host name, "*.domain" or "host:port"',
    );
  });
});
