import Tooltip from '@material-ui/core/Tooltip';
import { DateTime } from 'luxon';

/** The exact time, as a tooltip shows it: `November 24, 2026 at 2:35 PM UTC`. */
export function exactTime(time: DateTime): string {
  return time.toLocaleString(DateTime.DATETIME_FULL);
}

/**
 * A date-time as the time from now (`3 days ago`), with the exact time on
 * hover. A value that is no ISO 8601 date-time is shown as it is.
 */
export function RelativeTime(props: { value: string }) {
  const time = DateTime.fromISO(props.value);
  if (!time.isValid) {
    return <span>{props.value}</span>;
  }
  return (
    <Tooltip title={exactTime(time)}>
      <time dateTime={time.toUTC().toISO() ?? props.value}>
        {time.toRelative()}
      </time>
    </Tooltip>
  );
}
