import { Link } from '@backstage/core-components';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import { CampaignFailingEntity } from '@plinth/plugin-scorecards-common';
import { useScorecardLinks } from '../../hooks/useScorecardLinks';
import { NAME_COLUMN_MIN_WIDTH } from '../../lib/tableLayout';

/** An entity's owning teams, each linked to its group page. */
function Owners(props: { teams: string[] }) {
  const links = useScorecardLinks();
  if (props.teams.length === 0) {
    return (
      <Typography variant="body2" color="textSecondary" component="span">
        No owner
      </Typography>
    );
  }
  return (
    <>
      {props.teams.map((team, i) => {
        const href = links.entity(`group:default/${team}`);
        return (
          <span key={team}>
            {i > 0 && ', '}
            {href ? <Link to={href}>{team}</Link> : team}
          </span>
        );
      })}
    </>
  );
}

/**
 * The entities of a campaign still failing one of its rules, a row each:
 * the entity (linked to its page), who owns it (linked to the team), and
 * each rule it fails with the reason, linked to its scorecard.
 */
export function FailingEntities(props: {
  failing: ReadonlyArray<CampaignFailingEntity>;
}) {
  const links = useScorecardLinks();
  if (props.failing.length === 0) {
    return (
      <Typography variant="body2" color="textSecondary">
        Every entity in scope passes every rule of the campaign.
      </Typography>
    );
  }
  return (
    <Table size="small" aria-label="Still failing">
      <TableHead>
        <TableRow>
          <TableCell style={{ minWidth: NAME_COLUMN_MIN_WIDTH }}>
            Entity
          </TableCell>
          <TableCell>Owner</TableCell>
          <TableCell>Fails</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {props.failing.map(entity => {
          const href = links.entity(entity.entityRef);
          return (
            <TableRow key={entity.entityRef}>
              <TableCell
                component="th"
                scope="row"
                style={{ whiteSpace: 'nowrap' }}
              >
                {href ? <Link to={href}>{entity.title}</Link> : entity.title}
              </TableCell>
              <TableCell>
                <Owners teams={entity.teams} />
              </TableCell>
              <TableCell>
                {entity.rules.map(rule => {
                  const scorecard = links.scorecard(rule.scorecard);
                  return (
                    <div key={`${rule.scorecard}/${rule.rule}`}>
                      <Typography variant="body2" component="span">
                        {scorecard ? (
                          <Link to={scorecard}>{rule.title}</Link>
                        ) : (
                          rule.title
                        )}
                      </Typography>
                      {rule.reason && (
                        <Typography
                          variant="body2"
                          color="textSecondary"
                          component="span"
                        >
                          {' — '}
                          {rule.reason}
                        </Typography>
                      )}
                    </div>
                  );
                })}
              </TableCell>
            </TableRow>
          );
        })}
      </TableBody>
    </Table>
  );
}
