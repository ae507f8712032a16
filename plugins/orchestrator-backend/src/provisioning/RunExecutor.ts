import type { LoggerService } from '@backstage/backend-plugin-api';
import {
  formatScoreProblem,
  parseScore,
  substitutePlaceholders,
  type ResourceDefinition,
  type ScoreWorkload,
} from '@plinth/plugin-orchestrator-common';
import type {
  ResourceDriver,
  ResourceDriverRequest,
  SecretBox,
} from '@plinth/plugin-orchestrator-node';
import type { JsonObject } from '@backstage/types';
import {
  resourceContext,
  valueContext,
} from '../database/DatabaseOrchestratorStore';
import type {
  EnvironmentRow,
  OrchestratorStore,
  ResourceRow,
  RunRow,
} from '../database/OrchestratorStore';
import type {
  DeploymentRunner,
  ProvisioningSteps,
} from '../deployments/DeploymentRunner';
import { planResources, PlannedResource, ProvisioningPlan } from './plan';

/** How long a run's lease lasts unless renewed; renewed every third of it. */
export const DEFAULT_LEASE_MS = 30_000;
/** The longest error message kept of a driver. */
const MAX_ERROR = 2_000;

/** What {@link RunExecutor} needs. */
export interface RunExecutorOptions {
  store: OrchestratorStore;
  drivers: ReadonlyMap<string, ResourceDriver>;
  /** Every resource definition, of config and of the API. */
  definitions: () => Promise<ResourceDefinition[]>;
  secrets: SecretBox;
  logger: LoggerService;
  /** This replica's id, the owner of the leases it takes. */
  owner: string;
  leaseMs?: number;
  /** Runs this replica works on at once. */
  concurrency?: number;
  /** Carries out `deploy` runs. */
  deployments?: DeploymentRunner;
  /** Told of each run this replica finished. */
  onFinished?: (run: RunRow) => void;
  now?: () => number;
}

/** Outputs of a ready resource: plain and secret, secrets opened. */
interface ReadyOutputs {
  outputs: Record<string, string>;
  secrets: Record<string, string>;
}

class RunFailure extends Error {}

const clip = (text: string) =>
  text.length > MAX_ERROR ? `${text.slice(0, MAX_ERROR)}…` : text;

/**
 * Works on the queued runs: claims one (a lease in the database, so one
 * replica works on a run), provisions or deletes, renews the lease while it
 * works and gives the run up if the lease is lost. A run whose replica died
 * is claimed again once its lease expires and done again from the start:
 * drivers are idempotent, and what the run made is remembered on each
 * resource (`createdRun`), so a failure deletes exactly that.
 */
export class RunExecutor {
  private readonly leaseMs: number;
  private readonly concurrency: number;
  private readonly now: () => number;
  private readonly active = new Map<string, AbortController>();
  private kicking: Promise<void> | undefined;
  private kickAgain = false;
  private stopped = false;

  constructor(private readonly options: RunExecutorOptions) {
    this.leaseMs = options.leaseMs ?? DEFAULT_LEASE_MS;
    this.concurrency = options.concurrency ?? 4;
    this.now = options.now ?? Date.now;
  }

  /** Starts what may start now, without waiting for it to finish. */
  kick(): void {
    if (this.stopped) return;
    if (this.kicking) {
      // The claim pass going on may have looked before this run was queued.
      this.kickAgain = true;
      return;
    }
    this.kickAgain = false;
    this.kicking = this.fill()
      .catch(error =>
        this.options.logger.error(
          `Claiming orchestrator runs failed: ${error}`,
        ),
      )
      .finally(() => {
        this.kicking = undefined;
        if (this.kickAgain) this.kick();
      });
  }

  /** Works until no run may start; for tests and the bench. */
  async drain(): Promise<void> {
    for (;;) {
      const run = await this.claim();
      if (!run) {
        if (this.active.size === 0) return;
        await new Promise(resolve => setTimeout(resolve, 20));
        continue;
      }
      await this.execute(run);
    }
  }

