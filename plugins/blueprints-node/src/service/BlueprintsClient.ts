import { AuthService, DiscoveryService } from '@backstage/backend-plugin-api';
import { PluginServiceClient } from '@plinth/backend-utils';
import {
  BlueprintListResponse,
  EntityViewsBatchResponse,
  EntityViewsResponse,
  PortEntity,
  StoredEntityListResponse,
} from '@plinth/plugin-blueprints-common';
import {
  BlueprintEntityStore,
  BlueprintsCallOptions,
  BlueprintsService,
} from './BlueprintsService';

const entityPath = (blueprint: string, identifier?: string) =>
  `/blueprints/${encodeURIComponent(blueprint)}/entities${
    identifier === undefined ? '' : `/${encodeURIComponent(identifier)}`
  }`;

/**
 * {@link BlueprintsService} and {@link BlueprintEntityStore} over HTTP, with
 * the caller's service credentials, or the user's when a write passes them.
 * @public
 */
export class BlueprintsClient
  implements BlueprintsService, BlueprintEntityStore
{
  private readonly api: PluginServiceClient;

  constructor(options: { discovery: DiscoveryService; auth: AuthService }) {
    this.api = new PluginServiceClient({ ...options, pluginId: 'blueprints' });
  }

  getBlueprints(): Promise<BlueprintListResponse> {
    return this.api.get('/blueprints');
  }

  getStoredEntities(): Promise<StoredEntityListResponse> {
    return this.api.get('/entities');
  }

  getEntityViews(request: {
    blueprint: string;
    after?: string;
    limit?: number;
  }): Promise<EntityViewsResponse> {
    const query = new URLSearchParams({ blueprint: request.blueprint });
    if (request.after !== undefined) query.set('after', request.after);
    if (request.limit !== undefined) query.set('limit', String(request.limit));
    return this.api.get(`/derived/views?${query}`);
  }

  async getEntityViewsByRefs(
    entityRefs: string[],
  ): Promise<EntityViewsBatchResponse> {
    // The API takes 1000 refs at a time.
    const items: EntityViewsBatchResponse['items'] = [];
    for (let i = 0; i < entityRefs.length; i += 1000) {
      const page = await this.api.post<EntityViewsBatchResponse>(
        '/derived/views/by-refs',
        { entityRefs: entityRefs.slice(i, i + 1000) },
      );
      items.push(...page.items);
    }
    return { items };
  }

  async getEntity(
    blueprint: string,
    identifier: string,
    options?: BlueprintsCallOptions,
  ): Promise<PortEntity> {
    const { entity } = await this.api.get<{ entity: PortEntity }>(
      entityPath(blueprint, identifier),
      options,
    );
    return entity;
  }

  async createEntity(
    blueprint: string,
    entity: PortEntity,
    options: BlueprintsCallOptions & {
      upsert?: boolean;
      merge?: boolean;
      validationOnly?: boolean;
    } = {},
  ): Promise<PortEntity> {
    const query = new URLSearchParams();
    if (options.upsert) query.set('upsert', 'true');
    if (options.merge) query.set('merge', 'true');
    if (options.validationOnly) query.set('validation_only', 'true');
    const { entity: created } = await this.api.post<{ entity: PortEntity }>(
      `${entityPath(blueprint)}${query.size ? `?${query}` : ''}`,
      entity,
      options,
    );
    return created;
  }

  async updateEntity(
    blueprint: string,
    identifier: string,
    entity: Partial<PortEntity>,
    options: BlueprintsCallOptions & { merge?: boolean } = {},
  ): Promise<PortEntity> {
    const path = entityPath(blueprint, identifier);
    const { entity: updated } = options.merge
      ? await this.api.patch<{ entity: PortEntity }>(path, entity, options)
      : await this.api.put<{ entity: PortEntity }>(path, entity, options);
    return updated;
  }

  async deleteEntity(
    blueprint: string,
    identifier: string,
    options?: BlueprintsCallOptions,
  ): Promise<void> {
    await this.api.delete<void>(entityPath(blueprint, identifier), options);
  }
}
