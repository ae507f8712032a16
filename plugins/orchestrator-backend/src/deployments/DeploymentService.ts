import { InputError, NotFoundError } from '@backstage/errors';
import {
  DEFAULT_RESOURCE_TYPES,
  type ResourceDriver,
} from '@plinth/plugin-orchestrator-node';
import {
  formatScoreProblem,
  parseScore,
  type DeployedWorkload,
  type Deployment,
  type DeployRequest,
  type DeploymentDiff,
  type DeploymentSummary,
  type ResourceDefinition,
  type ScoreWorkload,
} from '@plinth/plugin-orchestrator-common';
import { randomUUID } from 'node:crypto';
import type { DatabaseDeploymentStore } from '../database/DatabaseDeploymentStore';
import type {
  DeploymentRow,
  OrchestratorStore,
} from '../database/OrchestratorStore';
import { planResources } from '../provisioning/plan';
import { refused } from '../service/refusals';
import { diffDeployments } from './diff';
import { pendingStages } from './StageLog';

/** What {@link DeploymentService} needs. */
export interface DeploymentServiceOptions {
  store: OrchestratorStore;
  deployments: DatabaseDeploymentStore;
  drivers: ReadonlyMap<string, ResourceDriver>;
  definitions: () => Promise<ResourceDefinition[]>;
  /** Environment types whose unmatched resources get in-cluster defaults. */
  defaultsFor: ReadonlySet<string>;
  /** Starts the runs that may start. */
  kick: () => void;
  now?: () => number;
}

const iso = (ms: number | undefined) =>
  ms === undefined ? undefined : new Date(ms).toISOString();

/** A stored deployment as the API gives it. */
export function deploymentOf(row: DeploymentRow): Deployment {
  return {
    id: row.id,
    app: row.app,
    environment: row.env,
    kind: row.kind,
    source: row.source,
    status: row.status,
    stages: row.stages,
    workloads: row.workloads,
    snapshot: row.snapshot,
    delivery: row.delivery,
    comment: row.comment,
    error: row.error,
    requestedBy: row.requestedBy,
    createdAt: iso(row.createdAt)!,
    startedAt: iso(row.startedAt),
    finishedAt: iso(row.finishedAt),
  };
}

function summaryOf(row: DeploymentRow): DeploymentSummary {
  const { workloads, stages: _stages, ...rest } = deploymentOf(row);
  return {
    ...rest,
    workloads: workloads.map(w => ({ name: w.name, images: w.images })),
  };
}

/**
 * Deployments: a new set (or a change to the last one), a rollback to an
 * earlier successful deployment, a promotion of another environment's
 * current set; their list, details and diffs. A request is checked whole —
 * every Score file, image and resource — before anything is stored, and a
 * deployment is stored with the run that carries it out. Permissions are
 * the router's.
 */
export class DeploymentService {
  private readonly now: () => number;

  constructor(private readonly options: DeploymentServiceOptions) {
    this.now = options.now ?? Date.now;
  }

  async list(
    app: string,
    env: string,
    limit: number,
  ): Promise<DeploymentSummary[]> {
    await this.environment(app, env);
    const rows = await this.options.deployments.listDeployments(app, env, {
      limit,
    });
    return rows.map(summaryOf);
  }

  async get(app: string, env: string, id: string): Promise<Deployment> {
    return deploymentOf(await this.row(app, env, id));
  }

  /** A deployment against the one before it in its environment. */
  async diff(app: string, env: string, id: string): Promise<DeploymentDiff> {
    const row = await this.row(app, env, id);
    const [previous] = (
      await this.options.deployments.listDeployments(app, env, {
        limit: 2,
        before: row.createdAt + 1,
      })
    ).filter(d => d.id !== row.id && d.createdAt <= row.createdAt);
    return {
      deployment: row.id,
      previous: previous?.id,
      changes: diffDeployments(previous, row),
    };
  }

  /** A new set of workloads, or a change to the last successful one's. */
  async deploy(
    app: string,
    env: string,
    request: DeployRequest,
    by: string,
    options: { allowLocked: boolean },
  ): Promise<Deployment> {
    const environment = await this.environment(app, env);
    const base = request.replace ? [] : await this.currentSet(app, env);
    const workloads = this.applyChange(base, request);
    return this.queue(
      { app, env, kind: 'deploy', workloads, comment: request.comment },
      environment.type,
      by,
      options,
    );
  }

  /** An earlier successful deployment's set, again. */
  async rollback(
    app: string,
    env: string,
    id: string,
    request: { comment?: string },
    by: string,
    options: { allowLocked: boolean },
  ): Promise<Deployment> {
    const environment = await this.environment(app, env);
    const target = await this.row(app, env, id);
    if (target.status !== 'succeeded') {
      throw new InputError(
        `Deployment ${id} ${
          target.status === 'failed' ? 'failed' : 'has not finished'
        }; only a successful deployment can be rolled back to`,
      );
    }
    return this.queue(
      {
        app,
        env,
        kind: 'rollback',
        source: { deployment: target.id, environment: env },
        workloads: target.workloads,
        comment: request.comment,
      },
      environment.type,
      by,
      options,
    );
  }

