import {
  DefaultGithubCredentialsProvider,
  ScmIntegrationRegistry,
} from '@backstage/integration';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import { sideEffect } from './steps';

/** How often the run is read while waiting for it. */
const POLL_MS = 5_000;

interface WorkflowRun {
  id: number;
  status: string;
  conclusion: string | null;
  html_url: string;
  created_at: string;
}

/** The GitHub API of a repository's host, with the integration's token. */
async function githubApi(
  integrations: ScmIntegrationRegistry,
  owner: string,
  repo: string,
  host: string,
) {
  const integration = integrations.github.byHost(host);
  if (!integration) {
    throw new Error(
      `There is no GitHub integration for ${host}: add it under integrations.github in the app config`,
    );
  }
  const { headers } = await DefaultGithubCredentialsProvider.fromIntegrations(
    integrations,
  ).getCredentials({ url: `https://${host}/${owner}/${repo}` });
  const base = `${integration.config.apiBaseUrl}/repos/${encodeURIComponent(
    owner,
  )}/${encodeURIComponent(repo)}`;
  return async <T>(method: string, path: string, body?: unknown) => {
    const response = await fetch(`${base}${path}`, {
      method,
      headers: {
        ...headers,
        Accept: 'application/vnd.github+json',
        'X-GitHub-Api-Version': '2022-11-28',
        ...(body ? { 'Content-Type': 'application/json' } : {}),
      },
      body: body ? JSON.stringify(body) : undefined,
      signal: AbortSignal.timeout(30_000),
    });
    if (!response.ok) {
      const text = await response.text();
      let message = text;
      try {
        message = JSON.parse(text).message ?? text;
      } catch {
        // Not JSON: the text as it is.
      }
      throw new Error(
        `GitHub answered ${response.status} to ${method} ${path}: ${message}`,
      );
    }
    return (response.status === 204 ? undefined : await response.json()) as T;
  };
}

/**
 * `plinth:github:dispatch-workflow`: starts a GitHub Actions workflow
 * through Backstage's GitHub integration and waits for its result.
 * @public
 */
export function createGithubDispatchWorkflowAction(options: {
  integrations: ScmIntegrationRegistry;
  /** How often the run is read while waiting (5 s). */
  pollMs?: number;
}) {
  const { integrations } = options;
  const pollMs = options.pollMs ?? POLL_MS;
  return createTemplateAction({
    id: 'plinth:github:dispatch-workflow',
    description:
      "Dispatches a GitHub Actions workflow (workflow_dispatch) with inputs through Backstage's GitHub integration, finds the run it started, and waits for its conclusion; a failed run fails the step",
    supportsDryRun: true,
    examples: [
      {
        description: 'Train a model with a workflow, and wait for it',
        example: `steps:
  - id: train
    name: Train the model
    action: plinth:github:dispatch-workflow
    input:
      owner: acme
      repo: recommender
      workflow: train.yml
      ref: main
      inputs:
        dataset: orders-2026-11`,
      },
    ],
    schema: {
      input: {
        owner: z => z.string().min(1).describe('The repository owner'),
        repo: z => z.string().min(1).describe('The repository'),
        host: z =>
          z
            .string()
            .optional()
            .describe('The GitHub host, github.com unless given'),
        workflow: z =>
          z
            .string()
            .min(1)
            .describe('The workflow file name (train.yml) or id'),
        ref: z =>
          z
            .string()
            .optional()
            .describe('The branch or tag to run it on, main unless given'),
        inputs: z =>
          z
            .record(z.string())
            .optional()
            .describe("The workflow's workflow_dispatch inputs"),
        wait: z =>
          z
            .boolean()
            .optional()
            .describe('Whether to wait for its conclusion (yes unless false)'),
        timeoutMinutes: z =>
          z
            .number()
            .int()
            .min(1)
            .max(360)
            .optional()
            .describe('How long to wait, in minutes (60 unless given)'),
      },
      output: {
        runId: z => z.number().optional().describe('The workflow run id'),
        runUrl: z => z.string().optional().describe('The run on GitHub'),
        conclusion: z =>
          z
            .string()
            .optional()
            .describe('success, failure, cancelled … (when waited for)'),
      },
    },
    async handler(ctx) {
      const { owner, repo, workflow } = ctx.input;
      const host = ctx.input.host ?? 'github.com';
      const ref = ctx.input.ref || 'main';
      const api = await githubApi(integrations, owner, repo, host);
      const workflowPath = `/actions/workflows/${encodeURIComponent(workflow)}`;
      // The workflow exists and may be dispatched: checked in a dry run too.
      await api('GET', workflowPath);
      const dispatched = await sideEffect(ctx, {
        key: `plinth:github:dispatch-workflow:${owner}/${repo}:${workflow}`,
        describe: `dispatch workflow ${workflow} of ${owner}/${repo} on ${ref}${
          ctx.input.inputs
            ? ` with inputs ${Object.keys(ctx.input.inputs).join(', ')}`
            : ''
        }`,
        dry: null,
        run: async () => {
          // Runs created from a second before: GitHub's clock is not ours.
          const since = new Date(Date.now() - 60_000).toISOString();
          await api('POST', `${workflowPath}/dispatches`, {
            ref,
            inputs: ctx.input.inputs ?? {},
          });
          return { since };
        },
      });
      if (!dispatched) return;
      const deadline = Date.now() + (ctx.input.timeoutMinutes ?? 60) * 60_000;
      const sleep = () => new Promise(resolve => setTimeout(resolve, pollMs));
      // The run the dispatch started: the newest dispatched run on the ref.
      let run: WorkflowRun | undefined;
      for (;;) {
        const { workflow_runs: runs } = await api<{
          workflow_runs: WorkflowRun[];
        }>(
          'GET',
          `${workflowPath}/runs?event=workflow_dispatch&branch=${encodeURIComponent(
            ref,
          )}&created=${encodeURIComponent(`>=${dispatched.since}`)}&per_page=5`,
        );
        run = runs[0];
        if (run) break;
        if (Date.now() > deadline) {
          throw new Error(
            `No run of workflow ${workflow} of ${owner}/${repo} started within the timeout`,
          );
        }
        await sleep();
      }
      ctx.logger.info(`Workflow run ${run.id}: ${run.html_url}`);
      ctx.output('runId', run.id);
      ctx.output('runUrl', run.html_url);
      if (ctx.input.wait === false) return;
      while (run.status !== 'completed') {
        if (Date.now() > deadline) {
          throw new Error(
            `Workflow run ${run.id} of ${owner}/${repo} is still ${run.status} after the timeout: ${run.html_url}`,
          );
        }
        await sleep();
        run = await api<WorkflowRun>('GET', `/actions/runs/${run.id}`);
        ctx.logger.info(`Workflow run ${run.id} is ${run.status}.`);
      }
      ctx.output('conclusion', run.conclusion ?? 'unknown');
      if (run.conclusion !== 'success') {
        throw new Error(
          `Workflow run ${run.id} of ${owner}/${repo} ended in ${run.conclusion}: ${run.html_url}`,
        );
      }
      ctx.logger.info(`Workflow run ${run.id} succeeded.`);
    },
  });
}
