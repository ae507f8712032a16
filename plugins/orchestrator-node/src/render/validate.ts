import { Rollout } from '@kubernetes-models/argo-rollouts/argoproj.io/v1alpha1';
import { HTTPRoute } from '@kubernetes-models/gateway-api/gateway.networking.k8s.io/v1';
import { Deployment, StatefulSet } from 'kubernetes-models/apps/v1';
import { HorizontalPodAutoscaler } from 'kubernetes-models/autoscaling/v2';
import { Job } from 'kubernetes-models/batch/v1';
import { Ingress } from 'kubernetes-models/networking.k8s.io/v1';
import {
  ConfigMap,
  PersistentVolumeClaim,
  Secret,
  Service,
} from 'kubernetes-models/v1';
import { isDnsLabel, isDnsSubdomain } from './names';
import type { KubernetesObject, RenderProblem } from './types';

type Model = { validate(): void };

const models: Record<string, (object: any) => Model> = {
  'apps/v1/Deployment': o => new Deployment(o),
  'apps/v1/StatefulSet': o => new StatefulSet(o),
  'argoproj.io/v1alpha1/Rollout': o => new Rollout(o),
  'autoscaling/v2/HorizontalPodAutoscaler': o => new HorizontalPodAutoscaler(o),
  'batch/v1/Job': o => new Job(o),
  'v1/ConfigMap': o => new ConfigMap(o),
  'v1/PersistentVolumeClaim': o => new PersistentVolumeClaim(o),
  'v1/Secret': o => new Secret(o),
  'v1/Service': o => new Service(o),
  'networking.k8s.io/v1/Ingress': o => new Ingress(o),
  'gateway.networking.k8s.io/v1/HTTPRoute': o => new HTTPRoute(o),
};

/** A StatefulSet's name leaves room for its pods' names and revision labels. */
const MAX_STATEFUL_SET_NAME = 52;

/** Kinds whose names are DNS labels rather than subdomains. */
const LABEL_NAMED = new Set(['Service']);

/** `data/spec/containers/0/image` as people write it: `spec.containers[0].image`. */
function fieldOf(pointer: string): string {
  return pointer
    .replace(/^data\/?/, '')
    .split('/')
    .filter(Boolean)
    .map((segment, i) =>
      /^\d+$/.test(segment)
        ? `[${segment}]`
        : `${i === 0 ? '' : '.'}${segment}`,
    )
    .join('');
}

/**
 * What the validator said, one problem per field: its messages read
 * `data/spec/x must be string, data/spec/y must be …`.
 */
function problemsOf(objectName: string, message: string): RenderProblem[] {
  const parts = message
    .split(/, (?=data[/ ])/)
    .map(part => part.trim())
    .filter(Boolean);
  return parts.map(part => {
    const match = /^(data\S*)\s+(.*)$/.exec(part);
    const field = match ? fieldOf(match[1]) : '';
    const what = match ? match[2] : part;
    return {
      object: objectName,
      ...(field ? { field } : {}),
      message: field
        ? `${objectName} is not valid: ${field} ${what}.`
        : `${objectName} is not valid: ${what}.`,
    };
  });
}

/** The images of a pod template: a name, without spaces. */
function imageProblems(
  objectName: string,
  object: KubernetesObject,
): RenderProblem[] {
  const spec = object.spec as
    | { template?: { spec?: { containers?: Array<{ image?: unknown }> } } }
    | undefined;
  const containers = spec?.template?.spec?.containers ?? [];
  return containers.flatMap((container, i) => {
    const image = container.image;
    if (typeof image === 'string' && image !== '' && !/\s/.test(image)) {
      return [];
    }
    const field = `spec.template.spec.containers[${i}].image`;
    return [
      {
        object: objectName,
        field,
        message: `${objectName} is not valid: ${field} must be an image name such as ghcr.io/org/app:1.2.3, not ${JSON.stringify(
          image ?? null,
        )}.`,
      },
    ];
  });
}

/**
 * The problems Kubernetes would refuse an object for, as far as the
 * kubernetes-models schemas (and the Argo Rollouts and Gateway API ones)
 * tell, plus the
 * object's name and its containers' images.
 */
export function validateObject(object: KubernetesObject): RenderProblem[] {
  const objectName = `${object.kind}/${object.metadata.name}`;
  const problems: RenderProblem[] = [];
  const name = object.metadata.name;
  const nameOk = LABEL_NAMED.has(object.kind)
    ? isDnsLabel(name)
    : isDnsSubdomain(name);
  if (!nameOk) {
    problems.push({
      object: objectName,
      field: 'metadata.name',
      message: `${objectName} is not valid: metadata.name must be ${
        LABEL_NAMED.has(object.kind) ? 'a DNS label' : 'a DNS subdomain'
      } (lowercase letters, digits and "-").`,
    });
  } else if (
    object.kind === 'StatefulSet' &&
    (!isDnsLabel(name) || name.length > MAX_STATEFUL_SET_NAME)
  ) {
    // Its pods are named `<name>-0` and labelled with `<name>-<hash>`.
    problems.push({
      object: objectName,
      field: 'metadata.name',
      message: `${objectName} is not valid: metadata.name must be a DNS label of at most ${MAX_STATEFUL_SET_NAME} characters.`,
    });
  }
  const model = models[`${object.apiVersion}/${object.kind}`];
  if (!model) {
    throw new Error(`No model to validate ${object.apiVersion} ${object.kind}`);
  }
  try {
    model(object).validate();
  } catch (error) {
    problems.push(...problemsOf(objectName, (error as Error).message));
  }
  problems.push(...imageProblems(objectName, object));
  return problems;
}
