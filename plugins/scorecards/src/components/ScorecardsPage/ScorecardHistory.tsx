import {
  InfoCard,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import ButtonGroup from '@material-ui/core/ButtonGroup';
import Grid from '@material-ui/core/Grid';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import {
  ScorecardHeader,
  ScorecardHistoryDay,
} from '@plinth/plugin-scorecards-common';
import { useMemo, useState } from 'react';
import useAsync from 'react-use/esm/useAsync';
import {
  Area,
  AreaChart,
  CartesianGrid,
  Legend,
  Line,
  LineChart,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { scorecardsApiRef } from '../../api/ScorecardsApi';
import { percent, rulesInLevelOrder } from '../../lib/grouping';
import {
  distributionSeries,
  levelKey,
  passRateSeries,
  ruleKey,
} from '../../lib/history';
import { drawnLevels, levelColor } from '../../lib/levelColors';
import {
  formatDate,
  HISTORY_WINDOWS,
  HistoryWindowDays,
  historyWindow,
} from '../../lib/window';
import { seriesColor } from '../../lib/seriesColors';
import { describeDistribution } from '../shared';

const CHART_HEIGHT = 280;

/** Charts fill their card; measured by the browser, a fixed size elsewhere. */
function ChartFrame(props: { children: JSX.Element }) {
  return (
    <ResponsiveContainer
      width="100%"
      height={CHART_HEIGHT}
      initialDimension={{ width: 640, height: CHART_HEIGHT }}
    >
      {props.children}
    </ResponsiveContainer>
  );
}

function LevelDistributionChart(props: {
  scorecard: ScorecardHeader;
  days: ReadonlyArray<ScorecardHistoryDay>;
}) {
  const { scorecard, days } = props;
  const data = useMemo(
    () => distributionSeries(scorecard, days),
    [scorecard, days],
  );
  return (
    <ChartFrame>
      <AreaChart data={data}>
        <CartesianGrid strokeDasharray="3 3" />
        <XAxis dataKey="day" />
        <YAxis allowDecimals={false} />
        <Tooltip />
        <Legend />
        {drawnLevels(scorecard.levels).map((level, index) => (
          <Area
            key={level.title}
            type="stepAfter"
            dataKey={levelKey(index)}
            name={level.title}
            stackId="levels"
            stroke={levelColor(level.color)}
            fill={levelColor(level.color)}
            fillOpacity={0.85}
            isAnimationActive={false}
          />
        ))}
      </AreaChart>
    </ChartFrame>
  );
}

function PassRateChart(props: {
  scorecard: ScorecardHeader;
  days: ReadonlyArray<ScorecardHistoryDay>;
}) {
  const { scorecard, days } = props;
  const data = useMemo(
    () => passRateSeries(scorecard, days),
    [scorecard, days],
  );
  const rules = rulesInLevelOrder(scorecard);
  return (
    <ChartFrame>
      <LineChart data={data}>
        <CartesianGrid strokeDasharray="3 3" />
        <XAxis dataKey="day" />
        <YAxis domain={[0, 100]} unit="%" />
        <Tooltip />
        <Legend />
        {rules.map((rule, index) => (
          <Line
            key={rule.identifier}
            type="monotone"
            dataKey={ruleKey(index)}
            name={rule.title}
            stroke={seriesColor(index)}
            strokeWidth={2}
            dot={days.length < 40}
            connectNulls={false}
            isAnimationActive={false}
          />
        ))}
      </LineChart>
    </ChartFrame>
  );
}

/** Each rule's pass rate on the window's first and last day, as a table. */
function PassRateTable(props: {
  scorecard: ScorecardHeader;
  first: ScorecardHistoryDay;
  last: ScorecardHistoryDay;
}) {
  const { scorecard, first, last } = props;
  const rate = (day: ScorecardHistoryDay, rule: string) =>
    percent(day.passing[rule] ?? 0, day.total);
  return (
    <Table size="small" aria-label="Rule pass rates over the window">
      <TableHead>
        <TableRow>
          <TableCell>Rule</TableCell>
          <TableCell align="right">{first.day}</TableCell>
          <TableCell align="right">{last.day}</TableCell>
          <TableCell align="right">Change</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {rulesInLevelOrder(scorecard).map(rule => {
          const from = rate(first, rule.identifier);
          const to = rate(last, rule.identifier);
          const change = to - from;
          return (
            <TableRow key={rule.identifier}>
              <TableCell component="th" scope="row" role="rowheader">
                {rule.title}
              </TableCell>
              <TableCell align="right">{from}%</TableCell>
              <TableCell align="right">{to}%</TableCell>
              <TableCell align="right">
                {change > 0 ? `+${change}` : change} pts
              </TableCell>
            </TableRow>
          );
        })}
      </TableBody>
    </Table>
  );
}

/**
 * A scorecard over time: the level distribution of each day as a stacked
 * area, each rule's pass rate as a line, over the last 30, 90 or 365 days.
 */
export function ScorecardHistory(props: {
  identifier: string;
  /** Changes to read the history again (after a re-evaluation). */
  reloadKey?: number;
}) {
  const api = useApi(scorecardsApiRef);
  const [windowDays, setWindowDays] = useState<HistoryWindowDays>(30);
  const { loading, error, value } = useAsync(
    () => api.getHistory(props.identifier, historyWindow(windowDays)),
    [api, props.identifier, windowDays, props.reloadKey],
  );

  const selector = (
    <ButtonGroup size="small" color="primary" aria-label="History window">
      {HISTORY_WINDOWS.map(days => (
        <Button
          key={days}
          variant={days === windowDays ? 'contained' : 'outlined'}
          aria-pressed={days === windowDays}
          onClick={() => setWindowDays(days)}
        >
          {days} days
        </Button>
      ))}
    </ButtonGroup>
  );

  let content;
  if (loading && !value) {
    content = <Progress />;
  } else if (error) {
    content = <ResponseErrorPanel error={error} />;
  } else if (!value || value.days.length === 0) {
    content = (
      <Typography variant="body2" color="textSecondary">
        No evaluation in the last {windowDays} days yet: scorecards are
        evaluated on a schedule, and each day keeps its last evaluation.
      </Typography>
    );
  } else {
    const { scorecard, days } = value;
    const first = days[0];
    const last = days[days.length - 1];
    content = (
      <Grid container spacing={3}>
        <Grid item xs={12} lg={6}>
          <InfoCard
            title="Level distribution"
            subheader={`On ${formatDate(last.day)}: ${describeDistribution(
              scorecard.levels,
              last,
            )}`}
          >
            <LevelDistributionChart scorecard={scorecard} days={days} />
          </InfoCard>
        </Grid>
        <Grid item xs={12} lg={6}>
          <InfoCard title="Rule pass rates">
            <PassRateChart scorecard={scorecard} days={days} />
          </InfoCard>
        </Grid>
        <Grid item xs={12}>
          <InfoCard
            title="Over the window"
            subheader={`${days.length} day${
              days.length === 1 ? '' : 's'
            } with evaluations, ${formatDate(first.day)} to ${formatDate(
              last.day,
            )}`}
          >
            <PassRateTable scorecard={scorecard} first={first} last={last} />
          </InfoCard>
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
