import type {
  Deployment,
  EnvironmentStatus,
  OrchestratorRun,
  ResourceDefinition,
} from '@plinth/plugin-orchestrator-common';

/** An environment as stored; times in epoch milliseconds. */
export interface EnvironmentRow {
  app: string;
  id: string;
  type: string;
  owner: string;
  createdBy: string;
  createdAt: number;
  from?: string;
  expiresAt?: number;
  remindedAt?: number;
  lock?: { reason: string; by: string; at: number };
  status: EnvironmentStatus;
  statusReason?: string;
  updatedAt: number;
}

/** A Score workload as stored. */
export interface WorkloadRow {
  app: string;
  env: string;
  name: string;
  score: string;
  updatedAt: number;
  updatedBy: string;
}

/** A resource as stored; `secrets` sealed. */
export interface ResourceRow {
  app: string;
  env: string;
  resId: string;
  type: string;
  class: string;
  definitionId: string;
  driver: string;
  key: string;
  params: Record<string, unknown>;
  usedBy: string[];
  /** The resources whose outputs its params read. */
  dependsOn?: string[];
  status: 'provisioning' | 'ready' | 'failed' | 'deleting';
  outputs?: Record<string, string>;
  sealedSecrets?: string;
  state?: Record<string, unknown>;
  error?: string;
  createdRun?: string;
  createdAt: number;
  updatedAt: number;
}

/** A shared value as stored: `app` "" is the platform, `env` "" the app. */
export interface ValueRow {
  app: string;
  env: string;
  key: string;
  secret: boolean;
  /** Sealed when secret. */
  value: string;
  description: string;
  updatedAt: number;
  updatedBy: string;
}

/** A run as stored; a `deploy` run carries out the deployment of its id. */
export interface RunRow {
  id: string;
  app: string;
  env: string;
  action: OrchestratorRun['action'];
  status: OrchestratorRun['status'];
  leaseOwner?: string;
  leaseUntil?: number;
  attempts: number;
  error?: string;
  requestedBy: string;
  createdAt: number;
  startedAt?: number;
  finishedAt?: number;
}

/** A run to add with a change: the run's id, who asked, and when. */
export interface NewRun {
  id: string;
  action: RunRow['action'];
  requestedBy: string;
  now: number;
}

/** A deployment as stored; times in epoch milliseconds. */
export interface DeploymentRow {
  id: string;
  app: string;
  env: string;
  kind: Deployment['kind'];
  source?: Deployment['source'];
  status: Deployment['status'];
  workloads: Deployment['workloads'];
  stages: Deployment['stages'];
  snapshot?: Deployment['snapshot'];
  delivery?: Deployment['delivery'];
  comment?: string;
  error?: string;
  requestedBy: string;
  createdAt: number;
  startedAt?: number;
  finishedAt?: number;
  reportedAt?: number;
}

/** What a deployment's stages change as they go. */
export type DeploymentProgress = Partial<
  Pick<DeploymentRow, 'status' | 'stages' | 'snapshot' | 'delivery'>
>;

/** Why a change to an environment was refused. */
export type EnvironmentRefusal = 'missing' | 'deleting' | 'locked';

/**
 * The orchestrator's state. Each method is one transaction: a change and the
 * run it needs are stored together or not at all, and the conditions a
 * change depends on (not being deleted, not locked) are checked in it.
 */
export interface OrchestratorStore {
  listEnvironmentTypes(): Promise<
    Array<{ id: string; description: string; createdBy: string }>
  >;
  addEnvironmentType(
    type: { id: string; description: string },
    by: string,
    now: number,
  ): Promise<'added' | 'exists'>;
  /** Refused (`used`) while an environment has the type. */
  deleteEnvironmentType(id: string): Promise<'deleted' | 'missing' | 'used'>;

  listDefinitions(): Promise<ResourceDefinition[]>;
  putDefinition(
    definition: ResourceDefinition,
    by: string,
    now: number,
  ): Promise<'created' | 'updated'>;
  deleteDefinition(id: string): Promise<'deleted' | 'missing' | 'used'>;

  listEnvironments(app?: string): Promise<EnvironmentRow[]>;
  getEnvironment(app: string, env: string): Promise<EnvironmentRow | undefined>;
  /**
   * Adds an environment; with `from`, its workloads and values are copied
   * and a provisioning run is queued in the same transaction.
   */
  createEnvironment(
    row: EnvironmentRow,
    run?: NewRun,
    copySecret?: (sealed: string, from: ValueRow, to: ValueRow) => string,
  ): Promise<'created' | 'exists' | 'from-missing'>;
  /** Sets or clears expiry, lock or owner, unless it is being deleted. */
  updateEnvironment(
    app: string,
    env: string,
    change: {
      expiresAt?: number | null;
      lock?: EnvironmentRow['lock'] | null;
      owner?: string;
      remindedAt?: number | null;
    },
    now: number,
  ): Promise<EnvironmentRefusal | 'updated'>;
  /**
   * Marks an environment deleting and queues its deletion run, cancelling
   * queued provisioning runs; `onlyIfExpiredAt` makes it the reaper's
   * (expired, unlocked, at that time).
   */
  deleteEnvironment(
    app: string,
    env: string,
    run: NewRun,
    options?: { onlyIfExpiredAt?: number; allowLocked?: boolean },
  ): Promise<EnvironmentRefusal | 'expired-no-more' | 'queued'>;
  /** Expired environments, unlocked and not being deleted. */
  expiredEnvironments(now: number): Promise<EnvironmentRow[]>;
  /** Environments expiring before `until` whose owners were not reminded. */
  environmentsToRemind(until: number): Promise<EnvironmentRow[]>;

  listWorkloads(app: string, env: string): Promise<WorkloadRow[]>;
  /**
   * Puts (or, with `score` undefined, removes) a workload and queues a
   * provisioning run.
   */
  changeWorkload(
    app: string,
    env: string,
    name: string,
    score: string | undefined,
    run: NewRun,
    options: { allowLocked: boolean },
  ): Promise<EnvironmentRefusal | 'workload-missing' | 'queued'>;

  listResources(app: string, env: string): Promise<ResourceRow[]>;
  resourcesUsingDefinitions(): Promise<
    Array<{ definitionId: string; app: string; env: string; resId: string }>
  >;
  putResource(row: ResourceRow): Promise<void>;
  deleteResource(app: string, env: string, resId: string): Promise<void>;

  listValues(app: string, env: string): Promise<ValueRow[]>;
  putValue(row: ValueRow): Promise<void>;
  deleteValue(app: string, env: string, key: string): Promise<boolean>;
  /** Every sealed value and resource secret, to seal again (key rotation). */
  resealAll(
    reseal: (sealed: string, context: string) => string | undefined,
  ): Promise<number>;

  getRun(id: string): Promise<RunRow | undefined>;
  listRuns(app: string, env: string, limit: number): Promise<RunRow[]>;
  /**
   * Takes the oldest run that may go now — queued, or running with an
   * expired lease (its replica died) — of an environment with no other
   * run going, and leases it to `owner`.
   */
  claimRun(
    owner: string,
    leaseMs: number,
    now: number,
  ): Promise<RunRow | undefined>;
  /** Extends a lease; false when it was lost (another replica took it). */
  renewLease(id: string, owner: string, until: number): Promise<boolean>;
  /**
   * Ends a run and sets its environment's status, as one change; false
   * when the lease was lost. A finished deletion removes the environment.
   */
  finishRun(
    run: RunRow,
    owner: string,
    outcome: { status: 'succeeded' | 'failed'; error?: string },
    now: number,
  ): Promise<boolean>;
}
