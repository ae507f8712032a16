import { alertApiRef, useApi } from '@backstage/core-plugin-api';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Card from '@material-ui/core/Card';
import CardActions from '@material-ui/core/CardActions';
import CardContent from '@material-ui/core/CardContent';
import CardHeader from '@material-ui/core/CardHeader';
import Chip from '@material-ui/core/Chip';
import Collapse from '@material-ui/core/Collapse';
import Menu from '@material-ui/core/Menu';
import MenuItem from '@material-ui/core/MenuItem';
import Tooltip from '@material-ui/core/Tooltip';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import CallMadeIcon from '@material-ui/icons/CallMade';
import CloudUploadIcon from '@material-ui/icons/CloudUpload';
import DeleteIcon from '@material-ui/icons/Delete';
import ExpandLessIcon from '@material-ui/icons/ExpandLess';
import ExpandMoreIcon from '@material-ui/icons/ExpandMore';
import LockIcon from '@material-ui/icons/Lock';
import LockOpenIcon from '@material-ui/icons/LockOpen';
import ScheduleIcon from '@material-ui/icons/Schedule';
import { Environment } from '@plinth/plugin-orchestrator-common';
import { useState } from 'react';
import { orchestratorApiRef } from '../../api/OrchestratorApi';
import { useDeployments } from '../../hooks/useDeployments';
import {
  deployAccess,
  EnvironmentPermissions,
} from '../../hooks/useEnvironmentPermissions';
import { errorMessage } from '../../lib/errors';
import { formatInstant } from '../../lib/format';
import { fullEntityRef, shortEntityRef } from '../../lib/refs';
import { DAY_MS, extendedTtl, HOUR_MS } from '../../lib/ttl';
import {
  EnvironmentStatusLine,
  RefusableButton,
  TtlCountdown,
} from '../shared';
import { DeleteEnvironmentDialog } from './DeleteEnvironmentDialog';
import { DeploymentsSection } from './DeploymentsSection';
import { DeployDialog } from './DeployDialog';
import { EnvironmentDetailsPanel } from './EnvironmentDetailsPanel';
import { LockEnvironmentDialog } from './LockEnvironmentDialog';
import { PromoteDialog } from './PromoteDialog';

const useStyles = makeStyles(theme => ({
  title: {
    display: 'flex',
    alignItems: 'center',
    flexWrap: 'wrap',
    gap: theme.spacing(1),
  },
  facts: {
    display: 'flex',
    alignItems: 'center',
    flexWrap: 'wrap',
    gap: theme.spacing(3),
    paddingTop: 0,
  },
  lock: {
    display: 'flex',
    alignItems: 'center',
    gap: theme.spacing(0.5),
  },
  deployments: { paddingTop: 0 },
  spacer: { flexGrow: 1 },
}));

/** The TTL changes the TTL menu offers. */
const EXTENSIONS = [
  { label: '+4 h', ms: 4 * HOUR_MS },
  { label: '+1 day', ms: DAY_MS },
];

/**
 * An environment of an app: its name, type, owner, status, TTL countdown and
 * lock, what is deployed to it, the actions the user may take on it, and
 * what is in it on demand.
 */
/** The owner as a link; a kindless ref is a group, and text stays text. */
function Owner(props: { owner: string }) {
  const ref = fullEntityRef(props.owner, 'group');
  return ref ? <EntityRefLink entityRef={ref} /> : <>{props.owner}</>;
}

