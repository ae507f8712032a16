import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import { createTestStore } from '../__testUtils__/database';
import type { StoredResult } from '../database/ScorecardStore';
import { CardCacheFollower } from './CardCacheFollower';

jest.setTimeout(60_000);

const T0 = Date.parse('2026-12-07T10:00:00Z');

const result = (
  entityRef: string,
  level: string,
  at: number,
): StoredResult => ({
  scorecard: 'readiness',
  entityRef,
  level,
  levelIndex: level === 'Gold' ? 2 : 1,
  rules: [],
  facets: { title: entityRef, teams: [], values: {} },
  hash: `${level}-${at}`,
  evaluatedAt: at,
});

describe('CardCacheFollower', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

  it.each(databases.eachSupportedId())(
    'forgets the cards of entities another replica wrote results of, each write once, on %p',
    async databaseId => {
      const store = await createTestStore(databases, databaseId);
      const forgotten: string[][] = [];
      const follower = new CardCacheFollower({
        store,
        cache: { invalidate: refs => forgotten.push([...refs]) },
        logger: mockServices.logger.mock(),
        now: () => T0,
      });
      await follower.look();
      expect(forgotten).toEqual([]);

      // "Another replica" writes a and b; the next look forgets both.
      const a1 = result('component:default/a', 'Silver', T0 + 1_000);
      const b1 = result('component:default/b', 'Silver', T0 + 1_000);
      await store.writeChanges(
        'readiness',
        [
          { entityRef: a1.entityRef, next: a1 },
          { entityRef: b1.entityRef, next: b1 },
        ],
        T0 + 1_000,
      );
      await follower.look();
      expect(forgotten.map(r => r.sort())).toEqual([
        ['component:default/a', 'component:default/b'],
      ]);
      // Looking again without writes forgets nothing more.
      await follower.look();
      expect(forgotten).toHaveLength(1);

      // a changes again, recorded with a time a little before the last
      // look (a slow evaluation): it is still seen.
      const a2 = result('component:default/a', 'Gold', T0 + 500);
      await store.writeChanges(
        'readiness',
        [{ entityRef: a2.entityRef, previous: a1, next: a2 }],
        T0 + 500,
      );
      await follower.look();
      expect(forgotten.at(-1)).toEqual(['component:default/a']);
    },
  );
});
