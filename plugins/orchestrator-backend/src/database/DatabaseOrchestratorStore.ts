import type { DatabaseService } from '@backstage/backend-plugin-api';
import { migrateDatabase } from '@plinth/backend-utils';
import type { ResourceDefinition } from '@plinth/plugin-orchestrator-common';
import { Knex } from 'knex';
import type {
  EnvironmentRefusal,
  EnvironmentRow,
  NewRun,
  OrchestratorStore,
  ResourceRow,
  RunRow,
  ValueRow,
  WorkloadRow,
} from './OrchestratorStore';

import { DatabaseDeploymentStore } from './DatabaseDeploymentStore';
import {
  DEFINITIONS,
  DEPLOYMENTS,
  ENVIRONMENTS,
  RESOURCES,
  runRow,
  RUNS,
  TYPES,
  VALUES,
  WORKLOADS,
} from './tables';

/** Runs looked at per claim; the first that may go is taken. */
const CLAIM_CANDIDATES = 20;

type Row = Record<string, any>;

const num = (value: unknown): number | undefined =>
  value === null || value === undefined ? undefined : Number(value);
const str = (value: unknown): string | undefined =>
  value === null || value === undefined ? undefined : String(value);

function environmentOf(row: Row): EnvironmentRow {
  return {
    app: row.app_ref,
    id: row.env_id,
    type: row.type,
    owner: row.owner_ref,
    createdBy: row.created_by,
    createdAt: Number(row.created_at),
    from: str(row.from_env),
    expiresAt: num(row.expires_at),
    remindedAt: num(row.reminded_at),
    lock:
      row.locked_at === null || row.locked_at === undefined
        ? undefined
        : {
            reason: row.lock_reason ?? '',
            by: row.locked_by ?? '',
            at: Number(row.locked_at),
          },
    status: row.status,
    statusReason: str(row.status_reason),
    updatedAt: Number(row.updated_at),
  };
}

function resourceOf(row: Row): ResourceRow {
  return {
    app: row.app_ref,
    env: row.env_id,
    resId: row.res_id,
    type: row.type,
    class: row.class,
    definitionId: row.definition_id,
    driver: row.driver,
    key: row.res_key,
    params: JSON.parse(row.params),
    usedBy: JSON.parse(row.used_by),
    dependsOn: row.depends_on ? JSON.parse(row.depends_on) : [],
    status: row.status,
    outputs: row.outputs ? JSON.parse(row.outputs) : undefined,
    sealedSecrets: str(row.secrets),
    state: row.state ? JSON.parse(row.state) : undefined,
    error: str(row.error),
    createdRun: str(row.created_run),
    createdAt: Number(row.created_at),
    updatedAt: Number(row.updated_at),
  };
}

function runOf(row: Row): RunRow {
  return {
    id: row.id,
    app: row.app_ref,
    env: row.env_id,
    action: row.action,
    status: row.status,
    leaseOwner: str(row.lease_owner),
    leaseUntil: num(row.lease_until),
    attempts: Number(row.attempts),
    error: str(row.error),
    requestedBy: row.requested_by,
    createdAt: Number(row.created_at),
    startedAt: num(row.started_at),
    finishedAt: num(row.finished_at),
  };
}

function valueOf(row: Row): ValueRow {
  return {
    app: row.app_ref,
    env: row.env_id,
    key: row.key,
    secret: Boolean(row.secret),
    value: row.value,
    description: row.description,
    updatedAt: Number(row.updated_at),
    updatedBy: row.updated_by,
  };
}

/**
 * {@link OrchestratorStore} on the plugin's database (SQLite, PostgreSQL).
 * On PostgreSQL, changes to one environment take its row lock first, so
 * replicas never interleave them.
 */
