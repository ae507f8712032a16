import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import type { NotificationService } from '@backstage/plugin-notifications-node';
import { createTestStore, environmentRow } from '../__testUtils__/database';
import { EnvironmentReaper, REAPER } from './EnvironmentReaper';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });
const CART = 'component:default/cartservice';
const HOUR = 3_600_000;

describe('EnvironmentReaper', () => {
  it.each(databases.eachSupportedId())(
    'tells owners a day ahead, once, then queues the deletion of what expired, not of what is locked, on %p',
    async databaseId => {
      const { store } = await createTestStore(databases, databaseId);
      const sent: Array<{ to: unknown; title: string; link?: string }> = [];
      const notifications: NotificationService = {
        send: async ({ recipients, payload }) => {
          sent.push({
            to: recipients,
            title: payload.title,
            link: payload.link,
          });
        },
      };
      let now = 100 * HOUR;
      let kicks = 0;
      const reaper = new EnvironmentReaper({
        store,
        logger: mockServices.logger.mock(),
        notifications,
        notifyBeforeMs: 24 * HOUR,
        kick: () => kicks++,
        now: () => now,
      });
      await store.createEnvironment(
        environmentRow(CART, 'preview', now, {
          type: 'ephemeral',
          expiresAt: now + 20 * HOUR,
        }),
      );
      await store.createEnvironment(
        environmentRow(CART, 'demo', now, {
          type: 'ephemeral',
          expiresAt: now + 20 * HOUR,
        }),
      );
      await store.updateEnvironment(
        CART,
        'demo',
        { lock: { reason: 'customer demo', by: 'user:default/ada', at: now } },
        now,
      );
      await store.createEnvironment(environmentRow(CART, 'staging', now));

      await expect(reaper.reap()).resolves.toEqual({ reminded: 1, deleted: 0 });
      expect(sent).toEqual([
        {
          to: { type: 'entity', entityRef: 'group:default/team-a' },
          title: 'Environment preview of cartservice expires in 20 h',
          link: '/catalog/default/component/cartservice/environments',
        },
      ]);
      // Once only.
      await expect(reaper.reap()).resolves.toEqual({ reminded: 0, deleted: 0 });

      now += 21 * HOUR;
      await expect(reaper.reap()).resolves.toEqual({ reminded: 0, deleted: 1 });
      expect(kicks).toBe(1);
      expect(sent[1].title).toBe(
        'Environment preview of cartservice expired and is being deleted',
      );
      const [run] = await store.listRuns(CART, 'preview', 5);
      expect(run).toMatchObject({
        action: 'delete',
        requestedBy: REAPER,
        status: 'queued',
      });
      expect((await store.getEnvironment(CART, 'preview'))?.status).toBe(
        'deleting',
      );
      // The locked one stays; the one without a TTL too.
      expect((await store.getEnvironment(CART, 'demo'))?.status).toBe('ready');
      expect((await store.getEnvironment(CART, 'staging'))?.status).toBe(
        'ready',
      );
      // A second pass finds nothing more to do.
      await expect(reaper.reap()).resolves.toEqual({ reminded: 0, deleted: 0 });
    },
  );

  it('goes on when a notification cannot be sent', async () => {
    const { store } = await createTestStore(databases, 'SQLITE_3');
    const logger = mockServices.logger.mock();
    const reaper = new EnvironmentReaper({
      store,
      logger,
      notifications: {
        send: async () => {
          throw new Error('notifications backend down');
        },
      },
      notifyBeforeMs: HOUR,
      kick: () => undefined,
      now: () => 10 * HOUR,
    });
    await store.createEnvironment(
      environmentRow(CART, 'preview', 0, { expiresAt: 9 * HOUR }),
    );
    await expect(reaper.reap()).resolves.toEqual({ reminded: 0, deleted: 1 });
    expect(logger.warn).toHaveBeenCalledWith(
      expect.stringContaining('notifications backend down'),
    );
  });
});
