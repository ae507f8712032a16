import {
  EmptyState,
  Link,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import Box from '@material-ui/core/Box';
import Tab from '@material-ui/core/Tab';
import Tabs from '@material-ui/core/Tabs';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import { levelsOf } from '@plinth/plugin-scorecards-common';
import { useState } from 'react';
import useAsync from 'react-use/esm/useAsync';
import { scorecardsApiRef } from '../../api/ScorecardsApi';
import { useScorecardLinks } from '../../hooks/useScorecardLinks';
import { plural } from '../../lib/format';
import { drawnLevels } from '../../lib/levelColors';
import { displaySource } from '../../lib/sourcePath';
import { LevelBadge } from '../shared';
import { ReEvaluateButton } from './ReEvaluateButton';
import { ScorecardHeatMap } from './ScorecardHeatMap';
import { ScorecardHistory } from './ScorecardHistory';
import { ScorecardSummary } from './ScorecardSummary';

const TABS = [
  { id: 'summary', label: 'Summary' },
  { id: 'heat-map', label: 'Heat map' },
  { id: 'history', label: 'History' },
] as const;

type TabId = (typeof TABS)[number]['id'];

const useStyles = makeStyles(theme => ({
  header: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'flex-start',
    justifyContent: 'space-between',
    gap: theme.spacing(2),
  },
  levels: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'center',
    gap: theme.spacing(0.75),
    marginTop: theme.spacing(1),
  },
  tabs: {
    borderBottom: `1px solid ${theme.palette.divider}`,
    marginBottom: theme.spacing(3),
  },
}));

/**
 * One scorecard: its definition, then its summary by team, system or domain,
 * its heat map of entities against rules, and its history, as tabs. Users
 * allowed `plinth.scorecard.evaluate` can re-evaluate it.
 */
export function ScorecardPage(props: { identifier: string }) {
  const { identifier } = props;
  const classes = useStyles();
  const api = useApi(scorecardsApiRef);
  const links = useScorecardLinks();
  const [tab, setTab] = useState<TabId>('summary');
  const [reloadKey, setReloadKey] = useState(0);
  const { loading, error, value } = useAsync(() => api.listScorecards(), [api]);

  if (loading) {
    return <Progress />;
  }
  if (error) {
    return <ResponseErrorPanel error={error} />;
  }
  const item = value?.items.find(i => i.scorecard.identifier === identifier);
  if (!item) {
    return (
      <EmptyState
        missing="info"
        title={`There is no scorecard "${identifier}"`}
        description="It may have been removed, or its definition has problems: the scorecards page lists them."
        action={
          links.root ? (
            <Link to={links.root}>See every scorecard</Link>
          ) : undefined
        }
      />
    );
  }
  const { scorecard } = item;
  const title = scorecard.title ?? scorecard.identifier;

  return (
    <>
      <div className={classes.header}>
        <div>
          <Typography variant="h4" component="h2">
            {title}
          </Typography>
          {scorecard.description && (
            <Typography variant="body1" color="textSecondary">
              {scorecard.description}
            </Typography>
          )}
          <Typography variant="body2" color="textSecondary">
            {`${plural(scorecard.rules.length, 'rule')} over ${
              scorecard.blueprint
            } entities · ${item.origin}: ${displaySource(item.source)}`}
          </Typography>
          <div className={classes.levels} aria-label="Levels, lowest first">
            {drawnLevels(levelsOf(scorecard)).map(level => (
              <LevelBadge
                key={level.title}
                title={level.title}
                color={level.color}
              />
            ))}
          </div>
        </div>
        <ReEvaluateButton
          scorecard={identifier}
          onEvaluated={() => setReloadKey(k => k + 1)}
        />
      </div>
      <Box mt={3}>
        <Tabs
          className={classes.tabs}
          value={tab}
          onChange={(_e, next: TabId) => setTab(next)}
          indicatorColor="primary"
          textColor="primary"
          aria-label={`${title} views`}
        >
          {TABS.map(t => (
            <Tab
              key={t.id}
              value={t.id}
              label={t.label}
              id={`scorecard-tab-${t.id}`}
              aria-controls={`scorecard-tabpanel-${t.id}`}
            />
          ))}
        </Tabs>
        <div
          role="tabpanel"
          id={`scorecard-tabpanel-${tab}`}
          aria-labelledby={`scorecard-tab-${tab}`}
        >
          {tab === 'summary' && (
            <ScorecardSummary identifier={identifier} reloadKey={reloadKey} />
          )}
          {tab === 'heat-map' && (
            <ScorecardHeatMap identifier={identifier} reloadKey={reloadKey} />
          )}
          {tab === 'history' && (
            <ScorecardHistory identifier={identifier} reloadKey={reloadKey} />
          )}
        </div>
      </Box>
    </>
  );
}
