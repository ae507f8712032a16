/**
 * Where a deployment is: waiting its turn, in one of its stages, or done.
 * @public
 */
export type DeploymentStatus =
  | 'queued'
  | 'provisioning'
  | 'rendering'
  | 'delivering'
  | 'verifying'
  | 'succeeded'
  | 'failed';

/**
 * The stages of a deployment, in order.
 * @public
 */
export const DEPLOYMENT_STAGES = [
  'provisioning',
  'rendering',
  'delivering',
  'verifying',
] as const;

/**
 * A stage of a deployment.
 * @public
 */
export type DeploymentStageName = (typeof DEPLOYMENT_STAGES)[number];

/**
 * A line of a stage's log.
 * @public
 */
export interface DeploymentLogLine {
  /** ISO 8601. */
  at: string;
  level: 'info' | 'warn' | 'error';
  message: string;
}

/**
 * One stage of a deployment, with its log.
 * @public
 */
export interface DeploymentStage {
  name: DeploymentStageName;
  status: 'pending' | 'running' | 'succeeded' | 'failed' | 'skipped';
  startedAt?: string;
  finishedAt?: string;
  log: DeploymentLogLine[];
}

/**
 * How a workload's new version replaces the running one (as the renderer's
 * `DeploymentStrategy`): a rolling update, or an Argo Rollouts canary or
 * blue-green rollout.
 * @public
 */
export type WorkloadStrategy =
  | { type: 'rolling' }
  | {
      type: 'canary';
      steps: Array<{ weight: number; pauseSeconds?: number }>;
    }
  | { type: 'blue-green'; autoPromote?: boolean };

/**
 * How many pods a workload runs: a fixed count, or bounds a
 * HorizontalPodAutoscaler keeps it within by CPU use (then `replicas` is
 * the autoscaler's to set).
 * @public
 */
export interface WorkloadScaling {
  replicas?: number;
  autoscaling?: {
    minReplicas: number;
    maxReplicas: number;
    /** The average CPU use, in percent of the request, it scales at (80). */
    targetCpuPercent?: number;
  };
}

/**
 * A workload as deployed: its Score file, the images run instead of the
 * Score file's, the commit it was built from, and how it rolls out.
 * @public
 */
export interface DeployedWorkload {
  name: string;
  /** The Score file as written (YAML or JSON). */
  score: string;
  /** Per container, the image to run instead of the Score file's. */
  images?: Record<string, string>;
  /** The commit the workload was built from, for DORA's lead time. */
  commit?: { sha: string; committedAt?: string; message?: string };
  strategy?: WorkloadStrategy;
  /** One pod when not given. */
  scaling?: WorkloadScaling;
}

/**
 * What a deployment used besides its workloads, so it can be told apart
 * from (and repeated like) another: the resource definitions that matched,
 * and the shared values (a secret by when it was set, never its value).
 * @public
 */
export interface DeploymentSnapshot {
  definitions: Array<{
    resId: string;
    type: string;
    definitionId: string;
    driver: string;
    /** A hash of the definition's inputs and criteria. */
    fingerprint: string;
  }>;
  /** Resources given by the built-in in-cluster defaults, by resource id. */
  defaults: string[];
  values: Array<{
    key: string;
    scope: 'app' | 'environment';
    secret: boolean;
    /** Plain values as they are; for a secret, when it was last set. */
    value: string;
  }>;
}

/**
 * Where a deployment's manifests went: a GitOps commit, or a cluster's
 * server-side apply.
 * @public
 */
export type DeploymentDelivery =
  | {
      kind: 'gitops';
      /** The repository, without credentials. */
      repository: string;
      branch: string;
      path: string;
      commit: string;
      changed: boolean;
    }
  | {
      kind: 'cluster';
      cluster: string;
      namespace: string;
      applied: string[];
      pruned: string[];
    };

/**
 * A deployment of an app's workloads to one of its environments.
 * @public
 */
export interface Deployment {
  id: string;
  app: string;
  environment: string;
  /**
   * `deploy` (a new set, or a change to the last one), `rollback` (an
   * earlier deployment's set again) or `promotion` (another environment's
   * current set).
   */
  kind: 'deploy' | 'rollback' | 'promotion';
  /** The deployment repeated (rollback) or promoted (promotion). */
  source?: { deployment: string; environment: string };
  status: DeploymentStatus;
  stages: DeploymentStage[];
  workloads: DeployedWorkload[];
  snapshot?: DeploymentSnapshot;
  delivery?: DeploymentDelivery;
  comment?: string;
  /** Why it failed, as a sentence. */
  error?: string;
  requestedBy: string;
  createdAt: string;
  startedAt?: string;
  finishedAt?: string;
}

/**
 * A deployment as listed: without its workloads' Score files and stage logs.
 * @public
 */
export type DeploymentSummary = Omit<Deployment, 'workloads' | 'stages'> & {
  workloads: Array<{ name: string; images?: Record<string, string> }>;
};

/**
 * One thing that differs between two deployments: a workload added or
 * removed, an image, a variable or a resource changed.
 * @public
 */
export interface DeploymentChange {
  kind: 'workload' | 'image' | 'variable' | 'resource' | 'strategy' | 'scaling';
  change: 'added' | 'removed' | 'changed';
  workload: string;
  /** `container` for images, `container.VARIABLE` for variables, the resource's name. */
  key?: string;
  from?: string;
  to?: string;
}

/**
 * A deployment against the one before it in its environment
 * (`GET …/deployments/:id/diff`).
 * @public
 */
export interface DeploymentDiff {
  deployment: string;
  /** The deployment compared with; none for an environment's first. */
  previous?: string;
  changes: DeploymentChange[];
}

/**
 * A workload to deploy (`POST …/deployments`): with its Score file, or
 * without to keep the Score file it was last deployed with and take new
 * images only.
 * @public
 */
export interface DeployWorkloadRequest {
  name: string;
  /** The Score file (YAML or JSON); the last deployed one when absent. */
  score?: string;
  /** Per container, the image to run instead of the Score file's. */
  images?: Record<string, string>;
  /** The commit the workload was built from. */
  commit?: DeployedWorkload['commit'];
  strategy?: WorkloadStrategy;
  /** How many pods; the last deployment's when not given. */
  scaling?: WorkloadScaling;
}

/**
 * A deployment to make (`POST …/deployments`).
 * @public
 */
export interface DeployRequest {
  /**
   * The workloads to deploy: merged into the set of the environment's last
   * deployment, unless `replace`.
   */
  workloads: DeployWorkloadRequest[];
  /** Workloads of the last deployment to deploy no more. */
  remove?: string[];
  /** Deploy exactly `workloads`, rather than merge them into the last set. */
  replace?: boolean;
  /** Why, for the history. */
  comment?: string;
}
