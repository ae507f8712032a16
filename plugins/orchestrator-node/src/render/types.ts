import type {
  ScoreWorkload,
  WorkloadScaling,
  WorkloadStrategy,
} from '@plinth/plugin-orchestrator-common';

/**
 * A Kubernetes object as rendered: `apiVersion`, `kind`, `metadata` and the
 * rest of its fields.
 * @public
 */
export interface KubernetesObject {
  apiVersion: string;
  kind: string;
  metadata: {
    name: string;
    namespace?: string;
    labels?: Record<string, string>;
    annotations?: Record<string, string>;
  };
  [field: string]: unknown;
}

/**
 * What a workload's resource gave when it was provisioned: its plain
 * outputs, and its secret outputs (which only ever reach a `Secret`).
 * @public
 */
export interface ResolvedResource {
  outputs: Record<string, string>;
  secrets: Record<string, string>;
}

/**
 * How a workload's new version replaces the running one: a rolling update
 * of a `Deployment`, or an Argo Rollouts `Rollout` — a canary shifting
 * traffic by weight step by step, or a blue-green switch between an active
 * and a preview Service.
 *
 * A canary step without `pauseSeconds` goes on to the next step as soon as
 * its pods are ready (no step waits for a manual promotion). A blue-green
 * rollout promotes itself once the preview is ready unless `autoPromote`
 * is `false`.
 * @public
 */
export type DeploymentStrategy = WorkloadStrategy;

/**
 * How a workload's `route` resources reach it from outside the cluster:
 * an `Ingress` (of the ingress class `className`, or the cluster's default
 * class), or Gateway API `HTTPRoute`s attached to a `Gateway` that the
 * platform runs — in the namespace rendered to unless `namespace` is
 * given, and to its listener `sectionName` when one is given.
 *
 * @example
 * ```ts
 * const routing: Routing = {
 *   kind: 'httproute',
 *   gateway: { name: 'public', namespace: 'gateways', sectionName: 'https' },
 * };
 * ```
 * @public
 */
export type Routing =
  | { kind: 'ingress'; className?: string }
  | {
      kind: 'httproute';
      gateway: { name: string; namespace?: string; sectionName?: string };
    };

/**
 * Everything {@link renderWorkloads} renders from: the app's workloads in
 * one environment, what their resources resolved to, and the choices made
 * at deploy time.
 * @public
 */
export interface RenderInput {
  /** The app's entity ref, such as `component:default/cartservice`. */
  app: string;
  /** The environment deployed to. */
  environment: { id: string; type: string };
  /** The Kubernetes namespace every object is rendered in. */
  namespace: string;
  /** The workloads, by name, as `parseScore` read them. */
  workloads: Record<string, ScoreWorkload>;
  /** Per workload, its resources by the name the Score file gives them. */
  resources: Record<string, Record<string, ResolvedResource>>;
  /** Per workload; `rolling` for a workload not named. */
  strategies?: Record<string, DeploymentStrategy>;
  /** Per workload; one pod for a workload not named. */
  scaling?: Record<string, WorkloadScaling>;
  /** Per workload and container, the image to run instead of the Score one. */
  images?: Record<string, Record<string, string>>;
  /** How routes are rendered; an `Ingress` of the default class when not given. */
  routing?: Routing;
}

/**
 * Something that keeps a workload from being rendered as it should: an
 * unresolvable placeholder, a missing output, or an object Kubernetes
 * would refuse. `message` is a whole sentence naming the workload and key,
 * or the object and field.
 * @public
 */
export interface RenderProblem {
  /** The workload concerned, when there is one. */
  workload?: string;
  /** The key in the Score file, such as `containers.api.variables.DB_URL`. */
  key?: string;
  /** The rendered object, as `Kind/name`, such as `Deployment/cart-service`. */
  object?: string;
  /** The field of that object, such as `spec.template.spec.containers[0].image`. */
  field?: string;
  message: string;
}

/**
 * What {@link renderWorkloads} gives: the valid objects, in a stable order,
 * and every problem. Objects of a workload with a problem are left out.
 * @public
 */
export interface RenderResult {
  manifests: KubernetesObject[];
  problems: RenderProblem[];
}
