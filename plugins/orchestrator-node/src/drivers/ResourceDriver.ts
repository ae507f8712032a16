import {
  createExtensionPoint,
  LoggerService,
} from '@backstage/backend-plugin-api';
import type { JsonObject } from '@backstage/types';

/**
 * What a driver is asked to provision or delete: one resource of one
 * workload (or a shared one) in one environment of an app.
 * @public
 */
export interface ResourceDriverRequest {
  /**
   * A stable id of this resource in this environment, the same on every
   * retry: drivers name what they create after it (create-if-absent).
   */
  key: string;
  /**
   * The resource's id in its environment: `<workload>.<resource>`, or a
   * shared resource's Score `id` (for names people read, such as hosts).
   */
  resId: string;
  /** The resource type (`postgres`), class and Score params. */
  type: string;
  class: string;
  params: JsonObject;
  /** The app (catalog entity ref) and environment it is for. */
  app: string;
  environment: { id: string; type: string };
  /**
   * The resource definition's driver inputs: its values, and its secret
   * references already opened (named in `secretInputs`).
   */
  inputs: JsonObject;
  /**
   * Which inputs came from secrets: a driver puts what it makes of them in
   * its `secrets`, never in its plain `outputs`.
   */
  secretInputs: string[];
  /** Outputs of the resources this one depends on, by resource name. */
  dependencies: Record<
    string,
    { outputs: Record<string, string>; secrets: Record<string, string> }
  >;
  /**
   * The shared values of the app and the environment (the environment's
   * win over the app's), secrets opened; given only to drivers that ask
   * for them ({@link ResourceDriver.usesSharedValues}).
   */
  sharedValues?: {
    values: Record<string, string>;
    secrets: Record<string, string>;
  };
  logger: LoggerService;
  signal: AbortSignal;
}

/**
 * What a driver made: outputs for placeholders (secret ones apart, stored
 * sealed and never shown), and the state it needs to delete it again.
 * @public
 */
export interface ResourceDriverResult {
  outputs: Record<string, string>;
  secrets: Record<string, string>;
  state: JsonObject;
}

/**
 * SQL to run on a database a driver provisioned: the resource as stored
 * (outputs, opened secrets, state) and the text, run in one transaction.
 * @public
 */
export interface ResourceSqlRequest {
  resource: {
    resId: string;
    type: string;
    outputs: Record<string, string>;
    secrets: Record<string, string>;
    state: JsonObject;
  };
  /** One or more statements, `;`-separated. */
  sql: string;
  /** Run it and roll back: it is checked by the server and nothing stays. */
  dryRun: boolean;
  logger: LoggerService;
  signal: AbortSignal;
}

/**
 * What SQL did: the statements the server ran and the rows they touched.
 * @public
 */
export interface ResourceSqlResult {
  /** Per statement, its command (`ALTER TABLE`) and the rows it touched. */
  statements: Array<{ command: string; rows: number | null }>;
  /** Whether it was rolled back (a dry run). */
  rolledBack: boolean;
}

/**
 * A driver provisions resources of some types: a PostgreSQL database and
 * role, a RabbitMQ vhost, an S3 bucket… Both operations are idempotent: a
 * retry after a crash finds what the first attempt made (by `key`) and
 * completes it; deleting what is gone succeeds.
 * @public
 */
export interface ResourceDriver {
  /** Referred to by resource definitions (`driver: postgres`). */
  id: string;
  /** The resource types it can provision. */
  resourceTypes: string[];
  /** Whether requests carry the shared values (the `environment` driver). */
  usesSharedValues?: boolean;
  provision(request: ResourceDriverRequest): Promise<ResourceDriverResult>;
  deprovision(
    request: ResourceDriverRequest & { state: JsonObject },
  ): Promise<void>;
  /**
   * Runs SQL on a database it provisioned, as the resource's own user, in
   * one transaction; drivers of databases offer it (schema changes and
   * data loads from the self-service actions).
   */
  runSql?(request: ResourceSqlRequest): Promise<ResourceSqlResult>;
}

/**
 * Where driver modules add their drivers to the orchestrator backend.
 * @public
 */
export interface ResourceDriversExtensionPoint {
  addDriver(...drivers: ResourceDriver[]): void;
}

/**
 * The orchestrator's extension point for resource drivers.
 *
 * @example
 * ```ts
 * export default createBackendModule({
 *   pluginId: 'orchestrator',
 *   moduleId: 'driver-postgres',
 *   register(reg) {
 *     reg.registerInit({
 *       deps: { drivers: resourceDriversExtensionPoint, config: coreServices.rootConfig },
 *       async init({ drivers, config }) {
 *         drivers.addDriver(createPostgresDriver(config));
 *       },
 *     });
 *   },
 * });
 * ```
 * @public
 */
export const resourceDriversExtensionPoint =
  createExtensionPoint<ResourceDriversExtensionPoint>({
    id: 'orchestrator.resource-drivers',
  });
