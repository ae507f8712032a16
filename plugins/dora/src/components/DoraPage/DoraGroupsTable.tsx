import { Link } from '@backstage/core-components';
import { DoraGroupMetrics } from '@plinth/plugin-dora-common';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import { useEntityLink } from '../../hooks/useEntityLink';
import { useEntityTitles } from '../../hooks/useEntityTitles';
import { DORA_KEYS } from '../../lib/doraTiers';
import { TierChip } from '../shared';

/**
 * One row per group (entity, team, domain) with each key's value and tier;
 * entities and teams are named by their titles and link to the catalog.
 */
export function DoraGroupsTable(props: {
  label: string;
  groupTitle: string;
  groups: ReadonlyArray<DoraGroupMetrics>;
  emptyKey?: string;
  /** What bare keys name: `group` for teams. */
  bareKind?: string;
}) {
  const { bareKind } = props;
  const entityLink = useEntityLink();
  const titleOf = useEntityTitles(
    props.groups.map(group => group.key),
    bareKind,
  );
  const refOf = (key: string) =>
    bareKind && !key.includes(':') ? `${bareKind}:default/${key}` : key;
  return (
    <Table size="small" aria-label={props.label}>
      <TableHead>
        <TableRow>
          <TableCell>{props.groupTitle}</TableCell>
          {DORA_KEYS.map(info => (
            <TableCell key={info.key}>{info.title}</TableCell>
          ))}
        </TableRow>
      </TableHead>
      <TableBody>
        {props.groups.map(group => {
          const name = group.key
            ? titleOf(group.key)
            : props.emptyKey ?? '(none)';
          const href = group.key ? entityLink(refOf(group.key)) : undefined;
          return (
            <TableRow key={group.key ?? name}>
              <TableCell
                component="th"
                scope="row"
                // A name on one line, never broken letter by letter.
                style={{ whiteSpace: 'nowrap' }}
              >
                {href ? <Link to={href}>{name}</Link> : name}
              </TableCell>
              {DORA_KEYS.map(info => (
                <TableCell key={info.key}>
                  <div>{info.format(group.metrics)}</div>
                  <TierChip tier={group.metrics.tiers[info.key]} />
                </TableCell>
              ))}
            </TableRow>
          );
        })}
      </TableBody>
    </Table>
  );
}
