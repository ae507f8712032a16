import { stringifyEntityRef } from '@backstage/catalog-model';
import {
  InfoCard,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useEntity } from '@backstage/plugin-catalog-react';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import { isEmptyDora, useEntityDora } from '../../hooks/useEntityDora';
import { useEntityLink } from '../../hooks/useEntityLink';
import { DORA_KEYS } from '../../lib/doraTiers';
import { TierChip } from '../shared';

/**
 * The path of the entity page's tab with the DORA card, by default: the
 * Scorecards tab of `@plinth/plugin-scorecards`.
 */
export const DORA_TAB_PATH = 'scorecards';

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
 * Props of {@link EntityDoraSummaryCard}.
 * @public
 */
export interface EntityDoraSummaryCardProps {
  /** The card's title; `DORA` by default. */
  title?: string;
  /**
   * The path of the entity page's tab with the whole DORA card, which the
   * card links to; `scorecards` (the Scorecards tab) by default.
   */
  tabPath?: string;
}

/**
 * The tier of each of the current entity's five DORA keys over the last 90
 * days in production (a system's: of its parts together), with a link to
 * the tab with their figures and trends. Renders nothing when the entity
 * has no DORA events.
 * @public
 */
export function EntityDoraSummaryCard(props: EntityDoraSummaryCardProps) {
  const title = props.title ?? 'DORA';
  const classes = useStyles();
  const { entity } = useEntity();
  const entityLink = useEntityLink()(stringifyEntityRef(entity));
  const { loading, error, value } = useEntityDora(entity, { trends: false });

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
    return null;
  }
  return (
    <InfoCard
      title={title}
      deepLink={
        entityLink
          ? {
              title: 'Figures and trends',
              link: `${entityLink}/${props.tabPath ?? DORA_TAB_PATH}`,
            }
          : undefined
      }
    >
      <ul className={classes.list} aria-label={`${title} tiers`}>
        {DORA_KEYS.map(info => (
          <li key={info.key} className={classes.item}>
            <Typography variant="body2">{info.title}</Typography>
            <TierChip tier={metrics.tiers[info.key]} />
          </li>
        ))}
      </ul>
    </InfoCard>
  );
}
