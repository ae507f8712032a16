import {
  coreServices,
  createBackendPlugin,
  resolvePackagePath,
} from '@backstage/backend-plugin-api';
import {
  mockServices,
  startTestBackend,
  TestDatabases,
} from '@backstage/backend-test-utils';
import { createScorecardsDemoHistoryModule } from './scorecardsDemoHistoryModule';

const DAY = 86_400_000;

/**
 * A stand-in for the scorecards backend: its tables (its own migrations),
 * the results of its first evaluation a few minutes ago, and the two routes
 * the demo reads scorecards from.
 */
function firstDayScorecards(onReady: (knex: any) => void) {
  return createBackendPlugin({
    pluginId: 'scorecards',
    register(env) {
      env.registerInit({
        deps: {
          database: coreServices.database,
          httpRouter: coreServices.httpRouter,
        },
        async init({ database, httpRouter }) {
          const knex = await database.getClient();
          await knex.migrate.latest({
            directory: resolvePackagePath(
              '@plinth/plugin-scorecards-backend',
              'migrations',
            ),
          });
          const at = Date.now() - 5 * 60_000;
          const levels = ['Basic', 'Bronze', 'Silver', 'Gold'];
          for (const [name, index] of [
            ['cartservice', 3],
            ['productsservice', 2],
            ['corekafkalibrary', 1],
          ] as const) {
            const entityRef = `component:default/${name}`;
            await knex('scorecard_results').insert({
              scorecard: 'ProductionReadiness',
              entity_ref: entityRef,
              level: levels[index],
              level_index: index,
              rules: JSON.stringify([
                { rule: 'inSystem', level: 'Bronze', status: 'passed' },
              ]),
              facets: JSON.stringify({ title: name, teams: [], values: {} }),
              hash: name,
              evaluated_at: at,
            });
            await knex('scorecard_level_history').insert({
              scorecard: 'ProductionReadiness',
              entity_ref: entityRef,
              level: levels[index],
              level_index: index,
              at,
            });
          }
          const summary = {
            scorecard: {
              identifier: 'ProductionReadiness',
              levels: levels.map(title => ({ title, color: 'gold' })),
              rules: [{ identifier: 'inSystem', level: 'Bronze' }],
            },
          };
          // The two routes the demo reads, as plain handlers.
          const router = (req: any, res: any, next: () => void) => {
            res.setHeader('Content-Type', 'application/json');
            if (req.path === '/scorecards') {
              res.end(
                JSON.stringify({
                  items: [{ scorecard: { identifier: 'ProductionReadiness' } }],
                  problems: [],
                }),
              );
            } else if (req.path === '/scorecards/ProductionReadiness/summary') {
              res.end(JSON.stringify(summary));
            } else {
              next();
            }
          };
          httpRouter.use(router);
          onReady(knex);
        },
      });
    },
  });
}

describe('scorecardsDemoHistoryModule', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3'] });

  async function start(demoHistory: boolean) {
    let knex: any;
    const backend = await startTestBackend({
      features: [
        firstDayScorecards(k => {
          knex = k;
        }),
        createScorecardsDemoHistoryModule({
          quietMs: 0,
          pollMs: 50,
          maxWaitMs: 5_000,
        }),
        mockServices.database.factory({
          knex: await databases.init('SQLITE_3'),
        }),
        mockServices.rootConfig.factory({
          data: { plinth: { scorecards: { demoHistory } } },
        }),
      ],
    });
    return { backend, knex: knex! };
  }

  it('gives the first day’s entities months of history once the backend has started', async () => {
    const { backend, knex } = await start(true);
    try {
      let rows: any[] = [];
      for (let i = 0; i < 100 && rows.length <= 3; i++) {
        await new Promise(r => setTimeout(r, 100));
        rows = await knex('scorecard_level_history').orderBy('at');
      }
      expect(Number(rows[0].at)).toBeLessThan(Date.now() - 179 * DAY);
      expect(rows.length).toBeGreaterThan(3);
      const days = await knex('scorecard_daily');
      expect(days.length).toBeGreaterThanOrEqual(180);
    } finally {
      await backend.stop();
    }
  });

  it('changes nothing unless plinth.scorecards.demoHistory is true', async () => {
    const { backend, knex } = await start(false);
    try {
      await new Promise(r => setTimeout(r, 500));
      expect(await knex('scorecard_level_history')).toHaveLength(3);
      expect(await knex('scorecard_daily')).toHaveLength(0);
    } finally {
      await backend.stop();
    }
  });
});
