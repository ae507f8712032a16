import {
  EmptyState,
  Link,
  LinkButton,
  Progress,
  ResponseErrorPanel,
  Table,
  TableColumn,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import FlagIcon from '@material-ui/icons/Flag';
import TimelineIcon from '@material-ui/icons/Timeline';
import {
  levelsOf,
  ScorecardListResponse,
  ScorecardSummaryResponse,
} from '@plinth/plugin-scorecards-common';
import { useMemo } from 'react';
import useAsync from 'react-use/esm/useAsync';
import { scorecardsApiRef } from '../../api/ScorecardsApi';
import { useScorecardLinks } from '../../hooks/useScorecardLinks';
import { LevelDistributionBar } from '../shared';
import { ScorecardProblems } from './ScorecardProblems';
import { NAME_COLUMN_MIN_WIDTH } from '../../lib/tableLayout';

type ListItem = ScorecardListResponse['items'][number];

interface ScorecardRow {
  id: string;
  item: ListItem;
  /** The summary; an error when it could not be read; undefined while loading. */
  summary?: ScorecardSummaryResponse | Error;
}

function DistributionCell(props: { row: ScorecardRow }) {
  const { item, summary } = props.row;
  if (summary === undefined) {
    return <Progress />;
  }
  if (summary instanceof Error) {
    return (
      <Typography variant="body2" color="error">
        Not available: {summary.message}
      </Typography>
    );
  }
  return (
    <LevelDistributionBar
      levels={levelsOf(item.scorecard)}
      distribution={summary.overall}
      label={`${item.scorecard.title ?? item.scorecard.identifier} levels`}
    />
  );
}

/**
 * Every scorecard in force with how many entities are at each level, and
 * the problems of the scorecard definitions left out.
 */
export function ScorecardsOverview() {
  const api = useApi(scorecardsApiRef);
  const links = useScorecardLinks();
  const list = useAsync(() => api.listScorecards(), [api]);
  // The list says nothing of results: each scorecard's summary gives its
  // distribution. One failing does not hide the others.
  const summaries = useAsync(async () => {
    const items = list.value?.items ?? [];
    const entries = await Promise.all(
      items.map(async ({ scorecard }) => {
        try {
          return [
            scorecard.identifier,
            await api.getSummary(scorecard.identifier),
          ] as const;
        } catch (e) {
          return [
            scorecard.identifier,
            e instanceof Error ? e : new Error(String(e)),
          ] as const;
        }
      }),
    );
    return new Map<string, ScorecardSummaryResponse | Error>(entries);
  }, [api, list.value]);

  const rows = useMemo<ScorecardRow[]>(
    () =>
      (list.value?.items ?? []).map(item => ({
        id: item.scorecard.identifier,
        item,
        summary: summaries.value?.get(item.scorecard.identifier),
      })),
    [list.value, summaries.value],
  );

  const columns = useMemo<TableColumn<ScorecardRow>[]>(
    () => [
      {
        title: 'Scorecard',
        field: 'id',
        highlight: true,
        cellStyle: { minWidth: NAME_COLUMN_MIN_WIDTH },
        render: ({ item: { scorecard } }) => {
          const href = links.scorecard(scorecard.identifier);
          const title = scorecard.title ?? scorecard.identifier;
          return (
            <>
              {href ? <Link to={href}>{title}</Link> : title}
              {scorecard.description && (
                <Typography variant="body2" color="textSecondary">
                  {scorecard.description}
                </Typography>
              )}
            </>
          );
        },
      },
      {
        title: 'Blueprint',
        render: ({ item }) => item.scorecard.blueprint,
        customSort: (a, b) =>
          a.item.scorecard.blueprint.localeCompare(b.item.scorecard.blueprint),
      },
      {
        title: 'Rules',
        render: ({ item }) => item.scorecard.rules.length,
        customSort: (a, b) =>
          a.item.scorecard.rules.length - b.item.scorecard.rules.length,
      },
      {
        title: 'Levels',
        sorting: false,
        width: '35%',
        render: row => <DistributionCell row={row} />,
      },
      {
        title: 'Source',
        sorting: false,
        render: ({ item }) => (
          <>
            <Typography variant="body2">{item.origin}</Typography>
            {item.source !== item.origin && (
              <Typography variant="caption" color="textSecondary">
                {item.source.split('/').pop()}
              </Typography>
            )}
          </>
        ),
      },
    ],
    [links],
  );

  if (list.loading) {
    return <Progress />;
  }
  if (list.error) {
    return <ResponseErrorPanel error={list.error} />;
  }
  const problems = list.value?.problems ?? [];
  return (
    <>
      <Box display="flex" justifyContent="flex-end" mb={2}>
        {links.campaigns && (
          <LinkButton
            to={links.campaigns}
            variant="outlined"
            color="primary"
            startIcon={<FlagIcon />}
          >
            Campaigns
          </LinkButton>
        )}
        {links.dora && (
          <Box ml={1}>
            <LinkButton
              to={links.dora}
              variant="outlined"
              color="primary"
              startIcon={<TimelineIcon />}
            >
              DORA
            </LinkButton>
          </Box>
        )}
      </Box>
      {problems.length > 0 && (
        <Box mb={3}>
          <ScorecardProblems problems={problems} />
        </Box>
      )}
      {rows.length === 0 ? (
        <EmptyState
          missing="data"
          title="No scorecards yet"
          description="Name scorecard files under plinth.scorecards in app-config.yaml, or create scorecards through the scorecards API."
        />
      ) : (
        <Table<ScorecardRow>
          title={`${rows.length} scorecard${rows.length === 1 ? '' : 's'}`}
          columns={columns}
          data={rows}
          options={{
            paging: rows.length > 20,
            pageSize: 20,
            padding: 'dense',
          }}
        />
      )}
    </>
  );
}
