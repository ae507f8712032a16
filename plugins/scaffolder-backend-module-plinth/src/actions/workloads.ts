import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import type { OrchestratorService } from '@plinth/plugin-orchestrator-node';
import { appRefOf } from './common';
import { lastDeployed } from './deployed';
import { finish, summary } from './deployments';
import { addResource, editVariables } from './scoreEdits';
import { explained, outputs, sideEffect } from './steps';

const APP =
  'The app: the entity ref of its Component or System, such as component:default/cartservice';
const ENVIRONMENT = 'The environment whose workload it changes and deploys';
const WORKLOAD = 'The workload: the metadata.name of its Score file';

/**
 * `plinth:workload:variables`: sets and removes environment variables of a
 * deployed workload, and deploys the change.
 * @public
 */
export function createWorkloadVariablesAction(options: {
  orchestrator: OrchestratorService;
}) {
  const { orchestrator } = options;
  return createTemplateAction({
    id: 'plinth:workload:variables',
    description:
      "Adds, changes or removes environment variables of a workload's containers in its Score file as last deployed to an environment, and deploys the change",
    supportsDryRun: true,
    examples: [
      {
        description: 'Turn a feature on in staging',
        example: `steps:
  - id: variable
    name: Add the environment variable
    action: plinth:workload:variables
    input:
      app: component:default/cartservice
      environment: staging
      workload: cart
      set:
        FEATURE_CHECKOUT_V2: "on"
      remove:
        - OLD_CHECKOUT`,
      },
    ],
    schema: {
      input: {
        app: z => z.string().min(1).describe(APP),
        environment: z => z.string().min(1).describe(ENVIRONMENT),
        workload: z => z.string().min(1).describe(WORKLOAD),
        container: z =>
          z
            .string()
            .optional()
            .describe("One container's variables; every container's otherwise"),
        set: z =>
          z
            .record(z.string())
            .optional()
            .describe('Variables to add or change, name to value'),
        variables: z =>
          z
            .array(
              z.object({
                name: z
                  .string()
                  .regex(/^[A-Za-z_][A-Za-z0-9_.-]*$/)
                  .describe('Its name, such as FEATURE_CHECKOUT_V2'),
                value: z.string().describe('Its value'),
              }),
            )
            .optional()
            .describe(
              "Variables to add or change as a list, for templates whose form asks for the name (a template cannot put a form's value in a key of set)",
            ),
        remove: z =>
          z
            .array(z.string())
            .optional()
            .describe('Names of variables to remove'),
      },
      output: {
        changes: z =>
          z.array(z.string()).describe('What changed, one line each'),
        deploymentId: z =>
          z.string().optional().describe('The deployment of the change'),
        status: z => z.string().describe('Its status when the step ended'),
      },
    },
    async handler(ctx) {
      const app = appRefOf(ctx.input.app);
      const { environment, workload } = ctx.input;
      const credentials = await ctx.getInitiatorCredentials();
      const deployed = await explained(
        `read ${workload} in ${environment} of ${app}`,
        () =>
          lastDeployed(
            orchestrator,
            { app, environment, workload },
            credentials,
          ),
      );
      const { score, changes } = editVariables(
        deployed.score,
        `${workload} in ${environment}`,
        {
          container: ctx.input.container || undefined,
          set: {
            ...ctx.input.set,
            ...Object.fromEntries(
              (ctx.input.variables ?? []).map(v => [v.name, v.value]),
            ),
          },
          remove: ctx.input.remove,
        },
      );
      if (changes.length === 0) {
        ctx.logger.info(
          `${workload} in ${environment} already has these variables: nothing to deploy.`,
        );
        outputs(ctx, { changes, status: 'unchanged' });
        return;
      }
      const describe = `deploy ${workload} to ${environment} of ${app} with its variables changed (${changes.join(
        '; ',
      )})`;
      const queued = await sideEffect(ctx, {
        key: `plinth:workload:variables:${app}:${environment}:${workload}`,
        describe,
        dry: null,
        run: async () =>
          summary(
            await explained(describe, () =>
              orchestrator.deploy(
                app,
                environment,
                {
                  workloads: [{ name: workload, score }],
                  comment: `Variables: ${changes.join('; ')}`,
                },
                { credentials },
              ),
            ),
          ),
      });
      if (!queued) {
        outputs(ctx, { changes, status: 'dry-run' });
        return;
      }
      const status = await finish(ctx, orchestrator, queued, {}, credentials);
      outputs(ctx, { changes, deploymentId: queued.id, status });
    },
  });
}

