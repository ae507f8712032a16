import {
  EmptyState,
  Link,
  Progress,
  ResponseErrorPanel,
  Table,
  TableColumn,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import Typography from '@material-ui/core/Typography';
import { CampaignSummary } from '@plinth/plugin-scorecards-common';
import { useMemo } from 'react';
import useAsync from 'react-use/esm/useAsync';
import { scorecardsApiRef } from '../../api/ScorecardsApi';
import { useScorecardLinks } from '../../hooks/useScorecardLinks';
import { plural } from '../../lib/format';
import { deadlineInstant } from '../../lib/window';
import { TargetProgressBar } from '../shared';
import {
  CampaignDeadline,
  CampaignStatus,
  campaignTarget,
  formatShare,
} from './CampaignStatus';
import { NAME_COLUMN_MIN_WIDTH } from '../../lib/tableLayout';

type CampaignRow = CampaignSummary & { id: string };

function deadlineTime(row: CampaignRow): number {
  return deadlineInstant(row.campaign.deadline)?.toMillis() ?? Infinity;
}

/**
 * Every campaign with its deadline, target and progress, soonest deadline
 * first.
 */
export function CampaignListPage() {
  const api = useApi(scorecardsApiRef);
  const links = useScorecardLinks();
  const { loading, error, value } = useAsync(() => api.listCampaigns(), [api]);

  const rows = useMemo<CampaignRow[]>(
    () =>
      (value?.items ?? [])
        .map(item => ({ ...item, id: item.campaign.identifier }))
        .sort((a, b) => deadlineTime(a) - deadlineTime(b)),
    [value],
  );

  const columns = useMemo<TableColumn<CampaignRow>[]>(
    () => [
      {
        title: 'Campaign',
        field: 'campaign.title',
        highlight: true,
        cellStyle: { minWidth: NAME_COLUMN_MIN_WIDTH },
        render: row => {
          const href = links.campaign(row.campaign.identifier);
          return (
            <>
              {href ? (
                <Link to={href}>{row.campaign.title}</Link>
              ) : (
                row.campaign.title
              )}
              <Typography variant="body2" color="textSecondary">
                {row.campaign.description ??
                  plural(row.campaign.rules.length, 'rule')}
              </Typography>
            </>
          );
        },
      },
      {
        title: 'Deadline',
        customSort: (a, b) => deadlineTime(a) - deadlineTime(b),
        render: row => <CampaignDeadline summary={row} />,
      },
      {
        title: 'Target',
        customSort: (a, b) => campaignTarget(a) - campaignTarget(b),
        render: row => formatShare(campaignTarget(row)),
      },
      {
        title: 'Progress',
        width: '35%',
        customSort: (a, b) => a.progress.share - b.progress.share,
        render: row => (
          <TargetProgressBar
            label={`${row.campaign.title} progress`}
            passing={row.progress.passing}
            total={row.progress.total}
            target={campaignTarget(row)}
          />
        ),
      },
      {
        title: 'Status',
        sorting: false,
        render: row => <CampaignStatus summary={row} />,
      },
    ],
    [links],
  );

  if (loading) {
    return <Progress />;
  }
  if (error) {
    return <ResponseErrorPanel error={error} />;
  }
  if (rows.length === 0) {
    return (
      <EmptyState
        missing="data"
        title="No campaigns yet"
        description="A campaign asks every entity in scope to pass some scorecard rules by a deadline. Define campaigns under plinth.scorecards in app-config.yaml, or create them through the scorecards API."
      />
    );
  }
  return (
    <Table<CampaignRow>
      title={plural(rows.length, 'campaign')}
      columns={columns}
      data={rows}
      options={{ paging: rows.length > 20, pageSize: 20, padding: 'dense' }}
    />
  );
}
