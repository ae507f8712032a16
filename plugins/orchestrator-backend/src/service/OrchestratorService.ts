import type { LoggerService } from '@backstage/backend-plugin-api';
import { ConflictError, InputError, NotFoundError } from '@backstage/errors';
import {
  explainMatch,
  formatScoreProblem,
  parseScore,
  placeholderValues,
  resourceIdOf,
  resourceTypeOf,
  substitutePlaceholders,
  type Environment,
  type EnvironmentResource,
  type EnvironmentType,
  type EnvironmentWorkload,
  type MatchExplanation,
  type OrchestratorRun,
  type ResourceDefinition,
  type ResourceDefinitionView,
  type ScoreWorkload,
  type SharedValue,
} from '@plinth/plugin-orchestrator-common';
import type {
  ResourceDriver,
  SecretBox,
} from '@plinth/plugin-orchestrator-node';
import { randomUUID } from 'node:crypto';
import {
  resourceContext,
  valueContext,
} from '../database/DatabaseOrchestratorStore';
import type {
  EnvironmentRow,
  OrchestratorStore,
  ResourceRow,
  RunRow,
  ValueRow,
} from '../database/OrchestratorStore';
import { planResources } from '../provisioning/plan';
import { refused } from './refusals';

/** How a masked secret reads in a resolved value. */
export const MASK = '••••••';

/** What {@link OrchestratorService} needs. */
export interface OrchestratorServiceOptions {
  store: OrchestratorStore;
  drivers: ReadonlyMap<string, ResourceDriver>;
  secrets: SecretBox;
  logger: LoggerService;
  /** Types and definitions of app-config and files (read-only). */
  configTypes: EnvironmentType[];
  configDefinitions: ResourceDefinition[];
  /** Starts the runs that may start (the run executor). */
  kick: () => void;
  now?: () => number;
}

/** An app as the catalog has it: its ref and its owner. */
export interface AppEntity {
  ref: string;
  owner?: string;
}

const iso = (ms: number | undefined) =>
  ms === undefined ? undefined : new Date(ms).toISOString();

function scopeOf(app: string, env: string): SharedValue['scope'] {
  if (!app) return 'platform';
  return env ? 'environment' : 'app';
}

function runOf(row: RunRow): OrchestratorRun {
  return {
    id: row.id,
    app: row.app,
    environment: row.env,
    action: row.action,
    status: row.status,
    attempts: row.attempts,
    error: row.error,
    requestedBy: row.requestedBy,
    createdAt: iso(row.createdAt)!,
    startedAt: iso(row.startedAt),
    finishedAt: iso(row.finishedAt),
  };
}

function environmentOf(row: EnvironmentRow): Environment {
  return {
    app: row.app,
    id: row.id,
    type: row.type,
    owner: row.owner,
    createdBy: row.createdBy,
    createdAt: iso(row.createdAt)!,
    from: row.from,
    expiresAt: iso(row.expiresAt),
    lock: row.lock && {
      reason: row.lock.reason,
      by: row.lock.by,
      at: iso(row.lock.at)!,
    },
    status: row.status,
    statusReason: row.statusReason,
    updatedAt: iso(row.updatedAt)!,
  };
}

/**
 * The orchestrator's operations, for the router, the reaper and other
 * plugins: environments and their workloads, resources, values and runs;
 * environment types and resource definitions. Permissions are the
 * router's; this checks what is asked makes sense, and changes the store.
 */
export class OrchestratorService {
  private readonly now: () => number;

  constructor(private readonly options: OrchestratorServiceOptions) {
    this.now = options.now ?? Date.now;
  }

  // Environment types

  async environmentTypes(): Promise<EnvironmentType[]> {
    const stored = await this.options.store.listEnvironmentTypes();
    return [
      ...this.options.configTypes,
      ...stored
        .filter(t => !this.options.configTypes.some(c => c.id === t.id))
        .map(t => ({
          id: t.id,
          description: t.description,
          source: 'api' as const,
        })),
    ];
  }

