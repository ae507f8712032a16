import Tooltip from '@material-ui/core/Tooltip';
import { makeStyles } from '@material-ui/core/styles';
import { DateTime, Duration } from 'luxon';
import { useEffect, useState } from 'react';
import { exactTime } from './RelativeTime';

const useStyles = makeStyles(theme => ({
  expired: { color: theme.palette.error.main },
  running: { fontVariantNumeric: 'tabular-nums' },
}));

/** `2d 3h 04m 05s`: days and hours only when there are any. */
export function formatRemaining(remaining: Duration): string {
  const { days, hours, minutes, seconds } = remaining
    .shiftTo('days', 'hours', 'minutes', 'seconds')
    .toObject();
  const pad = (n: number | undefined) =>
    String(Math.floor(n ?? 0)).padStart(2, '0');
  const parts: string[] = [];
  if (days) parts.push(`${days}d`);
  if (days || hours) parts.push(`${Math.floor(hours ?? 0)}h`);
  parts.push(`${pad(minutes)}m`, `${pad(seconds)}s`);
  return parts.join(' ');
}

/**
 * A Port `timer` property: the time left until it runs out, ticking every
 * second, with the exact time on hover; once past, when it expired.
 */
export function Countdown(props: { value: string }) {
  const classes = useStyles();
  const target = DateTime.fromISO(props.value);
  const [now, setNow] = useState(() => DateTime.now());
  const running = target.isValid && target > now;

  useEffect(() => {
    if (!running) {
      return undefined;
    }
    const timer = setInterval(() => setNow(DateTime.now()), 1000);
    return () => clearInterval(timer);
  }, [running]);

  if (!target.isValid) {
    return <span>{props.value}</span>;
  }
  const text = running
    ? `${formatRemaining(target.diff(now))} left`
    : `expired ${target.toRelative({ base: now })}`;
  return (
    <Tooltip title={exactTime(target)}>
      <time
        role="timer"
        dateTime={target.toUTC().toISO() ?? props.value}
        className={running ? classes.running : classes.expired}
      >
        {text}
      </time>
    </Tooltip>
  );
}