  /** Aborts the runs in progress; their leases expire and others resume them. */
  stop(): void {
    this.stopped = true;
    for (const controller of this.active.values()) {
      controller.abort(new Error('The orchestrator is stopping'));
    }
  }

  private async fill(): Promise<void> {
    while (!this.stopped && this.active.size < this.concurrency) {
      const run = await this.claim();
      if (!run) return;
      this.execute(run)
        .catch(error =>
          this.options.logger.error(
            `Orchestrator run ${run.id} broke: ${error}`,
          ),
        )
        .finally(() => this.kick());
    }
  }

  private claim(): Promise<RunRow | undefined> {
    return this.options.store.claimRun(
      this.options.owner,
      this.leaseMs,
      this.now(),
    );
  }

  /** One claimed run, to its end (or until its lease is lost). */
  async execute(run: RunRow): Promise<void> {
    const { store, logger, owner } = this.options;
    const controller = new AbortController();
    this.active.set(run.id, controller);
    const heartbeat = setInterval(() => {
      store
        .renewLease(run.id, owner, this.now() + this.leaseMs)
        .then(held => {
          if (!held) controller.abort(new Error('The run was taken over'));
        })
        .catch(() => undefined);
    }, Math.max(10, Math.floor(this.leaseMs / 3)));
    const runLogger = logger.child({
      run: run.id,
      app: run.app,
      environment: run.env,
    });
    try {
      const env = await store.getEnvironment(run.app, run.env);
      if (!env) throw new RunFailure('The environment no longer exists.');
      if (run.action === 'delete') {
        await this.deleteAll(env, run, controller.signal, runLogger);
      } else if (run.action === 'deploy') {
        if (!this.options.deployments) {
          throw new RunFailure('This replica cannot carry out deployments.');
        }
        await this.options.deployments.deploy(
          env,
          run,
          owner,
          this.stepsOf(env, run, controller.signal, runLogger),
          controller.signal,
          runLogger,
        );
      } else {
        await this.provision(env, run, controller.signal, runLogger);
      }
      if (controller.signal.aborted) return;
      if (
        await store.finishRun(run, owner, { status: 'succeeded' }, this.now())
      ) {
        this.options.onFinished?.(run);
      }
      runLogger.info(`Orchestrator ${run.action} run ${run.id} succeeded`);
    } catch (error) {
      if (controller.signal.aborted) return;
      const message = clip((error as Error).message ?? String(error));
      runLogger.warn(
        `Orchestrator ${run.action} run ${run.id} failed: ${message}`,
      );
      if (
        await store.finishRun(
          run,
          owner,
          { status: 'failed', error: message },
          this.now(),
        )
      ) {
        this.options.onFinished?.(run);
      }
    } finally {
      clearInterval(heartbeat);
      this.active.delete(run.id);
    }
  }

  /** What a deployment's run borrows of provisioning. */
  private stepsOf(
    env: EnvironmentRow,
    run: RunRow,
    signal: AbortSignal,
    logger: LoggerService,
  ): ProvisioningSteps {
    return {
      provision: options =>
        this.provision(env, run, signal, logger, options.defaultable),
      cleanUp: () => this.cleanUpRun(env, run, signal, logger),
      sharedValues: () => this.sharedValues(env),
    };
  }