  /** Another environment's current set, deployed into this one. */
  async promote(
    app: string,
    env: string,
    request: { from: string; comment?: string },
    by: string,
    options: { allowLocked: boolean },
  ): Promise<Deployment> {
    if (request.from === env) {
      throw new InputError(
        `from: an environment cannot be promoted into itself ("${env}")`,
      );
    }
    const environment = await this.environment(app, env);
    await this.environment(app, request.from);
    const source = await this.options.deployments.lastDeployment(
      app,
      request.from,
      'succeeded',
    );
    if (!source) {
      throw new InputError(
        `from: environment "${request.from}" of ${app} has no successful deployment to promote`,
      );
    }
    return this.queue(
      {
        app,
        env,
        kind: 'promotion',
        source: { deployment: source.id, environment: request.from },
        workloads: source.workloads,
        comment: request.comment,
      },
      environment.type,
      by,
      options,
    );
  }

  private async queue(
    deployment: Pick<
      DeploymentRow,
      'app' | 'env' | 'kind' | 'source' | 'workloads' | 'comment'
    >,
    envType: string,
    by: string,
    options: { allowLocked: boolean },
  ): Promise<Deployment> {
    await this.check(
      deployment.app,
      deployment.env,
      envType,
      deployment.workloads,
    );
    const now = this.now();
    const row: DeploymentRow = {
      ...deployment,
      id: randomUUID(),
      status: 'queued',
      stages: pendingStages(),
      requestedBy: by,
      createdAt: now,
    };
    const result = await this.options.deployments.queueDeployment(row, now, {
      allowLocked: options.allowLocked,
    });
    if (result !== 'queued') {
      throw refused(result, deployment.app, deployment.env);
    }
    this.options.kick();
    return deploymentOf(row);
  }

  /**
   * The set a change applies to: the last successful deployment's, or the
   * environment's workloads before its first.
   */
  private async currentSet(
    app: string,
    env: string,
  ): Promise<DeployedWorkload[]> {
    const last = await this.options.deployments.lastDeployment(
      app,
      env,
      'succeeded',
    );
    if (last) return last.workloads;
    const rows = await this.options.store.listWorkloads(app, env);
    return rows.map(r => ({ name: r.name, score: r.score }));
  }

  /** The set after a request's changes; every problem a 400 naming it. */
  private applyChange(
    base: DeployedWorkload[],
    request: DeployRequest,
  ): DeployedWorkload[] {
    const set = new Map(base.map(w => [w.name, w]));
    const problems: string[] = [];
    for (const name of request.remove ?? []) {
      if (!set.delete(name)) {
        problems.push(`remove: there is no workload "${name}" to remove.`);
      }
    }
    request.workloads.forEach((given, index) => {
      const where = `workloads[${index}] ("${given.name}")`;
      const before = set.get(given.name);
      const score = given.score ?? before?.score;
      if (score === undefined) {
        problems.push(
          `${where}: a new workload needs its Score file (score); only a workload already deployed can be given new images alone.`,
        );
        return;
      }
      set.set(given.name, {
        name: given.name,
        score,
        images: given.images
          ? { ...(given.score ? {} : before?.images), ...given.images }
          : before?.images,
        commit: given.commit,
        strategy: given.strategy ?? before?.strategy,
        scaling: given.scaling ?? before?.scaling,
      });
    });
    if (problems.length) throw new InputError(problems.join('\n'));
    if (set.size === 0) {
      throw new InputError(
        'workloads: a deployment needs at least one workload',
      );
    }
    return [...set.values()].sort((a, b) => a.name.localeCompare(b.name));
  }

  /**
   * Checks a set before it is queued: each Score file valid and named as
   * its workload, images only for its containers, and every resource
   * provisionable in the environment.
   */
  private async check(
    app: string,
    env: string,
    envType: string,
    workloads: DeployedWorkload[],
  ): Promise<void> {
    const problems: string[] = [];
    const parsed: Array<{ name: string; workload: ScoreWorkload }> = [];
    for (const deployed of workloads) {
      const file = `workload "${deployed.name}"`;
      const result = parseScore(deployed.score, file);
      if (!result.workload) {
        problems.push(
          `${file} is not a valid Score workload: ${result.problems
            .map(formatScoreProblem)
            .join(' ')}`,
        );
        continue;
      }
      const name = String(result.workload.metadata.name);
      if (name !== deployed.name) {
        problems.push(
          `${file}: its Score file's metadata.name is "${name}"; they must be the same.`,
        );
      }
      for (const container of Object.keys(deployed.images ?? {})) {
        if (!(container in result.workload.containers)) {
          problems.push(
            `${file}: images names container "${container}", which the Score file does not have; its containers are: ${Object.keys(
              result.workload.containers,
            ).join(', ')}.`,
          );
        }
      }
      parsed.push({ name: deployed.name, workload: result.workload });
    }
    if (problems.length === 0) {
      const { problems: planProblems } = planResources(
        { app, env, envType },
        parsed,
        await this.options.definitions(),
        this.options.drivers,
        {
          defaultable: this.options.defaultsFor.has(envType)
            ? new Set(DEFAULT_RESOURCE_TYPES)
            : undefined,
        },
      );
      problems.push(...planProblems);
    }
    if (problems.length) {
      throw new InputError(
        `The deployment to environment "${env}" of ${app} cannot go ahead:\n${problems.join(
          '\n',
        )}`,
      );
    }
  }

  private async environment(app: string, env: string) {
    const environment = await this.options.store.getEnvironment(app, env);
    if (!environment) throw refused('missing', app, env);
    return environment;
  }

  private async row(app: string, env: string, id: string) {
    const row = await this.options.deployments.getDeployment(app, env, id);
    if (!row) {
      throw new NotFoundError(
        `Deployment ${id} of environment "${env}" of ${app} does not exist`,
      );
    }
    return row;
  }
}
