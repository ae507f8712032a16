import { resolvePackagePath } from '@backstage/backend-plugin-api';
import { TestDatabases } from '@backstage/backend-test-utils';
import { DemoScorecardHistoryStore } from './DemoScorecardHistoryStore';
import type { DemoScorecard } from './scorecardHistory';

const DAY = 86_400_000;
const now = Date.parse('2026-12-07T12:00:00Z');

const dora: DemoScorecard = {
  identifier: 'DORA',
  levels: ['Low', 'Medium', 'High', 'Elite'],
  rules: [
    { identifier: 'deploysMonthly', level: 'Medium' },
    { identifier: 'deploysWeekly', level: 'High' },
    { identifier: 'deploysDaily', level: 'Elite' },
  ],
};

const entities = [
  ['cartservice', 'High', 2],
  ['productsservice', 'Medium', 1],
  ['corepaymentlibrary', 'Medium', 1],
  ['newservice', 'Low', 0],
] as const;

describe('DemoScorecardHistoryStore', () => {
  const databases = TestDatabases.create();

  /** The scorecards backend's tables, with the demo's first day in them. */
  async function firstDay(databaseId: any) {
    const knex = await databases.init(databaseId);
    await knex.migrate.latest({
      directory: resolvePackagePath(
        '@plinth/plugin-scorecards-backend',
        'migrations',
      ),
    });
    const startedAt = now - 3_600_000;
    for (const [name, level, index] of entities) {
      const entityRef = `component:default/${name}`;
      await knex('scorecard_results').insert({
        scorecard: 'DORA',
        entity_ref: entityRef,
        level,
        level_index: index,
        rules: JSON.stringify(
          dora.rules.map((rule, i) => ({
            rule: rule.identifier,
            level: rule.level,
            status: i < index ? 'passed' : 'failed',
          })),
        ),
        facets: JSON.stringify({ title: name, teams: [], values: {} }),
        hash: name,
        evaluated_at: startedAt,
      });
      await knex('scorecard_level_history').insert({
        scorecard: 'DORA',
        entity_ref: entityRef,
        level,
        level_index: index,
        at: startedAt,
      });
    }
    await knex('scorecard_daily').insert({
      scorecard: 'DORA',
      day: '2026-12-07',
      distribution: JSON.stringify({ total: 4, levels: {}, passing: {} }),
    });
    return knex;
  }

  it.each(databases.eachSupportedId())(
    'gives entities known only since today months of levels ending at today’s, and each earlier day a distribution, on %p',
    async databaseId => {
      const knex = await firstDay(databaseId);
      const store = new DemoScorecardHistoryStore(knex);
      expect(await store.lastEvaluation()).toBe(now - 3_600_000);

      const outcome = await store.backfill(dora, now, 180);
      expect(outcome).toEqual({ entities: 4, days: 180 });

      const history = await knex('scorecard_level_history')
        .where('scorecard', 'DORA')
        .orderBy('at');
      expect(Number(history[0].at)).toBeLessThan(now - 179 * DAY);
      for (const [name, level] of entities) {
        const rows = history.filter(
          r => r.entity_ref === `component:default/${name}`,
        );
        // Today's level, reached a week or more ago: "since" means something.
        expect([name, rows[rows.length - 1].level]).toEqual([name, level]);
        expect(Number(rows[rows.length - 1].at)).toBeLessThan(now - 6 * DAY);
      }
      // Some entities changed level over the months.
      expect(history.length).toBeGreaterThan(entities.length);

      const days = await knex('scorecard_daily')
        .where('scorecard', 'DORA')
        .orderBy('day');
      expect(days).toHaveLength(181);
      expect(days[179].day).toBe('2026-12-06');
      // Today's row, written by the backend, is left as it was.
      expect(JSON.parse(days[180].distribution).levels).toEqual({});
      expect(JSON.parse(days[179].distribution)).toEqual({
        total: 4,
        levels: { High: 1, Medium: 2, Low: 1 },
        passing: { deploysMonthly: 3, deploysWeekly: 1 },
      });

      // Loading again changes nothing.
      expect(await store.backfill(dora, now + 60_000, 180)).toEqual({
        entities: 0,
        days: 0,
      });
      expect(
        await knex('scorecard_level_history').where('scorecard', 'DORA'),
      ).toHaveLength(history.length);
    },
    60_000,
  );
});
