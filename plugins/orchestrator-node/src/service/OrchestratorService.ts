import type { BackstageCredentials } from '@backstage/backend-plugin-api';
import type { ResourceSqlResult } from '../drivers/ResourceDriver';
import type {
  Deployment,
  DeploymentSummary,
  DeployRequest,
  Environment,
  EnvironmentResource,
  EnvironmentWorkload,
  OrchestratorRun,
  SharedValue,
} from '@plinth/plugin-orchestrator-common';

/**
 * Whom a call acts for: a user (the scaffolder's actions pass the user's
 * credentials, so the orchestrator checks the user's permissions), or the
 * calling plugin itself when not given.
 * @public
 */
export interface OrchestratorCallOptions {
  credentials?: BackstageCredentials;
}

/**
 * Where a shared value lives: an app's, or one of its environments' when
 * `environment` is given.
 * @public
 */
export interface SharedValueScope {
  app: string;
  environment?: string;
}

/**
 * An environment with what is in it.
 * @public
 */
export interface EnvironmentDetails {
  environment: Environment;
  resources: EnvironmentResource[];
  workloads: EnvironmentWorkload[];
  runs: OrchestratorRun[];
}

/**
 * The orchestrator for other backend plugins and the self-service actions:
 * an app's environments, Score workloads put into them, and their runs.
 * Apps are catalog entity refs of Components or Systems.
 * @public
 */
export interface OrchestratorService {
  listEnvironments(
    app: string,
    options?: OrchestratorCallOptions,
  ): Promise<Environment[]>;
  getEnvironment(
    app: string,
    environment: string,
    options?: OrchestratorCallOptions,
  ): Promise<EnvironmentDetails>;
  /** `ttl` is an ISO 8601 duration (`PT8H`); `from` an environment to copy. */
  createEnvironment(
    app: string,
    environment: {
      id: string;
      type: string;
      owner?: string;
      from?: string;
      ttl?: string;
    },
    options?: OrchestratorCallOptions,
  ): Promise<{ environment: Environment; run?: OrchestratorRun }>;
  /** A new TTL from now (ISO 8601 duration), or none with `null`. */
  setTtl(
    app: string,
    environment: string,
    ttl: string | null,
    options?: OrchestratorCallOptions,
  ): Promise<Environment>;
  lock(
    app: string,
    environment: string,
    reason: string,
    options?: OrchestratorCallOptions,
  ): Promise<Environment>;
  unlock(
    app: string,
    environment: string,
    options?: OrchestratorCallOptions,
  ): Promise<Environment>;
  /** Deletes the environment and its resources (a run). */
  deleteEnvironment(
    app: string,
    environment: string,
    options?: OrchestratorCallOptions,
  ): Promise<OrchestratorRun>;
  /** Puts a Score file (YAML) into an environment; its resources are provisioned by the run. */
  putWorkload(
    app: string,
    environment: string,
    score: string,
    options?: OrchestratorCallOptions & { name?: string },
  ): Promise<{ workload: string; run: OrchestratorRun }>;
  getRun(
    app: string,
    environment: string,
    runId: string,
    options?: OrchestratorCallOptions,
  ): Promise<OrchestratorRun>;
  /**
   * Polls a run until it has succeeded, failed or was cancelled, or until
   * `timeoutMs` (default 10 minutes) passes.
   */
  waitForRun(
    app: string,
    environment: string,
    runId: string,
    options?: OrchestratorCallOptions & {
      timeoutMs?: number;
      intervalMs?: number;
    },
  ): Promise<OrchestratorRun>;
  /**
   * Deploys workloads to an environment: a set, or (without `replace`) a
   * change to its last successful deployment's set. Queued; see
   * {@link OrchestratorService.waitForDeployment}.
   */
  deploy(
    app: string,
    environment: string,
    request: DeployRequest,
    options?: OrchestratorCallOptions,
  ): Promise<Deployment>;
  /** Deploys an earlier successful deployment's set again. */
  rollback(
    app: string,
    environment: string,
    deploymentId: string,
    options?: OrchestratorCallOptions & { comment?: string },
  ): Promise<Deployment>;
  /** Deploys another environment's current set into this one. */
  promote(
    app: string,
    environment: string,
    from: string,
    options?: OrchestratorCallOptions & { comment?: string },
  ): Promise<Deployment>;
  /** An environment's deployments, the newest first. */
  listDeployments(
    app: string,
    environment: string,
    options?: OrchestratorCallOptions & { limit?: number },
  ): Promise<DeploymentSummary[]>;
  getDeployment(
    app: string,
    environment: string,
    deploymentId: string,
    options?: OrchestratorCallOptions,
  ): Promise<Deployment>;
  /**
   * Polls a deployment until it has succeeded or failed, or until
   * `timeoutMs` (default 10 minutes) passes.
   */
  waitForDeployment(
    app: string,
    environment: string,
    deploymentId: string,
    options?: OrchestratorCallOptions & {
      timeoutMs?: number;
      intervalMs?: number;
    },
  ): Promise<Deployment>;
  /** The shared values of an app or an environment (secrets by name only). */
  listValues(
    scope: SharedValueScope,
    options?: OrchestratorCallOptions,
  ): Promise<SharedValue[]>;
  /**
   * Sets a shared value; a secret is sealed at rest and never shown again
   * (the answer carries no value for it).
   */
  putValue(
    scope: SharedValueScope,
    value: {
      key: string;
      value: string;
      secret?: boolean;
      description?: string;
    },
    options?: OrchestratorCallOptions,
  ): Promise<SharedValue>;
  deleteValue(
    scope: SharedValueScope,
    key: string,
    options?: OrchestratorCallOptions,
  ): Promise<void>;
  /** Removes a workload from an environment (a run deletes what only it used). */
  deleteWorkload(
    app: string,
    environment: string,
    workload: string,
    options?: OrchestratorCallOptions,
  ): Promise<OrchestratorRun>;
  /**
   * Runs SQL on a database resource of an environment, as the resource's
   * own user, in one transaction; `dryRun` runs it and rolls back.
   */
  runSql(
    app: string,
    environment: string,
    resId: string,
    request: { sql: string; dryRun?: boolean },
    options?: OrchestratorCallOptions,
  ): Promise<ResourceSqlResult>;
}
