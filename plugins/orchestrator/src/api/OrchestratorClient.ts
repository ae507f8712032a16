import { parseEntityRef } from '@backstage/catalog-model';
import { DiscoveryApi, FetchApi } from '@backstage/core-plugin-api';
import { ResponseError } from '@backstage/errors';
import {
  Deployment,
  DeploymentDiff,
  DeploymentSummary,
  Environment,
  EnvironmentType,
  MatchExplanation,
  OrchestratorRun,
  ResourceDefinitionView,
  SharedValue,
} from '@plinth/plugin-orchestrator-common';
import {
  CreatedEnvironment,
  CreateEnvironmentRequest,
  DeployRequest,
  EnvironmentDetails,
  ExplainRequest,
  OrchestratorApi,
  OrchestratorAppRef,
  ResourceDriverView,
  ResourceTypeView,
} from './OrchestratorApi';

const PLUGIN_ID = 'orchestrator';

/** `/apps/:kind/:namespace/:name`, each part URL-encoded. */
function appPath(app: OrchestratorAppRef): string {
  const ref = typeof app === 'string' ? parseEntityRef(app) : app;
  return `/apps/${[ref.kind, ref.namespace, ref.name]
    .map(encodeURIComponent)
    .join('/')}`;
}

function environmentPath(app: OrchestratorAppRef, environment: string) {
  return `${appPath(app)}/environments/${encodeURIComponent(environment)}`;
}

function deploymentPath(
  app: OrchestratorAppRef,
  environment: string,
  deployment: string,
) {
  return `${environmentPath(app, environment)}/deployments/${encodeURIComponent(
    deployment,
  )}`;
}

/**
 * The {@link OrchestratorApi} over HTTP: the orchestrator backend's base URL
 * from the discovery API (`getBaseUrl('orchestrator')`, i.e.
 * `/api/orchestrator`), the user's token from the fetch API.
 *
 * @example
 * ```ts
 * const client = new OrchestratorClient({ discoveryApi, fetchApi });
 * const { environment } = await client.createEnvironment(
 *   'component:default/cart-service',
 *   { id: 'preview-42', type: 'ephemeral', from: 'development', ttl: 'PT8H' },
 * );
 * ```
 * @public
 */
export class OrchestratorClient implements OrchestratorApi {
  private readonly discoveryApi: DiscoveryApi;
  private readonly fetchApi: FetchApi;

  constructor(options: { discoveryApi: DiscoveryApi; fetchApi: FetchApi }) {
    this.discoveryApi = options.discoveryApi;
    this.fetchApi = options.fetchApi;
  }

  async getEnvironmentTypes(): Promise<EnvironmentType[]> {
    return this.items('/environment-types');
  }

  async getResourceTypes(): Promise<ResourceTypeView[]> {
    return this.items('/resource-types');
  }

  async getDrivers(): Promise<ResourceDriverView[]> {
    return this.items('/drivers');
  }

  async getResourceDefinitions(): Promise<ResourceDefinitionView[]> {
    return this.items('/resource-definitions');
  }

  async explain(request: ExplainRequest): Promise<MatchExplanation> {
    return this.json('/explain', { method: 'POST', body: request });
  }

  async listEnvironments(app: OrchestratorAppRef): Promise<Environment[]> {
    return this.items(`${appPath(app)}/environments`);
  }

  async getEnvironment(
    app: OrchestratorAppRef,
    environment: string,
  ): Promise<EnvironmentDetails> {
    return this.json(environmentPath(app, environment));
  }

  async createEnvironment(
    app: OrchestratorAppRef,
    request: CreateEnvironmentRequest,
  ): Promise<CreatedEnvironment> {
    return this.json(`${appPath(app)}/environments`, {
      method: 'POST',
      body: request,
    });
  }

  async setEnvironmentTtl(
    app: OrchestratorAppRef,
    environment: string,
    ttl: string | null,
  ): Promise<Environment> {
    return this.json(environmentPath(app, environment), {
      method: 'PATCH',
      body: { ttl },
    });
  }

