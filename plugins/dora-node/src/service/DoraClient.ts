import type {
  AuthService,
  DiscoveryService,
} from '@backstage/backend-plugin-api';
import { ResponseError } from '@backstage/errors';
import type {
  DoraEvent,
  DoraIngestResponse,
  DoraMetricsReport,
} from '@plinth/plugin-dora-common';
import type { DoraMetricsRequest, DoraService } from './DoraService';

/** Events per request: well under the API's default body limit (10 MiB). */
const EVENTS_PER_REQUEST = 5_000;

/**
 * {@link DoraService} over HTTP, with the calling plugin's service
 * credentials. A large batch is sent in several requests and the answers
 * added up, indexes counted from the start of the whole batch.
 * @public
 */
export class DoraClient implements DoraService {
  private readonly discovery: DiscoveryService;
  private readonly auth: AuthService;

  constructor(options: { discovery: DiscoveryService; auth: AuthService }) {
    this.discovery = options.discovery;
    this.auth = options.auth;
  }

  async recordEvents(events: DoraEvent[]): Promise<DoraIngestResponse> {
    const total: DoraIngestResponse = {
      accepted: 0,
      created: 0,
      updated: 0,
      unchanged: 0,
      rejected: [],
      warnings: [],
    };
    for (let start = 0; start < events.length; start += EVENTS_PER_REQUEST) {
      const answer = await this.request<DoraIngestResponse>(
        '/events',
        events.slice(start, start + EVENTS_PER_REQUEST),
      );
      total.accepted += answer.accepted;
      total.created += answer.created;
      total.updated += answer.updated;
      total.unchanged += answer.unchanged;
      total.rejected.push(
        ...answer.rejected.map(r => ({ ...r, index: r.index + start })),
      );
      total.warnings.push(
        ...answer.warnings.map(w => ({ ...w, index: w.index + start })),
      );
    }
    return total;
  }

  getMetrics(request: DoraMetricsRequest = {}): Promise<DoraMetricsReport> {
    const query = new URLSearchParams();
    for (const [key, value] of Object.entries(request)) {
      if (value !== undefined) query.set(key, String(value));
    }
    const search = query.toString();
    return this.request(`/metrics${search ? `?${search}` : ''}`);
  }

  private async request<T>(path: string, body?: unknown): Promise<T> {
    const baseUrl = await this.discovery.getBaseUrl('dora');
    const { token } = await this.auth.getPluginRequestToken({
      onBehalfOf: await this.auth.getOwnServiceCredentials(),
      targetPluginId: 'dora',
    });
    const response = await fetch(`${baseUrl}${path}`, {
      method: body === undefined ? 'GET' : 'POST',
      headers: {
        Authorization: `Bearer ${token}`,
        ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
      // A caller on a schedule should fail and try again, not hang.
      signal: AbortSignal.timeout(60_000),
    });
    if (!response.ok) {
      throw await ResponseError.fromResponse(response);
    }
    return (await response.json()) as T;
  }
}
