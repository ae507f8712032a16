import type { BackstageCredentials } from '@backstage/backend-plugin-api';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import type {
  Deployment,
  DeployRequest,
  WorkloadStrategy,
} from '@plinth/plugin-orchestrator-common';
import type { OrchestratorService } from '@plinth/plugin-orchestrator-node';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';
import { appRefOf } from './common';
import { lastDeployed } from './deployed';
import { AnyActionContext, explained, outputs, sideEffect } from './steps';

const APP =
  'The app: the entity ref of its Component or System, such as component:default/cartservice';
const WAIT =
  'Whether to wait until the deployment has succeeded or failed (yes unless false)';
const TIMEOUT = 'How long to wait, in minutes (15 unless given)';

/** Canary steps when none are given: a fifth, then half, a minute each. */
const DEFAULT_CANARY_STEPS = [
  { weight: 20, pauseSeconds: 60 },
  { weight: 50, pauseSeconds: 60 },
];

/** Waits for a deployment when asked, fails the step when it failed. */
export async function finish(
  ctx: AnyActionContext,
  orchestrator: OrchestratorService,
  deployment: { id: string; status: string; app: string; environment: string },
  options: { wait?: boolean; timeoutMinutes?: number },
  credentials: BackstageCredentials,
): Promise<string> {
  // The scaffolder fills in no defaults: waiting is the default.
  if (ctx.isDryRun || options.wait === false) return deployment.status;
  const done = await orchestrator.waitForDeployment(
    deployment.app,
    deployment.environment,
    deployment.id,
    { credentials, timeoutMs: (options.timeoutMinutes ?? 15) * 60_000 },
  );
  for (const stage of done.stages) {
    ctx.logger.info(`Stage ${stage.name}: ${stage.status}.`);
  }
  if (done.status !== 'succeeded') {
    throw new Error(
      `Deployment ${done.id} to ${done.environment} failed${
        done.error ? `: ${done.error}` : ''
      }`,
    );
  }
  ctx.logger.info(`Deployment ${done.id} to ${done.environment} succeeded.`);
  return done.status;
}

/** The images of a workload's containers in its last successful deployment. */
async function currentImages(
  orchestrator: OrchestratorService,
  target: { app: string; environment: string; workload: string },
  credentials: BackstageCredentials,
): Promise<Record<string, string>> {
  const deployed = await lastDeployed(orchestrator, target, credentials);
  const score = parseYaml(deployed.score) as {
    containers?: Record<string, { image?: string }>;
  };
  return Object.fromEntries(
    Object.entries(score.containers ?? {}).map(([name, container]) => [
      name,
      deployed.images?.[name] ?? container.image ?? '',
    ]),
  );
}

/** `ghcr.io/acme/cart:1.2` with tag `1.3` is `ghcr.io/acme/cart:1.3`. */
export function withTag(image: string, tag: string): string {
  const digest = image.indexOf('@');
  const base = digest >= 0 ? image.slice(0, digest) : image;
  const slash = base.lastIndexOf('/');
  const colon = base.lastIndexOf(':');
  const name = colon > slash ? base.slice(0, colon) : base;
  return `${name}:${tag}`;
}

/**
 * `plinth:deploy`: deploys a workload (a Score file, new images or a new
 * tag) to an environment with a strategy, as a change to its last
 * deployment.
 * @public
 */