  async addEnvironmentType(
    type: { id: string; description: string },
    by: string,
  ): Promise<EnvironmentType> {
    if ((await this.environmentTypes()).some(t => t.id === type.id)) {
      throw new ConflictError(`Environment type "${type.id}" exists already`);
    }
    if (
      (await this.options.store.addEnvironmentType(type, by, this.now())) ===
      'exists'
    ) {
      throw new ConflictError(`Environment type "${type.id}" exists already`);
    }
    return { ...type, source: 'api' };
  }

  async deleteEnvironmentType(id: string): Promise<void> {
    if (this.options.configTypes.some(t => t.id === id)) {
      throw new ConflictError(
        `Environment type "${id}" comes from app-config (plinth.orchestrator.environmentTypes); change it there`,
      );
    }
    const result = await this.options.store.deleteEnvironmentType(id);
    if (result === 'missing') {
      throw new NotFoundError(`Environment type "${id}" does not exist`);
    }
    if (result === 'used') {
      throw new ConflictError(
        `Environment type "${id}" is the type of environments still; delete them first`,
      );
    }
  }

  // Resource definitions

  async definitions(): Promise<ResourceDefinition[]> {
    const stored = await this.options.store.listDefinitions();
    return [...this.options.configDefinitions, ...stored];
  }

  async definitionViews(): Promise<ResourceDefinitionView[]> {
    const usage = await this.options.store.resourcesUsingDefinitions();
    const configIds = new Set(this.options.configDefinitions.map(d => d.id));
    return (await this.definitions()).map(d => ({
      id: d.id,
      title: d.title,
      type: d.type,
      driver: d.driver,
      driverInputs: {
        values: d.driverInputs?.values ?? {},
        secretRefs: d.driverInputs?.secretRefs ?? {},
      },
      criteria: d.criteria,
      source: configIds.has(d.id) ? 'config' : 'api',
      usedBy: usage
        .filter(u => u.definitionId === d.id)
        .map(u => ({ app: u.app, environment: u.env, resId: u.resId })),
    }));
  }

  async putDefinition(
    definition: ResourceDefinition,
    by: string,
  ): Promise<'created' | 'updated'> {
    if (this.options.configDefinitions.some(d => d.id === definition.id)) {
      throw new ConflictError(
        `Resource definition "${definition.id}" comes from app-config or a definition file; change it there`,
      );
    }
    const driver = this.options.drivers.get(definition.driver);
    if (!driver) {
      throw new InputError(
        `body driver: no driver "${
          definition.driver
        }" is installed; the installed drivers are: ${[
          ...this.options.drivers.keys(),
        ]
          .sort()
          .join(', ')}`,
      );
    }
    return this.options.store.putDefinition(definition, by, this.now());
  }

  async deleteDefinition(id: string): Promise<void> {
    if (this.options.configDefinitions.some(d => d.id === id)) {
      throw new ConflictError(
        `Resource definition "${id}" comes from app-config or a definition file; remove it there`,
      );
    }
    const result = await this.options.store.deleteDefinition(id);
    if (result === 'missing') {
      throw new NotFoundError(`Resource definition "${id}" does not exist`);
    }
    if (result === 'used') {
      throw new ConflictError(
        `Resource definition "${id}" provisioned resources that exist still; delete them (or their environments) first`,
      );
    }
  }

  /** Which definition a resource gets, and why, with every candidate. */
  async explain(resource: {
    app: string;
    env: string;
    envType?: string;
    type: string;
    class?: string;
    resId: string;
  }): Promise<MatchExplanation> {
    let envType = resource.envType;
    if (!envType) {
      const env = await this.options.store.getEnvironment(
        resource.app,
        resource.env,
      );
      if (!env) {
        throw new NotFoundError(
          `Environment "${resource.env}" of ${resource.app} does not exist; give envType to explain a resource of an environment to be`,
        );
      }
      envType = env.type;
    }
    return explainMatch(await this.definitions(), {
      name: resource.resId,
      type: resource.type,
      class: resource.class,
      resId: resource.resId,
      appId: resource.app,
      envId: resource.env,
      envType,
    });
  }

  // Environments

