import Tooltip from '@material-ui/core/Tooltip';
import Typography from '@material-ui/core/Typography';
import TimerIcon from '@material-ui/icons/Timer';
import { DateTime } from 'luxon';
import { useNow } from '../../hooks/useNow';
import { formatRemaining } from '../../lib/ttl';

/**
 * How long an environment has left, to the minute and renewed every minute:
 * `expires in 3 h 20 min`; `no TTL`, quietly, for one that lives until
 * deleted.
 */
export function TtlCountdown(props: { expiresAt?: string }) {
  const now = useNow();
  if (!props.expiresAt) {
    return (
      <Typography
        variant="body2"
        color="textSecondary"
        component="span"
        title="Lives until someone deletes it"
      >
        no TTL
      </Typography>
    );
  }
  const remaining = Date.parse(props.expiresAt) - now;
  const at = DateTime.fromISO(props.expiresAt).toLocaleString(
    DateTime.DATETIME_MED,
  );
  return (
    <Tooltip title={`Deleted at ${at} unless extended`}>
      <Typography
        variant="body2"
        component="span"
        color={remaining < 60 * 60_000 ? 'error' : 'textPrimary'}
        style={{ display: 'inline-flex', alignItems: 'center', gap: 4 }}
      >
        <TimerIcon fontSize="inherit" aria-hidden />
        {remaining > 0
          ? `expires in ${formatRemaining(remaining)}`
          : 'expired, to be deleted'}
      </Typography>
    </Tooltip>
  );
}
