import { AuthService, DiscoveryService } from '@backstage/backend-plugin-api';
import { PluginServiceClient } from '@plinth/backend-utils';
import {
  BlueprintListResponse,
  EntityViewsBatchResponse,
  EntityViewsResponse,
  StoredEntityListResponse,
} from '@plinth/plugin-blueprints-common';
import { BlueprintsService } from './BlueprintsService';

/**
 * {@link BlueprintsService} over HTTP, with the caller's service credentials.
 * @public
 */
export class BlueprintsClient implements BlueprintsService {
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
}