  private async provision(
    env: EnvironmentRow,
    run: RunRow,
    signal: AbortSignal,
    logger: LoggerService,
    defaultable?: ReadonlySet<string>,
  ): Promise<ProvisioningPlan> {
    const { store } = this.options;
    const rows = await store.listWorkloads(env.app, env.id);
    const workloads: Array<{ name: string; workload: ScoreWorkload }> = [];
    const problems: string[] = [];
    for (const row of rows) {
      const parsed = parseScore(row.score, `workload ${row.name}`);
      if (parsed.workload)
        workloads.push({ name: row.name, workload: parsed.workload });
      problems.push(...parsed.problems.map(formatScoreProblem));
    }
    const target = { app: env.app, env: env.id, envType: env.type };
    const { plan, problems: planProblems } = planResources(
      target,
      workloads,
      await this.options.definitions(),
      this.options.drivers,
      { defaultable },
    );
    problems.push(...planProblems);
    if (!plan || problems.length > 0) {
      throw new RunFailure(`Nothing was provisioned: ${problems.join(' ')}`);
    }

    const existing = new Map(
      (await store.listResources(env.app, env.id)).map(r => [r.resId, r]),
    );
    const ready = new Map<string, ReadyOutputs>();
    const metadataOf = new Map(
      workloads.map(w => [w.name, w.workload.metadata]),
    );
    let sharedValues: ResourceDriverRequest['sharedValues'];
    if (plan.resources.some(p => p.driver.usesSharedValues)) {
      sharedValues = await this.sharedValues(env);
    }

    try {
      for (const wave of waves(plan.resources)) {
        const results = await Promise.allSettled(
          wave.map(planned =>
            this.provisionOne(env, run, planned, {
              existing: existing.get(planned.resId),
              ready,
              metadata: metadataOf.get(planned.usedBy[0].workload) ?? {},
              sharedValues,
              signal,
              logger,
            }),
          ),
        );
        const failed = results.find(
          (r): r is PromiseRejectedResult => r.status === 'rejected',
        );
        if (failed) throw failed.reason;
      }
      // Resources no workload names any more go.
      const wanted = new Set(plan.resources.map(p => p.resId));
      const unwanted = [...existing.values()]
        .filter(r => !wanted.has(r.resId))
        .sort((a, b) => b.createdAt - a.createdAt);
      for (const row of unwanted) {
        await this.deprovisionRow(env, row, signal, logger);
      }
      return plan;
    } catch (error) {
      if (signal.aborted) throw error;
      const cleanup = await this.cleanUpRun(env, run, signal, logger);
      throw new RunFailure(
        `${(error as Error).message}${
          cleanup.length
            ? ` Deleting what this run made failed too: ${cleanup.join(' ')}`
            : ' What this run made was deleted again.'
        }`,
      );
    }
  }

  private async provisionOne(
    env: EnvironmentRow,
    run: RunRow,
    planned: PlannedResource,
    context: {
      existing?: ResourceRow;
      ready: Map<string, ReadyOutputs>;
      metadata: Record<string, unknown>;
      sharedValues: ResourceDriverRequest['sharedValues'];
      signal: AbortSignal;
      logger: LoggerService;
    },
  ): Promise<void> {
    const { store, secrets } = this.options;
    const { existing, ready, signal, logger } = context;
    const describe = `${planned.resId} (${planned.type}, definition ${planned.definition.id})`;
    if (
      existing &&
      (existing.driver !== planned.driver.id ||
        existing.definitionId !== planned.definition.id)
    ) {
      // Another definition provisions it now: the old one's goes first.
      await this.deprovisionRow(env, existing, signal, logger);
    }
    const replaced = existing && existing.driver !== planned.driver.id;
    const createdAt = !existing || replaced ? this.now() : existing.createdAt;
    const createdRun = !existing || replaced ? run.id : existing.createdRun;
    const base: ResourceRow = {
      app: env.app,
      env: env.id,
      resId: planned.resId,
      type: planned.type,
      class: planned.class,
      definitionId: planned.definition.id,
      driver: planned.driver.id,
      key: planned.key,
      params: planned.params,
      usedBy: [...new Set(planned.usedBy.map(u => u.workload))],
      dependsOn: [...new Set(Object.values(planned.dependsOn))],
      status: 'provisioning',
      createdRun,
      createdAt,
      updatedAt: this.now(),
    };
    // Stored before the driver runs, so a crash leaves a record to resume.
    await store.putResource({
      ...base,
      outputs: replaced ? undefined : existing?.outputs,
      sealedSecrets: replaced ? undefined : existing?.sealedSecrets,
      state: replaced ? undefined : existing?.state,
    });
    try {
      const dependencies: ResourceDriverRequest['dependencies'] = {};
      for (const [name, resId] of Object.entries(planned.dependsOn)) {
        dependencies[name] = ready.get(resId)!;
      }
      const { inputs, secretInputs } = await this.inputsOf(planned.definition);
      const result = await planned.driver.provision({
        key: planned.key,
        resId: planned.resId,
        type: planned.type,
        class: planned.class,
        params: resolveParams(planned.params, context.metadata, dependencies),
        app: env.app,
        environment: { id: env.id, type: env.type },
        inputs,
        secretInputs,
        dependencies,
        sharedValues: planned.driver.usesSharedValues
          ? context.sharedValues
          : undefined,
        logger: logger.child({ resource: planned.resId }),
        signal,
      });
      ready.set(planned.resId, {
        outputs: result.outputs,
        secrets: result.secrets,
      });
      await store.putResource({
        ...base,
        status: 'ready',
        outputs: result.outputs,
        sealedSecrets: Object.keys(result.secrets).length
          ? secrets.seal(
              JSON.stringify(result.secrets),
              resourceContext(env.app, env.id, planned.resId),
            )
          : undefined,
        state: result.state,
        updatedAt: this.now(),
      });
    } catch (error) {
      const message = clip((error as Error).message ?? String(error));
      if (!signal.aborted) {
        await store.putResource({
          ...base,
          status: 'failed',
          error: message,
          updatedAt: this.now(),
        });
      }
      throw new RunFailure(`Provisioning ${describe} failed: ${message}`);
    }
  }