  async listEnvironments(app: string): Promise<Environment[]> {
    return (await this.options.store.listEnvironments(app)).map(environmentOf);
  }

  async getEnvironment(
    app: string,
    env: string,
  ): Promise<{
    environment: Environment;
    resources: EnvironmentResource[];
    workloads: EnvironmentWorkload[];
    runs: OrchestratorRun[];
  }> {
    const { store } = this.options;
    const row = await store.getEnvironment(app, env);
    if (!row) throw refused('missing', app, env);
    const [resources, workloads, runs] = await Promise.all([
      store.listResources(app, env),
      store.listWorkloads(app, env),
      store.listRuns(app, env, 20),
    ]);
    const byId = new Map(resources.map(r => [r.resId, r]));
    return {
      environment: environmentOf(row),
      resources: resources.map(r => this.resourceView(r)),
      workloads: workloads.map(w => ({
        name: w.name,
        score: w.score,
        updatedAt: iso(w.updatedAt)!,
        updatedBy: w.updatedBy,
        resolved: this.resolvedValues(w.name, w.score, byId),
      })),
      runs: runs.map(runOf),
    };
  }

  async createEnvironment(
    app: AppEntity,
    input: {
      id: string;
      type: string;
      owner?: string;
      from?: string;
      ttlMs?: number;
    },
    by: string,
  ): Promise<{ environment: Environment; run?: OrchestratorRun }> {
    const types = await this.environmentTypes();
    if (!types.some(t => t.id === input.type)) {
      throw new InputError(
        `body type: "${
          input.type
        }" is not an environment type; the types are: ${types
          .map(t => t.id)
          .join(', ')}`,
      );
    }
    const now = this.now();
    const runId = input.from ? randomUUID() : undefined;
    const row: EnvironmentRow = {
      app: app.ref,
      id: input.id,
      type: input.type,
      owner: input.owner ?? app.owner ?? by,
      createdBy: by,
      createdAt: now,
      from: input.from,
      expiresAt: input.ttlMs === undefined ? undefined : now + input.ttlMs,
      status: 'ready',
      updatedAt: now,
    };
    const { secrets } = this.options;
    const result = await this.options.store.createEnvironment(
      row,
      runId
        ? { id: runId, action: 'provision', requestedBy: by, now }
        : undefined,
      (sealed, from, to) =>
        secrets.seal(
          secrets.open(sealed, valueContext(from.app, from.env, from.key)),
          valueContext(to.app, to.env, to.key),
        ),
    );
    if (result === 'exists') {
      throw new ConflictError(
        `Environment "${input.id}" of ${app.ref} exists already`,
      );
    }
    if (result === 'from-missing') {
      throw new InputError(
        `body from: ${app.ref} has no environment "${input.from}" to copy`,
      );
    }
    this.options.kick();
    const created = await this.options.store.getEnvironment(app.ref, input.id);
    const run = runId ? await this.options.store.getRun(runId) : undefined;
    return {
      environment: environmentOf(created ?? row),
      run: run ? runOf(run) : undefined,
    };
  }

  async updateEnvironment(
    app: string,
    env: string,
    change: { ttlMs?: number | null; owner?: string },
  ): Promise<Environment> {
    const now = this.now();
    const result = await this.options.store.updateEnvironment(
      app,
      env,
      {
        expiresAt:
          change.ttlMs === undefined || change.ttlMs === null
            ? change.ttlMs
            : now + change.ttlMs,
        owner: change.owner,
      },
      now,
    );
    if (result !== 'updated') throw refused(result, app, env);
    return environmentOf((await this.options.store.getEnvironment(app, env))!);
  }

  async lockEnvironment(
    app: string,
    env: string,
    lock: { reason: string } | null,
    by: string,
  ): Promise<Environment> {
    const now = this.now();
    const result = await this.options.store.updateEnvironment(
      app,
      env,
      { lock: lock ? { reason: lock.reason, by, at: now } : null },
      now,
    );
    if (result !== 'updated') throw refused(result, app, env);
    return environmentOf((await this.options.store.getEnvironment(app, env))!);
  }