export class DatabaseOrchestratorStore implements OrchestratorStore {
  /**
   * The store of the plugin's database; runs the package's migrations
   * unless the database service says to skip them.
   */
  static async create(options: {
    database: DatabaseService;
  }): Promise<DatabaseOrchestratorStore> {
    const db = await migrateDatabase({
      database: options.database,
      packageName: '@plinth/plugin-orchestrator-backend',
    });
    return new DatabaseOrchestratorStore(db);
  }

  private readonly isPostgres: boolean;
  /** The deployments, on the same database and environment locks. */
  readonly deployments: DatabaseDeploymentStore;

  private constructor(private readonly db: Knex) {
    this.isPostgres = String(db.client.config.client).startsWith('pg');
    this.deployments = new DatabaseDeploymentStore(db, (trx, app, env) =>
      this.lockEnvironment(trx, app, env),
    );
  }

  /** The environment's row, locked for the transaction on PostgreSQL. */
  private async lockEnvironment(
    trx: Knex.Transaction,
    app: string,
    env: string,
  ): Promise<EnvironmentRow | undefined> {
    const query = trx(ENVIRONMENTS).where({ app_ref: app, env_id: env });
    const row = await (this.isPostgres ? query.forUpdate() : query).first();
    return row ? environmentOf(row) : undefined;
  }

  async listEnvironmentTypes() {
    const rows = await this.db(TYPES).orderBy('id');
    return rows.map(r => ({
      id: r.id,
      description: r.description,
      createdBy: r.created_by,
    }));
  }

  async addEnvironmentType(
    type: { id: string; description: string },
    by: string,
    now: number,
  ): Promise<'added' | 'exists'> {
    const inserted = await this.db(TYPES)
      .insert({
        id: type.id,
        description: type.description,
        created_at: now,
        created_by: by,
      })
      .onConflict('id')
      .ignore();
    return (inserted as any).rowCount === 0 ||
      (Array.isArray(inserted) && inserted[0] === 0)
      ? 'exists'
      : 'added';
  }

  async deleteEnvironmentType(id: string) {
    return this.db.transaction(async trx => {
      const used = await trx(ENVIRONMENTS).where({ type: id }).first('env_id');
      if (used) return 'used' as const;
      const deleted = await trx(TYPES).where({ id }).delete();
      return deleted ? ('deleted' as const) : ('missing' as const);
    });
  }

  async listDefinitions(): Promise<ResourceDefinition[]> {
    const rows = await this.db(DEFINITIONS).orderBy('id');
    return rows.map(r => ({ id: r.id, ...JSON.parse(r.definition) }));
  }

  async putDefinition(
    definition: ResourceDefinition,
    by: string,
    now: number,
  ): Promise<'created' | 'updated'> {
    const { id, ...rest } = definition;
    return this.db.transaction(async trx => {
      const existing = await trx(DEFINITIONS).where({ id }).first('id');
      const row = {
        definition: JSON.stringify(rest),
        updated_at: now,
        updated_by: by,
      };
      if (existing) {
        await trx(DEFINITIONS).where({ id }).update(row);
        return 'updated' as const;
      }
      await trx(DEFINITIONS).insert({ id, ...row });
      return 'created' as const;
    });
  }

  async deleteDefinition(id: string) {
    return this.db.transaction(async trx => {
      const used = await trx(RESOURCES)
        .where({ definition_id: id })
        .first('res_id');
      if (used) return 'used' as const;
      const deleted = await trx(DEFINITIONS).where({ id }).delete();
      return deleted ? ('deleted' as const) : ('missing' as const);
    });
  }

  async listEnvironments(app?: string): Promise<EnvironmentRow[]> {
    const query = this.db(ENVIRONMENTS).orderBy(['app_ref', 'created_at']);
    if (app) query.where({ app_ref: app });
    return (await query).map(environmentOf);
  }

  async getEnvironment(app: string, env: string) {
    const row = await this.db(ENVIRONMENTS)
      .where({ app_ref: app, env_id: env })
      .first();
    return row ? environmentOf(row) : undefined;
  }

