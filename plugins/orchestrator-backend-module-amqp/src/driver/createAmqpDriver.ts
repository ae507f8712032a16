import type {
  ResourceDriver,
  ResourceDriverRequest,
} from '@plinth/plugin-orchestrator-node';
import { randomBytes } from 'node:crypto';
import { amqpNamesOf } from './names';

/**
 * Where the driver provisions: a RabbitMQ broker, through its management
 * HTTP API and an account that may create vhosts, users and permissions
 * (the `administrator` tag).
 * @public
 */
export interface AmqpDriverOptions {
  /** The management API's base URL, e.g. `http://127.0.0.1:15672`. */
  managementUrl: string;
  /** The management API's user. */
  username: string;
  /** The management API user's password. */
  password: string;
  /** The host workloads reach the broker's AMQP port by. */
  amqpHost: string;
  /** The broker's AMQP port; 5672 unless said. */
  amqpPort?: number;
  /** How long one call to the management API may take; 30 s unless said. */
  timeoutMs?: number;
}

/** What the management API answered, when it was not a success. */
class ManagementApiError extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly reason: string,
  ) {
    super(message);
    this.name = 'ManagementApiError';
  }
}

/** How many times a PUT that lost a race (`…already_exists`) is retried. */
const RACE_RETRIES = 5;

/**
 * The `amqp` driver: a vhost and a user of its own per resource on a
 * RabbitMQ broker, the user permitted (configure, write, read: `.*`) on
 * that vhost only, all through the broker's management HTTP API. The PUTs
 * are idempotent, so a retry, or two runs at once, leave one vhost and one
 * user; runs of one driver for one resource take turns, and each sets a
 * new password (the last run's is the valid one). Deprovisioning deletes
 * the vhost (and with it the permissions) and the user, and succeeds when
 * they are gone already. Names come from the resource's key
 * (`plinth_<readable part>_<hash>`), and every path segment is
 * URL-encoded all the same. Errors name the call, the HTTP status and the
 * API's reason, never a password or the Authorization header.
 * @public
 */