export function createDeployAction(options: {
  orchestrator: OrchestratorService;
}) {
  const { orchestrator } = options;
  return createTemplateAction({
    id: 'plinth:deploy',
    description:
      'Deploys a workload to an environment through the platform orchestrator: its Score file, new images or a new image tag, rolling, canary (Argo Rollouts steps) or blue-green, and waits for the deployment',
    supportsDryRun: true,
    examples: [
      {
        description: 'A new image tag as a canary: 20 %, then 50 %, then all',
        example: `steps:
  - id: deploy
    name: Deploy the canary
    action: plinth:deploy
    input:
      app: component:default/cartservice
      environment: production
      workload: cart
      tag: "2.5.0"
      strategy: canary
      canarySteps:
        - weight: 20
          pauseSeconds: 300
        - weight: 50
          pauseSeconds: 300`,
      },
      {
        description: "The workspace's Score file, to a development environment",
        example: `steps:
  - id: deploy
    name: Deploy
    action: plinth:deploy
    input:
      app: component:default/cartservice
      environment: development
      workload: cart
      scorePath: score.yaml`,
      },
    ],
    schema: {
      input: {
        app: z => z.string().min(1).describe(APP),
        environment: z =>
          z.string().min(1).describe('The environment to deploy to'),
        workload: z =>
          z
            .string()
            .min(1)
            .describe('The workload: the metadata.name of its Score file'),
        score: z =>
          z
            .string()
            .optional()
            .describe(
              'Its Score file (YAML); the last deployed one when neither this nor scorePath is given',
            ),
        scorePath: z =>
          z
            .string()
            .optional()
            .describe(
              "A Score file in the task's workspace, such as score.yaml",
            ),
        images: z =>
          z
            .record(z.string())
            .optional()
            .describe(
              "Per container, the image to run instead of the Score file's",
            ),
        tag: z =>
          z
            .string()
            .optional()
            .describe(
              'A new tag for every container image of the workload, such as 2.5.0',
            ),
        strategy: z =>
          z
            .enum(['rolling', 'canary', 'blue-green'])
            .optional()
            .describe(
              'How it rolls out: rolling (the default), canary (traffic steps) or blue-green (a preview, then a switch)',
            ),
        canarySteps: z =>
          z
            .array(
              z.object({
                weight: z
                  .number()
                  .int()
                  .min(1)
                  .max(100)
                  .describe('Percent of the traffic on the new version'),
                pauseSeconds: z
                  .number()
                  .int()
                  .min(0)
                  .optional()
                  .describe('How long to hold it before the next step'),
              }),
            )
            .optional()
            .describe(
              'The canary steps; 20 % then 50 %, a minute each, when not given',
            ),
        autoPromote: z =>
          z
            .boolean()
            .optional()
            .describe(
              'Blue-green: switch to the new version once it is ready, without waiting for a promotion',
            ),
        commit: z =>
          z
            .object({
              sha: z.string().min(7).describe('The commit SHA'),
              message: z.string().optional().describe('Its message'),
            })
            .optional()
            .describe(
              "The commit the images were built from, for DORA's lead time for changes",
            ),
        comment: z =>
          z.string().optional().describe('Why, for the deployment history'),
        wait: z => z.boolean().optional().describe(WAIT),
        timeoutMinutes: z =>
          z.number().int().min(1).max(120).optional().describe(TIMEOUT),
      },
      output: {
        deploymentId: z =>
          z
            .string()
            .describe('The deployment id (absent in a dry run)')
            .optional(),
        status: z => z.string().describe('Its status when the step ended'),
      },
    },
    async handler(ctx) {
      const app = appRefOf(ctx.input.app);
      const { environment, workload, tag } = ctx.input;
      const strategy = ctx.input.strategy ?? 'rolling';
      const credentials = await ctx.getInitiatorCredentials();
      let score = ctx.input.score;
      if (ctx.input.scorePath) {
        const file = path.resolve(ctx.workspacePath, ctx.input.scorePath);
        if (!file.startsWith(path.resolve(ctx.workspacePath) + path.sep)) {
          throw new Error(
            `scorePath must be a file in the workspace, not ${ctx.input.scorePath}`,
          );
        }
        score = await fs.readFile(file, 'utf8').catch(() => {
          throw new Error(
            `scorePath ${ctx.input.scorePath}: no such file in the workspace`,
          );
        });
      }
      let images = ctx.input.images;
      if (tag) {
        const current = score
          ? Object.fromEntries(
              Object.entries(
                (
                  parseYaml(score) as {
                    containers?: Record<string, { image?: string }>;
                  }
                ).containers ?? {},
              ).map(([name, c]) => [name, c.image ?? '']),
            )
          : await explained(
              `read the images of ${workload} in ${environment} of ${app}`,
              () =>
                currentImages(
                  orchestrator,
                  { app, environment, workload },
                  credentials,
                ),
            );
        images = Object.fromEntries(
          Object.entries(current).map(([name, image]) => [
            name,
            withTag(image, tag),
          ]),
        );
      }
      const strategySpec = strategyOf(strategy, ctx.input);
      const request: DeployRequest = {
        workloads: [
          {
            name: workload,
            ...(score ? { score } : {}),
            ...(images ? { images } : {}),
            ...(ctx.input.commit ? { commit: ctx.input.commit } : {}),
            strategy: strategySpec,
          },
        ],
        comment: ctx.input.comment,
      };
      const describe = `deploy ${workload} to ${environment} of ${app} (${describeStrategy(
        strategySpec,
      )}${
        images
          ? `; images ${Object.entries(images)
              .map(([name, image]) => `${name} ${image}`)
              .join(', ')}`
          : ''
      }${score ? '; its Score file as given' : ''})`;
      const queued = await sideEffect(ctx, {
        key: `plinth:deploy:${app}:${environment}:${workload}`,
        describe,
        dry: null,
        run: async () =>
          summary(
            await explained(describe, () =>
              orchestrator.deploy(app, environment, request, { credentials }),
            ),
          ),
      });
      if (!queued) {
        outputs(ctx, { status: 'dry-run' });
        return;
      }
      ctx.logger.info(`Deployment ${queued.id} is ${queued.status}.`);
      const status = await finish(
        ctx,
        orchestrator,
        queued,
        ctx.input,
        credentials,
      );
      outputs(ctx, { deploymentId: queued.id, status });
    },
  });
}

