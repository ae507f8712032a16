import {
  AuthenticationError,
  InputError,
  NotFoundError,
} from '@backstage/errors';
import {
  DoraEventSource,
  DoraSourceContext,
  DoraSourceResult,
  DoraWebhookDelivery,
  hmacSha256Hex,
  timingSafeTextEqual,
} from '@plinth/plugin-dora-node';
import {
  GitHubDeploymentStatusTime,
  githubDoraEvents,
} from './githubDoraEvents';

/** The annotation of Backstage's GitHub plugins: `owner/name`. */
const PROJECT_SLUG = 'github.com/project-slug';
/** The longest delivery id the DORA backend keeps. */
const MAX_DELIVERY_ID = 255;

/**
 * Whether a GitHub delivery's `X-Hub-Signature-256` header
 * (`sha256=<hex HMAC-SHA256 of the raw body>`) matches the secret.
 */
export function verifyGitHubSignature(
  body: Buffer,
  secret: string,
  header: string | undefined,
): boolean {
  if (typeof header !== 'string') return false;
  return timingSafeTextEqual(
    header.trim(),
    `sha256=${hmacSha256Hex(secret, body)}`,
  );
}

/**
 * Why a deployment status is stale: created before the status of the stored
 * deployment (its `finishedAt`); undefined when it is not. GitHub's times
 * are to the second: a status of the same second is taken (the later
 * delivery wins, as before).
 */
async function staleness(
  status: GitHubDeploymentStatusTime,
  context: DoraSourceContext,
): Promise<string | undefined> {
  const stored = await context.getDeployment(status.deploymentId);
  if (!stored) return undefined;
  if (!(Date.parse(status.createdAt) < Date.parse(stored.finishedAt))) {
    return undefined;
  }
  return `the deployment status of ${status.createdAt} is older than the stored status of deployment ${status.deploymentId} (${stored.status} at ${stored.finishedAt})`;
}

function jsonOf(body: Buffer, what: string): unknown {
  try {
    return JSON.parse(body.toString('utf8'));
  } catch (error) {
    throw new InputError(
      `the ${what} body is not valid JSON: ${(error as Error).message}`,
    );
  }
}

/**
 * GitHub's webhook as a DORA event source (`POST /api/dora/webhooks/github`):
 * `deployment_status` deliveries become deployments, merged `pull_request`
 * deliveries changes (see {@link githubDoraEvents}). Every delivery must be
 * signed with the webhook's secret and carry its `X-GitHub-Delivery` id;
 * JSON and form-encoded bodies are read. A delivery whose id was received
 * before is ignored, and so is a deployment status created before the
 * stored status of its deployment (a replay of an older, correctly signed
 * delivery: the delivery id header is not signed, the status's time is).
 * The entity of a repository is the catalog entity annotated
 * `github.com/project-slug: <owner/name>`.
 * @public
 */
export class GitHubDoraSource implements DoraEventSource {
  readonly id = 'github';
  private readonly secret: string | undefined;

  /** @param options - `secret`: the webhook's secret; without it, every delivery gets a 404 */
  constructor(options: { secret?: string }) {
    this.secret = options.secret;
  }

  async handleDelivery(
    delivery: DoraWebhookDelivery,
    context: DoraSourceContext,
  ): Promise<DoraSourceResult> {
    if (!this.secret) {
      throw new NotFoundError(
        'the GitHub webhook is not enabled: set plinth.dora.webhooks.github.secret',
      );
    }
    const { body } = delivery;
    const signature = delivery.header('x-hub-signature-256');
    if (!verifyGitHubSignature(body, this.secret, signature)) {
      throw new AuthenticationError(
        'the X-Hub-Signature-256 header does not match the body signed with the configured secret',
      );
    }
    const eventName = delivery.header('x-github-event');
    if (!eventName) {
      throw new InputError('the X-GitHub-Event header is missing');
    }
    const deliveryId = delivery.header('x-github-delivery')?.trim();
    if (!deliveryId) {
      throw new InputError('the X-GitHub-Delivery header is missing');
    }
    if (deliveryId.length > MAX_DELIVERY_ID) {
      throw new InputError(
        `the X-GitHub-Delivery header is longer than ${MAX_DELIVERY_ID} characters`,
      );
    }
    if (!(await context.firstDelivery(deliveryId))) {
      return { ignored: `delivery ${deliveryId} was received before` };
    }
    let payload: unknown;
    if (delivery.is(['application/x-www-form-urlencoded'])) {
      const form = new URLSearchParams(body.toString('utf8')).get('payload');
      if (form === null) {
        throw new InputError('the form body has no payload field');
      }
      payload = jsonOf(Buffer.from(form, 'utf8'), 'GitHub payload');
    } else {
      payload = jsonOf(body, 'GitHub');
    }
    const mapped = await githubDoraEvents(
      eventName,
      payload,
      ({ repository }) =>
        context.findEntityByAnnotation(PROJECT_SLUG, repository),
    );
    if (mapped.ignored !== undefined) return { ignored: mapped.ignored };
    const stale = mapped.status && (await staleness(mapped.status, context));
    return stale ? { ignored: stale } : { events: mapped.events };
  }
}
