import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import type { WorkloadScaling } from '@plinth/plugin-orchestrator-common';
import type { OrchestratorService } from '@plinth/plugin-orchestrator-node';
import { appRefOf } from './common';
import { lastDeployed } from './deployed';
import { finish, summary } from './deployments';
import { explained, outputs, sideEffect } from './steps';

/** `3 pods`, or `between 2 and 10 pods at 80 % CPU`. */
function describeScaling(scaling: WorkloadScaling): string {
  if (scaling.autoscaling) {
    const { minReplicas, maxReplicas, targetCpuPercent } = scaling.autoscaling;
    return `between ${minReplicas} and ${maxReplicas} pods at ${
      targetCpuPercent ?? 80
    } % CPU`;
  }
  const count = scaling.replicas ?? 1;
  return `${count} pod${count === 1 ? '' : 's'}`;
}

/**
 * `plinth:workload:scale`: a deployed workload's pod count, or the bounds
 * of its autoscaler, deployed as a change to its last deployment.
 * @public
 */
export function createWorkloadScaleAction(options: {
  orchestrator: OrchestratorService;
}) {
  const { orchestrator } = options;
  return createTemplateAction({
    id: 'plinth:workload:scale',
    description:
      'Scales a deployed workload: a number of pods, or bounds a HorizontalPodAutoscaler keeps it within by CPU use; deployed as a change to its last deployment (the same Score file and images)',
    supportsDryRun: true,
    examples: [
      {
        description: 'Five pods of cart in production',
        example: `steps:
  - id: scale
    name: Update pod count
    action: plinth:workload:scale
    input:
      app: component:default/cartservice
      environment: production
      workload: cart
      replicas: 5`,
      },
      {
        description: 'Autoscale between 2 and 10 pods',
        example: `steps:
  - id: autoscale
    name: Update auto-scaling
    action: plinth:workload:scale
    input:
      app: component:default/cartservice
      environment: production
      workload: cart
      minReplicas: 2
      maxReplicas: 10
      targetCpuPercent: 70`,
      },
    ],
    schema: {
      input: {
        app: z =>
          z
            .string()
            .min(1)
            .describe(
              'The app: the entity ref of its Component or System, such as component:default/cartservice',
            ),
        environment: z =>
          z.string().min(1).describe('The environment the workload runs in'),
        workload: z =>
          z
            .string()
            .min(1)
            .describe('The workload: the metadata.name of its Score file'),
        replicas: z =>
          z
            .number()
            .int()
            .min(0)
            .max(1000)
            .optional()
            .describe('A fixed number of pods (0 stops it)'),
        minReplicas: z =>
          z
            .number()
            .int()
            .min(1)
            .max(1000)
            .optional()
            .describe('Autoscaling: the fewest pods'),
        maxReplicas: z =>
          z
            .number()
            .int()
            .min(1)
            .max(1000)
            .optional()
            .describe('Autoscaling: the most pods'),
        targetCpuPercent: z =>
          z
            .number()
            .int()
            .min(1)
            .max(100)
            .optional()
            .describe(
              'Autoscaling: the average CPU use, in percent of the request, to scale at (80 unless given)',
            ),
      },
      output: {
        scaling: z => z.string().describe('The scaling deployed, in words'),
        deploymentId: z =>
          z.string().optional().describe('The deployment of the change'),
        status: z => z.string().describe('Its status when the step ended'),
      },
    },
    async handler(ctx) {
      const app = appRefOf(ctx.input.app);
      const { environment, workload, replicas, minReplicas, maxReplicas } =
        ctx.input;
      const autoscaled = minReplicas !== undefined || maxReplicas !== undefined;
      if (autoscaled === (replicas !== undefined)) {
        throw new Error(
          'Give either replicas (a number of pods) or minReplicas and maxReplicas (autoscaling bounds)',
        );
      }
      if (
        autoscaled &&
        (minReplicas === undefined || maxReplicas === undefined)
      ) {
        throw new Error('Autoscaling needs both minReplicas and maxReplicas');
      }
      if (autoscaled && minReplicas! > maxReplicas!) {
        throw new Error(
          `minReplicas (${minReplicas}) must not be more than maxReplicas (${maxReplicas})`,
        );
      }
      const scaling: WorkloadScaling = autoscaled
        ? {
            autoscaling: {
              minReplicas: minReplicas!,
              maxReplicas: maxReplicas!,
              ...(ctx.input.targetCpuPercent
                ? { targetCpuPercent: ctx.input.targetCpuPercent }
                : {}),
            },
          }
        : { replicas };
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
      const before = describeScaling(deployed.scaling ?? {});
      const after = describeScaling(scaling);
      const describe = `scale ${workload} in ${environment} of ${app} from ${before} to ${after}`;
      const queued = await sideEffect(ctx, {
        key: `plinth:workload:scale:${app}:${environment}:${workload}`,
        describe,
        dry: null,
        run: async () =>
          summary(
            await explained(describe, () =>
              orchestrator.deploy(
                app,
                environment,
                {
                  workloads: [{ name: workload, scaling }],
                  comment: `Scaled to ${after}`,
                },
                { credentials },
              ),
            ),
          ),
      });
      if (!queued) {
        outputs(ctx, { scaling: after, status: 'dry-run' });
        return;
      }
      const status = await finish(ctx, orchestrator, queued, {}, credentials);
      outputs(ctx, { scaling: after, deploymentId: queued.id, status });
    },
  });
}