function strategyOf(
  type: 'rolling' | 'canary' | 'blue-green',
  input: {
    canarySteps?: Array<{ weight: number; pauseSeconds?: number }>;
    autoPromote?: boolean;
  },
): WorkloadStrategy {
  switch (type) {
    case 'canary':
      return { type, steps: input.canarySteps ?? DEFAULT_CANARY_STEPS };
    case 'blue-green':
      return { type, autoPromote: input.autoPromote };
    default:
      return { type: 'rolling' };
  }
}

function describeStrategy(strategy: WorkloadStrategy): string {
  switch (strategy.type) {
    case 'canary':
      return `canary: ${strategy.steps
        .map(
          s =>
            `${s.weight} %${s.pauseSeconds ? ` for ${s.pauseSeconds} s` : ''}`,
        )
        .join(', then ')}, then all`;
    case 'blue-green':
      return strategy.autoPromote
        ? 'blue-green, switched once ready'
        : 'blue-green, switched when promoted';
    default:
      return 'rolling';
  }
}

/** What a step keeps of a deployment (the checkpoint stores JSON). */
export function summary(deployment: Deployment) {
  return {
    id: deployment.id,
    status: deployment.status,
    app: deployment.app,
    environment: deployment.environment,
  };
}

/**
 * `plinth:rollback`: deploys an earlier successful deployment's set again
 * (by default the one before the current one).
 * @public
 */