  async createEnvironment(
    row: EnvironmentRow,
    run?: NewRun,
    copySecret?: (sealed: string, from: ValueRow, to: ValueRow) => string,
  ) {
    return this.db.transaction(async trx => {
      if (await this.lockEnvironment(trx, row.app, row.id)) {
        return 'exists' as const;
      }
      if (row.from && !(await this.lockEnvironment(trx, row.app, row.from))) {
        return 'from-missing' as const;
      }
      await trx(ENVIRONMENTS).insert({
        app_ref: row.app,
        env_id: row.id,
        type: row.type,
        owner_ref: row.owner,
        created_by: row.createdBy,
        created_at: row.createdAt,
        from_env: row.from ?? null,
        expires_at: row.expiresAt ?? null,
        status: row.status,
        updated_at: row.updatedAt,
      });
      if (row.from) {
        const workloads = await trx(WORKLOADS).where({
          app_ref: row.app,
          env_id: row.from,
        });
        if (workloads.length) {
          await trx(WORKLOADS).insert(
            workloads.map(w => ({ ...w, env_id: row.id })),
          );
        }
        const values = await trx(VALUES).where({
          app_ref: row.app,
          env_id: row.from,
        });
        // Secrets are sealed to their place: copies are sealed anew.
        if (values.length) {
          await trx(VALUES).insert(
            values.map(v => ({
              ...v,
              env_id: row.id,
              value: v.secret
                ? copySecret!(v.value, valueOf(v), {
                    ...valueOf(v),
                    env: row.id,
                  })
                : v.value,
            })),
          );
        }
        if (run && workloads.length) {
          await trx(RUNS).insert(runRow(row.app, row.id, run));
          await trx(ENVIRONMENTS)
            .where({ app_ref: row.app, env_id: row.id })
            .update({ status: 'provisioning' });
        }
      }
      return 'created' as const;
    });
  }

  async updateEnvironment(
    app: string,
    env: string,
    change: {
      expiresAt?: number | null;
      lock?: EnvironmentRow['lock'] | null;
      owner?: string;
      remindedAt?: number | null;
    },
    now: number,
  ): Promise<EnvironmentRefusal | 'updated'> {
    return this.db.transaction(async trx => {
      const current = await this.lockEnvironment(trx, app, env);
      if (!current) return 'missing';
      if (current.status === 'deleting') return 'deleting';
      const update: Row = { updated_at: now };
      if (change.expiresAt !== undefined) {
        update.expires_at = change.expiresAt;
        update.reminded_at = null;
      }
      if (change.remindedAt !== undefined) {
        update.reminded_at = change.remindedAt;
      }
      if (change.owner !== undefined) update.owner_ref = change.owner;
      if (change.lock !== undefined) {
        update.lock_reason = change.lock?.reason ?? null;
        update.locked_by = change.lock?.by ?? null;
        update.locked_at = change.lock?.at ?? null;
      }
      await trx(ENVIRONMENTS)
        .where({ app_ref: app, env_id: env })
        .update(update);
      return 'updated';
    });
  }

  async deleteEnvironment(
    app: string,
    env: string,
    run: NewRun,
    options: { onlyIfExpiredAt?: number; allowLocked?: boolean } = {},
  ) {
    return this.db.transaction(async trx => {
      const current = await this.lockEnvironment(trx, app, env);
      if (!current) return 'missing' as const;
      if (current.status === 'deleting') return 'deleting' as const;
      if (options.onlyIfExpiredAt !== undefined) {
        // The reaper's: an extension or a lock since it looked wins.
        if (
          current.expiresAt === undefined ||
          current.expiresAt > options.onlyIfExpiredAt ||
          current.lock
        ) {
          return 'expired-no-more' as const;
        }
      } else if (current.lock && !options.allowLocked) {
        return 'locked' as const;
      }
      const cancelled = trx(RUNS)
        .where({ app_ref: app, env_id: env, status: 'queued' })
        .select('id');
      await trx(DEPLOYMENTS).whereIn('id', cancelled).update({
        status: 'failed',
        error: 'It was cancelled: the environment is being deleted.',
        finished_at: run.now,
        // It never started: no deployment for DORA either.
        reported_at: run.now,
      });
      await trx(RUNS)
        .where({ app_ref: app, env_id: env, status: 'queued' })
        .update({ status: 'cancelled', finished_at: run.now });
      await trx(RUNS).insert(runRow(app, env, run));
      await trx(ENVIRONMENTS).where({ app_ref: app, env_id: env }).update({
        status: 'deleting',
        status_reason: null,
        updated_at: run.now,
      });
      return 'queued' as const;
    });
  }

