import { dnsLabelWithSuffix } from './names';
import type { Resolver } from './resolver';
import type { DeploymentStrategy, KubernetesObject } from './types';

/**
 * The object that runs the workload's pods, by strategy: a Deployment
 * (rolling), or an Argo Rollouts Rollout (canary steps of weights and
 * pauses; blue-green between the active Service and a preview one, which
 * it adds).
 */
export function renderController(context: {
  strategy: DeploymentStrategy;
  resolver: Resolver;
  objectName: string;
  metadata: (name: string) => KubernetesObject['metadata'];
  podSpec: Record<string, unknown>;
  hasPorts: boolean;
  service: (name: string) => KubernetesObject;
}): KubernetesObject[] {
  const { strategy, resolver, objectName, metadata, podSpec } = context;
  const objects: KubernetesObject[] = [];
  if (strategy.type === 'rolling') {
    objects.push({
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: metadata(objectName),
      spec: { ...podSpec, strategy: { type: 'RollingUpdate' } },
    });
  } else if (strategy.type === 'canary') {
    if (!strategy.steps.length) {
      resolver.problem(
        'strategy.steps',
        'a canary needs at least one step (a weight from 0 to 100).',
      );
    }
    const steps: Array<Record<string, unknown>> = [];
    strategy.steps.forEach((step, i) => {
      if (
        !Number.isInteger(step.weight) ||
        step.weight < 0 ||
        step.weight > 100
      ) {
        resolver.problem(
          `strategy.steps[${i}].weight`,
          `must be a whole percentage from 0 to 100, not ${step.weight}.`,
        );
      }
      steps.push({ setWeight: step.weight });
      if (step.pauseSeconds !== undefined) {
        if (!Number.isInteger(step.pauseSeconds) || step.pauseSeconds < 0) {
          resolver.problem(
            `strategy.steps[${i}].pauseSeconds`,
            `must be a whole number of seconds, not ${step.pauseSeconds}.`,
          );
        }
        steps.push({ pause: { duration: step.pauseSeconds } });
      }
    });
    objects.push({
      apiVersion: 'argoproj.io/v1alpha1',
      kind: 'Rollout',
      metadata: metadata(objectName),
      spec: { ...podSpec, strategy: { canary: { steps } } },
    });
  } else {
    const previewName = dnsLabelWithSuffix(objectName, 'preview');
    if (!context.hasPorts) {
      resolver.problem(
        'service.ports',
        'a blue-green deployment switches traffic between two Services, so the workload must declare service ports.',
      );
    } else {
      objects.push(context.service(previewName));
    }
    objects.push({
      apiVersion: 'argoproj.io/v1alpha1',
      kind: 'Rollout',
      metadata: metadata(objectName),
      spec: {
        ...podSpec,
        strategy: {
          blueGreen: {
            activeService: objectName,
            previewService: previewName,
            autoPromotionEnabled: strategy.autoPromote ?? true,
          },
        },
      },
    });
  }
  return objects;
}
