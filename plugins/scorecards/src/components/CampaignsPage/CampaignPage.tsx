import {
  EmptyState,
  InfoCard,
  Link,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { ResponseError } from '@backstage/errors';
import Grid from '@material-ui/core/Grid';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import { CampaignDetailsResponse } from '@plinth/plugin-scorecards-common';
import useAsync from 'react-use/esm/useAsync';
import { scorecardsApiRef } from '../../api/ScorecardsApi';
import { useScorecardLinks } from '../../hooks/useScorecardLinks';
import { plural } from '../../lib/format';
import { TargetProgressBar } from '../shared';
import { FailingEntities } from './FailingEntities';
import {
  CampaignDeadline,
  CampaignStatus,
  campaignTarget,
  formatShare,
} from './CampaignStatus';

const useStyles = makeStyles(theme => ({
  facts: {
    display: 'grid',
    gridTemplateColumns: 'max-content 1fr',
    columnGap: theme.spacing(3),
    rowGap: theme.spacing(1),
    margin: theme.spacing(0, 0, 3),
    '& dt': { fontWeight: 600 },
    '& dd': { margin: 0 },
  },
  rows: { listStyle: 'none', margin: 0, padding: 0 },
  row: {
    display: 'grid',
    gridTemplateColumns: 'minmax(10rem, 1fr) minmax(14rem, 3fr)',
    alignItems: 'center',
    gap: theme.spacing(2),
    padding: theme.spacing(1, 0),
    '& + &': { borderTop: `1px solid ${theme.palette.divider}` },
  },
}));

/** The teams furthest from the target first. */
function byShare<T extends { share: number; name: string }>(a: T, b: T) {
  return a.share - b.share || a.name.localeCompare(b.name, 'en-US');
}

function TeamProgress(props: { details: CampaignDetailsResponse }) {
  const classes = useStyles();
  const links = useScorecardLinks();
  const target = campaignTarget(props.details);
  const teams = props.details.teams
    .map(t => ({ ...t, name: t.team }))
    .sort(byShare);
  if (teams.length === 0) {
    return (
      <Typography variant="body2" color="textSecondary">
        No entity in scope has an owning team.
      </Typography>
    );
  }
  return (
    <ul className={classes.rows} aria-label="Progress per team">
      {teams.map(team => {
        const href = links.entity(`group:default/${team.team}`);
        return (
          <li key={team.team} className={classes.row}>
            <Typography variant="body2">
              {href ? <Link to={href}>{team.team}</Link> : team.team}
            </Typography>
            <TargetProgressBar
              label={`${team.team} progress`}
              passing={team.passing}
              total={team.total}
              target={target}
            />
          </li>
        );
      })}
    </ul>
  );
}

function RuleProgress(props: { details: CampaignDetailsResponse }) {
  const classes = useStyles();
  const links = useScorecardLinks();
  const target = campaignTarget(props.details);
  return (
    <ul className={classes.rows} aria-label="Progress per rule">
      {props.details.rules.map(rule => {
        const href = links.scorecard(rule.scorecard);
        return (
          <li key={`${rule.scorecard}/${rule.rule}`} className={classes.row}>
            <div>
              <Typography variant="body2">{rule.title}</Typography>
              <Typography variant="caption" color="textSecondary">
                {href ? (
                  <Link to={href}>{rule.scorecard}</Link>
                ) : (
                  rule.scorecard
                )}
              </Typography>
            </div>
            <TargetProgressBar
              label={`${rule.title} progress`}
              passing={rule.passing}
              total={rule.total}
              target={target}
            />
          </li>
        );
      })}
    </ul>
  );
}

/**
 * One campaign: its deadline (days left, or overdue), target and overall
 * progress, then its progress per team and per rule, each against the
 * target, and the entities still failing with their owners and the rules
 * they fail.
 */
export function CampaignPage(props: { identifier: string }) {
  const classes = useStyles();
  const api = useApi(scorecardsApiRef);
  const links = useScorecardLinks();
  const { loading, error, value } = useAsync(
    () => api.getCampaign(props.identifier),
    [api, props.identifier],
  );

  if (loading) {
    return <Progress />;
  }
  if (error) {
    if (ResponseError.is(error) && error.statusCode === 404) {
      return (
        <EmptyState
          missing="info"
          title={`There is no campaign "${props.identifier}"`}
          action={
            links.campaigns ? (
              <Link to={links.campaigns}>See every campaign</Link>
            ) : undefined
          }
        />
      );
    }
    return <ResponseErrorPanel error={error} />;
  }
  if (!value) {
    return null;
  }
  const { campaign, progress } = value;
  const target = campaignTarget(value);
  return (
    <Grid container spacing={3}>
      <Grid item xs={12}>
        <InfoCard title={campaign.title} subheader={campaign.description}>
          <dl className={classes.facts}>
            <dt>Deadline</dt>
            <dd>
              <CampaignDeadline summary={value} variant="inline" />
            </dd>
            <dt>Target</dt>
            <dd>
              {formatShare(target)} of the entities in scope pass every rule
            </dd>
            <dt>Rules</dt>
            <dd>{plural(campaign.rules.length, 'rule')}</dd>
            <dt>Status</dt>
            <dd>
              <CampaignStatus summary={value} />
            </dd>
          </dl>
          <TargetProgressBar
            label="Overall progress"
            passing={progress.passing}
            total={progress.total}
            target={target}
          />
        </InfoCard>
      </Grid>
      <Grid item xs={12} md={6}>
        <InfoCard title="Progress per team">
          <TeamProgress details={value} />
        </InfoCard>
      </Grid>
      <Grid item xs={12} md={6}>
        <InfoCard title="Progress per rule">
          <RuleProgress details={value} />
        </InfoCard>
      </Grid>
      <Grid item xs={12}>
        <InfoCard
          title="Still failing"
          subheader={
            value.failing.length > 0
              ? `${plural(
                  value.failing.length,
                  'entity',
                  'entities',
                )} in scope fail a rule of the campaign`
              : undefined
          }
        >
          <FailingEntities failing={value.failing} />
        </InfoCard>
      </Grid>
    </Grid>
  );
}
