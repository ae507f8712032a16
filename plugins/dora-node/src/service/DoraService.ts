import {
  coreServices,
  createServiceFactory,
  createServiceRef,
} from '@backstage/backend-plugin-api';
import type {
  DoraEvent,
  DoraGroupBy,
  DoraIngestResponse,
  DoraMetricsReport,
} from '@plinth/plugin-dora-common';
import { DoraClient } from './DoraClient';

/**
 * Which DORA figures {@link DoraService.getMetrics} computes: a window
 * (ISO 8601 date-times with a zone; the last 90 days by default), an
 * environment (`production` by default), a grouping (`none` by default)
 * and filters that must all match.
 * @public
 */
export interface DoraMetricsRequest {
  from?: string;
  to?: string;
  environment?: string;
  groupBy?: DoraGroupBy;
  entityRef?: string;
  team?: string;
  system?: string;
  domain?: string;
}

/**
 * The DORA backend, for other backend plugins and modules: record change,
 * deployment and incident events (the orchestrator records each deployment
 * it finishes), and read the five keys (scorecards read each entity's).
 * @public
 */
export interface DoraService {
  /**
   * Records events in the canonical format. Invalid events are rejected
   * with their index and reason while the rest are kept; sending an event
   * again with the same type and id replaces it, so a retry is harmless.
   */
  recordEvents(events: DoraEvent[]): Promise<DoraIngestResponse>;
  /** The five keys and their tiers over a window, one result per group. */
  getMetrics(request?: DoraMetricsRequest): Promise<DoraMetricsReport>;
}

/**
 * The DORA service, for backend plugins and modules. The default
 * implementation calls the DORA backend's API (plugin id `dora`) with the
 * calling plugin's service credentials.
 *
 * @example
 * ```ts
 * env.registerInit({
 *   deps: { dora: doraServiceRef },
 *   async init({ dora }) {
 *     await dora.recordEvents([{ type: 'deployment', id: 'deploy-42', ... }]);
 *   },
 * });
 * ```
 * @public
 */
export const doraServiceRef = createServiceRef<DoraService>({
  id: 'plinth.dora',
  defaultFactory: async service =>
    createServiceFactory({
      service,
      deps: { discovery: coreServices.discovery, auth: coreServices.auth },
      factory: ({ discovery, auth }) => new DoraClient({ discovery, auth }),
    }),
});
