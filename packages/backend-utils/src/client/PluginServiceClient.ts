import type {
  AuthService,
  DiscoveryService,
} from '@backstage/backend-plugin-api';
import { ResponseError } from '@backstage/errors';

/**
 * Options of {@link PluginServiceClient}.
 * @public
 */
export interface PluginServiceClientOptions {
  discovery: DiscoveryService;
  auth: AuthService;
  /** The plugin whose API is called, e.g. `dora`. */
  pluginId: string;
  /** How long a request may take; 30 seconds by default. */
  timeoutMs?: number;
}

/**
 * Another backend plugin's REST API, called with the calling plugin's own
 * service credentials: what the default implementations of Plinth's `-node`
 * service refs are built on. A request that answers other than 2xx throws a
 * `ResponseError` carrying the status and the answer's error body; a request
 * slower than `timeoutMs` is aborted, so a caller on a schedule fails and
 * tries again rather than hangs.
 *
 * @example
 * ```ts
 * const api = new PluginServiceClient({ discovery, auth, pluginId: 'dora' });
 * const report = await api.get<DoraMetricsReport>('/metrics?groupBy=entity');
 * ```
 * @public
 */
export class PluginServiceClient {
  private readonly options: PluginServiceClientOptions;

  constructor(options: PluginServiceClientOptions) {
    this.options = options;
  }

  /** `GET` a path of the plugin's API (with its query string). */
  get<T>(path: string): Promise<T> {
    return this.request<T>('GET', path);
  }

  /** `POST` a JSON body to a path of the plugin's API. */
  post<T>(path: string, body: unknown): Promise<T> {
    return this.request<T>('POST', path, body);
  }

  private async request<T>(
    method: 'GET' | 'POST',
    path: string,
    body?: unknown,
  ): Promise<T> {
    const { discovery, auth, pluginId } = this.options;
    const baseUrl = await discovery.getBaseUrl(pluginId);
    const { token } = await auth.getPluginRequestToken({
      onBehalfOf: await auth.getOwnServiceCredentials(),
      targetPluginId: pluginId,
    });
    const response = await fetch(`${baseUrl}${path}`, {
      method,
      headers: {
        Authorization: `Bearer ${token}`,
        ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(this.options.timeoutMs ?? 30_000),
    });
    if (!response.ok) {
      throw await ResponseError.fromResponse(response);
    }
    return (await response.json()) as T;
  }
}
