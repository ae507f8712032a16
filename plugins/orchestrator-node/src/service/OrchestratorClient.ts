import type {
  AuthService,
  DiscoveryService,
} from '@backstage/backend-plugin-api';
import { parseEntityRef } from '@backstage/catalog-model';
import { PluginServiceClient } from '@plinth/backend-utils';
import type {
  Deployment,
  DeploymentSummary,
  DeployRequest,
  Environment,
  OrchestratorRun,
  SharedValue,
} from '@plinth/plugin-orchestrator-common';
import { parse as parseYaml } from 'yaml';
import type { ResourceSqlResult } from '../drivers/ResourceDriver';
import type {
  EnvironmentDetails,
  OrchestratorCallOptions,
  OrchestratorService,
  SharedValueScope,
} from './OrchestratorService';

const FINISHED = new Set(['succeeded', 'failed', 'cancelled']);

/** Polls `read` until `done`, or fails saying what it still is. */
async function pollUntil<T>(
  read: () => Promise<T>,
  done: (value: T) => boolean,
  still: (value: T, seconds: number) => string,
  options: { timeoutMs?: number; intervalMs?: number },
): Promise<T> {
  const timeoutMs = options.timeoutMs ?? 600_000;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > deadline) {
      throw new Error(still(value, Math.round(timeoutMs / 1000)));
    }
    await new Promise(resolve =>
      setTimeout(resolve, options.intervalMs ?? 1_000),
    );
  }
}

/** `/apps/<kind>/<namespace>/<name>`, each part encoded. */
function appPath(app: string): string {
  const { kind, namespace, name } = parseEntityRef(app);
  return `/apps/${[kind, namespace, name]
    .map(part => encodeURIComponent(part.toLocaleLowerCase('en-US')))
    .join('/')}`;
}

const envPath = (app: string, env: string) =>
  `${appPath(app)}/environments/${encodeURIComponent(env)}`;

const valuesPath = (scope: SharedValueScope) =>
  `${
    scope.environment
      ? envPath(scope.app, scope.environment)
      : appPath(scope.app)
  }/values`;

/**
 * {@link OrchestratorService} over the orchestrator backend's API.
 * @public
 */
export class OrchestratorClient implements OrchestratorService {
  private readonly api: PluginServiceClient;

  constructor(options: { discovery: DiscoveryService; auth: AuthService }) {
    this.api = new PluginServiceClient({
      ...options,
      pluginId: 'orchestrator',
      timeoutMs: 60_000,
    });
  }

  async listEnvironments(app: string, options?: OrchestratorCallOptions) {
    const { items } = await this.api.get<{ items: Environment[] }>(
      `${appPath(app)}/environments`,
      options,
    );
    return items;
  }

