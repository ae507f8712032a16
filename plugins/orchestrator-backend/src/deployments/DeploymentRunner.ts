import type { LoggerService } from '@backstage/backend-plugin-api';
import {
  formatScoreProblem,
  parseScore,
  type DeploymentDelivery,
  type DeploymentStageName,
  type ScoreWorkload,
} from '@plinth/plugin-orchestrator-common';
import {
  DEFAULT_RESOURCE_TYPES,
  defaultResources,
  renderWorkloads,
  type KubernetesObject,
  type RenderInput,
  type RenderProblem,
  type Routing,
  type SecretBox,
} from '@plinth/plugin-orchestrator-node';
import type { DatabaseDeploymentStore } from '../database/DatabaseDeploymentStore';
import { resourceContext } from '../database/DatabaseOrchestratorStore';
import type {
  DeploymentRow,
  EnvironmentRow,
  OrchestratorStore,
  RunRow,
} from '../database/OrchestratorStore';
import type { ProvisioningPlan } from '../provisioning/plan';
import { snapshotOf } from './snapshot';
import { pendingStages, StageLog } from './StageLog';
import type { DeliveryRequest, DeliveryTarget } from './targets';

/** How often a deployment is tried when its replica keeps dying. */
export const MAX_DEPLOYMENT_ATTEMPTS = 3;

/** What the run executor lends a deployment: its provisioning. */
export interface ProvisioningSteps {
  /**
   * Provisions the environment's workloads' resources, leaving the types
   * given to the built-in defaults when no definition matches them; on
   * failure deletes what it made and throws.
   */
  provision(options: {
    defaultable?: ReadonlySet<string>;
  }): Promise<ProvisioningPlan>;
  /** Deletes the resources this run made; the problems, if any. */
  cleanUp(): Promise<string[]>;
  /** The app's shared values with the environment's over them, opened. */
  sharedValues(): Promise<{
    values: Record<string, string>;
    secrets: Record<string, string>;
  }>;
}

/** What {@link DeploymentRunner} needs. */
export interface DeploymentRunnerOptions {
  store: OrchestratorStore;
  deployments: DatabaseDeploymentStore;
  secrets: SecretBox;
  logger: LoggerService;
  /** Where an environment's manifests go; undefined when nowhere is set. */
  targetOf: (env: EnvironmentRow) => DeliveryTarget | undefined;
  /** The Kubernetes namespace of an environment. */
  namespaceOf: (env: EnvironmentRow) => string;
  /** Environment types whose unmatched resources get in-cluster defaults. */
  defaultsFor: ReadonlySet<string>;
  /** The secret the defaults' generated passwords derive from. */
  defaultsSeed: () => Promise<string>;
  /** How long verification may wait for the delivered objects. */
  verifyTimeoutMs: number;
  /**
   * How workloads' routes render: an Ingress (of a class) or Gateway API
   * HTTPRoutes attached to a Gateway; Ingresses of the cluster's default
   * class when not given.
   */
  routing?: Routing;
  now?: () => number;
}

/** A stage's failure: its message is the deployment's error. */
class StageFailure extends Error {}

/** The replica no longer holds the deployment: stop without a trace. */
class LeaseLost extends Error {}

/**
 * Carries out a deployment — the `deploy` run of the same id — stage by
 * stage: provisioning (the environment's workloads become the deployment's
 * set, and their resources are provisioned), rendering (Kubernetes
 * manifests, validated), delivering (GitOps commit or server-side apply)
 * and verifying. Each stage's status and log are saved as it goes. A
 * deployment resumed after its replica died starts again from
 * provisioning, which is idempotent, as are rendering and delivering the
 * same set.
 */
export class DeploymentRunner {
  private readonly now: () => number;

  constructor(private readonly options: DeploymentRunnerOptions) {
    this.now = options.now ?? Date.now;
  }

