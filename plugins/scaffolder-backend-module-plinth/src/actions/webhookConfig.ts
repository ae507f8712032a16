import type { Config } from '@backstage/config';

/** Where webhooks may go and how they are signed (`plinth.selfService.webhooks`). */
export interface WebhookOptions {
  allowedHosts: string[];
  signingSecret?: string;
  timeoutMs: number;
}

/** The webhook settings of the config; none allowed when not configured. */
export function readWebhookOptions(config: Config): WebhookOptions {
  const webhooks = config.getOptionalConfig('plinth.selfService.webhooks');
  const allowedHosts = (
    webhooks?.getOptionalStringArray('allowedHosts') ?? []
  ).map(host => host.trim().toLowerCase());
  for (const host of allowedHosts) {
    if (!/^(\*\.)?[a-z0-9.-]+(:\d{1,5})?$/.test(host)) {
      throw new Error(
        `plinth.selfService.webhooks.allowedHosts: "${host}" is not a host name, "*.domain" or "host:port"`,
      );
    }
  }
  const timeoutMs = webhooks?.getOptionalNumber('timeoutMs') ?? 10_000;
  if (!(timeoutMs > 0)) {
    throw new Error(
      `plinth.selfService.webhooks.timeoutMs must be a positive number of milliseconds, not ${timeoutMs}`,
    );
  }
  return {
    allowedHosts,
    signingSecret: webhooks?.getOptionalString('signingSecret'),
    timeoutMs,
  };
}

/** Whether a URL's host (and port) is one the allow-list names. */
export function isAllowedHost(url: URL, allowedHosts: string[]): boolean {
  const host = url.hostname.toLowerCase();
  const port = url.port || (url.protocol === 'https:' ? '443' : '80');
  return allowedHosts.some(allowed => {
    const [pattern, allowedPort] = allowed.split(':');
    if (allowedPort && allowedPort !== port) return false;
    if (pattern.startsWith('*.')) {
      return host.endsWith(pattern.slice(1)) && host !== pattern.slice(2);
    }
    return host === pattern;
  });
}
