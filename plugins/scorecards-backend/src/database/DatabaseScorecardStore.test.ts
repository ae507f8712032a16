import { TestDatabases } from '@backstage/backend-test-utils';
import { createTestStore } from '../__testUtils__/database';
import type { StoredResult } from './ScorecardStore';

jest.setTimeout(60_000);

const DAY = 86_400_000;
const monday = Date.parse('2026-11-23T10:00:00Z');

function result(
  entityRef: string,
  level: string,
  levelIndex: number,
  passing: string[],
): StoredResult {
  return {
    scorecard: 'readiness',
    entityRef,
    level,
    levelIndex,
    rules: ['owned', 'tested'].map(rule => ({
      rule,
      level: rule === 'owned' ? 'Bronze' : 'Silver',
      status: passing.includes(rule) ? 'passed' : 'failed',
    })),
    facets: { title: entityRef, teams: ['cart'], values: {} },
    hash: `${level}-${passing.join()}`,
    evaluatedAt: monday,
  };
}

describe('DatabaseScorecardStore', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

  it.each(databases.eachSupportedId())(
    'keeps current results, one history row per level change, and daily distributions, on %p',
    async databaseId => {
      const store = await createTestStore(databases, databaseId);
      const a1 = result('component:default/a', 'Bronze', 1, ['owned']);
      const b1 = result('component:default/b', 'Basic', 0, []);
      await store.writeChanges(
        'readiness',
        [
          { entityRef: a1.entityRef, next: a1 },
          { entityRef: b1.entityRef, next: b1 },
        ],
        monday,
      );
      // Two days later, a climbs to Silver and b goes away.
      const a2 = result('component:default/a', 'Silver', 2, [
        'owned',
        'tested',
      ]);
      await store.writeChanges(
        'readiness',
        [
          { entityRef: a2.entityRef, previous: a1, next: a2 },
          { entityRef: b1.entityRef, previous: b1 },
        ],
        monday + 2 * DAY,
      );

      expect(
        (await store.resultsOf('readiness')).map(r => [r.entityRef, r.level]),
      ).toEqual([['component:default/a', 'Silver']]);
      expect(
        await store.daily('readiness', '2026-11-01', '2026-11-30'),
      ).toEqual([
        {
          day: '2026-11-23',
          total: 2,
          levels: { Bronze: 1, Basic: 1 },
          passing: { owned: 1 },
        },
        {
          day: '2026-11-25',
          total: 1,
          levels: { Silver: 1 },
          passing: { owned: 1, tested: 1 },
        },
      ]);
      // The entity's card: its results, and the level held when the window
      // opens, then each change.
      const card = await store.entityResults(
        'component:default/a',
        monday + DAY,
      );
      expect(card.history.get('readiness')).toEqual([
        { level: 'Bronze', levelIndex: 1, at: '2026-11-23T10:00:00.000Z' },
        { level: 'Silver', levelIndex: 2, at: '2026-11-25T10:00:00.000Z' },
      ]);
      expect(card.results).toEqual([
        {
          scorecard: 'readiness',
          level: 'Silver',
          levelIndex: 2,
          rules: a2.rules,
          evaluatedAt: monday,
        },
      ]);
      expect(
        await store.entityResults('component:default/b', monday + DAY),
      ).toEqual({
        results: [],
        history: new Map([
          [
            'readiness',
            [
              { level: 'Basic', levelIndex: 0, at: '2026-11-23T10:00:00.000Z' },
              { level: '', levelIndex: -1, at: '2026-11-25T10:00:00.000Z' },
            ],
          ],
        ]),
      });
      // An unchanged level writes no history.
      await store.writeChanges(
        'readiness',
        [{ entityRef: a2.entityRef, previous: a2, next: { ...a2, hash: 'x' } }],
        monday + 3 * DAY,
      );
      expect(
        (await store.entityResults('component:default/a', 0)).history.get(
          'readiness',
        ),
      ).toHaveLength(2);
    },
  );

  it.each(databases.eachSupportedId())(
    'grants, lists and revokes exemptions, and queues entities exactly, on %p',
    async databaseId => {
      const store = await createTestStore(databases, databaseId);
      const granted = await store.addExemption(
        {
          scorecard: 'readiness',
          rule: 'tested',
          entityRef: 'component:default/a',
          until: '2026-12-31T00:00:00Z',
          reason: 'Legacy service, retired in January',
          grantedBy: 'user:default/ada',
        },
        monday,
      );
      expect(granted).toEqual({
        id: expect.any(String),
        scorecard: 'readiness',
        rule: 'tested',
        entityRef: 'component:default/a',
        until: '2026-12-31T00:00:00.000Z',
        reason: 'Legacy service, retired in January',
        grantedBy: 'user:default/ada',
        createdAt: '2026-11-23T10:00:00.000Z',
      });
      expect(
        await store.activeExemptions(
          { entityRefs: ['component:default/a'] },
          monday,
        ),
      ).toEqual([granted]);
      // Past its end it is no longer in force.
      expect(
        await store.activeExemptions({}, Date.parse('2027-01-01T00:00:00Z')),
      ).toEqual([]);
      expect(
        await store.revokeExemption(granted.id, 'user:default/bo', monday),
      ).toEqual(granted);
      expect(await store.activeExemptions({}, monday)).toEqual([]);
      expect(
        await store.revokeExemption(granted.id, 'user:default/bo', monday),
      ).toBeUndefined();

      await store.enqueue(['component:default/a', 'component:default/b'], 100);
      const read = await store.peekQueue(10);
      // Queued again after being read: stays queued when the first read is done.
      await store.enqueue(['component:default/a'], 50);
      await store.dequeue(read);
      expect((await store.peekQueue(10)).map(q => q.entityRef)).toEqual([
        'component:default/a',
      ]);
    },
  );
});
