import type {
  AuthService,
  BackstageCredentials,
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
 * Options of one request of a {@link PluginServiceClient}.
 * @public
 */
export interface PluginRequestOptions {
  /**
   * Whom the request is on behalf of (a user, as the scaffolder's actions
   * act), so the plugin checks their permissions; the calling plugin's own
   * service credentials unless given.
   */
  credentials?: BackstageCredentials;
  /** A string body sent as is with this type (`application/yaml`), not as JSON. */
  contentType?: string;
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
  get<T>(path: string, options?: PluginRequestOptions): Promise<T> {
    return this.request<T>('GET', path, undefined, options);
  }

  /** `POST` a JSON body to a path of the plugin's API. */
  post<T>(
    path: string,
    body: unknown,
    options?: PluginRequestOptions,
  ): Promise<T> {
    return this.request<T>('POST', path, body, options);
  }

  /** `PUT` a JSON body (or text, with `contentType`) to a path. */
  put<T>(
    path: string,
    body: unknown,
    options?: PluginRequestOptions,
  ): Promise<T> {
    return this.request<T>('PUT', path, body, options);
  }

  /** `PATCH` a JSON body to a path. */
  patch<T>(
    path: string,
    body: unknown,
    options?: PluginRequestOptions,
  ): Promise<T> {
    return this.request<T>('PATCH', path, body, options);
  }

  /** `DELETE` a path; the answer's JSON, or undefined for a 204. */
  delete<T>(path: string, options?: PluginRequestOptions): Promise<T> {
    return this.request<T>('DELETE', path, undefined, options);
  }

  private async request<T>(
    method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE',
    path: string,
    body: unknown,
    options: PluginRequestOptions = {},
  ): Promise<T> {
    const { discovery, auth, pluginId } = this.options;
    const baseUrl = await discovery.getBaseUrl(pluginId);
    const { token } = await auth.getPluginRequestToken({
      onBehalfOf:
        options.credentials ?? (await auth.getOwnServiceCredentials()),
      targetPluginId: pluginId,
    });
    const text = typeof body === 'string' && options.contentType !== undefined;
    const response = await fetch(`${baseUrl}${path}`, {
      method,
      headers: {
        Authorization: `Bearer ${token}`,
        ...(body === undefined
          ? {}
          : {
              'Content-Type': text ? options.contentType! : 'application/json',
            }),
      },
      body:
        body === undefined || text
          ? (body as string | undefined)
          : JSON.stringify(body),
      signal: AbortSignal.timeout(this.options.timeoutMs ?? 30_000),
    });
    if (!response.ok) {
      throw await ResponseError.fromResponse(response);
    }
    if (response.status === 204) return undefined as T;
    return (await response.json()) as T;
  }
}