  getEnvironment(app: string, env: string, options?: OrchestratorCallOptions) {
    return this.api.get<EnvironmentDetails>(envPath(app, env), options);
  }

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
  ) {
    return this.api.post<{ environment: Environment; run?: OrchestratorRun }>(
      `${appPath(app)}/environments`,
      environment,
      options,
    );
  }

  setTtl(
    app: string,
    env: string,
    ttl: string | null,
    options?: OrchestratorCallOptions,
  ) {
    return this.api.patch<Environment>(envPath(app, env), { ttl }, options);
  }

  lock(
    app: string,
    env: string,
    reason: string,
    options?: OrchestratorCallOptions,
  ) {
    return this.api.put<Environment>(
      `${envPath(app, env)}/lock`,
      { reason },
      options,
    );
  }

  unlock(app: string, env: string, options?: OrchestratorCallOptions) {
    return this.api.delete<Environment>(`${envPath(app, env)}/lock`, options);
  }

  async deleteEnvironment(
    app: string,
    env: string,
    options?: OrchestratorCallOptions,
  ) {
    const { run } = await this.api.delete<{ run: OrchestratorRun }>(
      envPath(app, env),
      options,
    );
    return run;
  }

  putWorkload(
    app: string,
    env: string,
    score: string,
    options: OrchestratorCallOptions & { name?: string } = {},
  ) {
    const name =
      options.name ??
      String(
        (parseYaml(score) as { metadata?: { name?: unknown } })?.metadata
          ?.name ?? '',
      );
    return this.api.put<{ workload: string; run: OrchestratorRun }>(
      `${envPath(app, env)}/workloads/${encodeURIComponent(name)}`,
      score,
      { credentials: options.credentials, contentType: 'application/yaml' },
    );
  }

  getRun(
    app: string,
    env: string,
    runId: string,
    options?: OrchestratorCallOptions,
  ) {
    return this.api.get<OrchestratorRun>(
      `${envPath(app, env)}/runs/${encodeURIComponent(runId)}`,
      options,
    );
  }

  waitForRun(
    app: string,
    env: string,
    runId: string,
    options: OrchestratorCallOptions & {
      timeoutMs?: number;
      intervalMs?: number;
    } = {},
  ) {
    return pollUntil(
      () => this.getRun(app, env, runId, options),
      run => FINISHED.has(run.status),
      (run, seconds) =>
        `Run ${runId} of environment ${env} of ${app} is still ${run.status} after ${seconds} s`,
      options,
    );
  }

  async deploy(
    app: string,
    env: string,
    request: DeployRequest,
    options?: OrchestratorCallOptions,
  ) {
    const { deployment } = await this.api.post<{ deployment: Deployment }>(
      `${envPath(app, env)}/deployments`,
      request,
      options,
    );
    return deployment;
  }

  async rollback(
    app: string,
    env: string,
    deploymentId: string,
    options: OrchestratorCallOptions & { comment?: string } = {},
  ) {
    const { deployment } = await this.api.post<{ deployment: Deployment }>(
      `${envPath(app, env)}/deployments/${encodeURIComponent(
        deploymentId,
      )}/rollback`,
      { comment: options.comment },
      options,
    );
    return deployment;
  }

  async promote(
    app: string,
    env: string,
    from: string,
    options: OrchestratorCallOptions & { comment?: string } = {},
  ) {
    const { deployment } = await this.api.post<{ deployment: Deployment }>(
      `${envPath(app, env)}/promote`,
      { from, comment: options.comment },
      options,
    );
    return deployment;
  }

  async listDeployments(
    app: string,
    env: string,
    options: OrchestratorCallOptions & { limit?: number } = {},
  ) {
    const query = options.limit ? `?limit=${options.limit}` : '';
    const { items } = await this.api.get<{ items: DeploymentSummary[] }>(
      `${envPath(app, env)}/deployments${query}`,
      options,
    );
    return items;
  }

  async getDeployment(
    app: string,
    env: string,
    deploymentId: string,
    options?: OrchestratorCallOptions,
  ) {
    const { deployment } = await this.api.get<{ deployment: Deployment }>(
      `${envPath(app, env)}/deployments/${encodeURIComponent(deploymentId)}`,
      options,
    );
    return deployment;
  }

  waitForDeployment(
    app: string,
    env: string,
    deploymentId: string,
    options: OrchestratorCallOptions & {
      timeoutMs?: number;
      intervalMs?: number;
    } = {},
  ) {
    return pollUntil(
      () => this.getDeployment(app, env, deploymentId, options),
      deployment => ['succeeded', 'failed'].includes(deployment.status),
      (deployment, seconds) =>
        `Deployment ${deploymentId} to environment ${env} of ${app} is still ${deployment.status} after ${seconds} s`,
      options,
    );
  }

  async listValues(scope: SharedValueScope, options?: OrchestratorCallOptions) {
    const { items } = await this.api.get<{ items: SharedValue[] }>(
      valuesPath(scope),
      options,
    );
    return items;
  }

  putValue(
    scope: SharedValueScope,
    value: {
      key: string;
      value: string;
      secret?: boolean;
      description?: string;
    },
    options?: OrchestratorCallOptions,
  ) {
    const { key, ...body } = value;
    return this.api.put<SharedValue>(
      `${valuesPath(scope)}/${encodeURIComponent(key)}`,
      body,
      options,
    );
  }

  async deleteValue(
    scope: SharedValueScope,
    key: string,
    options?: OrchestratorCallOptions,
  ) {
    await this.api.delete<void>(
      `${valuesPath(scope)}/${encodeURIComponent(key)}`,
      options,
    );
  }

  async deleteWorkload(
    app: string,
    env: string,
    workload: string,
    options?: OrchestratorCallOptions,
  ) {
    const { run } = await this.api.delete<{ run: OrchestratorRun }>(
      `${envPath(app, env)}/workloads/${encodeURIComponent(workload)}`,
      options,
    );
    return run;
  }

  runSql(
    app: string,
    env: string,
    resId: string,
    request: { sql: string; dryRun?: boolean },
    options?: OrchestratorCallOptions,
  ) {
    return this.api.post<ResourceSqlResult>(
      `${envPath(app, env)}/resources/${encodeURIComponent(resId)}/sql`,
      request,
      options,
    );
  }
}