  async expiredEnvironments(now: number) {
    const rows = await this.db(ENVIRONMENTS)
      .whereNotNull('expires_at')
      .where('expires_at', '<=', now)
      .whereNull('locked_at')
      .whereNot({ status: 'deleting' });
    return rows.map(environmentOf);
  }

  async environmentsToRemind(until: number) {
    const rows = await this.db(ENVIRONMENTS)
      .whereNotNull('expires_at')
      .where('expires_at', '<=', until)
      .whereNull('reminded_at')
      .whereNot({ status: 'deleting' });
    return rows.map(environmentOf);
  }

  async listWorkloads(app: string, env: string): Promise<WorkloadRow[]> {
    const rows = await this.db(WORKLOADS)
      .where({ app_ref: app, env_id: env })
      .orderBy('name');
    return rows.map(r => ({
      app: r.app_ref,
      env: r.env_id,
      name: r.name,
      score: r.score,
      updatedAt: Number(r.updated_at),
      updatedBy: r.updated_by,
    }));
  }

  async changeWorkload(
    app: string,
    env: string,
    name: string,
    score: string | undefined,
    run: NewRun,
    options: { allowLocked: boolean },
  ) {
    return this.db.transaction(async trx => {
      const current = await this.lockEnvironment(trx, app, env);
      if (!current) return 'missing' as const;
      if (current.status === 'deleting') return 'deleting' as const;
      if (current.lock && !options.allowLocked) return 'locked' as const;
      const where = { app_ref: app, env_id: env, name };
      if (score === undefined) {
        if (!(await trx(WORKLOADS).where(where).delete())) {
          return 'workload-missing' as const;
        }
      } else {
        await trx(WORKLOADS)
          .insert({
            ...where,
            score,
            updated_at: run.now,
            updated_by: run.requestedBy,
          })
          .onConflict(['app_ref', 'env_id', 'name'])
          .merge(['score', 'updated_at', 'updated_by']);
      }
      await trx(RUNS).insert(runRow(app, env, run));
      await trx(ENVIRONMENTS).where({ app_ref: app, env_id: env }).update({
        status: 'provisioning',
        status_reason: null,
        updated_at: run.now,
      });
      return 'queued' as const;
    });
  }

  async listResources(app: string, env: string) {
    const rows = await this.db(RESOURCES)
      .where({ app_ref: app, env_id: env })
      .orderBy('res_id');
    return rows.map(resourceOf);
  }

  async resourcesUsingDefinitions() {
    const rows = await this.db(RESOURCES)
      .select('definition_id', 'app_ref', 'env_id', 'res_id')
      .orderBy(['definition_id', 'app_ref', 'env_id', 'res_id']);
    return rows.map(r => ({
      definitionId: r.definition_id,
      app: r.app_ref,
      env: r.env_id,
      resId: r.res_id,
    }));
  }

