import type { LoggerService } from '@backstage/backend-plugin-api';
import type { KubernetesObject } from '@plinth/plugin-orchestrator-node';

/**
 * The Kubernetes cluster a {@link ClusterDelivery} applies to, and how.
 * @public
 */
export interface ClusterDeliveryOptions {
  /**
   * The kubeconfig, as YAML text. Its credentials (tokens, passwords,
   * client keys) are used but never appear in a log, an error or a result.
   */
  kubeConfig: string;
  /** The kubeconfig's context to use; its `current-context` by default. */
  context?: string;
  /**
   * The server-side apply field manager that owns the applied fields;
   * `plinth`. Another tool's fields are taken over (`force`).
   */
  fieldManager?: string;
  /** Where progress is logged. */
  logger: LoggerService;
  /** How long one request to the API server may take; 30 000 ms. */
  timeoutMs?: number;
  /** The cluster's name in messages, such as `staging-eu`. */
  name: string;
}

/**
 * One delivery: the whole set of an app's objects for one environment.
 * @public
 */
export interface ClusterApplyRequest {
  /** The app: an entity ref (`component:default/cartservice`) or name. */
  app: string;
  /** The environment id, such as `staging`. */
  environment: string;
  /** The namespace every object is applied in; made when missing. */
  namespace: string;
  /** The deployment, named in the log. */
  deploymentId: string;
  /**
   * The objects as `renderWorkloads` gives them, applied in this order.
   * Each carries the renderer's labels; objects of the app and
   * environment that are not in the set are pruned.
   */
  manifests: KubernetesObject[];
}

/**
 * What an apply did, each object as `Kind/name`.
 * @public
 */
export interface ClusterApplyResult {
  /** The request's objects, in the order applied (the namespace aside). */
  applied: string[];
  /** The objects deleted because the request no longer has them. */
  pruned: string[];
}

/**
 * What to wait for after an apply.
 * @public
 */
export interface ClusterWaitRequest {
  /** The namespace the objects are in. */
  namespace: string;
  /**
   * The applied objects; only Deployments, StatefulSets and Argo Rollouts
   * Rollouts are waited for (the others are ready once applied).
   */
  manifests: KubernetesObject[];
  /** How long to wait for all of them. */
  timeoutMs: number;
  /** Stops the wait, which then fails. */
  signal?: AbortSignal;
  /** How long between two looks at the objects; 2 000 ms. */
  pollMs?: number;
}

/**
 * Delivers environments' objects to one Kubernetes cluster by server-side
 * apply; see {@link createClusterDelivery}.
 * @public
 */
export interface ClusterDelivery {
  /**
   * Applies the request's objects in its namespace and prunes the app's
   * objects of the environment that it no longer has (never
   * PersistentVolumeClaims).
   */
  apply(request: ClusterApplyRequest): Promise<ClusterApplyResult>;
  /**
   * Resolves once every Deployment, StatefulSet and Rollout of the request
   * has rolled out; fails on timeout, abort, or a Deployment whose
   * progress deadline was exceeded, naming each object not ready.
   */
  waitReady(request: ClusterWaitRequest): Promise<void>;
}
