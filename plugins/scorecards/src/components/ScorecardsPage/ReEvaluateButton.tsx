import { alertApiRef, useApi } from '@backstage/core-plugin-api';
import { usePermission } from '@backstage/plugin-permission-react';
import Button from '@material-ui/core/Button';
import RefreshIcon from '@material-ui/icons/Refresh';
import { scorecardEvaluatePermission } from '@plinth/plugin-scorecards-common';
import { useEffect, useRef, useState } from 'react';
import { scorecardsApiRef } from '../../api/ScorecardsApi';
import { plural } from '../../lib/format';

/**
 * How long after queueing a re-evaluation the page reads the results again:
 * the backend answers at once (202) and evaluates within seconds.
 */
export const RELOAD_AFTER_EVALUATE_MS = 5000;

/**
 * Evaluates a scorecard now rather than at the next scheduled run, then
 * reads the results again once the backend has had time to write them.
 * Shown only to users allowed `plinth.scorecard.evaluate`.
 */
export function ReEvaluateButton(props: {
  scorecard: string;
  /** When the new results should be there. */
  onEvaluated: () => void;
  /** Overrides {@link RELOAD_AFTER_EVALUATE_MS}. */
  reloadAfterMs?: number;
}) {
  const { scorecard, onEvaluated } = props;
  const reloadAfterMs = props.reloadAfterMs ?? RELOAD_AFTER_EVALUATE_MS;
  const api = useApi(scorecardsApiRef);
  const alertApi = useApi(alertApiRef);
  const { allowed } = usePermission({
    permission: scorecardEvaluatePermission,
  });
  const [running, setRunning] = useState(false);
  const timer = useRef<ReturnType<typeof setTimeout>>();
  useEffect(() => () => clearTimeout(timer.current), []);

  if (!allowed) {
    return null;
  }
  const evaluate = async () => {
    setRunning(true);
    try {
      const queued = await api.evaluate({ scorecard });
      alertApi.post({
        message: `Re-evaluating ${plural(
          queued.entityRefs,
          'entity',
          'entities',
        )}; the results follow within seconds`,
        severity: 'info',
        display: 'transient',
      });
      clearTimeout(timer.current);
      timer.current = setTimeout(() => {
        setRunning(false);
        onEvaluated();
      }, reloadAfterMs);
    } catch (e) {
      setRunning(false);
      alertApi.post({
        message: `Re-evaluation failed: ${
          e instanceof Error ? e.message : String(e)
        }`,
        severity: 'error',
      });
    }
  };
  return (
    <Button
      variant="outlined"
      color="primary"
      startIcon={<RefreshIcon />}
      onClick={evaluate}
      disabled={running}
    >
      {running ? 'Re-evaluating…' : 'Re-evaluate now'}
    </Button>
  );
}
