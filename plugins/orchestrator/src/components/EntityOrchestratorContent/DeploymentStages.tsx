import Step from '@material-ui/core/Step';
import StepButton from '@material-ui/core/StepButton';
import StepLabel from '@material-ui/core/StepLabel';
import Stepper from '@material-ui/core/Stepper';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import {
  Deployment,
  DEPLOYMENT_STAGES,
  DeploymentStage,
  DeploymentStageName,
} from '@plinth/plugin-orchestrator-common';
import { useState } from 'react';
import { formatDuration, formatInstant, formatTime } from '../../lib/format';

const useStyles = makeStyles(theme => ({
  stepper: { padding: theme.spacing(1, 0) },
  log: {
    margin: 0,
    padding: theme.spacing(1),
    maxHeight: 320,
    overflow: 'auto',
    listStyle: 'none',
    fontFamily: 'monospace',
    fontSize: theme.typography.body2.fontSize,
    whiteSpace: 'pre-wrap',
    wordBreak: 'break-word',
    backgroundColor: theme.palette.background.default,
    borderRadius: theme.shape.borderRadius,
  },
  time: { color: theme.palette.text.secondary, marginRight: theme.spacing(1) },
  warn: { color: theme.palette.warning.dark },
  error: { color: theme.palette.error.main },
}));

/** What each stage does, as a step's label. */
const STAGE_TITLES: Record<DeploymentStageName, string> = {
  provisioning: 'Provision resources',
  rendering: 'Render manifests',
  delivering: 'Deliver',
  verifying: 'Verify',
};

/** A stage's status, with how long it took once done: `Succeeded in 12 s`. */
function stageStatus(stage: DeploymentStage): string {
  const took =
    stage.startedAt && stage.finishedAt
      ? ` in ${formatDuration(
          Date.parse(stage.finishedAt) - Date.parse(stage.startedAt),
        )}`
      : '';
  switch (stage.status) {
    case 'succeeded':
      return `Succeeded${took}`;
    case 'failed':
      return `Failed${took}`;
    case 'running':
      return 'Running…';
    case 'skipped':
      return 'Skipped';
    default:
      return 'Pending';
  }
}

/** Every stage, in order: those the deployment has not reached yet pending. */
function allStages(deployment: Deployment): DeploymentStage[] {
  return DEPLOYMENT_STAGES.map(
    name =>
      deployment.stages.find(s => s.name === name) ?? {
        name,
        status: 'pending',
        log: [],
      },
  );
}

/** The log of a stage, a line each: its time (the instant on hover) and message. */
function StageLog(props: { id: string; stage: DeploymentStage }) {
  const classes = useStyles();
  return (
    <ol
      id={props.id}
      className={classes.log}
      aria-label={`Log of ${STAGE_TITLES[props.stage.name]}`}
    >
      {props.stage.log.map((line, index) => (
        <li
          key={index}
          className={line.level === 'info' ? undefined : classes[line.level]}
        >
          <time
            className={classes.time}
            dateTime={line.at}
            title={formatInstant(line.at)}
          >
            {formatTime(line.at)}
          </time>
          {line.level === 'info' ? '' : `${line.level.toUpperCase()} `}
          {line.message}
        </li>
      ))}
    </ol>
  );
}

/**
 * A deployment's stages as a stepper — provision, render, deliver,
 * verify — each with its status; a stage that logged something opens its
 * log. The failed stage's log is open at first, or the running one's.
 */
export function DeploymentStages(props: { deployment: Deployment }) {
  const { deployment } = props;
  const classes = useStyles();
  const stages = allStages(deployment);
  const [chosen, setChosen] = useState<DeploymentStageName | null>();
  const open =
    chosen === undefined
      ? stages.find(
          s =>
            (s.status === 'failed' || s.status === 'running') &&
            s.log.length > 0,
        )?.name
      : chosen;
  const active = stages.findIndex(s => s.status === 'running');
  const openStage = stages.find(s => s.name === open && s.log.length > 0);
  const logId = `orchestrator-deployment-${deployment.id}-log`;

  return (
    <>
      <Stepper
        nonLinear
        alternativeLabel
        activeStep={active}
        className={classes.stepper}
      >
        {stages.map(stage => {
          // StepButton hands its own `optional` to the label it wraps.
          const status = (
            <Typography variant="caption" display="block">
              {stageStatus(stage)}
            </Typography>
          );
          const label = (
            <StepLabel error={stage.status === 'failed'} optional={status}>
              {STAGE_TITLES[stage.name]}
            </StepLabel>
          );
          return (
            <Step
              key={stage.name}
              completed={stage.status === 'succeeded'}
              disabled={stage.status === 'skipped'}
            >
              {stage.log.length > 0 ? (
                <StepButton
                  optional={status}
                  aria-expanded={open === stage.name}
                  aria-controls={open === stage.name ? logId : undefined}
                  onClick={() =>
                    setChosen(open === stage.name ? null : stage.name)
                  }
                >
                  {label}
                </StepButton>
              ) : (
                label
              )}
            </Step>
          );
        })}
      </Stepper>
      {openStage && <StageLog id={logId} stage={openStage} />}
    </>
  );
}