  async putResource(row: ResourceRow): Promise<void> {
    await this.db(RESOURCES)
      .insert({
        app_ref: row.app,
        env_id: row.env,
        res_id: row.resId,
        type: row.type,
        class: row.class,
        definition_id: row.definitionId,
        driver: row.driver,
        res_key: row.key,
        params: JSON.stringify(row.params),
        used_by: JSON.stringify(row.usedBy),
        depends_on: JSON.stringify(row.dependsOn ?? []),
        status: row.status,
        outputs: row.outputs ? JSON.stringify(row.outputs) : null,
        secrets: row.sealedSecrets ?? null,
        state: row.state ? JSON.stringify(row.state) : null,
        error: row.error ?? null,
        created_run: row.createdRun ?? null,
        created_at: row.createdAt,
        updated_at: row.updatedAt,
      })
      .onConflict(['app_ref', 'env_id', 'res_id'])
      .merge();
  }

  async deleteResource(app: string, env: string, resId: string) {
    await this.db(RESOURCES)
      .where({ app_ref: app, env_id: env, res_id: resId })
      .delete();
  }

  async listValues(app: string, env: string) {
    const rows = await this.db(VALUES)
      .where({ app_ref: app, env_id: env })
      .orderBy('key');
    return rows.map(valueOf);
  }

  async putValue(row: ValueRow) {
    await this.db(VALUES)
      .insert({
        app_ref: row.app,
        env_id: row.env,
        key: row.key,
        secret: row.secret,
        value: row.value,
        description: row.description,
        updated_at: row.updatedAt,
        updated_by: row.updatedBy,
      })
      .onConflict(['app_ref', 'env_id', 'key'])
      .merge();
  }

  async deleteValue(app: string, env: string, key: string) {
    const deleted = await this.db(VALUES)
      .where({ app_ref: app, env_id: env, key })
      .delete();
    return deleted > 0;
  }

  async resealAll(
    reseal: (sealed: string, context: string) => string | undefined,
  ): Promise<number> {
    let count = 0;
    const values = await this.db(VALUES).where({ secret: true });
    for (const row of values) {
      const next = reseal(
        row.value,
        valueContext(row.app_ref, row.env_id, row.key),
      );
      if (next === undefined) continue;
      // Only if unchanged since read: a newer value is sealed already.
      count += await this.db(VALUES)
        .where({
          app_ref: row.app_ref,
          env_id: row.env_id,
          key: row.key,
          value: row.value,
        })
        .update({ value: next });
    }
    const resources = await this.db(RESOURCES).whereNotNull('secrets');
    for (const row of resources) {
      const next = reseal(
        row.secrets,
        resourceContext(row.app_ref, row.env_id, row.res_id),
      );
      if (next === undefined) continue;
      count += await this.db(RESOURCES)
        .where({
          app_ref: row.app_ref,
          env_id: row.env_id,
          res_id: row.res_id,
          secrets: row.secrets,
        })
        .update({ secrets: next });
    }
    return count;
  }

  async getRun(id: string) {
    const row = await this.db(RUNS).where({ id }).first();
    return row ? runOf(row) : undefined;
  }

  async listRuns(app: string, env: string, limit: number) {
    const rows = await this.db(RUNS)
      .where({ app_ref: app, env_id: env })
      .orderBy('created_at', 'desc')
      .limit(limit);
    return rows.map(runOf);
  }

