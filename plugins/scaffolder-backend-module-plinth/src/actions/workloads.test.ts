import type { OrchestratorService } from '@plinth/plugin-orchestrator-node';
import { execFileSync } from 'node:child_process';
import { parse as parseYaml } from 'yaml';
import { runStep } from '../__testUtils__/actionContext';
import {
  APP,
  cartScore,
  commitsOf,
  startOrchestrator,
} from '../__testUtils__/orchestrator';
import { createDeployAction } from './deployments';
import { createEnvironmentCreateAction } from './environments';
import { createWorkloadScaleAction } from './scaling';
import {
  createWorkloadResourceAction,
  createWorkloadVariablesAction,
} from './workloads';

jest.setTimeout(120_000);

describe('the workload actions', () => {
  let orchestrator: OrchestratorService;
  let repo: string;
  const deployedScore = async () => {
    const [last] = await orchestrator.listDeployments(APP, 'development');
    const deployment = await orchestrator.getDeployment(
      APP,
      'development',
      last.id,
    );
    return parseYaml(deployment.workloads[0].score);
  };

  beforeAll(async () => {
    ({ orchestrator, repo } = await startOrchestrator());
    await runStep(createEnvironmentCreateAction({ orchestrator }), {
      app: APP,
      id: 'development',
      type: 'development',
    });
    await runStep(createDeployAction({ orchestrator }), {
      app: APP,
      environment: 'development',
      workload: 'cart',
      score: cartScore(),
      images: { main: 'ghcr.io/acme/cart:1.4.0' },
    });
  });

  it('adds and removes environment variables and deploys the change, keeping the images', async () => {
    const action = createWorkloadVariablesAction({ orchestrator });
    const input = {
      app: APP,
      environment: 'development',
      workload: 'cart',
      set: { FEATURE_CHECKOUT_V2: 'on' },
      remove: ['GREETING'],
    };
    const commits = commitsOf(repo).length;
    const dry = await runStep(action, input, { isDryRun: true });
    expect(dry.logs).toEqual([
      `Dry run: would deploy cart to development of ${APP} with its variables changed (main: add FEATURE_CHECKOUT_V2=on; main: remove GREETING).`,
    ]);
    expect(commitsOf(repo)).toHaveLength(commits);

    const run = await runStep(action, input);
    expect(run.outputs).toMatchObject({
      changes: ['main: add FEATURE_CHECKOUT_V2=on', 'main: remove GREETING'],
      status: 'succeeded',
    });
    expect((await deployedScore()).containers.main.variables).toEqual({
      FEATURE_CHECKOUT_V2: 'on',
    });
    const [last] = await orchestrator.listDeployments(APP, 'development');
    expect(last.workloads[0].images).toEqual({
      main: 'ghcr.io/acme/cart:1.4.0',
    });
    expect(commitsOf(repo)).toHaveLength(commits + 1);

    const again = await runStep(action, input);
    expect(again.outputs).toEqual({ changes: [], status: 'unchanged' });
  });

  it("adds an S3 bucket to the Score file; development provisions it in the cluster's defaults", async () => {
    const action = createWorkloadResourceAction({ orchestrator });
    const run = await runStep(action, {
      app: APP,
      environment: 'development',
      workload: 'cart',
      name: 'images',
      type: 's3',
    });
    expect(run.outputs.status).toBe('succeeded');
    expect((await deployedScore()).resources).toEqual({
      images: { type: 's3' },
    });
    // The commit carries the bucket's server.
    const files = execFileSync(
      'git',
      ['ls-tree', '-r', '--name-only', 'main'],
      {
        cwd: repo,
        encoding: 'utf8',
      },
    );
    expect(files).toMatch(/statefulset-cart-images-[^\n]*\.yaml/);

    await expect(
      runStep(action, {
        app: APP,
        environment: 'development',
        workload: 'cart',
        name: 'images',
        type: 'redis',
      }),
    ).rejects.toThrow(
      'The Score file already has a resource "images" ({"type":"s3"}); choose another name',
    );
  });

  it('scales the workload to a number of pods, then between autoscaling bounds', async () => {
    const action = createWorkloadScaleAction({ orchestrator });
    const base = { app: APP, environment: 'development', workload: 'cart' };
    const dry = await runStep(
      action,
      { ...base, replicas: 3 },
      { isDryRun: true },
    );
    expect(dry.logs).toEqual([
      `Dry run: would scale cart in development of ${APP} from 1 pod to 3 pods.`,
    ]);
    const fixed = await runStep(action, { ...base, replicas: 3 });
    expect(fixed.outputs).toMatchObject({
      scaling: '3 pods',
      status: 'succeeded',
    });
    const autoscaled = await runStep(action, {
      ...base,
      minReplicas: 2,
      maxReplicas: 10,
    });
    expect(autoscaled.outputs.scaling).toBe(
      'between 2 and 10 pods at 80 % CPU',
    );
    const files = execFileSync(
      'git',
      ['ls-tree', '-r', '--name-only', 'main'],
      {
        cwd: repo,
        encoding: 'utf8',
      },
    );
    expect(files).toContain('horizontalpodautoscaler-cart.yaml');
    await expect(
      runStep(action, { ...base, replicas: 2, minReplicas: 1, maxReplicas: 3 }),
    ).rejects.toThrow(
      'Give either replicas (a number of pods) or minReplicas and maxReplicas (autoscaling bounds)',
    );
    await expect(
      runStep(action, { ...base, minReplicas: 6, maxReplicas: 3 }),
    ).rejects.toThrow('minReplicas (6) must not be more than maxReplicas (3)');
  });
});