export function createRollbackAction(options: {
  orchestrator: OrchestratorService;
}) {
  const { orchestrator } = options;
  return createTemplateAction({
    id: 'plinth:rollback',
    description:
      "Rolls an environment back: deploys an earlier successful deployment's workloads again (the one before the current one unless given); DORA counts it as rework",
    supportsDryRun: true,
    examples: [
      {
        description: 'Revert production to what ran before',
        example: `steps:
  - id: rollback
    name: Revert
    action: plinth:rollback
    input:
      app: component:default/cartservice
      environment: production
      comment: Checkout errors after 2.5.0`,
      },
    ],
    schema: {
      input: {
        app: z => z.string().min(1).describe(APP),
        environment: z =>
          z.string().min(1).describe('The environment to roll back'),
        deploymentId: z =>
          z
            .string()
            .optional()
            .describe(
              'The successful deployment to go back to; the one before the current one when not given',
            ),
        comment: z =>
          z.string().optional().describe('Why, for the deployment history'),
        wait: z => z.boolean().optional().describe(WAIT),
        timeoutMinutes: z =>
          z.number().int().min(1).max(120).optional().describe(TIMEOUT),
      },
      output: {
        deploymentId: z =>
          z.string().optional().describe('The rollback deployment id'),
        rolledBackTo: z =>
          z.string().describe('The deployment whose set was deployed again'),
        status: z => z.string().describe('Its status when the step ended'),
      },
    },
    async handler(ctx) {
      const app = appRefOf(ctx.input.app);
      const { environment } = ctx.input;
      const credentials = await ctx.getInitiatorCredentials();
      const succeeded = (
        await explained(
          `read the deployments of ${environment} of ${app}`,
          () => orchestrator.listDeployments(app, environment, { credentials }),
        )
      ).filter(d => d.status === 'succeeded');
      const target = ctx.input.deploymentId
        ? succeeded.find(d => d.id === ctx.input.deploymentId)
        : succeeded[1];
      if (!target) {
        throw new Error(
          ctx.input.deploymentId
            ? `${environment} of ${app} has no successful deployment ${ctx.input.deploymentId} to go back to`
            : `${environment} of ${app} has no earlier successful deployment to go back to`,
        );
      }
      const describe = `roll ${environment} of ${app} back to deployment ${
        target.id
      } of ${target.createdAt} (${target.workloads
        .map(w => [w.name, ...Object.values(w.images ?? {})].join(' '))
        .join(', ')})`;
      const queued = await sideEffect(ctx, {
        key: `plinth:rollback:${app}:${environment}`,
        describe,
        dry: null,
        run: async () =>
          summary(
            await explained(describe, () =>
              orchestrator.rollback(app, environment, target.id, {
                credentials,
                comment: ctx.input.comment,
              }),
            ),
          ),
      });
      if (!queued) {
        outputs(ctx, { rolledBackTo: target.id, status: 'dry-run' });
        return;
      }
      const status = await finish(
        ctx,
        orchestrator,
        queued,
        ctx.input,
        credentials,
      );
      outputs(ctx, {
        deploymentId: queued.id,
        rolledBackTo: target.id,
        status,
      });
    },
  });
}

/**
 * `plinth:promote`: deploys one environment's current set into another
 * (development → staging → production).
 * @public
 */
export function createPromoteAction(options: {
  orchestrator: OrchestratorService;
}) {
  const { orchestrator } = options;
  return createTemplateAction({
    id: 'plinth:promote',
    description:
      "Promotes: deploys one environment's current workloads, with their images, into another",
    supportsDryRun: true,
    examples: [
      {
        description: 'Staging to production',
        example: `steps:
  - id: promote
    name: Promote to production
    action: plinth:promote
    input:
      app: component:default/cartservice
      from: staging
      to: production`,
      },
    ],
    schema: {
      input: {
        app: z => z.string().min(1).describe(APP),
        from: z =>
          z.string().min(1).describe('The environment whose set is promoted'),
        to: z =>
          z.string().min(1).describe('The environment it is deployed to'),
        comment: z =>
          z.string().optional().describe('Why, for the deployment history'),
        wait: z => z.boolean().optional().describe(WAIT),
        timeoutMinutes: z =>
          z.number().int().min(1).max(120).optional().describe(TIMEOUT),
      },
      output: {
        deploymentId: z =>
          z.string().optional().describe('The promotion deployment id'),
        status: z => z.string().describe('Its status when the step ended'),
      },
    },
    async handler(ctx) {
      const app = appRefOf(ctx.input.app);
      const { from, to } = ctx.input;
      const credentials = await ctx.getInitiatorCredentials();
      const current = (
        await explained(`read the deployments of ${from} of ${app}`, () =>
          orchestrator.listDeployments(app, from, { credentials, limit: 20 }),
        )
      ).find(d => d.status === 'succeeded');
      if (!current) {
        throw new Error(
          `${from} of ${app} has no successful deployment to promote`,
        );
      }
      const describe = `promote ${from}'s deployment ${
        current.id
      } (${current.workloads
        .map(w => [w.name, ...Object.values(w.images ?? {})].join(' '))
        .join(', ')}) of ${app} to ${to}`;
      const queued = await sideEffect(ctx, {
        key: `plinth:promote:${app}:${from}:${to}`,
        describe,
        dry: null,
        run: async () =>
          summary(
            await explained(describe, () =>
              orchestrator.promote(app, to, from, {
                credentials,
                comment: ctx.input.comment,
              }),
            ),
          ),
      });
      if (!queued) {
        outputs(ctx, { status: 'dry-run' });
        return;
      }
      const status = await finish(
        ctx,
        orchestrator,
        queued,
        ctx.input,
        credentials,
      );
      outputs(ctx, { deploymentId: queued.id, status });
    },
  });
}