  async claimRun(owner: string, leaseMs: number, now: number) {
    const candidates = await this.db(RUNS)
      .where({ status: 'queued' })
      .orWhere(q =>
        q.where({ status: 'running' }).andWhere('lease_until', '<', now),
      )
      .orderBy('created_at')
      .limit(CLAIM_CANDIDATES);
    for (const candidate of candidates) {
      const claimed = await this.db.transaction(async trx => {
        await this.lockEnvironment(trx, candidate.app_ref, candidate.env_id);
        const fresh = await trx(RUNS).where({ id: candidate.id }).first();
        const mayGo =
          fresh &&
          (fresh.status === 'queued' ||
            (fresh.status === 'running' && Number(fresh.lease_until) < now));
        if (!mayGo) return undefined;
        // One run at a time per environment, in the order they were asked.
        const ahead = await trx(RUNS)
          .where({ app_ref: fresh.app_ref, env_id: fresh.env_id })
          .whereNot({ id: fresh.id })
          .andWhere(q =>
            q
              .where(q2 =>
                q2
                  .where({ status: 'running' })
                  .andWhere('lease_until', '>=', now),
              )
              .orWhere(q2 =>
                q2
                  .whereIn('status', ['queued', 'running'])
                  .andWhere('created_at', '<', fresh.created_at),
              ),
          )
          .first('id');
        if (ahead) return undefined;
        await trx(RUNS)
          .where({ id: fresh.id })
          .update({
            status: 'running',
            lease_owner: owner,
            lease_until: now + leaseMs,
            attempts: Number(fresh.attempts) + 1,
            started_at: fresh.started_at ?? now,
          });
        return runOf({
          ...fresh,
          status: 'running',
          lease_owner: owner,
          lease_until: now + leaseMs,
          attempts: Number(fresh.attempts) + 1,
          started_at: fresh.started_at ?? now,
        });
      });
      if (claimed) return claimed;
    }
    return undefined;
  }

  async renewLease(id: string, owner: string, until: number) {
    const updated = await this.db(RUNS)
      .where({ id, lease_owner: owner, status: 'running' })
      .update({ lease_until: until });
    return updated > 0;
  }

  async finishRun(
    run: RunRow,
    owner: string,
    outcome: { status: 'succeeded' | 'failed'; error?: string },
    now: number,
  ) {
    return this.db.transaction(async trx => {
      await this.lockEnvironment(trx, run.app, run.env);
      const updated = await trx(RUNS)
        .where({ id: run.id, lease_owner: owner, status: 'running' })
        .update({
          status: outcome.status,
          error: outcome.error ?? null,
          finished_at: now,
          lease_until: null,
        });
      if (!updated) return false;
      const where = { app_ref: run.app, env_id: run.env };
      if (run.action === 'deploy') {
        await trx(DEPLOYMENTS)
          .where({ id: run.id })
          .update({
            status: outcome.status,
            error: outcome.error ?? null,
            finished_at: now,
          });
      }
      if (outcome.status === 'succeeded') {
        await trx(RESOURCES)
          .where({ ...where, created_run: run.id })
          .update({ created_run: null });
      }
      if (run.action === 'delete' && outcome.status === 'succeeded') {
        for (const table of [
          DEPLOYMENTS,
          RESOURCES,
          WORKLOADS,
          VALUES,
          RUNS,
          ENVIRONMENTS,
        ]) {
          await trx(table).where(where).delete();
        }
        return true;
      }
      const pending = await trx(RUNS)
        .where(where)
        .whereIn('status', ['queued'])
        .first('id');
      const env = await trx(ENVIRONMENTS).where(where).first('status');
      if (env && env.status !== 'deleting') {
        await trx(ENVIRONMENTS)
          .where(where)
          .update({
            status: statusAfter(outcome.status, Boolean(pending)),
            status_reason: outcome.status === 'failed' ? outcome.error : null,
            updated_at: now,
          });
      } else if (env && run.action === 'delete') {
        await trx(ENVIRONMENTS)
          .where(where)
          .update({
            status: 'failed',
            status_reason: outcome.error ?? null,
            updated_at: now,
          });
      }
      return true;
    });
  }
}

/** An environment's status once a run ends: failed, or ready unless more are queued. */
function statusAfter(
  outcome: 'succeeded' | 'failed',
  pending: boolean,
): 'failed' | 'provisioning' | 'ready' {
  if (outcome === 'failed') return 'failed';
  return pending ? 'provisioning' : 'ready';
}

/** What a shared secret is sealed to: its place. */
export function valueContext(app: string, env: string, key: string): string {
  return `orchestrator/value/${app}/${env}/${key}`;
}

/** What a resource's secret outputs are sealed to: the resource. */
export function resourceContext(
  app: string,
  env: string,
  resId: string,
): string {
  return `orchestrator/resource/${app}/${env}/${resId}`;
}
