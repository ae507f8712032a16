import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import { createHmac } from 'node:crypto';
import { sideEffect } from './steps';
import { isAllowedHost, WebhookOptions } from './webhookConfig';

/** The most of an answer's body kept in the output. */
const MAX_BODY = 64 * 1024;

/**
 * The signature of a webhook's body: HMAC-SHA256 of `<timestamp>.<body>`
 * under the signing secret, as receivers check it.
 * @public
 */
export function webhookSignature(
  secret: string,
  timestamp: string,
  body: string,
): string {
  return `sha256=${createHmac('sha256', secret)
    .update(`${timestamp}.${body}`, 'utf8')
    .digest('hex')}`;
}

/**
 * `plinth:webhook:call`: calls a webhook on an allowed host with a signed
 * JSON body and a timeout, and fails on an answer that is not 2xx.
 * @public
 */
export function createWebhookCallAction(options: { webhooks: WebhookOptions }) {
  const { webhooks } = options;
  return createTemplateAction({
    id: 'plinth:webhook:call',
    description:
      'Calls a webhook with a JSON body signed with HMAC-SHA256 (X-Plinth-Signature), only on the hosts plinth.selfService.webhooks.allowedHosts allows, within a timeout; an answer other than 2xx fails the step',
    supportsDryRun: true,
    examples: [
      {
        description: "Tell the billing system about a customer's new plan",
        example: `steps:
  - id: notify
    name: Call the billing webhook
    action: plinth:webhook:call
    input:
      url: https://hooks.example.com/billing/plan-changed
      body:
        customer: acme
        plan: enterprise`,
      },
    ],
    schema: {
      input: {
        url: z =>
          z
            .string()
            .url()
            .describe(
              'The webhook URL (http or https), on a host the config allows',
            ),
        method: z =>
          z
            .enum(['POST', 'PUT', 'PATCH', 'DELETE'])
            .optional()
            .describe('The HTTP method, POST unless given'),
        body: z =>
          z
            .record(z.unknown())
            .optional()
            .describe('The JSON body; {} when not given'),
        headers: z =>
          z
            .record(z.string())
            .optional()
            .describe('More headers, such as X-Request-Source'),
      },
      output: {
        status: z => z.number().describe('The HTTP status of the answer'),
        body: z =>
          z
            .unknown()
            .describe('The answer: its JSON, or its text (at most 64 KiB)'),
      },
    },
    async handler(ctx) {
      const url = new URL(ctx.input.url);
      if (url.protocol !== 'https:' && url.protocol !== 'http:') {
        throw new Error(`url must be http or https, not ${url.protocol}`);
      }
      if (url.username || url.password) {
        throw new Error(
          'url must not carry credentials; the body is signed instead',
        );
      }
      if (!isAllowedHost(url, webhooks.allowedHosts)) {
        throw new Error(
          `url: the host ${url.host} is not allowed; webhooks may call ${
            webhooks.allowedHosts.length
              ? webhooks.allowedHosts.join(', ')
              : 'no host (plinth.selfService.webhooks.allowedHosts is empty)'
          }`,
        );
      }
      const method = ctx.input.method ?? 'POST';
      const body = JSON.stringify(ctx.input.body ?? {});
      // The target without its query, which may carry tokens.
      const target = `${url.origin}${url.pathname}`;
      const answer = await sideEffect(ctx, {
        key: `plinth:webhook:call:${method}:${url.href}`,
        describe: `${method} ${target} with a ${Buffer.byteLength(
          body,
        )}-byte JSON body${webhooks.signingSecret ? ', signed' : ''}`,
        dry: null,
        run: async () => {
          const timestamp = String(Math.floor(Date.now() / 1000));
          let response: Response;
          try {
            response = await fetch(url, {
              method,
              body,
              // A redirect could leave the allowed hosts: it is an answer.
              redirect: 'manual',
              signal: AbortSignal.timeout(webhooks.timeoutMs),
              headers: {
                ...ctx.input.headers,
                'Content-Type': 'application/json',
                'User-Agent': 'Plinth self-service',
                'X-Plinth-Timestamp': timestamp,
                ...(webhooks.signingSecret
                  ? {
                      'X-Plinth-Signature': webhookSignature(
                        webhooks.signingSecret,
                        timestamp,
                        body,
                      ),
                    }
                  : {}),
              },
            });
          } catch (error) {
            const reason =
              (error as Error).name === 'TimeoutError'
                ? `no answer within ${webhooks.timeoutMs} ms`
                : (error as Error).message;
            throw new Error(`The webhook ${target} failed: ${reason}`);
          }
          const text = (await response.text()).slice(0, MAX_BODY);
          if (!response.ok) {
            throw new Error(
              `The webhook ${target} answered ${response.status}${
                response.statusText ? ` ${response.statusText}` : ''
              }${text ? `: ${text.slice(0, 500)}` : ''}`,
            );
          }
          let parsed: unknown = text;
          try {
            parsed = text ? JSON.parse(text) : null;
          } catch {
            // Not JSON: kept as text.
          }
          return { status: response.status, body: parsed as any };
        },
      });
      if (answer) {
        ctx.logger.info(`The webhook answered ${answer.status}.`);
        ctx.output('status', answer.status);
        ctx.output('body', answer.body);
      }
    },
  });
}
