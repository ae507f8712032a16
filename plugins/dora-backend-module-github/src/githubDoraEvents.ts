import { InputError } from '@backstage/errors';
import { z } from 'zod/v3';

/**
 * The catalog entity ref of a GitHub repository (`owner/name`), e.g. by the
 * `github.com/project-slug` annotation; undefined when there is none.
 * @public
 */
export type GitHubEntityResolver = (source: {
  provider: 'github';
  repository: string;
}) => Promise<string | undefined>;

const repositorySchema = z.object({
  full_name: z.string().min(1),
  name: z.string().min(1),
});

const deploymentStatusSchema = z.object({
  deployment_status: z.object({
    state: z.string(),
    environment: z.string().nullish(),
    created_at: z.string(),
  }),
  deployment: z.object({
    id: z.number().int(),
    sha: z.string().min(1),
    task: z.string().nullish(),
    environment: z.string().nullish(),
    payload: z.unknown().optional(),
    created_at: z.string(),
  }),
  repository: repositorySchema,
});

const pullRequestSchema = z.object({
  action: z.string(),
  pull_request: z.object({
    number: z.number().int(),
    created_at: z.string(),
    merged: z.boolean().nullish(),
    merged_at: z.string().nullish(),
    merge_commit_sha: z.string().nullish(),
  }),
  repository: repositorySchema,
});

function parse<T extends z.ZodTypeAny>(
  schema: T,
  payload: unknown,
  what: string,
): z.output<T> {
  const result = schema.safeParse(payload);
  if (!result.success) {
    throw new InputError(
      `the GitHub ${what} payload is not as expected: ${result.error.issues
        .map(i => `${i.path.join('.') || 'body'}: ${i.message}`)
        .join('; ')}`,
    );
  }
  return result.data;
}

/** The change id of a commit of a repository, shared by PRs and deployments. */
export function githubCommitId(repository: string, sha: string): string {
  return `github:${repository.toLocaleLowerCase(
    'en-US',
  )}:commit:${sha.toLocaleLowerCase('en-US')}`;
}

const SHA = /^[0-9a-f]{7,40}$/i;

async function entityOf(
  repository: { full_name: string; name: string },
  resolve: GitHubEntityResolver | undefined,
  payloadEntity?: unknown,
): Promise<string> {
  if (typeof payloadEntity === 'string' && payloadEntity !== '') {
    return payloadEntity;
  }
  const resolved = await resolve?.({
    provider: 'github',
    repository: repository.full_name,
  });
  return (
    resolved ??
    `component:default/${repository.name.toLocaleLowerCase('en-US')}`
  );
}

/**
 * The deployment a `deployment_status` delivery is about, and when GitHub
 * created the status: what orders two deliveries of one deployment.
 * @public
 */
export interface GitHubDeploymentStatusTime {
  /** The id of the deployment event, `github:<owner/repo>:deployment:<id>`. */
  deploymentId: string;
  /** `deployment_status.created_at`, the deployment's `finishedAt`. */
  createdAt: string;
}

/**
 * The canonical events of a GitHub webhook delivery (not yet validated), or
 * why it carries none; for a final `deployment_status`, also when the status
 * was created (`status`), to order deliveries.
 *
 * - `deployment_status` with state `success` → a successful deployment;
 *   `failure` or `error` → a failed one; other states (pending, queued,
 *   in_progress, inactive) are ignored. Its id is
 *   `github:<owner/repo>:deployment:<deployment.id>`, its environment the
 *   status's (or the deployment's), `startedAt` the deployment's
 *   `created_at`, `finishedAt` the status's `created_at`. Its changes are
 *   `deployment.payload.changes` (commit SHAs or change ids) when the
 *   deploying workflow sets them, else the deployed commit `deployment.sha`.
 *   `rework` is `deployment.payload.rework`, or a task naming a rollback or
 *   a hotfix. The entity is `deployment.payload.entityRef`, else the
 *   resolver's, else `component:default/<repository name>`.
 * - `pull_request` closed and merged → a change, id
 *   `github:<owner/repo>:commit:<merge_commit_sha>` (so a deployment of that
 *   commit ships it), `createdAt` the pull request's `created_at`.
 * - `ping` and every other event: ignored.
 * @public
 */
export async function githubDoraEvents(
  eventName: string,
  payload: unknown,
  resolve?: GitHubEntityResolver,
): Promise<{
  events: unknown[];
  ignored?: string;
  status?: GitHubDeploymentStatusTime;
}> {
  if (eventName === 'deployment_status') {
    const p = parse(deploymentStatusSchema, payload, 'deployment_status');
    const state = p.deployment_status.state;
    if (!['success', 'failure', 'error'].includes(state)) {
      return {
        events: [],
        ignored: `deployment status ${state} is not a final one (success, failure or error)`,
      };
    }
    const extra =
      typeof p.deployment.payload === 'object' && p.deployment.payload !== null
        ? (p.deployment.payload as Record<string, unknown>)
        : {};
    const repository = p.repository.full_name;
    const id = `github:${repository.toLocaleLowerCase('en-US')}:deployment:${
      p.deployment.id
    }`;
    const changes = Array.isArray(extra.changes)
      ? extra.changes
          .filter((c): c is string => typeof c === 'string' && c !== '')
          .map(c => (SHA.test(c) ? githubCommitId(repository, c) : c))
      : [githubCommitId(repository, p.deployment.sha)];
    return {
      status: { deploymentId: id, createdAt: p.deployment_status.created_at },
      events: [
        {
          type: 'deployment',
          id,
          entity: await entityOf(p.repository, resolve, extra.entityRef),
          environment:
            p.deployment_status.environment || p.deployment.environment,
          status: state === 'success' ? 'success' : 'failure',
          startedAt: p.deployment.created_at,
          finishedAt: p.deployment_status.created_at,
          changes,
          rework:
            extra.rework === true ||
            /rollback|hotfix/i.test(p.deployment.task ?? ''),
        },
      ],
    };
  }
  if (eventName === 'pull_request') {
    const p = parse(pullRequestSchema, payload, 'pull_request');
    const pr = p.pull_request;
    if (p.action !== 'closed' || pr.merged !== true) {
      return {
        events: [],
        ignored: `pull request #${pr.number} ${p.action} is not a merge`,
      };
    }
    if (!pr.merge_commit_sha) {
      throw new InputError(
        `the GitHub pull_request payload is not as expected: pull_request.merge_commit_sha: Required for a merged pull request`,
      );
    }
    return {
      events: [
        {
          type: 'change',
          id: githubCommitId(p.repository.full_name, pr.merge_commit_sha),
          entity: await entityOf(p.repository, resolve),
          createdAt: pr.created_at,
        },
      ],
    };
  }
  return {
    events: [],
    ignored:
      eventName === 'ping'
        ? 'ping'
        : `GitHub ${eventName} events carry no DORA event`,
  };
}
