import {
  EmptyState,
  InfoCard,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useEntity } from '@backstage/plugin-catalog-react';
import {
  ENTITY_DORA_ENVIRONMENT,
  ENTITY_DORA_WINDOW_DAYS,
  isEmptyDora,
  useEntityDora,
} from '../../hooks/useEntityDora';
import { DoraKeysTable } from '../shared';

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
 * low) and its weekly trend. A system's are those of its parts together.
 * Says so when the entity has no DORA events.
 * @public
 */
export function EntityDoraCard(props: EntityDoraCardProps) {
  const title = props.title ?? 'DORA metrics';
  const { entity } = useEntity();
  const isSystem = entity.kind.toLocaleLowerCase('en-US') === 'system';
  const { loading, error, value } = useEntityDora(entity, { trends: true });

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
  if (!metrics || isEmptyDora(metrics)) {
    return (
      <InfoCard title={title}>
        <EmptyState
          missing="data"
          title="No DORA events"
          description={`No deployment or change of ${
            isSystem ? 'the parts of this system' : 'this entity'
          } reached ${ENTITY_DORA_ENVIRONMENT} in the last ${ENTITY_DORA_WINDOW_DAYS} days.`}
        />
      </InfoCard>
    );
  }
  return (
    <InfoCard
      title={title}
      subheader={`Last ${ENTITY_DORA_WINDOW_DAYS} days in ${ENTITY_DORA_ENVIRONMENT}${
        isSystem ? ', all its parts together' : ''
      }`}
    >
      <DoraKeysTable
        metrics={metrics}
        buckets={value?.buckets}
        label={`${title} of ${entity.metadata.title ?? entity.metadata.name}`}
      />
    </InfoCard>
  );
}