  async deleteEnvironment(
    app: string,
    env: string,
    by: string,
    options: { allowLocked: boolean },
  ): Promise<OrchestratorRun> {
    const id = randomUUID();
    const result = await this.options.store.deleteEnvironment(
      app,
      env,
      { id, action: 'delete', requestedBy: by, now: this.now() },
      { allowLocked: options.allowLocked },
    );
    if (result !== 'queued') throw refused(result, app, env);
    this.options.kick();
    return runOf((await this.options.store.getRun(id))!);
  }

  // Workloads

  /**
   * Checks a Score file and whether every resource of the environment's
   * workloads, with it, can be provisioned; then stores it and queues the
   * run. Every problem is a 400 naming the file, line and key or the
   * resource; nothing is stored then.
   */
  async putWorkload(
    app: string,
    env: string,
    score: string,
    by: string,
    options: { allowLocked: boolean; file?: string; name?: string },
  ): Promise<{ workload: string; run: OrchestratorRun }> {
    const file = options.file ?? 'score.yaml';
    const parsed = parseScore(score, file);
    if (!parsed.workload) {
      throw new InputError(
        `${file} is not a valid Score workload:\n${parsed.problems
          .map(formatScoreProblem)
          .join('\n')}`,
      );
    }
    const name = String(parsed.workload.metadata.name);
    if (options.name !== undefined && options.name !== name) {
      throw new InputError(
        `${file}: metadata.name is "${name}", but the request is for workload "${options.name}"`,
      );
    }
    const environment = await this.options.store.getEnvironment(app, env);
    if (!environment) throw refused('missing', app, env);
    const others = await this.parsedWorkloads(app, env, name);
    const { problems } = planResources(
      { app, env, envType: environment.type },
      [...others, { name, workload: parsed.workload }],
      await this.definitions(),
      this.options.drivers,
    );
    if (problems.length > 0) {
      throw new InputError(
        `${file} cannot be provisioned in environment "${env}" of ${app}:\n${problems.join(
          '\n',
        )}`,
      );
    }
    const id = randomUUID();
    const result = await this.options.store.changeWorkload(
      app,
      env,
      name,
      score,
      { id, action: 'provision', requestedBy: by, now: this.now() },
      options,
    );
    if (result !== 'queued') throw refused(result, app, env);
    this.options.kick();
    return {
      workload: name,
      run: runOf((await this.options.store.getRun(id))!),
    };
  }

  async deleteWorkload(
    app: string,
    env: string,
    name: string,
    by: string,
    options: { allowLocked: boolean },
  ): Promise<OrchestratorRun> {
    const id = randomUUID();
    const result = await this.options.store.changeWorkload(
      app,
      env,
      name,
      undefined,
      { id, action: 'provision', requestedBy: by, now: this.now() },
      options,
    );
    if (result !== 'queued') throw refused(result, app, env);
    this.options.kick();
    return runOf((await this.options.store.getRun(id))!);
  }

  // Runs

  async getRun(app: string, env: string, id: string): Promise<OrchestratorRun> {
    const run = await this.options.store.getRun(id);
    if (!run || run.app !== app || run.env !== env) {
      throw new NotFoundError(
        `Run ${id} of environment "${env}" of ${app} does not exist`,
      );
    }
    return runOf(run);
  }

  // Shared values and secrets

  async listValues(app: string, env: string): Promise<SharedValue[]> {
    return (await this.options.store.listValues(app, env)).map(v => ({
      key: v.key,
      secret: v.secret,
      value: v.secret ? undefined : v.value,
      description: v.description,
      scope: scopeOf(app, env),
      updatedAt: iso(v.updatedAt)!,
      updatedBy: v.updatedBy,
    }));
  }

  async putValue(
    scope: { app: string; env: string },
    input: {
      key: string;
      value: string;
      secret: boolean;
      description?: string;
    },
    by: string,
  ): Promise<SharedValue> {
    if (
      scope.env &&
      !(await this.options.store.getEnvironment(scope.app, scope.env))
    ) {
      throw refused('missing', scope.app, scope.env);
    }
    const row: ValueRow = {
      app: scope.app,
      env: scope.env,
      key: input.key,
      secret: input.secret,
      value: input.secret
        ? this.options.secrets.seal(
            input.value,
            valueContext(scope.app, scope.env, input.key),
          )
        : input.value,
      description: input.description ?? '',
      updatedAt: this.now(),
      updatedBy: by,
    };
    await this.options.store.putValue(row);
    return (await this.listValues(scope.app, scope.env)).find(
      v => v.key === input.key,
    )!;
  }