/**
 * `plinth:workload:resource`: adds a resource (a database, a bucket …) to a
 * deployed workload's Score file; deploying it provisions the resource.
 * @public
 */
export function createWorkloadResourceAction(options: {
  orchestrator: OrchestratorService;
}) {
  const { orchestrator } = options;
  return createTemplateAction({
    id: 'plinth:workload:resource',
    description:
      "Adds a resource to a workload's Score file as last deployed to an environment, and deploys it: the orchestrator provisions the resource through the definition that matches",
    supportsDryRun: true,
    examples: [
      {
        description: 'An S3 bucket for a service, in development',
        example: `steps:
  - id: bucket
    name: Add the bucket
    action: plinth:workload:resource
    input:
      app: component:default/cartservice
      environment: development
      workload: cart
      name: images
      type: s3`,
      },
    ],
    schema: {
      input: {
        app: z => z.string().min(1).describe(APP),
        environment: z => z.string().min(1).describe(ENVIRONMENT),
        workload: z => z.string().min(1).describe(WORKLOAD),
        name: z =>
          z
            .string()
            .regex(/^[a-z0-9][a-z0-9_-]{0,62}$/)
            .describe(
              'Its name in the Score file, which placeholders use: ${resources.<name>.<output>}',
            ),
        type: z =>
          z
            .string()
            .min(1)
            .describe('Its type, such as postgres, redis, amqp, s3 or dns'),
        class: z =>
          z
            .string()
            .optional()
            .describe(
              'Its class, such as large, when definitions offer several',
            ),
        id: z =>
          z
            .string()
            .optional()
            .describe('A shared resource id, to share it with other workloads'),
        params: z =>
          z
            .record(z.unknown())
            .optional()
            .describe('Its params, as its definition expects them'),
      },
      output: {
        deploymentId: z =>
          z.string().optional().describe('The deployment that provisions it'),
        status: z => z.string().describe('Its status when the step ended'),
      },
    },
    async handler(ctx) {
      const app = appRefOf(ctx.input.app);
      const { environment, workload, name, type } = ctx.input;
      const credentials = await ctx.getInitiatorCredentials();
      const deployed = await explained(
        `read ${workload} in ${environment} of ${app}`,
        () =>
          lastDeployed(
            orchestrator,
            { app, environment, workload },
            credentials,
          ),
      );
      const { score, added } = addResource(
        deployed.score,
        `${workload} in ${environment}`,
        {
          name,
          type,
          class: ctx.input.class || undefined,
          id: ctx.input.id || undefined,
          params: ctx.input.params as Record<string, unknown> | undefined,
        },
      );
      if (!added) {
        ctx.logger.info(
          `${workload} in ${environment} already has resource ${name} (${type}): nothing to deploy.`,
        );
        outputs(ctx, { status: 'unchanged' });
        return;
      }
      const describe = `add resource ${name} (${type}) to ${workload} and deploy it to ${environment} of ${app}`;
      const queued = await sideEffect(ctx, {
        key: `plinth:workload:resource:${app}:${environment}:${workload}:${name}`,
        describe,
        dry: null,
        run: async () =>
          summary(
            await explained(describe, () =>
              orchestrator.deploy(
                app,
                environment,
                {
                  workloads: [{ name: workload, score }],
                  comment: `Resource ${name} (${type}) added`,
                },
                { credentials },
              ),
            ),
          ),
      });
      if (!queued) {
        outputs(ctx, { status: 'dry-run' });
        return;
      }
      const status = await finish(ctx, orchestrator, queued, {}, credentials);
      outputs(ctx, { deploymentId: queued.id, status });
    },
  });
}