export function createAmqpDriver(options: AmqpDriverOptions): ResourceDriver {
  const base = managementBaseOf(options.managementUrl);
  const authorization = `Basic ${Buffer.from(
    `${options.username}:${options.password}`,
    'utf8',
  ).toString('base64')}`;
  const host = options.amqpHost;
  const port = options.amqpPort ?? 5672;
  const timeoutMs = options.timeoutMs ?? 30_000;
  const turns = new Map<string, Promise<void>>();

  /** Runs for one name take turns within this driver. */
  async function inTurn<T>(name: string, work: () => Promise<T>): Promise<T> {
    const previous = turns.get(name) ?? Promise.resolve();
    const run = previous.then(work);
    const tail = run.then(
      () => undefined,
      () => undefined,
    );
    turns.set(name, tail);
    try {
      return await run;
    } finally {
      if (turns.get(name) === tail) turns.delete(name);
    }
  }

  /**
   * One call to the management API: true when done, false when a DELETE
   * found nothing to delete (404).
   */
  async function call(
    request: ResourceDriverRequest,
    method: 'PUT' | 'DELETE',
    segments: string[],
    body?: object,
    redact: string[] = [],
  ): Promise<boolean> {
    const path = `/api/${segments.map(encodeURIComponent).join('/')}`;
    const what = `RabbitMQ management API ${method} ${path}`;
    let response: Response;
    try {
      response = await fetch(`${base}${path}`, {
        method,
        headers: {
          authorization,
          accept: 'application/json',
          ...(body ? { 'content-type': 'application/json' } : {}),
        },
        body: body ? JSON.stringify(body) : undefined,
        signal: AbortSignal.any([
          request.signal,
          AbortSignal.timeout(timeoutMs),
        ]),
      });
    } catch (error) {
      throw new Error(
        `${what} failed: ${scrub(messageOf(error), [
          options.password,
          authorization,
          ...redact,
        ])}`,
      );
    }
    const text = await response.text().catch(() => '');
    if (response.ok) return true;
    if (method === 'DELETE' && response.status === 404) return false;
    const reason = scrub(reasonOf(text), [
      options.password,
      authorization,
      ...redact,
    ]);
    throw new ManagementApiError(
      `${what} failed with HTTP ${response.status}${
        response.statusText ? ` ${response.statusText}` : ''
      }${reason ? `: ${reason}` : ''}`,
      response.status,
      reason,
    );
  }

  /** A PUT, again when it lost a race with another run creating the same. */
  async function put(
    request: ResourceDriverRequest,
    segments: string[],
    body: object,
    redact: string[] = [],
  ): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      try {
        await call(request, 'PUT', segments, body, redact);
        return;
      } catch (error) {
        const lostRace =
          error instanceof ManagementApiError &&
          error.status === 400 &&
          error.reason.includes('already_exists');
        if (!lostRace || attempt >= RACE_RETRIES) throw error;
        await new Promise(resolve => setTimeout(resolve, 50 * attempt));
      }
    }
  }

  return {
    id: 'amqp',
    resourceTypes: ['amqp'],

    async provision(request: ResourceDriverRequest) {
      const { vhost, username } = amqpNamesOf(request.key);
      const password = randomBytes(24).toString('base64url');
      await inTurn(vhost, async () => {
        await put(request, ['vhosts', vhost], {
          description: 'Provisioned by the Plinth orchestrator',
        });
        await put(request, ['users', username], { password, tags: '' }, [
          password,
        ]);
        await put(request, ['permissions', vhost, username], {
          configure: '.*',
          write: '.*',
          read: '.*',
        });
      });
      request.logger.info(
        `RabbitMQ vhost ${vhost} and user ${username} ready on ${host}:${port}`,
      );
      return {
        outputs: { host, port: String(port), vhost, username },
        secrets: { password },
        state: { vhost, username },
      };
    },

    async deprovision(request) {
      const { vhost, username } = amqpNamesOf(request.key);
      await inTurn(vhost, async () => {
        // Deleting the vhost deletes the permissions on it too.
        await call(request, 'DELETE', ['vhosts', vhost]);
        await call(request, 'DELETE', ['users', username]);
      });
      request.logger.info(
        `RabbitMQ vhost ${vhost} and user ${username} deleted`,
      );
    },
  };
}

/**
 * The management API's base URL, without a trailing slash. Credentials
 * belong in `username` and `password`, never in the URL (where they would
 * end up in error messages); the URL itself is not echoed when it is bad.
 */
function managementBaseOf(managementUrl: string): string {
  let url: URL;
  try {
    url = new URL(managementUrl);
  } catch {
    throw new Error(
      'The amqp driver needs managementUrl to be an absolute http(s) URL',
    );
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new Error('The amqp driver needs managementUrl to be http or https');
  }
  if (url.username || url.password) {
    throw new Error(
      'The amqp driver takes the management API credentials in username and password, not in managementUrl',
    );
  }
  url.search = '';
  url.hash = '';
  return url.toString().replace(/\/+$/, '');
}

function messageOf(error: unknown): string {
  // Errors of fetch may come from another realm: no instanceof.
  const { message, cause } = (error ?? {}) as {
    message?: unknown;
    cause?: { message?: unknown };
  };
  if (typeof message !== 'string') return String(error);
  return typeof cause?.message === 'string' && cause.message
    ? `${message} (${cause.message})`
    : message;
}

/** The `reason` of the API's JSON error body, else the start of the body. */
function reasonOf(text: string): string {
  let reason: unknown = text;
  try {
    const parsed = JSON.parse(text) as { reason?: unknown; error?: unknown };
    reason = parsed.reason ?? parsed.error ?? text;
  } catch {
    // Not JSON: the body as it is.
  }
  const flat = typeof reason === 'string' ? reason : JSON.stringify(reason);
  return flat.length > 500 ? `${flat.slice(0, 500)}…` : flat;
}

/** Whatever the API says, never a secret. */
function scrub(text: string, secrets: string[]): string {
  return secrets
    .filter(secret => secret.length > 0)
    .reduce((clean, secret) => clean.split(secret).join('***'), text);
}
