import { Link, Progress, ResponseErrorPanel } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import Box from '@material-ui/core/Box';
import Paper from '@material-ui/core/Paper';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableContainer from '@material-ui/core/TableContainer';
import TableHead from '@material-ui/core/TableHead';
import TablePagination from '@material-ui/core/TablePagination';
import TableRow from '@material-ui/core/TableRow';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import { alpha, makeStyles, Theme } from '@material-ui/core/styles';
import {
  RuleStatus,
  ScorecardResultRow,
} from '@plinth/plugin-scorecards-common';
import { useMemo, useState } from 'react';
import useAsync from 'react-use/esm/useAsync';
import { scorecardsApiRef } from '../../api/ScorecardsApi';
import { useScorecardLinks } from '../../hooks/useScorecardLinks';
import {
  filterOptions,
  filterRows,
  ResultFilter,
  rulesInLevelOrder,
} from '../../lib/grouping';
import { drawnLevels, levelColor } from '../../lib/levelColors';
import { LevelBadge, RuleStatusIcon, STATUS_LABELS } from '../shared';

const STATUSES: RuleStatus[] = ['passed', 'failed', 'exempt', 'error'];

function statusBackground(theme: Theme, status: RuleStatus): string {
  switch (status) {
    case 'passed':
      return alpha(theme.palette.success.main, 0.2);
    case 'failed':
      return alpha(theme.palette.error.main, 0.22);
    case 'exempt':
      return alpha(theme.palette.info.main, 0.15);
    default:
      return alpha(theme.palette.warning.main, 0.3);
  }
}

const useStyles = makeStyles(theme => ({
  filters: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'center',
    gap: theme.spacing(2),
    marginBottom: theme.spacing(2),
  },
  filter: { minWidth: 180 },
  legend: {
    display: 'flex',
    gap: theme.spacing(2),
    marginLeft: 'auto',
    alignItems: 'center',
  },
  legendItem: {
    display: 'flex',
    alignItems: 'center',
    gap: theme.spacing(0.5),
  },
  entity: {
    position: 'sticky',
    left: 0,
    zIndex: 1,
    backgroundColor: theme.palette.background.paper,
    minWidth: 200,
  },
  ruleHeader: {
    maxWidth: '9rem',
    verticalAlign: 'bottom',
    borderTopWidth: 4,
    borderTopStyle: 'solid',
  },
  cell: { textAlign: 'center', padding: theme.spacing(0.5, 1) },
  passed: { backgroundColor: statusBackground(theme, 'passed') },
  failed: { backgroundColor: statusBackground(theme, 'failed') },
  exempt: { backgroundColor: statusBackground(theme, 'exempt') },
  error: { backgroundColor: statusBackground(theme, 'error') },
}));

/** A select of the values a filter offers, `All` first. */
function FilterSelect(props: {
  id: string;
  label: string;
  value?: string;
  options: string[];
  onChange: (value: string | undefined) => void;
}) {
  const classes = useStyles();
  return (
    <TextField
      select
      id={props.id}
      className={classes.filter}
      label={props.label}
      value={props.value ?? ''}
      onChange={e => props.onChange(e.target.value || undefined)}
      SelectProps={{ native: true }}
      InputLabelProps={{ shrink: true }}
      variant="outlined"
      size="small"
      disabled={props.options.length === 0}
    >
      <option value="">All</option>
      {props.options.map(option => (
        <option key={option} value={option}>
          {option}
        </option>
      ))}
    </TextField>
  );
}

/**
 * Every entity against every rule of a scorecard, each cell coloured by the
 * rule's status, with filters by team, system and domain offering the
 * values present in the results.
 */
