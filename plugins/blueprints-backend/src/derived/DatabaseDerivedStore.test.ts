import { TestDatabases } from '@backstage/backend-test-utils';
import { createDerivedTestStore } from '../__testUtils__/database';

jest.setTimeout(60_000);

describe('DatabaseDerivedStore queue', () => {
  const databases = TestDatabases.create();

  it.each(databases.eachSupportedId())(
    'keeps an entry queued again while it was being computed, whatever the clocks say, on %p',
    async databaseId => {
      const store = await createDerivedTestStore(databases, databaseId);
      const a = { blueprint: 'System', identifier: 'a' };
      const b = { blueprint: 'System', identifier: 'b' };
      await store.enqueue([a, b], 1000);
      const read = await store.peekQueue(10);
      expect(read).toEqual([
        { ...a, queuedAt: 1000 },
        { ...b, queuedAt: 1000 },
      ]);

      // Queued again by a replica whose clock is behind, mid-computation.
      await store.enqueue([a], 500);
      await store.dequeue(read);
      await expect(store.peekQueue(10)).resolves.toEqual([
        { ...a, queuedAt: 1001 },
      ]);
      await expect(store.queueLength()).resolves.toBe(1);
      await expect(store.queuedBlueprints()).resolves.toEqual(['System']);
    },
  );
});
