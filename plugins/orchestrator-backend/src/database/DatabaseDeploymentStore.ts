import { Knex } from 'knex';
import type {
  DeploymentProgress,
  DeploymentRow,
  EnvironmentRefusal,
  EnvironmentRow,
  NewRun,
} from './OrchestratorStore';
import { DEPLOYMENTS, ENVIRONMENTS, RUNS, runRow, WORKLOADS } from './tables';

type Row = Record<string, any>;

const num = (value: unknown): number | undefined =>
  value === null || value === undefined ? undefined : Number(value);
const json = <T>(value: unknown): T | undefined =>
  value === null || value === undefined
    ? undefined
    : (JSON.parse(String(value)) as T);

function deploymentOf(row: Row): DeploymentRow {
  return {
    id: row.id,
    app: row.app_ref,
    env: row.env_id,
    kind: row.kind,
    source: row.source_deployment
      ? { deployment: row.source_deployment, environment: row.source_env }
      : undefined,
    status: row.status,
    workloads: JSON.parse(row.workloads),
    stages: JSON.parse(row.stages),
    snapshot: json(row.snapshot),
    delivery: json(row.delivery),
    comment: row.comment ?? undefined,
    error: row.error ?? undefined,
    requestedBy: row.requested_by,
    createdAt: Number(row.created_at),
    startedAt: num(row.started_at),
    finishedAt: num(row.finished_at),
    reportedAt: num(row.reported_at),
  };
}

/**
 * The store of deployments, on the orchestrator's database. A deployment is
 * queued with the run that carries it out, in one transaction that checks
 * the environment (not being deleted, not locked) under its row lock; its
 * progress is only written by the replica holding that run's lease.
 */
export class DatabaseDeploymentStore {
  constructor(
    private readonly db: Knex,
    private readonly lockEnvironment: (
      trx: Knex.Transaction,
      app: string,
      env: string,
    ) => Promise<EnvironmentRow | undefined>,
  ) {}

  /** Stores a deployment and queues its run; refused as for other changes. */
  async queueDeployment(
    row: DeploymentRow,
    requestedAt: number,
    options: { allowLocked: boolean },
  ): Promise<EnvironmentRefusal | 'queued'> {
    return this.db.transaction(async trx => {
      const current = await this.lockEnvironment(trx, row.app, row.env);
      if (!current) return 'missing' as const;
      if (current.status === 'deleting') return 'deleting' as const;
      if (current.lock && !options.allowLocked) return 'locked' as const;
      const run: NewRun = {
        id: row.id,
        action: 'deploy',
        requestedBy: row.requestedBy,
        now: requestedAt,
      };
      await trx(RUNS).insert(runRow(row.app, row.env, run));
      await trx(DEPLOYMENTS).insert({
        id: row.id,
        app_ref: row.app,
        env_id: row.env,
        kind: row.kind,
        source_deployment: row.source?.deployment ?? null,
        source_env: row.source?.environment ?? null,
        status: row.status,
        workloads: JSON.stringify(row.workloads),
        stages: JSON.stringify(row.stages),
        comment: row.comment ?? null,
        requested_by: row.requestedBy,
        created_at: row.createdAt,
      });
      await trx(ENVIRONMENTS)
        .where({ app_ref: row.app, env_id: row.env })
        .update({
          status: 'provisioning',
          status_reason: null,
          updated_at: requestedAt,
        });
      return 'queued' as const;
    });
  }

  async getDeployment(
    app: string,
    env: string,
    id: string,
  ): Promise<DeploymentRow | undefined> {
    const row = await this.db(DEPLOYMENTS)
      .where({ id, app_ref: app, env_id: env })
      .first();
    return row ? deploymentOf(row) : undefined;
  }

  /** An environment's deployments, the newest first. */
  async listDeployments(
    app: string,
    env: string,
    options: { limit: number; before?: number; status?: string },
  ): Promise<DeploymentRow[]> {
    const query = this.db(DEPLOYMENTS).where({ app_ref: app, env_id: env });
    if (options.before !== undefined) {
      query.andWhere('created_at', '<', options.before);
    }
    if (options.status) query.andWhere({ status: options.status });
    const rows = await query
      .orderBy([
        { column: 'created_at', order: 'desc' },
        { column: 'id', order: 'desc' },
      ])
      .limit(options.limit);
    return rows.map(deploymentOf);
  }

  /** The newest deployment of an environment, of a status if given. */
  async lastDeployment(
    app: string,
    env: string,
    status?: 'succeeded',
  ): Promise<DeploymentRow | undefined> {
    const [row] = await this.listDeployments(app, env, { limit: 1, status });
    return row;
  }

  /**
   * Saves a deployment's progress while `owner` holds its run's lease;
   * false when the lease was lost (another replica carries it on).
   */
  async saveProgress(
    id: string,
    owner: string,
    progress: DeploymentProgress & { startedAt?: number },
  ): Promise<boolean> {
    const update: Row = {};
    if (progress.status) update.status = progress.status;
    if (progress.stages) update.stages = JSON.stringify(progress.stages);
    if (progress.snapshot) update.snapshot = JSON.stringify(progress.snapshot);
    if (progress.delivery) update.delivery = JSON.stringify(progress.delivery);
    if (progress.startedAt !== undefined) {
      update.started_at = this.db.raw('coalesce(started_at, ?)', [
        progress.startedAt,
      ]);
    }
    const updated = await this.db(DEPLOYMENTS)
      .where({ id })
      .whereExists(q =>
        q
          .select('id')
          .from(RUNS)
          .where({ id, lease_owner: owner, status: 'running' }),
      )
      .update(update);
    return updated > 0;
  }

  /**
   * Sets the environment's workloads to a deployment's set, while `owner`
   * holds the run's lease: the workloads the environment's resources are
   * provisioned for are the ones deployed.
   */
  async replaceWorkloads(
    run: { id: string; app: string; env: string },
    owner: string,
    workloads: Array<{ name: string; score: string }>,
    by: string,
    now: number,
  ): Promise<boolean> {
    return this.db.transaction(async trx => {
      await this.lockEnvironment(trx, run.app, run.env);
      const held = await trx(RUNS)
        .where({ id: run.id, lease_owner: owner, status: 'running' })
        .first('id');
      if (!held) return false;
      const where = { app_ref: run.app, env_id: run.env };
      const names = workloads.map(w => w.name);
      await trx(WORKLOADS).where(where).whereNotIn('name', names).delete();
      for (const workload of workloads) {
        await trx(WORKLOADS)
          .insert({
            ...where,
            name: workload.name,
            score: workload.score,
            updated_at: now,
            updated_by: by,
          })
          .onConflict(['app_ref', 'env_id', 'name'])
          .merge(['score', 'updated_at', 'updated_by']);
      }
      return true;
    });
  }

  /** Finished deployments whose DORA event is not recorded yet, oldest first. */
  async unreported(limit: number): Promise<DeploymentRow[]> {
    const rows = await this.db(DEPLOYMENTS)
      .whereNotNull('finished_at')
      .whereNull('reported_at')
      .orderBy('finished_at')
      .limit(limit);
    return rows.map(deploymentOf);
  }

  async markReported(ids: string[], now: number): Promise<void> {
    if (ids.length === 0) return;
    await this.db(DEPLOYMENTS).whereIn('id', ids).update({ reported_at: now });
  }
}