export function ScorecardHeatMap(props: {
  identifier: string;
  /** Changes to read the results again (after a re-evaluation). */
  reloadKey?: number;
}) {
  const classes = useStyles();
  const api = useApi(scorecardsApiRef);
  const links = useScorecardLinks();
  const [filter, setFilter] = useState<ResultFilter>({});
  const [page, setPage] = useState(0);
  const [rowsPerPage, setRowsPerPage] = useState(25);
  const { loading, error, value } = useAsync(
    () => api.getResults(props.identifier),
    [api, props.identifier, props.reloadKey],
  );

  const all = useMemo(() => value?.items ?? [], [value]);
  const options = useMemo(() => filterOptions(all), [all]);
  const rows = useMemo(() => filterRows(all, filter), [all, filter]);

  if (loading && !value) {
    return <Progress />;
  }
  if (error) {
    return <ResponseErrorPanel error={error} />;
  }
  if (!value) {
    return null;
  }
  const scorecard = value.scorecard;
  const rules = rulesInLevelOrder(scorecard);
  const levels = new Map(drawnLevels(scorecard.levels).map(l => [l.title, l]));
  const setFilterField = (field: keyof ResultFilter) => (v?: string) => {
    setFilter(current => ({ ...current, [field]: v }));
    setPage(0);
  };
  const shown = rows.slice(page * rowsPerPage, (page + 1) * rowsPerPage);

  return (
    <>
      <div className={classes.filters}>
        <FilterSelect
          id="scorecards-heat-map-team"
          label="Team"
          value={filter.team}
          options={options.teams}
          onChange={setFilterField('team')}
        />
        <FilterSelect
          id="scorecards-heat-map-system"
          label="System"
          value={filter.system}
          options={options.systems}
          onChange={setFilterField('system')}
        />
        <FilterSelect
          id="scorecards-heat-map-domain"
          label="Domain"
          value={filter.domain}
          options={options.domains}
          onChange={setFilterField('domain')}
        />
        <Typography variant="body2" color="textSecondary" role="status">
          {rows.length === all.length
            ? `${all.length} entities`
            : `${rows.length} of ${all.length} entities`}
        </Typography>
        <div className={classes.legend} aria-hidden>
          {STATUSES.map(status => (
            <span key={status} className={classes.legendItem}>
              <RuleStatusIcon status={status} label="" />
              <Typography variant="caption">{STATUS_LABELS[status]}</Typography>
            </span>
          ))}
        </div>
      </div>
      {all.length === 0 ? (
        <Typography variant="body2" color="textSecondary">
          No entity has a result on this scorecard yet.
        </Typography>
      ) : (
        <Paper variant="outlined">
          <TableContainer>
            <Table size="small" aria-label={`${scorecard.title} heat map`}>
              <TableHead>
                <TableRow>
                  <TableCell className={classes.entity}>Entity</TableCell>
                  <TableCell>Level</TableCell>
                  {rules.map(rule => (
                    <TableCell
                      key={rule.identifier}
                      className={classes.ruleHeader}
                      style={{
                        borderTopColor: levelColor(
                          levels.get(rule.level)?.color,
                        ),
                      }}
                      title={`${rule.title} (${rule.level})`}
                    >
                      {rule.title}
                    </TableCell>
                  ))}
                </TableRow>
              </TableHead>
              <TableBody>
                {shown.map((row: ScorecardResultRow) => {
                  const href = links.entity(row.entityRef);
                  return (
                    <TableRow key={row.entityRef}>
                      <TableCell
                        component="th"
                        scope="row"
                        role="rowheader"
                        className={classes.entity}
                      >
                        {href ? <Link to={href}>{row.title}</Link> : row.title}
                        {row.teams.length > 0 && (
                          <Typography
                            variant="caption"
                            color="textSecondary"
                            display="block"
                          >
                            {row.teams.join(', ')}
                          </Typography>
                        )}
                      </TableCell>
                      <TableCell>
                        <LevelBadge
                          title={row.level}
                          color={levels.get(row.level)?.color}
                        />
                      </TableCell>
                      {rules.map(rule => {
                        const status = row.rules[rule.identifier];
                        return (
                          <TableCell
                            key={rule.identifier}
                            className={`${classes.cell} ${
                              status ? classes[status] : ''
                            }`}
                          >
                            {status ? (
                              <RuleStatusIcon
                                status={status}
                                label={`${rule.title}: ${STATUS_LABELS[status]}`}
                              />
                            ) : (
                              <Typography
                                variant="caption"
                                color="textSecondary"
                                aria-label={`${rule.title}: not evaluated`}
                              >
                                —
                              </Typography>
                            )}
                          </TableCell>
                        );
                      })}
                    </TableRow>
                  );
                })}
              </TableBody>
            </Table>
          </TableContainer>
          {rows.length > 25 && (
            <TablePagination
              component="div"
              count={rows.length}
              page={page}
              rowsPerPage={rowsPerPage}
              rowsPerPageOptions={[25, 50, 100]}
              onPageChange={(_e, next) => setPage(next)}
              onRowsPerPageChange={e => {
                setRowsPerPage(parseInt(e.target.value, 10));
                setPage(0);
              }}
            />
          )}
        </Paper>
      )}
      {all.length > 0 && rows.length === 0 && (
        <Box mt={2}>
          <Typography variant="body2" color="textSecondary">
            No entity matches these filters.
          </Typography>
        </Box>
      )}
    </>
  );
}