  async lockEnvironment(
    app: OrchestratorAppRef,
    environment: string,
    reason: string,
  ): Promise<Environment> {
    return this.json(`${environmentPath(app, environment)}/lock`, {
      method: 'PUT',
      body: { reason },
    });
  }

  async unlockEnvironment(
    app: OrchestratorAppRef,
    environment: string,
  ): Promise<Environment> {
    return this.json(`${environmentPath(app, environment)}/lock`, {
      method: 'DELETE',
    });
  }

  async deleteEnvironment(
    app: OrchestratorAppRef,
    environment: string,
  ): Promise<OrchestratorRun> {
    const { run } = await this.json<{ run: OrchestratorRun }>(
      environmentPath(app, environment),
      { method: 'DELETE' },
    );
    return run;
  }

  async listValues(
    app: OrchestratorAppRef,
    environment?: string,
  ): Promise<SharedValue[]> {
    const base =
      environment === undefined
        ? appPath(app)
        : environmentPath(app, environment);
    return this.items(`${base}/values`);
  }

  async listDeployments(
    app: OrchestratorAppRef,
    environment: string,
    options: { limit?: number } = {},
  ): Promise<DeploymentSummary[]> {
    const query = options.limit === undefined ? '' : `?limit=${options.limit}`;
    return this.items(
      `${environmentPath(app, environment)}/deployments${query}`,
    );
  }

  async getDeployment(
    app: OrchestratorAppRef,
    environment: string,
    deployment: string,
  ): Promise<Deployment> {
    return this.deployment(deploymentPath(app, environment, deployment));
  }

  async getDeploymentDiff(
    app: OrchestratorAppRef,
    environment: string,
    deployment: string,
  ): Promise<DeploymentDiff> {
    return this.json(`${deploymentPath(app, environment, deployment)}/diff`);
  }

  async deploy(
    app: OrchestratorAppRef,
    environment: string,
    request: DeployRequest,
  ): Promise<Deployment> {
    return this.deployment(`${environmentPath(app, environment)}/deployments`, {
      method: 'POST',
      body: request,
    });
  }

  async rollbackDeployment(
    app: OrchestratorAppRef,
    environment: string,
    deployment: string,
    options: { comment?: string } = {},
  ): Promise<Deployment> {
    return this.deployment(
      `${deploymentPath(app, environment, deployment)}/rollback`,
      { method: 'POST', body: options },
    );
  }

  async promoteEnvironment(
    app: OrchestratorAppRef,
    environment: string,
    request: { from: string; comment?: string },
  ): Promise<Deployment> {
    return this.deployment(`${environmentPath(app, environment)}/promote`, {
      method: 'POST',
      body: request,
    });
  }

  /** The `deployment` of a deployment route's answer. */
  private async deployment(
    route: string,
    init?: { method?: string; body?: unknown },
  ): Promise<Deployment> {
    return (await this.json<{ deployment: Deployment }>(route, init))
      .deployment;
  }

  /** The `items` of a list route. */
  private async items<T>(route: string): Promise<T[]> {
    return (await this.json<{ items: T[] }>(route)).items;
  }

  /**
   * Calls `route` of the backend, with `body` as JSON if given, and reads
   * its JSON answer; throws a ResponseError unless 2xx.
   */
  private async json<T>(
    route: string,
    init: { method?: string; body?: unknown } = {},
  ): Promise<T> {
    const baseUrl = await this.discoveryApi.getBaseUrl(PLUGIN_ID);
    const response = await this.fetchApi.fetch(`${baseUrl}${route}`, {
      method: init.method ?? 'GET',
      ...(init.body === undefined
        ? {}
        : {
            headers: { 'Content-Type': 'application/json' },
            body: JSON.stringify(init.body),
          }),
    });
    if (!response.ok) {
      throw await ResponseError.fromResponse(response);
    }
    return (await response.json()) as T;
  }
}