export function EnvironmentCard(props: {
  /** The app's entity ref. */
  app: string;
  appTitle: string;
  environment: Environment;
  /** All the app's environments, to promote from another. */
  environments: ReadonlyArray<Environment>;
  permissions: EnvironmentPermissions;
  /** After a change: read the environments again. */
  onChanged: () => void;
}) {
  const {
    app,
    appTitle,
    environment: env,
    environments,
    permissions,
    onChanged,
  } = props;
  const classes = useStyles();
  const api = useApi(orchestratorApiRef);
  const alertApi = useApi(alertApiRef);
  const [expanded, setExpanded] = useState(false);
  const [ttlMenu, setTtlMenu] = useState<HTMLElement | null>(null);
  const [dialog, setDialog] = useState<
    'lock' | 'delete' | 'deploy' | 'promote'
  >();
  const [working, setWorking] = useState(false);
  const deployments = useDeployments(app, env);
  const deploy = deployAccess(env, permissions);

  /** After a deployment, rollback or promotion started: read both again. */
  const deployed = () => {
    setDialog(undefined);
    deployments.reload();
    onChanged();
  };

  /** Does `action`, says it is done (or why not) and reads again. */
  const change = async (
    action: () => Promise<unknown>,
    done: string,
    failed: string,
  ) => {
    setWorking(true);
    try {
      await action();
      alertApi.post({
        message: done,
        severity: 'success',
        display: 'transient',
      });
      onChanged();
    } catch (e) {
      alertApi.post({
        message: `${failed}: ${errorMessage(e)}`,
        severity: 'error',
      });
    } finally {
      setWorking(false);
    }
  };

  const setTtl = (ttl: string | null) => {
    setTtlMenu(null);
    return change(
      () => api.setEnvironmentTtl(app, env.id, ttl),
      ttl ? `${env.id} lives longer` : `${env.id} has no TTL any more`,
      `The TTL of ${env.id} was not changed`,
    );
  };

  const deleting = env.status === 'deleting';
  const detailsId = `orchestrator-environment-${env.id}-details`;
  return (
    <Card component="section" aria-label={`Environment ${env.id}`}>
      <CardHeader
        disableTypography
        title={
          <div className={classes.title}>
            <Typography variant="h6" component="h3">
              {env.id}
            </Typography>
            <Chip
              size="small"
              label={env.type}
              aria-label={`Type: ${env.type}`}
            />
            {env.lock && (
              <Tooltip title={`Locked ${formatInstant(env.lock.at)}`}>
                <LockIcon fontSize="small" aria-label="Locked" />
              </Tooltip>
            )}
          </div>
        }
        subheader={
          <Typography variant="body2" color="textSecondary">
            Owner: <Owner owner={env.owner} />
            {env.from && ` · copied from ${env.from}`}
          </Typography>
        }
      />
      <CardContent className={classes.facts}>
        <div>
          <EnvironmentStatusLine environment={env} />
        </div>
        <TtlCountdown expiresAt={env.expiresAt} />
        {env.lock && (
          <Typography variant="body2" className={classes.lock}>
            <LockIcon fontSize="inherit" aria-hidden />
            Locked by {shortEntityRef(env.lock.by)}: {env.lock.reason}
          </Typography>
        )}
      </CardContent>
      <CardContent className={classes.deployments}>
        <DeploymentsSection
          app={app}
          environment={env}
          deployments={deployments}
          rollback={deploy}
          onDeployed={deployed}
        />
      </CardContent>
      <CardActions>
        {deploy.offered && (
          <>
            <RefusableButton
              size="small"
              startIcon={<CloudUploadIcon />}
              refusal={
                deploy.refusal ??
                (deployments.value || deployments.loading
                  ? undefined
                  : `What is deployed to ${env.id} could not be read`)
              }
              disabled={!deployments.value}
              onClick={() => setDialog('deploy')}
            >
              Deploy
            </RefusableButton>
            <RefusableButton
              size="small"
              startIcon={<CallMadeIcon />}
              refusal={deploy.refusal}
              onClick={() => setDialog('promote')}
            >
              Promote from…
            </RefusableButton>
          </>
        )}
        {!deleting && permissions.update && (
          <>
            <Button
              size="small"
              startIcon={<ScheduleIcon />}
              aria-haspopup="menu"
              onClick={e => setTtlMenu(e.currentTarget)}
              disabled={working}
            >
              Extend TTL
            </Button>
            <Menu
              anchorEl={ttlMenu}
              open={!!ttlMenu}
              onClose={() => setTtlMenu(null)}
              getContentAnchorEl={null}
              anchorOrigin={{ vertical: 'bottom', horizontal: 'left' }}
            >
              {EXTENSIONS.map(({ label, ms }) => (
                <MenuItem
                  key={label}
                  onClick={() => setTtl(extendedTtl(env.expiresAt, ms))}
                >
                  {label}
                </MenuItem>
              ))}
              <MenuItem onClick={() => setTtl(null)} disabled={!env.expiresAt}>
                Remove TTL
              </MenuItem>
            </Menu>
          </>
        )}
        {!deleting && permissions.lock && !env.lock && (
          <Button
            size="small"
            startIcon={<LockIcon />}
            onClick={() => setDialog('lock')}
            disabled={working}
          >
            Lock
          </Button>
        )}
        {!deleting && permissions.lock && env.lock && (
          <Button
            size="small"
            startIcon={<LockOpenIcon />}
            disabled={working}
            onClick={() =>
              change(
                () => api.unlockEnvironment(app, env.id),
                `${env.id} unlocked`,
                `${env.id} was not unlocked`,
              )
            }
          >
            Unlock
          </Button>
        )}
        {!deleting && permissions.delete && (
          <Button
            size="small"
            startIcon={<DeleteIcon />}
            onClick={() => setDialog('delete')}
            disabled={working}
          >
            Delete
          </Button>
        )}
        <Box className={classes.spacer} />
        <Button
          size="small"
          endIcon={expanded ? <ExpandLessIcon /> : <ExpandMoreIcon />}
          aria-expanded={expanded}
          aria-controls={detailsId}
          onClick={() => setExpanded(!expanded)}
        >
          {expanded ? 'Hide resources' : 'Resources and workloads'}
        </Button>
      </CardActions>
      <Collapse in={expanded} unmountOnExit>
        <CardContent id={detailsId}>
          <EnvironmentDetailsPanel app={app} environment={env} />
        </CardContent>
      </Collapse>
      {dialog === 'lock' && (
        <LockEnvironmentDialog
          app={app}
          environment={env.id}
          onClose={() => setDialog(undefined)}
          onLocked={() => {
            setDialog(undefined);
            onChanged();
          }}
        />
      )}
      {dialog === 'deploy' && (
        <DeployDialog
          app={app}
          environment={env.id}
          last={deployments.value?.current}
          onClose={() => setDialog(undefined)}
          onDeployed={deployed}
        />
      )}
      {dialog === 'promote' && (
        <PromoteDialog
          app={app}
          environment={env.id}
          environments={environments}
          running={deployments.value?.lastSucceeded}
          onClose={() => setDialog(undefined)}
          onPromoted={deployed}
        />
      )}
      {dialog === 'delete' && (
        <DeleteEnvironmentDialog
          app={app}
          appTitle={appTitle}
          environment={env}
          onClose={() => setDialog(undefined)}
          onDeleted={() => {
            setDialog(undefined);
            onChanged();
          }}
        />
      )}
    </Card>
  );
}