  async deleteValue(
    scope: { app: string; env: string },
    key: string,
  ): Promise<void> {
    if (!(await this.options.store.deleteValue(scope.app, scope.env, key))) {
      throw new NotFoundError(`No value "${key}" is set there`);
    }
  }

  /**
   * Seals again, with the current key, every secret sealed with an older
   * one; the number sealed again.
   */
  async rotateSecrets(): Promise<number> {
    const { secrets } = this.options;
    return this.options.store.resealAll((sealed, context) =>
      secrets.needsRotation(sealed)
        ? secrets.rotate(sealed, context)
        : undefined,
    );
  }

  // Helpers

  private async parsedWorkloads(
    app: string,
    env: string,
    except?: string,
  ): Promise<Array<{ name: string; workload: ScoreWorkload }>> {
    const rows = await this.options.store.listWorkloads(app, env);
    return rows
      .filter(r => r.name !== except)
      .flatMap(r => {
        const { workload } = parseScore(r.score, r.name);
        return workload ? [{ name: r.name, workload }] : [];
      });
  }

  private resourceView(row: ResourceRow): EnvironmentResource {
    let secretOutputs: string[] = [];
    if (row.sealedSecrets) {
      try {
        secretOutputs = Object.keys(
          JSON.parse(
            this.options.secrets.open(
              row.sealedSecrets,
              resourceContext(row.app, row.env, row.resId),
            ),
          ),
        );
      } catch {
        // Sealed with a key no longer configured: named by its type.
        secretOutputs =
          resourceTypeOf(row.type)
            ?.outputs.filter(o => o.secret)
            .map(o => o.name) ?? [];
      }
    }
    return {
      resId: row.resId,
      type: row.type,
      class: row.class,
      definitionId: row.definitionId,
      driver: row.driver,
      usedBy: row.usedBy,
      dependsOn: row.dependsOn ?? [],
      status: row.status,
      outputs: row.outputs ?? {},
      secretOutputs,
      error: row.error,
      createdAt: iso(row.createdAt)!,
      updatedAt: iso(row.updatedAt)!,
    };
  }

  /** A workload's values with placeholders resolved, secrets masked. */
  private resolvedValues(
    name: string,
    score: string,
    resources: Map<string, ResourceRow>,
  ): EnvironmentWorkload['resolved'] {
    const { workload } = parseScore(score, name);
    if (!workload) return undefined;
    const resolved: Array<{ key: string; value: string }> = [];
    for (const { path, value } of placeholderValues(workload)) {
      if (!value.includes('${')) continue;
      let complete = true;
      const text = substitutePlaceholders(value, ({ segments }) => {
        if (segments[0] === 'metadata') {
          let current: unknown = workload.metadata;
          for (const s of segments.slice(1)) {
            current = (current as Record<string, unknown> | undefined)?.[s];
          }
          return String(current ?? '');
        }
        const resource = workload.resources?.[segments[1]];
        const row = resource
          ? resources.get(resourceIdOf(name, segments[1], resource.id))
          : undefined;
        if (!row || row.status !== 'ready') {
          complete = false;
          return `\${${segments.join('.')}}`;
        }
        const output = segments[2];
        // `${resources.data}` names a volume: its source, as Score's
        // implementations resolve it.
        if (output === undefined) return row.outputs?.source ?? row.resId;
        if (row.outputs && output in row.outputs) {
          const secret = resourceTypeOf(row.type)?.outputs.find(
            o => o.name === output,
          )?.secret;
          return secret ? MASK : row.outputs[output];
        }
        return MASK;
      });
      if (complete) resolved.push({ key: path.join('.'), value: text });
    }
    return resolved;
  }
}
