import { TestDatabases } from '@backstage/backend-test-utils';
import { createTestStore, environmentRow } from '../__testUtils__/database';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });
const CART = 'component:default/cart-service';
const SCORE =
  'apiVersion: score.dev/v1b1\nmetadata:\n  name: cart\ncontainers:\n  main:\n    image: nginx\n';

const run = (
  id: string,
  now: number,
  action: 'provision' | 'delete' = 'provision',
) => ({
  id,
  action,
  requestedBy: 'user:default/ada',
  now,
});

describe('DatabaseOrchestratorStore on each database', () => {
  it.each(databases.eachSupportedId())(
    'runs one run at a time per environment, in order, and a run whose lease expired is taken over, on %p',
    async databaseId => {
      const { store } = await createTestStore(databases, databaseId);
      await store.createEnvironment(environmentRow(CART, 'dev', 1_000));
      await store.createEnvironment(environmentRow(CART, 'qa', 1_000));
      for (const [id, env, at] of [
        ['r1', 'dev', 2_000],
        ['r2', 'dev', 2_001],
        ['r3', 'qa', 2_002],
      ] as const) {
        await expect(
          store.changeWorkload(CART, env, 'cart', SCORE, run(id, at), {
            allowLocked: false,
          }),
        ).resolves.toBe('queued');
      }

      // Two replicas claim at once: each gets a different environment's run.
      const [a, b] = await Promise.all([
        store.claimRun('replica-a', 30_000, 3_000),
        store.claimRun('replica-b', 30_000, 3_000),
      ]);
      expect([a?.id, b?.id].sort()).toEqual(['r1', 'r3']);
      // r2 waits for r1, r3's environment has nothing else.
      await expect(
        store.claimRun('replica-c', 30_000, 3_000),
      ).resolves.toBeUndefined();

      const first = a?.id === 'r1' ? a! : b!;
      const firstOwner = a?.id === 'r1' ? 'replica-a' : 'replica-b';
      // The replica holding r1 dies: after its lease, another resumes r1.
      await expect(
        store.claimRun('replica-c', 30_000, 40_000),
      ).resolves.toMatchObject({
        id: expect.stringMatching(/^r[13]$/),
        attempts: 2,
        leaseOwner: 'replica-c',
      });
      // The old owner lost its lease: it can neither renew nor finish.
      await expect(
        store.renewLease(first.id, firstOwner, 50_000),
      ).resolves.toBe(false);
      await expect(
        store.finishRun(first, firstOwner, { status: 'succeeded' }, 41_000),
      ).resolves.toBe(false);
    },
  );

  it.each(databases.eachSupportedId())(
    'finishes a provisioning run, and a deletion removes the environment, on %p',
    async databaseId => {
      const { store } = await createTestStore(databases, databaseId);
      await store.createEnvironment(environmentRow(CART, 'dev', 1_000));
      await store.changeWorkload(CART, 'dev', 'cart', SCORE, run('p1', 2_000), {
        allowLocked: false,
      });
      expect((await store.getEnvironment(CART, 'dev'))?.status).toBe(
        'provisioning',
      );
      const claimed = (await store.claimRun('me', 30_000, 3_000))!;
      await store.putResource({
        app: CART,
        env: 'dev',
        resId: 'cart.db',
        type: 'postgres',
        class: 'default',
        definitionId: 'pg',
        driver: 'postgres',
        key: `${CART}/dev/cart.db`,
        params: {},
        usedBy: ['cart'],
        status: 'ready',
        outputs: { host: 'localhost' },
        createdRun: 'p1',
        createdAt: 3_000,
        updatedAt: 3_000,
      });
      await expect(
        store.finishRun(claimed, 'me', { status: 'succeeded' }, 4_000),
      ).resolves.toBe(true);
      expect(await store.getEnvironment(CART, 'dev')).toMatchObject({
        status: 'ready',
      });
      // The run's resources are no longer the run's to clean up.
      expect(
        (await store.listResources(CART, 'dev'))[0].createdRun,
      ).toBeUndefined();

      await expect(
        store.deleteEnvironment(CART, 'dev', run('d1', 5_000, 'delete')),
      ).resolves.toBe('queued');
      // Being deleted, it takes no more changes.
      await expect(
        store.changeWorkload(CART, 'dev', 'cart', SCORE, run('p2', 5_001), {
          allowLocked: false,
        }),
      ).resolves.toBe('deleting');
      await expect(
        store.updateEnvironment(CART, 'dev', { expiresAt: 99_000 }, 5_002),
      ).resolves.toBe('deleting');
      const deletion = (await store.claimRun('me', 30_000, 6_000))!;
      expect(deletion.action).toBe('delete');
      await store.finishRun(deletion, 'me', { status: 'succeeded' }, 7_000);
      expect(await store.getEnvironment(CART, 'dev')).toBeUndefined();
      expect(await store.listResources(CART, 'dev')).toEqual([]);
      expect(await store.listWorkloads(CART, 'dev')).toEqual([]);
    },
  );

  it.each(databases.eachSupportedId())(
    'lets the reaper delete only what is still expired and unlocked, racing an extension, on %p',
    async databaseId => {
      const { store } = await createTestStore(databases, databaseId);
      await store.createEnvironment(
        environmentRow(CART, 'preview', 1_000, {
          type: 'ephemeral',
          expiresAt: 10_000,
        }),
      );
      await store.createEnvironment(
        environmentRow(CART, 'locked', 1_000, {
          type: 'ephemeral',
          expiresAt: 10_000,
        }),
      );
      await store.updateEnvironment(
        CART,
        'locked',
        {
          lock: { reason: 'demo tomorrow', by: 'user:default/ada', at: 2_000 },
        },
        2_000,
      );
      expect((await store.expiredEnvironments(11_000)).map(e => e.id)).toEqual([
        'preview',
      ]);
      // The reaper and an extension of the TTL race: whichever commits
      // first wins, and the other sees it.
      const [reaped, extended] = await Promise.all([
        store.deleteEnvironment(CART, 'preview', run('d1', 11_000, 'delete'), {
          onlyIfExpiredAt: 11_000,
        }),
        store.updateEnvironment(CART, 'preview', { expiresAt: 50_000 }, 11_000),
      ]);
      const after = await store.getEnvironment(CART, 'preview');
      // Either the reaper won (the extension sees the deletion) …
      const reaperWon = {
        reaped: 'queued',
        extended: 'deleting',
        status: 'deleting',
        expiresAt: 10_000,
      };
      // … or the extension did (the reaper sees it no longer expired).
      const extensionWon = {
        reaped: 'expired-no-more',
        extended: 'updated',
        status: 'ready',
        expiresAt: 50_000,
      };
      expect([reaperWon, extensionWon]).toContainEqual({
        reaped,
        extended,
        status: after?.status,
        expiresAt: after?.expiresAt,
      });
      // A locked environment is never reaped, even when asked directly.
      await expect(
        store.deleteEnvironment(CART, 'locked', run('d2', 11_000, 'delete'), {
          onlyIfExpiredAt: 11_000,
        }),
      ).resolves.toBe('expired-no-more');
      // Nor deleted without the permission for locked environments.
      await expect(
        store.deleteEnvironment(CART, 'locked', run('d3', 11_000, 'delete')),
      ).resolves.toBe('locked');
    },
  );

  it.each(databases.eachSupportedId())(
    'copies an environment with its workloads and values, queuing its provisioning, on %p',
    async databaseId => {
      const { store } = await createTestStore(databases, databaseId);
      await store.createEnvironment(environmentRow(CART, 'staging', 1_000));
      await store.changeWorkload(
        CART,
        'staging',
        'cart',
        SCORE,
        run('p1', 1_500),
        {
          allowLocked: false,
        },
      );
      for (const [key, secret, value] of [
        ['LOG_LEVEL', false, 'info'],
        ['API_TOKEN', true, 'sealed:staging'],
      ] as const) {
        await store.putValue({
          app: CART,
          env: 'staging',
          key,
          secret,
          value,
          description: '',
          updatedAt: 1_600,
          updatedBy: 'user:default/ada',
        });
      }
      await expect(
        store.createEnvironment(
          environmentRow(CART, 'pr-42', 2_000, { from: 'staging' }),
          run('p2', 2_000),
          (sealed, _from, to) => `${sealed}->${to.env}`,
        ),
      ).resolves.toBe('created');
      expect(
        (await store.listWorkloads(CART, 'pr-42')).map(w => w.name),
      ).toEqual(['cart']);
      expect(
        (await store.listValues(CART, 'pr-42')).map(v => [v.key, v.value]),
      ).toEqual([
        ['API_TOKEN', 'sealed:staging->pr-42'],
        ['LOG_LEVEL', 'info'],
      ]);
      expect((await store.getEnvironment(CART, 'pr-42'))?.status).toBe(
        'provisioning',
      );
      await expect(store.getRun('p2')).resolves.toMatchObject({
        status: 'queued',
      });
      await expect(
        store.createEnvironment(
          environmentRow(CART, 'pr-43', 2_000, { from: 'nope' }),
        ),
      ).resolves.toBe('from-missing');
      await expect(
        store.createEnvironment(environmentRow(CART, 'staging', 2_000)),
      ).resolves.toBe('exists');
    },
  );

  it.each(databases.eachSupportedId())(
    'lets a deployment in progress finish before the reaper deletes, and takes none after, on %p',
    async databaseId => {
      const { store } = await createTestStore(databases, databaseId);
      await store.createEnvironment(
        environmentRow(CART, 'preview', 1_000, {
          type: 'ephemeral',
          expiresAt: 10_000,
        }),
      );
      await store.changeWorkload(
        CART,
        'preview',
        'cart',
        SCORE,
        run('p1', 9_000),
        {
          allowLocked: false,
        },
      );
      const provisioning = (await store.claimRun('a', 30_000, 9_500))!;
      expect(provisioning.id).toBe('p1');
      // The reaper decides while the deployment runs …
      await expect(
        store.deleteEnvironment(CART, 'preview', run('d1', 11_000, 'delete'), {
          onlyIfExpiredAt: 11_000,
        }),
      ).resolves.toBe('queued');
      // … a later deployment is refused …
      await expect(
        store.changeWorkload(
          CART,
          'preview',
          'cart',
          SCORE,
          run('p2', 11_001),
          {
            allowLocked: false,
          },
        ),
      ).resolves.toBe('deleting');
      // … and the deletion waits for the running deployment to end.
      await expect(
        store.claimRun('b', 30_000, 11_500),
      ).resolves.toBeUndefined();
      await store.finishRun(provisioning, 'a', { status: 'succeeded' }, 12_000);
      expect((await store.getEnvironment(CART, 'preview'))?.status).toBe(
        'deleting',
      );
      await expect(store.claimRun('b', 30_000, 12_500)).resolves.toMatchObject({
        id: 'd1',
        action: 'delete',
      });
    },
  );
});