  private async deleteAll(
    env: EnvironmentRow,
    run: RunRow,
    signal: AbortSignal,
    logger: LoggerService,
  ): Promise<void> {
    const rows = (await this.options.store.listResources(env.app, env.id)).sort(
      (a, b) => b.createdAt - a.createdAt,
    );
    const problems: string[] = [];
    for (const row of rows) {
      try {
        await this.deprovisionRow(env, row, signal, logger);
      } catch (error) {
        if (signal.aborted) throw error;
        problems.push((error as Error).message);
      }
    }
    if (problems.length) {
      throw new RunFailure(
        `Deleting environment ${env.id} of ${env.app} (run ${
          run.id
        }) left resources behind: ${problems.join(' ')}`,
      );
    }
  }

  /** Deletes what a failed run made, newest first; the problems, if any. */
  private async cleanUpRun(
    env: EnvironmentRow,
    run: RunRow,
    signal: AbortSignal,
    logger: LoggerService,
  ): Promise<string[]> {
    const made = (await this.options.store.listResources(env.app, env.id))
      .filter(r => r.createdRun === run.id)
      .sort((a, b) => b.createdAt - a.createdAt);
    const problems: string[] = [];
    for (const row of made) {
      try {
        await this.deprovisionRow(env, row, signal, logger);
      } catch (error) {
        problems.push((error as Error).message);
      }
    }
    return problems;
  }

  private async deprovisionRow(
    env: EnvironmentRow,
    row: ResourceRow,
    signal: AbortSignal,
    logger: LoggerService,
  ): Promise<void> {
    const { store } = this.options;
    const driver = this.options.drivers.get(row.driver);
    const describe = `${row.resId} (${row.type}, driver ${row.driver})`;
    if (!driver) {
      throw new RunFailure(
        `Deleting ${describe} failed: the driver is not installed any more.`,
      );
    }
    await store.putResource({
      ...row,
      status: 'deleting',
      updatedAt: this.now(),
    });
    const definition = (await this.options.definitions()).find(
      d => d.id === row.definitionId,
    );
    try {
      const { inputs, secretInputs } = definition
        ? await this.inputsOf(definition)
        : { inputs: {}, secretInputs: [] };
      await driver.deprovision({
        key: row.key,
        resId: row.resId,
        type: row.type,
        class: row.class,
        params: row.params as JsonObject,
        app: env.app,
        environment: { id: env.id, type: env.type },
        inputs,
        secretInputs,
        dependencies: {},
        state: (row.state ?? {}) as JsonObject,
        logger: logger.child({ resource: row.resId }),
        signal,
      });
    } catch (error) {
      const message = clip((error as Error).message ?? String(error));
      if (!signal.aborted) {
        await store.putResource({
          ...row,
          status: 'failed',
          error: message,
          updatedAt: this.now(),
        });
      }
      throw new RunFailure(`Deleting ${describe} failed: ${message}`);
    }
    await store.deleteResource(env.app, env.id, row.resId);
  }

