import {
  DEPLOYMENT_STAGES,
  type DeploymentLogLine,
  type DeploymentStage,
  type DeploymentStageName,
} from '@plinth/plugin-orchestrator-common';

/** The most lines a stage's log keeps; the rest is summed up in one. */
const MAX_LINES = 200;
const MAX_LINE = 2_000;

/** A deployment's stages, pending, as a new deployment has them. */
export function pendingStages(): DeploymentStage[] {
  return DEPLOYMENT_STAGES.map(name => ({ name, status: 'pending', log: [] }));
}

/**
 * A deployment's stages as they go: which one runs, what each logged. Each
 * change is saved (the saver says whether this replica still holds the
 * deployment), so the page shows a stage's log while it runs and a replica
 * taking over carries the log on.
 */
export class StageLog {
  constructor(
    private readonly stages: DeploymentStage[],
    private readonly save: (stages: DeploymentStage[]) => Promise<void>,
    private readonly now: () => number,
  ) {}

  get current(): DeploymentStage[] {
    return this.stages;
  }

  private stage(name: DeploymentStageName): DeploymentStage {
    return this.stages.find(s => s.name === name)!;
  }

  /** Starts a stage again from its beginning (a resumed deployment's). */
  async start(name: DeploymentStageName): Promise<void> {
    const stage = this.stage(name);
    stage.status = 'running';
    stage.startedAt = new Date(this.now()).toISOString();
    stage.finishedAt = undefined;
    await this.save(this.stages);
  }

  /** Adds a line to a stage's log; saved with the stage's next change. */
  line(
    name: DeploymentStageName,
    message: string,
    level: DeploymentLogLine['level'] = 'info',
  ): void {
    const { log } = this.stage(name);
    if (log.length >= MAX_LINES) return;
    log.push({
      at: new Date(this.now()).toISOString(),
      level,
      message:
        log.length === MAX_LINES - 1
          ? 'More lines were left out.'
          : message.slice(0, MAX_LINE),
    });
  }

  /** Saves the lines logged so far. */
  async flush(): Promise<void> {
    await this.save(this.stages);
  }

  async finish(
    name: DeploymentStageName,
    status: 'succeeded' | 'failed' | 'skipped',
  ): Promise<void> {
    const stage = this.stage(name);
    stage.status = status;
    stage.finishedAt = new Date(this.now()).toISOString();
    await this.save(this.stages);
  }
}
