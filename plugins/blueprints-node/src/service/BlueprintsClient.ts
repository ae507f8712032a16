import { AuthService, DiscoveryService } from '@backstage/backend-plugin-api';
import { ResponseError } from '@backstage/errors';
import {
  BlueprintListResponse,
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
    return this.get('/blueprints');
  }

  getStoredEntities(): Promise<StoredEntityListResponse> {
    return this.get('/entities');
  }

  private async get<T>(path: string): Promise<T> {
    const baseUrl = await this.discovery.getBaseUrl('blueprints');
    const { token } = await this.auth.getPluginRequestToken({
      onBehalfOf: await this.auth.getOwnServiceCredentials(),
      targetPluginId: 'blueprints',
    });
    const response = await fetch(`${baseUrl}${path}`, {
      headers: { Authorization: `Bearer ${token}` },
      // A caller on a schedule should fail and try again, not hang.
      signal: AbortSignal.timeout(30_000),
    });
    if (!response.ok) {
      throw await ResponseError.fromResponse(response);
    }
    return (await response.json()) as T;
  }
}
