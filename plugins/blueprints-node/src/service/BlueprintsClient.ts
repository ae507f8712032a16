import { AuthService, DiscoveryService } from '@backstage/backend-plugin-api';
import { ResponseError } from '@backstage/errors';
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
  private readonly discovery: DiscoveryService;
  private readonly auth: AuthService;

  constructor(options: { discovery: DiscoveryService; auth: AuthService }) {
    this.discovery = options.discovery;
    this.auth = options.auth;
  }

  getBlueprints(): Promise<BlueprintListResponse> {
    return this.request('/blueprints');
  }

  getStoredEntities(): Promise<StoredEntityListResponse> {
    return this.request('/entities');
  }

  getEntityViews(request: {
    blueprint: string;
    after?: string;
    limit?: number;
  }): Promise<EntityViewsResponse> {
    const query = new URLSearchParams({ blueprint: request.blueprint });
    if (request.after !== undefined) query.set('after', request.after);
    if (request.limit !== undefined) query.set('limit', String(request.limit));
    return this.request(`/derived/views?${query}`);
  }

  async getEntityViewsByRefs(
    entityRefs: string[],
  ): Promise<EntityViewsBatchResponse> {
    // The API takes 1000 refs at a time.
    const items: EntityViewsBatchResponse['items'] = [];
    for (let i = 0; i < entityRefs.length; i += 1000) {
      const page = await this.request<EntityViewsBatchResponse>(
        '/derived/views/by-refs',
        { entityRefs: entityRefs.slice(i, i + 1000) },
      );
      items.push(...page.items);
    }
    return { items };
  }

  private async request<T>(path: string, body?: unknown): Promise<T> {
    const baseUrl = await this.discovery.getBaseUrl('blueprints');
    const { token } = await this.auth.getPluginRequestToken({
      onBehalfOf: await this.auth.getOwnServiceCredentials(),
      targetPluginId: 'blueprints',
    });
    const response = await fetch(`${baseUrl}${path}`, {
      method: body === undefined ? 'GET' : 'POST',
      headers: {
        Authorization: `Bearer ${token}`,
        ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
      // A caller on a schedule should fail and try again, not hang.
      signal: AbortSignal.timeout(30_000),
    });
    if (!response.ok) {
      throw await ResponseError.fromResponse(response);
    }
    return (await response.json()) as T;
  }
}
