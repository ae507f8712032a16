import type { WorkloadScaling } from '@plinth/plugin-orchestrator-common';
import type { Resolver } from './resolver';
import type { KubernetesObject } from './types';

/** The most pods a workload may ask for. */
const MAX_REPLICAS = 1000;

function wholeCount(
  resolver: Resolver,
  field: string,
  value: number,
  min: number,
): boolean {
  if (Number.isInteger(value) && value >= min && value <= MAX_REPLICAS) {
    return true;
  }
  resolver.problem(
    field,
    `must be a whole number from ${min} to ${MAX_REPLICAS}, not ${value}.`,
  );
  return false;
}

/**
 * A workload's pod count: `spec.replicas` for its controller (none when an
 * autoscaler sets it), and the HorizontalPodAutoscaler (autoscaling/v2)
 * that keeps it between its bounds by CPU use.
 */
export function renderScaling(context: {
  scaling: WorkloadScaling | undefined;
  resolver: Resolver;
  controller: KubernetesObject;
  metadata: (name: string) => KubernetesObject['metadata'];
}): { replicas?: number; autoscaler?: KubernetesObject } {
  const { scaling, resolver, controller } = context;
  if (!scaling) return {};
  const { replicas, autoscaling } = scaling;
  if (!autoscaling) {
    if (replicas === undefined) return {};
    return wholeCount(resolver, 'scaling.replicas', replicas, 0)
      ? { replicas }
      : {};
  }
  const { minReplicas, maxReplicas } = autoscaling;
  const target = autoscaling.targetCpuPercent ?? 80;
  let valid =
    wholeCount(resolver, 'scaling.autoscaling.minReplicas', minReplicas, 1) &&
    wholeCount(resolver, 'scaling.autoscaling.maxReplicas', maxReplicas, 1);
  if (valid && minReplicas > maxReplicas) {
    resolver.problem(
      'scaling.autoscaling',
      `minReplicas (${minReplicas}) must not be more than maxReplicas (${maxReplicas}).`,
    );
    valid = false;
  }
  if (!Number.isInteger(target) || target < 1 || target > 100) {
    resolver.problem(
      'scaling.autoscaling.targetCpuPercent',
      `must be a whole percentage from 1 to 100, not ${target}.`,
    );
    valid = false;
  }
  if (!valid) return {};
  const name = controller.metadata.name;
  return {
    autoscaler: {
      apiVersion: 'autoscaling/v2',
      kind: 'HorizontalPodAutoscaler',
      metadata: context.metadata(name),
      spec: {
        scaleTargetRef: {
          apiVersion: controller.apiVersion,
          kind: controller.kind,
          name,
        },
        minReplicas,
        maxReplicas,
        metrics: [
          {
            type: 'Resource',
            resource: {
              name: 'cpu',
              target: { type: 'Utilization', averageUtilization: target },
            },
          },
        ],
      },
    },
  };
}
