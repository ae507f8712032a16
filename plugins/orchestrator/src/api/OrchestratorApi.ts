import { CompoundEntityRef } from '@backstage/catalog-model';
import { createApiRef } from '@backstage/core-plugin-api';
import {
  Deployment,
  DeployRequest,
  DeploymentDiff,
  DeploymentSummary,
  Environment,
  EnvironmentResource,
  EnvironmentType,
  EnvironmentWorkload,
  MatchExplanation,
  OrchestratorRun,
  ResourceDefinitionView,
  ResourceDriverView,
  ResourceTypeView,
  SharedValue,
} from '@plinth/plugin-orchestrator-common';

/**
 * An app: a catalog Component or System, as an entity ref
 * (`component:default/cart-service`) or its parts.
 * @public
 */
export type OrchestratorAppRef = string | CompoundEntityRef;

// The API's types, from the orchestrator's common package.
export type { ResourceDriverView, ResourceTypeView };
export type {
  DeployRequest,
  DeployWorkloadRequest,
} from '@plinth/plugin-orchestrator-common';

/**
 * An environment with everything in it (`GET …/environments/:env`).
 * @public
 */
export interface EnvironmentDetails {
  environment: Environment;
  /** Its resources; secret outputs are only named, never given. */
  resources: EnvironmentResource[];
  /** Its Score workloads, their values resolved with secrets masked. */
  workloads: EnvironmentWorkload[];
  /** Its latest provisioning and deletion runs, the latest first. */
  runs: OrchestratorRun[];
}

/**
 * What a new environment is (`POST …/environments`).
 * @public
 */
export interface CreateEnvironmentRequest {
  /** 1 to 63 lowercase letters, digits or `-`. */
  id: string;
  /** An environment type's id (see `getEnvironmentTypes`). */
  type: string;
  /** Who is told before it expires; the app's owner by default. */
  owner?: string;
  /** An environment of the app whose workloads and values it starts with. */
  from?: string;
  /** How long it lives, an ISO 8601 duration such as `PT8H`; for ever if absent. */
  ttl?: string;
}

/**
 * A new environment, and the run that provisions what it copied, if any.
 * @public
 */
export interface CreatedEnvironment {
  environment: Environment;
  run?: OrchestratorRun;
}

/**
 * Which resource definition a resource would get (`POST /explain`).
 * @public
 */
export interface ExplainRequest {
  /** The app's entity ref. */
  app: string;
  /** The environment's id. */
  environment: string;
  /** The environment's type; the existing environment's own when absent. */
  envType?: string;
  /** The resource type, such as `postgres`. */
  type: string;
  /** The resource class; `default` when absent. */
  class?: string;
  /** The resource id: `<workload>.<resource>`, or a shared resource's id. */
  resId: string;
}

/**
 * The orchestrator backend (`/api/orchestrator`), as the frontend uses it.
 *
 * Every method throws a `ResponseError` from `@backstage/errors` when the
 * backend answers with an error; its `cause.message` says what went wrong
 * as a sentence.
 *
 * @public
 */
export interface OrchestratorApi {
  /** The kinds of environment apps may create. */
  getEnvironmentTypes(): Promise<EnvironmentType[]>;

  /** The resource types Score workloads may name, with their drivers. */
  getResourceTypes(): Promise<ResourceTypeView[]>;

  /** The installed resource drivers. */
  getDrivers(): Promise<ResourceDriverView[]>;

  /** Every resource definition, with the resources that use it. */
  getResourceDefinitions(): Promise<ResourceDefinitionView[]>;

  /** Which definition a resource gets, and why every candidate does or does not apply. */
  explain(request: ExplainRequest): Promise<MatchExplanation>;

  /** The environments of an app. */
  listEnvironments(app: OrchestratorAppRef): Promise<Environment[]>;

  /** An environment of an app with its resources, workloads and runs. */
  getEnvironment(
    app: OrchestratorAppRef,
    environment: string,
  ): Promise<EnvironmentDetails>;

  /** Creates an environment of an app. */
  createEnvironment(
    app: OrchestratorAppRef,
    request: CreateEnvironmentRequest,
  ): Promise<CreatedEnvironment>;

  /**
   * Sets how long an environment lives from now (an ISO 8601 duration such
   * as `PT8H`), or that it lives until deleted (`null`).
   */
  setEnvironmentTtl(
    app: OrchestratorAppRef,
    environment: string,
    ttl: string | null,
  ): Promise<Environment>;

  /** Locks an environment against deployments and expiry, saying why. */
  lockEnvironment(
    app: OrchestratorAppRef,
    environment: string,
    reason: string,
  ): Promise<Environment>;

  /** Unlocks an environment. */
  unlockEnvironment(
    app: OrchestratorAppRef,
    environment: string,
  ): Promise<Environment>;

  /** Deletes an environment and its resources; the run that does it. */
  deleteEnvironment(
    app: OrchestratorAppRef,
    environment: string,
  ): Promise<OrchestratorRun>;

  /**
   * The shared values and secrets of an app, or of one of its environments;
   * a secret's value is never given.
   */
  listValues(
    app: OrchestratorAppRef,
    environment?: string,
  ): Promise<SharedValue[]>;

  /**
   * The deployments of an environment, the newest first: the latest
   * `options.limit` of them (the backend's default when absent).
   */
  listDeployments(
    app: OrchestratorAppRef,
    environment: string,
    options?: { limit?: number },
  ): Promise<DeploymentSummary[]>;

  /** A deployment with its workloads, and its stages with their logs. */
  getDeployment(
    app: OrchestratorAppRef,
    environment: string,
    deployment: string,
  ): Promise<Deployment>;

  /** What a deployment changed against the one before it. */
  getDeploymentDiff(
    app: OrchestratorAppRef,
    environment: string,
    deployment: string,
  ): Promise<DeploymentDiff>;

  /** Deploys workloads to an environment; the deployment, queued. */
  deploy(
    app: OrchestratorAppRef,
    environment: string,
    request: DeployRequest,
  ): Promise<Deployment>;

  /**
   * Deploys again what an earlier succeeded deployment deployed; the new
   * deployment (of kind `rollback`), queued.
   */
  rollbackDeployment(
    app: OrchestratorAppRef,
    environment: string,
    deployment: string,
    options?: { comment?: string },
  ): Promise<Deployment>;

  /**
   * Deploys to `environment` what another environment of the app, `from`,
   * runs now; the new deployment (of kind `promotion`), queued.
   */
  promoteEnvironment(
    app: OrchestratorAppRef,
    environment: string,
    request: { from: string; comment?: string },
  ): Promise<Deployment>;
}

/**
 * The {@link OrchestratorApi}, as plugins and apps reach it:
 * `useApi(orchestratorApiRef)`.
 * @public
 */
export const orchestratorApiRef = createApiRef<OrchestratorApi>({
  id: 'plugin.orchestrator.api',
});
