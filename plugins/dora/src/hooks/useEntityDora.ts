import { Entity } from '@backstage/catalog-model';
import { useApi } from '@backstage/core-plugin-api';
import { DoraMetrics, DoraTrendBucket } from '@plinth/plugin-dora-common';
import { useMemo } from 'react';
import useAsync from 'react-use/esm/useAsync';
import { doraApiRef } from '../api/DoraApi';
import { entityDoraScope } from '../lib/entityScope';
import { historyWindow } from '../lib/window';

/** The window of an entity's DORA figures, in days. */
export const ENTITY_DORA_WINDOW_DAYS = 90;

/** The environment an entity's DORA figures measure. */
export const ENTITY_DORA_ENVIRONMENT = 'production';

/** An entity's DORA figures, and their weekly trend when asked for. */
export interface EntityDoraFigures {
  /** Undefined when the entity has no DORA events. */
  metrics?: DoraMetrics;
  buckets: DoraTrendBucket[];
}

/** Whether figures count no deployment and no change. */
export function isEmptyDora(metrics: DoraMetrics | undefined): boolean {
  return !metrics || (metrics.deployments === 0 && metrics.changes === 0);
}

/**
 * The DORA figures of an entity over the last 90 days in production (a
 * system's are those of its parts together), with their weekly trend when
 * `trends` is set.
 */
export function useEntityDora(entity: Entity, options: { trends: boolean }) {
  const api = useApi(doraApiRef);
  const window = useMemo(() => historyWindow(ENTITY_DORA_WINDOW_DAYS), []);
  const scope = useMemo(() => entityDoraScope(entity), [entity]);
  const { trends } = options;
  return useAsync(async (): Promise<EntityDoraFigures> => {
    const query = {
      ...window,
      environment: ENTITY_DORA_ENVIRONMENT,
      ...scope.query,
    };
    const [metrics, trendReport] = await Promise.all([
      api.getMetrics(query),
      trends ? api.getTrends({ ...query, bucket: 'week' }) : undefined,
    ]);
    return {
      metrics: metrics.groups.find(g => scope.isEntityGroup(g.key))?.metrics,
      buckets:
        trendReport?.groups.find(g => scope.isEntityGroup(g.key))?.buckets ??
        [],
    };
  }, [api, scope, window, trends]);
}
