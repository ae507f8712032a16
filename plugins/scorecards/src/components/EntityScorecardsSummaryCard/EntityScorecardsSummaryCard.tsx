import { stringifyEntityRef } from '@backstage/catalog-model';
import {
  InfoCard,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { useEntity } from '@backstage/plugin-catalog-react';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import useAsync from 'react-use/esm/useAsync';
import { scorecardsApiRef } from '../../api/ScorecardsApi';
import { useScorecardLinks } from '../../hooks/useScorecardLinks';
import { SCORECARDS_TAB_PATH } from '../../routes';
import { drawnLevels } from '../../lib/levelColors';
import { LevelBadge } from '../shared';

const useStyles = makeStyles(theme => ({
  list: {
    listStyle: 'none',
    margin: 0,
    padding: 0,
    display: 'flex',
    flexDirection: 'column',
    gap: theme.spacing(1),
  },
  item: {
    display: 'flex',
    alignItems: 'center',
    justifyContent: 'space-between',
    gap: theme.spacing(2),
  },
}));

/**
 * Props of {@link EntityScorecardsSummaryCard}.
 * @public
 */
export interface EntityScorecardsSummaryCardProps {
  /** The card's title; `Scorecards` by default. */
  title?: string;
  /**
   * The path of the entity page's tab with the whole scorecards, which the
   * card links to; `scorecards` by default.
   */
  tabPath?: string;
}

/**
 * The current entity's level on each scorecard that applies to it, as
 * badges in the levels' colours, with a link to the entity's Scorecards
 * tab. Renders nothing when no scorecard applies to the entity.
 * @public
 */
export function EntityScorecardsSummaryCard(
  props: EntityScorecardsSummaryCardProps,
) {
  const title = props.title ?? 'Scorecards';
  const classes = useStyles();
  const { entity } = useEntity();
  const entityRef = stringifyEntityRef(entity);
  const api = useApi(scorecardsApiRef);
  const links = useScorecardLinks();
  const { loading, error, value } = useAsync(
    () => api.getEntityScorecards(entityRef),
    [api, entityRef],
  );

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
  if (!value || value.items.length === 0) {
    return null;
  }
  const entityLink = links.entity(entityRef);
  const tabPath = props.tabPath ?? SCORECARDS_TAB_PATH;
  return (
    <InfoCard
      title={title}
      deepLink={
        entityLink
          ? { title: 'Every rule and trend', link: `${entityLink}/${tabPath}` }
          : undefined
      }
    >
      <ul className={classes.list} aria-label={`${title} levels`}>
        {value.items.map(result => {
          const level = drawnLevels(result.scorecard.levels)[result.levelIndex];
          return (
            <li key={result.scorecard.identifier} className={classes.item}>
              <Typography variant="body2">{result.scorecard.title}</Typography>
              <LevelBadge title={result.level} color={level?.color} />
            </li>
          );
        })}
      </ul>
    </InfoCard>
  );
}
