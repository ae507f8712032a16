import {
  StatusError,
  StatusOK,
  StatusPending,
  StatusRunning,
} from '@backstage/core-components';
import Typography from '@material-ui/core/Typography';
import { Environment } from '@plinth/plugin-orchestrator-common';

/**
 * Where an environment is: ready, provisioning, deleting, or failed with
 * the reason as a sentence.
 */
export function EnvironmentStatusLine(props: {
  environment: Pick<Environment, 'status' | 'statusReason'>;
}) {
  const { status, statusReason } = props.environment;
  switch (status) {
    case 'ready':
      return <StatusOK>Ready</StatusOK>;
    case 'provisioning':
      return <StatusRunning>Provisioning…</StatusRunning>;
    case 'deleting':
      return <StatusPending>Deleting…</StatusPending>;
    default:
      return (
        <>
          <StatusError>Failed</StatusError>
          <Typography variant="body2" color="error" component="p">
            {statusReason
              ? `The last run failed: ${statusReason}`
              : 'The last run failed; its error is in the runs below.'}
          </Typography>
        </>
      );
  }
}
