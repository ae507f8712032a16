import {
  CompoundEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { DiscoveryApi, FetchApi } from '@backstage/core-plugin-api';
import { ResponseError } from '@backstage/errors';
import {
  BlueprintListResponse,
  BlueprintVersionsResponse,
  DerivedPropertiesBatchResponse,
  DerivedPropertiesResponse,
  PortEntity,
  RegisteredBlueprint,
  ValidationResponse,
} from '@plinth/plugin-blueprints-common';
import { BlueprintsApi, CreateEntityOptions } from './BlueprintsApi';
import { EntityRejectedError } from './EntityRejectedError';

const PLUGIN_ID = 'blueprints';

/** A path with each parameter URL-encoded: Port identifiers may hold `/`. */
function path(strings: TemplateStringsArray, ...params: string[]): string {
  return strings.reduce(
    (out, part, i) =>
      out + part + (i < params.length ? encodeURIComponent(params[i]) : ''),
    '',
  );
}

/**
 * The {@link BlueprintsApi} over HTTP: the backend's base URL from the
 * discovery API, the user's token from the fetch API.
 *
 * @example
 * ```ts
 * const client = new BlueprintsClient({ discoveryApi, fetchApi });
 * const { items, problems } = await client.listBlueprints();
 * ```
 * @public
 */
export class BlueprintsClient implements BlueprintsApi {
  private readonly discoveryApi: DiscoveryApi;
  private readonly fetchApi: FetchApi;

  constructor(options: { discoveryApi: DiscoveryApi; fetchApi: FetchApi }) {
    this.discoveryApi = options.discoveryApi;
    this.fetchApi = options.fetchApi;
  }

  async listBlueprints(): Promise<BlueprintListResponse> {
    return this.json(await this.request('/blueprints'));
  }

  async getBlueprint(identifier: string): Promise<RegisteredBlueprint> {
    return this.json(await this.request(path`/blueprints/${identifier}`));
  }

  async getBlueprintVersions(
    identifier: string,
  ): Promise<BlueprintVersionsResponse> {
    return this.json(
      await this.request(path`/blueprints/${identifier}/versions`),
    );
  }

  async listBlueprintEntities(blueprint: string): Promise<PortEntity[]> {
    const body = await this.json<{ items: PortEntity[] }>(
      await this.request(path`/blueprints/${blueprint}/entities`),
    );
    return body.items;
  }

  async createEntity(
    blueprint: string,
    entity: PortEntity,
    options: CreateEntityOptions = {},
  ): Promise<PortEntity> {
    const query = new URLSearchParams();
    if (options.upsert) query.set('upsert', 'true');
    if (options.merge) query.set('merge', 'true');
    if (options.validationOnly) query.set('validation_only', 'true');
    const search = query.toString();
    const response = await this.fetchApi.fetch(
      `${await this.baseUrl()}${path`/blueprints/${blueprint}/entities`}${
        search ? `?${search}` : ''
      }`,
      {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(entity),
      },
    );
    if (!response.ok) {
      const error = await ResponseError.fromResponse(response);
      if (response.status === 400) {
        throw EntityRejectedError.fromResponseError(error);
      }
      throw error;
    }
    const body = await this.json<{ entity: PortEntity }>(response);
    return body.entity;
  }

  async validateEntity(
    entity: PortEntity,
    blueprint?: string,
  ): Promise<ValidationResponse> {
    const query = blueprint
      ? `?${new URLSearchParams({ blueprint }).toString()}`
      : '';
    return this.json(
      await this.request(`/validate/entity${query}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(entity),
      }),
    );
  }

  async getDerivedProperties(
    entityRef: CompoundEntityRef,
  ): Promise<DerivedPropertiesResponse | undefined> {
    const { kind, namespace, name } = entityRef;
    const response = await this.fetchApi.fetch(
      `${await this.baseUrl()}${path`/derived/by-ref/${kind}/${namespace}/${name}`}`,
    );
    // Not an entity of a blueprint, or not computed yet: no derived values.
    if (response.status === 404) {
      return undefined;
    }
    if (!response.ok) {
      throw await ResponseError.fromResponse(response);
    }
    return this.json(response);
  }

  async getDerivedPropertiesByRefs(
    entityRefs: Array<string | CompoundEntityRef>,
  ): Promise<Array<DerivedPropertiesResponse | null>> {
    if (entityRefs.length === 0) {
      return [];
    }
    const body = await this.json<DerivedPropertiesBatchResponse>(
      await this.request('/derived/by-refs', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({
          entityRefs: entityRefs.map(ref =>
            typeof ref === 'string' ? ref : stringifyEntityRef(ref),
          ),
        }),
      }),
    );
    return body.items;
  }

  private async baseUrl(): Promise<string> {
    return this.discoveryApi.getBaseUrl(PLUGIN_ID);
  }

  /** Fetches `route` of the backend; throws a ResponseError unless 2xx. */
  private async request(route: string, init?: RequestInit): Promise<Response> {
    const response = await this.fetchApi.fetch(
      `${await this.baseUrl()}${route}`,
      init,
    );
    if (!response.ok) {
      throw await ResponseError.fromResponse(response);
    }
    return response;
  }

  private async json<T>(response: Response): Promise<T> {
    return (await response.json()) as T;
  }
}
