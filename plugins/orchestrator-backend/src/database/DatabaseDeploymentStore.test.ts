import { TestDatabases } from '@backstage/backend-test-utils';
import { createTestStore, environmentRow } from '../__testUtils__/database';
import { pendingStages } from '../deployments/StageLog';
import type { DeploymentRow } from './OrchestratorStore';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });
const CART = 'component:default/cart-service';
const SCORE =
  'apiVersion: score.dev/v1b1\nmetadata:\n  name: cart\ncontainers:\n  main:\n    image: nginx\n';

const deployment = (
  id: string,
  env: string,
  createdAt: number,
): DeploymentRow => ({
  id,
  app: CART,
  env,
  kind: 'deploy',
  status: 'queued',
  workloads: [{ name: 'cart', score: SCORE }],
  stages: pendingStages(),
  requestedBy: 'user:default/ada',
  createdAt,
});

describe('DatabaseDeploymentStore on each database', () => {
  it.each(databases.eachSupportedId())(
    'queues a deployment with its run, refuses a locked, deleted or missing environment, and saves progress only under the lease, on %p',
    async databaseId => {
      const { store } = await createTestStore(databases, databaseId);
      const { deployments } = store;
      await store.createEnvironment(environmentRow(CART, 'dev', 1_000));
      await expect(
        deployments.queueDeployment(deployment('d0', 'nowhere', 1_500), 1_500, {
          allowLocked: false,
        }),
      ).resolves.toBe('missing');

      await store.updateEnvironment(
        CART,
        'dev',
        { lock: { reason: 'Freeze', by: 'user:default/ada', at: 1_100 } },
        1_100,
      );
      await expect(
        deployments.queueDeployment(deployment('d1', 'dev', 2_000), 2_000, {
          allowLocked: false,
        }),
      ).resolves.toBe('locked');
      expect(
        await deployments.getDeployment(CART, 'dev', 'd1'),
      ).toBeUndefined();
      await expect(
        deployments.queueDeployment(deployment('d1', 'dev', 2_000), 2_000, {
          allowLocked: true,
        }),
      ).resolves.toBe('queued');
      await expect(store.getRun('d1')).resolves.toMatchObject({
        action: 'deploy',
        status: 'queued',
      });
      expect((await store.getEnvironment(CART, 'dev'))?.status).toBe(
        'provisioning',
      );

      // Progress is saved only by the replica that holds the run.
      await expect(
        deployments.saveProgress('d1', 'replica-a', { status: 'rendering' }),
      ).resolves.toBe(false);
      const claimed = await store.claimRun('replica-a', 30_000, 3_000);
      expect(claimed?.id).toBe('d1');
      await expect(
        deployments.saveProgress('d1', 'replica-b', { status: 'rendering' }),
      ).resolves.toBe(false);
      await expect(
        deployments.saveProgress('d1', 'replica-a', {
          status: 'delivering',
          startedAt: 3_000,
        }),
      ).resolves.toBe(true);
      // The start is kept from the first attempt.
      await deployments.saveProgress('d1', 'replica-a', { startedAt: 9_000 });
      await expect(
        deployments.replaceWorkloads(
          claimed!,
          'replica-a',
          [{ name: 'cart', score: SCORE }],
          'user:default/ada',
          3_100,
        ),
      ).resolves.toBe(true);
      expect((await store.listWorkloads(CART, 'dev')).map(w => w.name)).toEqual(
        ['cart'],
      );

      // Finishing the run finishes the deployment, in one transaction.
      await store.finishRun(
        claimed!,
        'replica-a',
        { status: 'failed', error: 'The delivering stage failed: no.' },
        4_000,
      );
      await expect(
        deployments.getDeployment(CART, 'dev', 'd1'),
      ).resolves.toMatchObject({
        status: 'failed',
        error: 'The delivering stage failed: no.',
        startedAt: 3_000,
        finishedAt: 4_000,
      });
      expect((await store.getEnvironment(CART, 'dev'))?.status).toBe('failed');
      expect((await deployments.unreported(10)).map(d => d.id)).toEqual(['d1']);
      await deployments.markReported(['d1'], 5_000);
      expect(await deployments.unreported(10)).toEqual([]);
    },
  );

  it.each(databases.eachSupportedId())(
    'lists deployments newest first, finds the last successful one, and cancels queued ones when the environment is deleted, unreported to DORA, on %p',
    async databaseId => {
      const { store } = await createTestStore(databases, databaseId);
      const { deployments } = store;
      await store.createEnvironment(environmentRow(CART, 'dev', 1_000));
      for (const [id, at] of [
        ['d1', 2_000],
        ['d2', 3_000],
        ['d3', 4_000],
      ] as const) {
        await deployments.queueDeployment(deployment(id, 'dev', at), at, {
          allowLocked: false,
        });
      }
      const first = await store.claimRun('replica-a', 30_000, 5_000);
      expect(first?.id).toBe('d1');
      await store.finishRun(
        first!,
        'replica-a',
        { status: 'succeeded' },
        6_000,
      );

      expect(
        (await deployments.listDeployments(CART, 'dev', { limit: 10 })).map(
          d => d.id,
        ),
      ).toEqual(['d3', 'd2', 'd1']);
      expect(
        (
          await deployments.listDeployments(CART, 'dev', {
            limit: 10,
            before: 4_000,
          })
        ).map(d => d.id),
      ).toEqual(['d2', 'd1']);
      expect(
        (await deployments.lastDeployment(CART, 'dev', 'succeeded'))?.id,
      ).toBe('d1');

      await store.deleteEnvironment(CART, 'dev', {
        id: 'del',
        action: 'delete',
        requestedBy: 'user:default/ada',
        now: 7_000,
      });
      for (const id of ['d2', 'd3']) {
        await expect(
          deployments.getDeployment(CART, 'dev', id),
        ).resolves.toMatchObject({
          status: 'failed',
          error: 'It was cancelled: the environment is being deleted.',
          reportedAt: 7_000,
        });
      }
      // Only the one that ran is reported to DORA.
      expect((await deployments.unreported(10)).map(d => d.id)).toEqual(['d1']);
      await expect(
        deployments.queueDeployment(deployment('d4', 'dev', 8_000), 8_000, {
          allowLocked: true,
        }),
      ).resolves.toBe('deleting');
    },
  );
});