  /** A definition's inputs: values, and its platform secrets opened. */
  private async inputsOf(
    definition: ResourceDefinition,
  ): Promise<{ inputs: JsonObject; secretInputs: string[] }> {
    const inputs: JsonObject = {
      ...((definition.driverInputs?.values ?? {}) as JsonObject),
    };
    const refs = definition.driverInputs?.secretRefs ?? {};
    if (Object.keys(refs).length === 0) return { inputs, secretInputs: [] };
    const platform = new Map(
      (await this.options.store.listValues('', '')).map(v => [v.key, v]),
    );
    for (const [input, secretKey] of Object.entries(refs)) {
      const value = platform.get(secretKey);
      if (!value || !value.secret) {
        throw new RunFailure(
          `Resource definition "${definition.id}" reads input "${input}" from the platform secret "${secretKey}", which is not set.`,
        );
      }
      inputs[input] = this.options.secrets.open(
        value.value,
        valueContext('', '', secretKey),
      );
    }
    return { inputs, secretInputs: Object.keys(refs) };
  }

  /** The app's shared values with the environment's over them, opened. */
  private async sharedValues(
    env: EnvironmentRow,
  ): Promise<NonNullable<ResourceDriverRequest['sharedValues']>> {
    const values: Record<string, string> = {};
    const secrets: Record<string, string> = {};
    for (const scope of ['', env.id]) {
      for (const row of await this.options.store.listValues(env.app, scope)) {
        delete values[row.key];
        delete secrets[row.key];
        if (row.secret) {
          secrets[row.key] = this.options.secrets.open(
            row.value,
            valueContext(env.app, scope, row.key),
          );
        } else {
          values[row.key] = row.value;
        }
      }
    }
    return { values, secrets };
  }
}

/** Resources in waves: each after the ones it depends on. */
function waves(resources: PlannedResource[]): PlannedResource[][] {
  const level = new Map<string, number>();
  const result: PlannedResource[][] = [];
  for (const planned of resources) {
    const depth =
      Math.max(
        -1,
        ...Object.values(planned.dependsOn).map(d => level.get(d) ?? 0),
      ) + 1;
    level.set(planned.resId, depth);
    (result[depth] ??= []).push(planned);
  }
  return result.filter(Boolean);
}

/** Params with `${metadata.…}` and `${resources.<name>.<output>}` filled in. */
function resolveParams(
  params: Record<string, unknown>,
  metadata: Record<string, unknown>,
  dependencies: ResourceDriverRequest['dependencies'],
): JsonObject {
  const resolve = (value: unknown): unknown => {
    if (typeof value === 'string') {
      return substitutePlaceholders(value, ({ segments }) => {
        if (segments[0] === 'metadata') {
          let current: unknown = metadata;
          for (const segment of segments.slice(1)) {
            current = (current as Record<string, unknown> | undefined)?.[
              segment
            ];
          }
          return typeof current === 'object'
            ? JSON.stringify(current)
            : String(current ?? '');
        }
        const dependency = dependencies[segments[1]];
        return (
          dependency?.outputs[segments[2]] ??
          dependency?.secrets[segments[2]] ??
          ''
        );
      });
    }
    if (Array.isArray(value)) return value.map(resolve);
    if (value && typeof value === 'object') {
      return Object.fromEntries(
        Object.entries(value).map(([k, v]) => [k, resolve(v)]),
      );
    }
    return value;
  };
  return resolve(params) as JsonObject;
}