  async deploy(
    env: EnvironmentRow,
    run: RunRow,
    owner: string,
    steps: ProvisioningSteps,
    signal: AbortSignal,
    logger: LoggerService,
  ): Promise<void> {
    const { deployments } = this.options;
    const deployment = await deployments.getDeployment(
      run.app,
      run.env,
      run.id,
    );
    if (!deployment) throw new Error(`Deployment ${run.id} does not exist.`);
    const save = async (
      progress: Parameters<typeof deployments.saveProgress>[2],
    ) => {
      if (signal.aborted) throw new LeaseLost();
      if (!(await deployments.saveProgress(run.id, owner, progress))) {
        throw new LeaseLost();
      }
    };
    // A resumed deployment starts again from provisioning, its logs kept.
    const stages =
      run.attempts > 1
        ? deployment.stages.map(stage => ({
            ...stage,
            status: 'pending' as const,
            startedAt: undefined,
            finishedAt: undefined,
          }))
        : pendingStages();
    const log = new StageLog(
      stages,
      current => save({ stages: current }),
      this.now,
    );
    let stage: DeploymentStageName = 'provisioning';
    try {
      if (run.attempts > MAX_DEPLOYMENT_ATTEMPTS) {
        throw new StageFailure(
          `It was stopped mid-way ${MAX_DEPLOYMENT_ATTEMPTS} times (the replica working on it died each time), so it is not tried again.`,
        );
      }
      await save({ status: 'provisioning', startedAt: this.now() });
      if (run.attempts > 1) {
        log.line(
          'provisioning',
          `Resumed (attempt ${run.attempts}): the replica working on it stopped.`,
          'warn',
        );
      }
      const target = this.options.targetOf(env);

      await log.start(stage);
      const plan = await this.provision(
        deployment,
        env,
        run,
        owner,
        steps,
        log,
      );
      await log.finish(stage, 'succeeded');

      stage = 'rendering';
      await save({ status: stage });
      await log.start(stage);
      const request = await this.render(deployment, env, plan, steps, log);
      await log.finish(stage, 'succeeded');

      stage = 'delivering';
      await save({ status: stage });
      await log.start(stage);
      if (!target) {
        throw new StageFailure(
          `No delivery is configured for environment type "${env.type}"; set plinth.orchestrator.deployments.targets in app-config.`,
        );
      }
      log.line(stage, `Delivering to ${target.description}.`);
      await log.flush();
      const delivery = await target.deliver(request);
      log.line(stage, deliveredLine(delivery));
      await save({ delivery });
      await log.finish(stage, 'succeeded');

      stage = 'verifying';
      await save({ status: stage });
      await log.start(stage);
      log.line(
        stage,
        await target.verify(request, delivery, {
          timeoutMs: this.options.verifyTimeoutMs,
          signal,
        }),
      );
      await log.finish(stage, 'succeeded');
    } catch (error) {
      if (error instanceof LeaseLost || signal.aborted) throw error;
      const message = (error as Error).message ?? String(error);
      log.line(stage, message, 'error');
      await log.finish(stage, 'failed');
      for (const later of log.current) {
        if (later.status === 'pending') later.status = 'skipped';
      }
      await log.flush();
      await this.restore(deployment, run, owner, steps, logger);
      throw new StageFailure(`The ${stage} stage failed: ${message}`);
    }
  }

  private async provision(
    deployment: DeploymentRow,
    env: EnvironmentRow,
    run: RunRow,
    owner: string,
    steps: ProvisioningSteps,
    log: StageLog,
  ): Promise<ProvisioningPlan> {
    const { deployments } = this.options;
    const held = await deployments.replaceWorkloads(
      run,
      owner,
      deployment.workloads.map(w => ({ name: w.name, score: w.score })),
      deployment.requestedBy,
      this.now(),
    );
    if (!held) throw new LeaseLost();
    const defaultable = this.options.defaultsFor.has(env.type)
      ? new Set(DEFAULT_RESOURCE_TYPES)
      : undefined;
    const plan = await steps.provision({ defaultable });
    for (const resource of plan.resources) {
      log.line(
        'provisioning',
        `${resource.resId} (${resource.type}) is ready, from definition ${resource.definition.id} (driver ${resource.driver.id}).`,
      );
    }
    for (const resId of new Set(plan.defaulted.map(d => d.resId))) {
      log.line(
        'provisioning',
        `${resId} has no resource definition in this ${env.type} environment: the built-in in-cluster default is rendered for it.`,
      );
    }
    const [appValues, envValues] = await Promise.all([
      this.options.store.listValues(env.app, ''),
      this.options.store.listValues(env.app, env.id),
    ]);
    const snapshot = snapshotOf(plan, {
      app: appValues,
      environment: envValues,
    });
    if (!(await deployments.saveProgress(run.id, owner, { snapshot }))) {
      throw new LeaseLost();
    }
    return plan;
  }

