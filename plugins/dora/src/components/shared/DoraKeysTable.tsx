import { DoraMetrics, DoraTrendBucket } from '@plinth/plugin-dora-common';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableRow from '@material-ui/core/TableRow';
import { DORA_KEYS, tierColor } from '../../lib/doraTiers';
import { DoraSparkline } from './DoraSparkline';
import { TierChip } from './TierChip';

/**
 * The five keys of a set of metrics, a row each: title, value, tier chip
 * and, given a trend, a sparkline.
 */
export function DoraKeysTable(props: {
  metrics: DoraMetrics;
  buckets?: ReadonlyArray<DoraTrendBucket>;
  label: string;
}) {
  const { metrics, buckets = [] } = props;
  return (
    <Table size="small" aria-label={props.label}>
      <TableBody>
        {DORA_KEYS.map(info => (
          <TableRow key={info.key}>
            <TableCell component="th" scope="row">
              {info.title}
            </TableCell>
            <TableCell>{info.format(metrics)}</TableCell>
            <TableCell>
              <TierChip tier={metrics.tiers[info.key]} />
            </TableCell>
            <TableCell>
              <DoraSparkline
                info={info}
                buckets={buckets}
                color={tierColor(metrics.tiers[info.key])}
              />
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
