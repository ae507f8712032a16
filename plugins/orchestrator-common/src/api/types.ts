import type { MatchingCriteria } from '../resources/matchDefinition';
import type { ResourceType } from '../resources/resourceTypes';

/**
 * A kind of environment: development, staging, production, ephemeral…
 * @public
 */
export interface EnvironmentType {
  id: string;
  description: string;
  /** `config` types are read-only; `api` ones can be deleted when unused. */
  source: 'config' | 'api';
}

/**
 * Where an environment is: `provisioning` while a run works on it,
 * `failed` after a run failed (see `statusReason`), `deleting` once its
 * deletion was asked for.
 * @public
 */
export type EnvironmentStatus =
  | 'ready'
  | 'provisioning'
  | 'failed'
  | 'deleting';

/**
 * Who locked an environment, when and why. Changes to a locked environment
 * need the `orchestrator.deploy.locked` permission; it is never reaped.
 * @public
 */
export interface EnvironmentLock {
  reason: string;
  by: string;
  at: string;
}

/**
 * An environment of an app.
 * @public
 */
export interface Environment {
  /** The app: a catalog Component or System, as an entity ref. */
  app: string;
  id: string;
  type: string;
  /** Who is told before it expires: a user or group entity ref. */
  owner: string;
  createdBy: string;
  createdAt: string;
  /** The environment whose workloads and values it started from. */
  from?: string;
  /** When the reaper deletes it (ISO 8601), if it has a TTL. */
  expiresAt?: string;
  lock?: EnvironmentLock;
  status: EnvironmentStatus;
  /** Why it failed, as a sentence. */
  statusReason?: string;
  updatedAt: string;
}

/**
 * A resource of an environment, with its outputs; secret outputs are named
 * in `secretOutputs` and never given in clear.
 * @public
 */
export interface EnvironmentResource {
  /** `workload.resource`, or a shared resource's Score `id`. */
  resId: string;
  type: string;
  class: string;
  definitionId: string;
  driver: string;
  /** The workloads that name it. */
  usedBy: string[];
  /** The resources whose outputs its params read (provisioned before it). */
  dependsOn: string[];
  status: 'provisioning' | 'ready' | 'failed' | 'deleting';
  outputs: Record<string, string>;
  secretOutputs: string[];
  error?: string;
  createdAt: string;
  updatedAt: string;
}

/**
 * A Score workload of an environment: the file as written, and its
 * containers' values with placeholders resolved (secret parts masked).
 * @public
 */
export interface EnvironmentWorkload {
  name: string;
  score: string;
  updatedAt: string;
  updatedBy: string;
  /** Each value that held placeholders, resolved once its resources are ready. */
  resolved?: Array<{ key: string; value: string }>;
}

/**
 * A provisioning, deployment or deletion run. A `deploy` run carries out
 * the deployment of the same id.
 * @public
 */
export interface OrchestratorRun {
  id: string;
  app: string;
  environment: string;
  action: 'provision' | 'deploy' | 'delete';
  status: 'queued' | 'running' | 'succeeded' | 'failed' | 'cancelled';
  attempts: number;
  error?: string;
  requestedBy: string;
  createdAt: string;
  startedAt?: string;
  finishedAt?: string;
}

/**
 * A shared value or secret: of the platform (for definitions' secret
 * references), an app, or an environment. A secret's value is never given.
 * @public
 */
export interface SharedValue {
  key: string;
  secret: boolean;
  /** Set for plain values only. */
  value?: string;
  description: string;
  scope: 'platform' | 'app' | 'environment';
  updatedAt: string;
  updatedBy: string;
}

/**
 * A resource definition as the API shows it: where it came from and which
 * resources use it. Secret inputs appear as the names of the platform
 * secrets they refer to, never as values.
 * @public
 */
export interface ResourceDefinitionView {
  id: string;
  title?: string;
  type: string;
  driver: string;
  driverInputs: {
    values: Record<string, unknown>;
    secretRefs: Record<string, string>;
  };
  criteria: MatchingCriteria[];
  /** `config` (app-config or a file, versioned with it) or `api`. */
  source: 'config' | 'api';
  usedBy: Array<{ app: string; environment: string; resId: string }>;
}

/**
 * A resource type with the drivers installed for it
 * (`GET /resource-types`).
 * @public
 */
export interface ResourceTypeView extends ResourceType {
  /** The ids of the installed drivers that provision it; none, and nothing can. */
  drivers: string[];
}

/**
 * An installed resource driver (`GET /drivers`).
 * @public
 */
export interface ResourceDriverView {
  id: string;
  resourceTypes: string[];
}
