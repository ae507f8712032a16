import {
  InfoCard,
  Progress,
  ResponseErrorPanel,
  Table,
  TableColumn,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import Box from '@material-ui/core/Box';
import Grid from '@material-ui/core/Grid';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import {
  LevelDistribution,
  ScorecardHeader,
} from '@plinth/plugin-scorecards-common';
import { useMemo, useState } from 'react';
import useAsync from 'react-use/esm/useAsync';
import { ScorecardGroupBy, scorecardsApiRef } from '../../api/ScorecardsApi';
import { plural } from '../../lib/format';
import { drawnLevels } from '../../lib/levelColors';
import { rulesInLevelOrder } from '../../lib/grouping';
import { LevelBadge, LevelDistributionBar, TargetProgressBar } from '../shared';
import { NAME_COLUMN_MIN_WIDTH } from '../../lib/tableLayout';

/** The groupings the summary offers. */
const GROUP_BY: Array<{ value: ScorecardGroupBy; label: string }> = [
  { value: 'team', label: 'Team' },
  { value: 'system', label: 'System' },
  { value: 'domain', label: 'Domain' },
];

type GroupRow = LevelDistribution & { group: string; id: string };

const useStyles = makeStyles(theme => ({
  rules: { listStyle: 'none', margin: 0, padding: 0 },
  rule: {
    display: 'grid',
    gridTemplateColumns: 'minmax(10rem, 2fr) auto minmax(12rem, 3fr)',
    alignItems: 'center',
    gap: theme.spacing(2),
    padding: theme.spacing(0.75, 0),
  },
}));

/** Each rule's pass rate across every entity, in level order. */
function RulePassRates(props: {
  scorecard: ScorecardHeader;
  distribution: LevelDistribution;
}) {
  const classes = useStyles();
  const { scorecard, distribution } = props;
  const levels = new Map(drawnLevels(scorecard.levels).map(l => [l.title, l]));
  return (
    <ul className={classes.rules} aria-label="Rule pass rates">
      {rulesInLevelOrder(scorecard).map(rule => (
        <li key={rule.identifier} className={classes.rule}>
          <Typography variant="body2">{rule.title}</Typography>
          <LevelBadge
            title={rule.level}
            color={levels.get(rule.level)?.color}
          />
          <TargetProgressBar
            label={`${rule.title} passing`}
            passing={distribution.passing[rule.identifier] ?? 0}
            total={distribution.total}
          />
        </li>
      ))}
    </ul>
  );
}

/**
 * A scorecard's level distribution and rule pass rates over every entity,
 * then per team, system or domain as the user chooses.
 */
export function ScorecardSummary(props: {
  identifier: string;
  /** Changes to read the summary again (after a re-evaluation). */
  reloadKey?: number;
}) {
  const api = useApi(scorecardsApiRef);
  const [groupBy, setGroupBy] = useState<ScorecardGroupBy>('team');
  const { loading, error, value } = useAsync(
    () => api.getSummary(props.identifier, { groupBy }),
    [api, props.identifier, groupBy, props.reloadKey],
  );
  const groupLabel = GROUP_BY.find(g => g.value === groupBy)?.label ?? groupBy;

  const columns = useMemo<TableColumn<GroupRow>[]>(() => {
    const levels = drawnLevels(value?.scorecard.levels ?? []);
    return [
      {
        title: groupLabel,
        field: 'group',
        highlight: true,
        cellStyle: { minWidth: NAME_COLUMN_MIN_WIDTH },
      },
      { title: 'Entities', field: 'total', type: 'numeric' },
      {
        title: 'Levels',
        sorting: false,
        width: '35%',
        render: row => (
          <LevelDistributionBar
            levels={levels}
            distribution={row}
            label={`${row.group} levels`}
            legend={false}
          />
        ),
      },
      ...levels.map(
        (level): TableColumn<GroupRow> => ({
          title: level.title,
          type: 'numeric',
          render: row => row.levels[level.title] ?? 0,
          customSort: (a, b) =>
            (a.levels[level.title] ?? 0) - (b.levels[level.title] ?? 0),
        }),
      ),
    ];
  }, [value, groupLabel]);

  const rows = useMemo<GroupRow[]>(
    () => (value?.groups ?? []).map(g => ({ ...g, id: g.group })),
    [value],
  );

  const selector = (
    <TextField
      select
      id="scorecards-summary-group-by"
      label="Group by"
      value={groupBy}
      onChange={e => setGroupBy(e.target.value as ScorecardGroupBy)}
      SelectProps={{ native: true }}
      variant="outlined"
      size="small"
    >
      {GROUP_BY.map(option => (
        <option key={option.value} value={option.value}>
          {option.label}
        </option>
      ))}
    </TextField>
  );

  let content;
  if (loading && !value) {
    content = <Progress />;
  } else if (error) {
    content = <ResponseErrorPanel error={error} />;
  } else if (value) {
    content = (
      <Grid container spacing={3}>
        <Grid item xs={12}>
          <InfoCard
            title="All entities"
            subheader={plural(value.overall.total, 'entity', 'entities')}
          >
            <LevelDistributionBar
              levels={value.scorecard.levels}
              distribution={value.overall}
              label="All entities levels"
            />
            <Box mt={3}>
              <Typography variant="subtitle2" component="h3" gutterBottom>
                Rules
              </Typography>
              <RulePassRates
                scorecard={value.scorecard}
                distribution={value.overall}
              />
            </Box>
          </InfoCard>
        </Grid>
        <Grid item xs={12}>
          <Table<GroupRow>
            title={`By ${groupLabel.toLocaleLowerCase('en-US')}`}
            columns={columns}
            data={rows}
            options={{
              paging: rows.length > 20,
              pageSize: 20,
              padding: 'dense',
              search: rows.length > 10,
            }}
            emptyContent={
              <Box p={2}>
                <Typography variant="body2" color="textSecondary">
                  No entity has a {groupLabel.toLocaleLowerCase('en-US')}.
                </Typography>
              </Box>
            }
          />
        </Grid>
      </Grid>
    );
  }

  return (
    <>
      <Box mb={2}>{selector}</Box>
      {content}
    </>
  );
}
