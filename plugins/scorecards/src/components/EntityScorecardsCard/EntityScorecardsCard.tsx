import { stringifyEntityRef } from '@backstage/catalog-model';
import {
  EmptyState,
  InfoCard,
  Link,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { useEntity } from '@backstage/plugin-catalog-react';
import { usePermission } from '@backstage/plugin-permission-react';
import { scorecardExemptionCreatePermission } from '@plinth/plugin-scorecards-common';
import { Exemption } from '@plinth/plugin-scorecards-common';
import { useCallback, useEffect, useRef, useState } from 'react';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { scorecardsApiRef } from '../../api/ScorecardsApi';
import { useScorecardLinks } from '../../hooks/useScorecardLinks';
import { EntityScorecardResult, grantKey } from './EntityScorecardResult';

/**
 * How long after granting an exemption the card reads the results again:
 * the backend evaluates the entity within seconds of the grant.
 */
export const RELOAD_AFTER_EXEMPTION_MS = 4000;

/**
 * Props of {@link EntityScorecardsCard}.
 * @public
 */
export interface EntityScorecardsCardProps {
  /** The card's title; `Scorecards` by default. */
  title?: string;
}

/**
 * The current entity's scorecards: per scorecard its level in the level's
 * colour and over time, and every rule by level with its status, why it
 * failed or until when it is exempt. Users allowed
 * `plinth.scorecard.exemption.create` can grant an exemption from a failed
 * rule. Says so when no scorecard applies to the entity.
 * @public
 */
export function EntityScorecardsCard(props: EntityScorecardsCardProps) {
  const { entity } = useEntity();
  const entityRef = stringifyEntityRef(entity);
  const api = useApi(scorecardsApiRef);
  const links = useScorecardLinks();
  const { allowed: canRequestExemption } = usePermission({
    permission: scorecardExemptionCreatePermission,
  });
  const { loading, error, value, retry } = useAsyncRetry(
    () => api.getEntityScorecards(entityRef),
    [api, entityRef],
  );

  // Exemptions granted here show at once; the results follow once the
  // backend has evaluated the entity again.
  const [granted, setGranted] = useState<ReadonlyMap<string, Exemption>>(
    new Map(),
  );
  const timer = useRef<ReturnType<typeof setTimeout>>();
  useEffect(() => () => clearTimeout(timer.current), []);
  const onExemptionGranted = useCallback(
    (exemption: Exemption) => {
      setGranted(current =>
        new Map(current).set(
          grantKey(exemption.scorecard, exemption.rule),
          exemption,
        ),
      );
      retry();
      clearTimeout(timer.current);
      timer.current = setTimeout(retry, RELOAD_AFTER_EXEMPTION_MS);
    },
    [retry],
  );

  let content;
  // Keep the results on screen while they are fetched again.
  if (loading && !value) {
    content = <Progress />;
  } else if (error) {
    content = <ResponseErrorPanel error={error} />;
  } else if (!value || value.items.length === 0) {
    content = (
      <EmptyState
        missing="info"
        title="No scorecard applies to this entity"
        description="A scorecard applies to the entities of its blueprint that match its filter."
        action={
          links.root ? (
            <Link to={links.root}>See every scorecard</Link>
          ) : undefined
        }
      />
    );
  } else {
    content = value.items.map(result => (
      <EntityScorecardResult
        key={result.scorecard.identifier}
        result={result}
        entityRef={entityRef}
        canRequestExemption={canRequestExemption}
        granted={granted}
        onExemptionGranted={onExemptionGranted}
      />
    ));
  }
  return <InfoCard title={props.title ?? 'Scorecards'}>{content}</InfoCard>;
}
