import { Progress } from '@backstage/core-components';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Collapse from '@material-ui/core/Collapse';
import Typography from '@material-ui/core/Typography';
import ExpandLessIcon from '@material-ui/icons/ExpandLess';
import ExpandMoreIcon from '@material-ui/icons/ExpandMore';
import { Environment } from '@plinth/plugin-orchestrator-common';
import { useState } from 'react';
import { EnvironmentDeployments } from '../../hooks/useDeployments';
import { Reloadable } from '../../hooks/useReloadable';
import { plural } from '../../lib/format';
import { ErrorText } from '../shared';
import { CurrentDeployment } from './CurrentDeployment';
import { DeploymentHistory } from './DeploymentHistory';

/**
 * What is deployed to an environment: its newest deployment with its
 * stages, and on demand its history; `Not deployed yet` when nothing is.
 */
export function DeploymentsSection(props: {
  app: string;
  environment: Environment;
  deployments: Reloadable<EnvironmentDeployments>;
  /** Whether rolling back is offered, and why it is refused if so. */
  rollback: { offered: boolean; refusal?: string };
  /** After a rollback started. */
  onDeployed: () => void;
}) {
  const { app, environment, deployments, rollback, onDeployed } = props;
  const [historyOpen, setHistoryOpen] = useState(false);
  const { value, loading, error } = deployments;
  const historyId = `orchestrator-environment-${environment.id}-history`;

  if (!value) {
    return loading ? (
      <Progress />
    ) : (
      <ErrorText
        what={`The deployments of ${environment.id} could not be read`}
        error={error}
      />
    );
  }
  if (!value.current) {
    return (
      <Typography variant="body2" color="textSecondary">
        Not deployed yet.
      </Typography>
    );
  }
  return (
    <>
      {error !== undefined && (
        <ErrorText
          what="The deployments could not be read again"
          error={error}
        />
      )}
      <CurrentDeployment
        deployment={value.current}
        lastSucceeded={value.lastSucceeded}
      />
      <Box mt={1}>
        <Button
          size="small"
          endIcon={historyOpen ? <ExpandLessIcon /> : <ExpandMoreIcon />}
          aria-expanded={historyOpen}
          aria-controls={historyId}
          onClick={() => setHistoryOpen(!historyOpen)}
        >
          {historyOpen
            ? 'Hide history'
            : `History (${
                value.before
                  ? `the latest ${value.items.length}`
                  : plural(value.items.length, 'deployment')
              })`}
        </Button>
      </Box>
      <Collapse in={historyOpen} unmountOnExit>
        <div id={historyId}>
          <DeploymentHistory
            app={app}
            environment={environment}
            deployments={value}
            rollback={rollback}
            onDeployed={onDeployed}
          />
        </div>
      </Collapse>
    </>
  );
}
