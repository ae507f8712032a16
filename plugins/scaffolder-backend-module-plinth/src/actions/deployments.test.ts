import { mockCredentials } from '@backstage/backend-test-utils';
import { orchestratorDeployLockedPermission } from '@plinth/plugin-orchestrator-common';
import type { OrchestratorService } from '@plinth/plugin-orchestrator-node';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runStep } from '../__testUtils__/actionContext';
import {
  APP,
  cartScore,
  commitsOf,
  startOrchestrator,
} from '../__testUtils__/orchestrator';
import {
  createDeployAction,
  createPromoteAction,
  createRollbackAction,
  withTag,
} from './deployments';
import {
  createEnvironmentCreateAction,
  createEnvironmentLockAction,
} from './environments';

jest.setTimeout(120_000);

describe('the deployment actions', () => {
  let orchestrator: OrchestratorService;
  let repo: string;
  beforeAll(async () => {
    ({ orchestrator, repo } = await startOrchestrator({
      deny: [orchestratorDeployLockedPermission.name],
    }));
    const create = createEnvironmentCreateAction({ orchestrator });
    for (const [id, type] of [
      ['development', 'development'],
      ['production', 'production'],
    ]) {
      await runStep(create, { app: APP, id, type });
    }
  });

  it("deploys the workspace's Score file, then a new tag as a canary, each committed to the GitOps remote", async () => {
    const deploy = createDeployAction({ orchestrator });
    const workspacePath = await fs.mkdtemp(path.join(os.tmpdir(), 'ws-'));
    await fs.writeFile(path.join(workspacePath, 'score.yaml'), cartScore());
    const first = await runStep(
      deploy,
      {
        app: APP,
        environment: 'development',
        workload: 'cart',
        scorePath: 'score.yaml',
      },
      { workspacePath },
    );
    expect(first.outputs).toMatchObject({ status: 'succeeded' });
    expect(first.logs).toContain('Stage delivering: succeeded.');
    const commitsBefore = commitsOf(repo);
    expect(commitsBefore[0]).toContain(String(first.outputs.deploymentId));

    // A dry run says what it would deploy, and deploys nothing.
    const canaryInput = {
      app: APP,
      environment: 'development',
      workload: 'cart',
      tag: '1.1.0',
      strategy: 'canary',
      canarySteps: [{ weight: 10, pauseSeconds: 30 }, { weight: 50 }],
      commit: { sha: 'a1b2c3d4e5f6', message: 'Faster checkout' },
    };
    const dry = await runStep(deploy, canaryInput, { isDryRun: true });
    expect(dry.logs).toEqual([
      `Dry run: would deploy cart to development of ${APP} (canary: 10 % for 30 s, then 50 %, then all; images main ghcr.io/acme/cart:1.1.0).`,
    ]);
    expect(commitsOf(repo)).toEqual(commitsBefore);

    const canary = await runStep(deploy, canaryInput);
    expect(canary.outputs.status).toBe('succeeded');
    const deployed = await orchestrator.getDeployment(
      APP,
      'development',
      String(canary.outputs.deploymentId),
    );
    expect(deployed.workloads[0]).toMatchObject({
      name: 'cart',
      images: { main: 'ghcr.io/acme/cart:1.1.0' },
      commit: { sha: 'a1b2c3d4e5f6', message: 'Faster checkout' },
      strategy: {
        type: 'canary',
        steps: [{ weight: 10, pauseSeconds: 30 }, { weight: 50 }],
      },
    });
    expect(commitsOf(repo)).toHaveLength(commitsBefore.length + 1);
  });

  it('rolls back to the deployment before, and promotes to production', async () => {
    const rollback = createRollbackAction({ orchestrator });
    const [current, before] = (
      await orchestrator.listDeployments(APP, 'development')
    ).filter(d => d.status === 'succeeded');
    const dry = await runStep(
      rollback,
      { app: APP, environment: 'development' },
      { isDryRun: true },
    );
    expect(dry.outputs).toEqual({ rolledBackTo: before.id, status: 'dry-run' });
    expect(dry.logs[0]).toMatch(
      new RegExp(
        `^Dry run: would roll development of ${APP} back to deployment ${before.id} of .* \\(cart\\)\\.$`,
      ),
    );
    const rolledBack = await runStep(rollback, {
      app: APP,
      environment: 'development',
      comment: 'Canary errors',
    });
    expect(rolledBack.outputs).toMatchObject({
      rolledBackTo: before.id,
      status: 'succeeded',
    });
    const latest = await orchestrator.getDeployment(
      APP,
      'development',
      String(rolledBack.outputs.deploymentId),
    );
    expect(latest).toMatchObject({
      kind: 'rollback',
      source: { deployment: before.id },
      comment: 'Canary errors',
    });
    expect(latest.workloads[0].images ?? {}).not.toEqual(
      (await orchestrator.getDeployment(APP, 'development', current.id))
        .workloads[0].images,
    );

    const promote = createPromoteAction({ orchestrator });
    const promoted = await runStep(promote, {
      app: APP,
      from: 'development',
      to: 'production',
    });
    expect(promoted.outputs.status).toBe('succeeded');
    const [production] = await orchestrator.listDeployments(APP, 'production');
    expect(production).toMatchObject({
      kind: 'promotion',
      source: { environment: 'development' },
    });
  });

  it('refuses a locked environment to a user who may not override the lock, saying why', async () => {
    await runStep(createEnvironmentLockAction({ orchestrator }), {
      app: APP,
      environment: 'production',
      reason: 'Black Friday freeze',
    });
    const before = await orchestrator.listDeployments(APP, 'production');
    await expect(
      runStep(
        createDeployAction({ orchestrator }),
        { app: APP, environment: 'production', workload: 'cart', tag: '9.9.9' },
        { credentials: mockCredentials.user('user:default/eve') },
      ),
    ).rejects.toThrow(
      /^Could not deploy cart to production of .*: Environment "production" of .* is locked; unlock it, or ask for the .*deploy\.locked permission$/,
    );
    expect(await orchestrator.listDeployments(APP, 'production')).toEqual(
      before,
    );
  });

  it('says when there is nothing to take images from, or to go back to', async () => {
    await runStep(createEnvironmentCreateAction({ orchestrator }), {
      app: APP,
      id: 'empty',
      type: 'development',
    });
    await expect(
      runStep(createDeployAction({ orchestrator }), {
        app: APP,
        environment: 'empty',
        workload: 'cart',
        tag: '2.0.0',
      }),
    ).rejects.toThrow(
      `Environment empty of ${APP} has no successful deployment to take cart from: give its Score file`,
    );
    await expect(
      runStep(createRollbackAction({ orchestrator }), {
        app: APP,
        environment: 'empty',
      }),
    ).rejects.toThrow(
      `empty of ${APP} has no earlier successful deployment to go back to`,
    );
  });
});

describe('withTag', () => {
  it.each([
    ['ghcr.io/acme/cart:1.0', 'ghcr.io/acme/cart:2.0'],
    ['ghcr.io/acme/cart', 'ghcr.io/acme/cart:2.0'],
    ['localhost:5000/cart:1.0', 'localhost:5000/cart:2.0'],
    ['localhost:5000/cart', 'localhost:5000/cart:2.0'],
    ['cart@sha256:abc', 'cart:2.0'],
  ])('%s with tag 2.0 is %s', (image, expected) => {
    expect(withTag(image, '2.0')).toBe(expected);
  });
});