  private async render(
    deployment: DeploymentRow,
    env: EnvironmentRow,
    plan: ProvisioningPlan,
    steps: ProvisioningSteps,
    log: StageLog,
  ): Promise<DeliveryRequest> {
    const workloads: Record<string, ScoreWorkload> = {};
    for (const deployed of deployment.workloads) {
      const parsed = parseScore(deployed.score, `workload ${deployed.name}`);
      if (!parsed.workload) {
        throw new StageFailure(
          parsed.problems.map(formatScoreProblem).join(' '),
        );
      }
      workloads[deployed.name] = parsed.workload;
    }
    const namespace = this.options.namespaceOf(env);
    const resources = await this.resolvedResources(env, plan);
    const manifests: KubernetesObject[] = [];
    const problems: RenderProblem[] = [];

    if (plan.defaulted.length > 0) {
      const defaulted = await defaultResources({
        app: env.app,
        environment: { id: env.id, type: env.type },
        namespace,
        workloads: onlyResources(workloads, plan.defaulted),
        seed: await this.options.defaultsSeed(),
        sharedValues: await steps.sharedValues(),
      });
      problems.push(...defaulted.problems);
      manifests.push(...defaulted.manifests);
      for (const [workload, byName] of Object.entries(defaulted.resources)) {
        resources[workload] = { ...resources[workload], ...byName };
      }
    }
    const rendered = renderWorkloads({
      app: env.app,
      environment: { id: env.id, type: env.type },
      namespace,
      workloads,
      resources,
      strategies: Object.fromEntries(
        deployment.workloads
          .filter(w => w.strategy)
          .map(w => [w.name, w.strategy!]),
      ),
      images: Object.fromEntries(
        deployment.workloads
          .filter(w => w.images)
          .map(w => [w.name, w.images!]),
      ),
      scaling: Object.fromEntries(
        deployment.workloads
          .filter(w => w.scaling)
          .map(w => [w.name, w.scaling!]),
      ),
      routing: this.options.routing,
    });
    problems.push(...rendered.problems);
    manifests.push(...rendered.manifests);
    if (problems.length > 0) {
      throw new StageFailure(
        `The manifests are not valid: ${problems
          .map(p => p.message)
          .join(' ')}`,
      );
    }
    log.line(
      'rendering',
      `Rendered ${
        manifests.length
      } objects in namespace ${namespace}: ${manifests
        .map(m => `${m.kind}/${m.metadata.name}`)
        .join(', ')}.`,
    );
    return {
      app: env.app,
      environment: env.id,
      namespace,
      deploymentId: deployment.id,
      requestedBy: deployment.requestedBy,
      manifests,
    };
  }

  /** Each workload's provisioned resources by name, secrets opened. */
  private async resolvedResources(
    env: EnvironmentRow,
    plan: ProvisioningPlan,
  ): Promise<RenderInput['resources']> {
    const rows = new Map(
      (await this.options.store.listResources(env.app, env.id)).map(r => [
        r.resId,
        r,
      ]),
    );
    const resources: RenderInput['resources'] = {};
    for (const [workload, names] of Object.entries(plan.names)) {
      resources[workload] = {};
      for (const [name, resId] of Object.entries(names)) {
        const row = rows.get(resId);
        if (!row || row.status !== 'ready') continue;
        resources[workload][name] = {
          outputs: row.outputs ?? {},
          secrets: row.sealedSecrets
            ? JSON.parse(
                this.options.secrets.open(
                  row.sealedSecrets,
                  resourceContext(env.app, env.id, resId),
                ),
              )
            : {},
        };
      }
    }
    return resources;
  }

  /**
   * After a failure past provisioning: the resources this deployment made
   * go, and the environment's workloads are those of its last successful
   * deployment again (none if it has none).
   */
  private async restore(
    deployment: DeploymentRow,
    run: RunRow,
    owner: string,
    steps: ProvisioningSteps,
    logger: LoggerService,
  ): Promise<void> {
    const problems = await steps.cleanUp();
    if (problems.length) {
      logger.warn(
        `Deployment ${
          deployment.id
        } failed, and deleting what it made failed too: ${problems.join(' ')}`,
      );
    }
    const last = await this.options.deployments.lastDeployment(
      run.app,
      run.env,
      'succeeded',
    );
    await this.options.deployments.replaceWorkloads(
      run,
      owner,
      (last?.workloads ?? []).map(w => ({ name: w.name, score: w.score })),
      deployment.requestedBy,
      this.now(),
    );
  }
}

function deliveredLine(delivery: DeploymentDelivery): string {
  if (delivery.kind === 'gitops') {
    return delivery.changed
      ? `Committed ${delivery.commit.slice(0, 12)} to ${
          delivery.path
        } and pushed it.`
      : `${
          delivery.path
        } already held these manifests (commit ${delivery.commit.slice(
          0,
          12,
        )}); nothing to commit.`;
  }
  return `Applied ${delivery.applied.length} objects to cluster ${delivery.cluster} (namespace ${delivery.namespace}); pruned ${delivery.pruned.length}.`;
}

/** The workloads with only the resources given (for the defaults). */
function onlyResources(
  workloads: Record<string, ScoreWorkload>,
  keep: ProvisioningPlan['defaulted'],
): Record<string, ScoreWorkload> {
  const result: Record<string, ScoreWorkload> = {};
  for (const [name, workload] of Object.entries(workloads)) {
    const names = new Set(
      keep.filter(k => k.workload === name).map(k => k.name),
    );
    result[name] = {
      ...workload,
      resources: Object.fromEntries(
        Object.entries(workload.resources ?? {}).filter(([n]) => names.has(n)),
      ),
    };
  }
  return result;
}
