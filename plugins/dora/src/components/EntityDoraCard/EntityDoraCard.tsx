import { stringifyEntityRef } from '@backstage/catalog-model';
import {
  EmptyState,
  InfoCard,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { useEntity } from '@backstage/plugin-catalog-react';
import { useMemo } from 'react';
import useAsync from 'react-use/esm/useAsync';
import { doraApiRef } from '../../api/DoraApi';
import { historyWindow } from '../../lib/window';
import { DoraKeysTable } from '../shared';

/** The card's window, in days. */
export const ENTITY_DORA_WINDOW_DAYS = 90;

/** The environment the card measures. */
export const ENTITY_DORA_ENVIRONMENT = 'production';

/**
 * Props of {@link EntityDoraCard}.
 * @public
 */
export interface EntityDoraCardProps {
  /** The card's title; `DORA metrics` by default. */
  title?: string;
}

/**
 * The current entity's DORA metrics over the last 90 days in production:
 * deployment frequency, lead time for changes, change failure rate,
 * recovery time and rework rate, each with its tier (elite, high, medium,
 * low) and its weekly trend. Says so when the entity has no DORA events.
 * @public
 */
export function EntityDoraCard(props: EntityDoraCardProps) {
  const title = props.title ?? 'DORA metrics';
  const { entity } = useEntity();
  const entityRef = stringifyEntityRef(entity);
  const api = useApi(doraApiRef);
  const window = useMemo(() => historyWindow(ENTITY_DORA_WINDOW_DAYS), []);
  const { loading, error, value } = useAsync(async () => {
    const query = {
      ...window,
      environment: ENTITY_DORA_ENVIRONMENT,
      entityRef,
      groupBy: 'none' as const,
    };
    const [metrics, trends] = await Promise.all([
      api.getMetrics(query),
      api.getTrends({ ...query, bucket: 'week' }),
    ]);
    return {
      metrics: metrics.groups[0]?.metrics,
      buckets: trends.groups[0]?.buckets ?? [],
    };
  }, [api, entityRef, window]);

  if (loading) {
    return (
      <InfoCard title={title}>
        <Progress />
      </InfoCard>
    );
  }
  if (error) {
    return <ResponseErrorPanel error={error} title={title} />;
  }
  const metrics = value?.metrics;
  if (!metrics || (metrics.deployments === 0 && metrics.changes === 0)) {
    return (
      <InfoCard title={title}>
        <EmptyState
          missing="data"
          title="No DORA events"
          description={`No deployment or change of this entity reached ${ENTITY_DORA_ENVIRONMENT} in the last ${ENTITY_DORA_WINDOW_DAYS} days.`}
        />
      </InfoCard>
    );
  }
  return (
    <InfoCard
      title={title}
      subheader={`Last ${ENTITY_DORA_WINDOW_DAYS} days in ${ENTITY_DORA_ENVIRONMENT}`}
    >
      <DoraKeysTable
        metrics={metrics}
        buckets={value?.buckets}
        label={`${title} of ${entity.metadata.title ?? entity.metadata.name}`}
      />
    </InfoCard>
  );
}
