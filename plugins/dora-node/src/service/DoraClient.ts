import type {
  AuthService,
  DiscoveryService,
} from '@backstage/backend-plugin-api';
import { PluginServiceClient } from '@plinth/backend-utils';
import {
  DoraEvent,
  DoraIngestResponse,
  DoraMetricsReport,
  doraQueryString,
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
  private readonly api: PluginServiceClient;

  constructor(options: { discovery: DiscoveryService; auth: AuthService }) {
    this.api = new PluginServiceClient({
      ...options,
      pluginId: 'dora',
      timeoutMs: 60_000,
    });
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
      const answer = await this.api.post<DoraIngestResponse>(
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
    return this.api.get(`/metrics${doraQueryString(request)}`);
  }
}
