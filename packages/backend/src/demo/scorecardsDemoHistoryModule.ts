import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { ResponseError } from '@backstage/errors';
import { DemoScorecardHistoryStore } from './DemoScorecardHistoryStore';
import type { DemoScorecard } from './scorecardHistory';

/** How many days of history the demo gives each scorecard. */
const HISTORY_DAYS = 180;

/** When the demo's scorecard history is loaded. */
export interface ScorecardsDemoHistoryTiming {
  /** Results unchanged this long: the first evaluations (and DORA's) are done. */
  quietMs: number;
  /** How often the results are looked at meanwhile. */
  pollMs: number;
  /** Loaded after this long, settled or not. */
  maxWaitMs: number;
}

const DEFAULT_TIMING: ScorecardsDemoHistoryTiming = {
  quietMs: 90_000,
  pollMs: 10_000,
  maxWaitMs: 15 * 60_000,
};

/**
 * The example app's scorecard history: when `plinth.scorecards.demoHistory`
 * is true, once the scorecards backend has evaluated every scorecard at
 * start, each entity whose history holds only that first day is given six
 * months of level history ending at its current level — some improving,
 * some steady, some slipping — and each scorecard its daily distributions,
 * so trends, sparklines and "since" dates mean something. Entities with an
 * older history are left alone: starting again changes nothing.
 */
export const scorecardsDemoHistoryModule = createScorecardsDemoHistoryModule();

/**
 * {@link scorecardsDemoHistoryModule} with its own timing (tests load at
 * once).
 */
export function createScorecardsDemoHistoryModule(
  timing: ScorecardsDemoHistoryTiming = DEFAULT_TIMING,
) {
  return createBackendModule({
    pluginId: 'scorecards',
    moduleId: 'demo-history',
    register(reg) {
      reg.registerInit({
        deps: {
          config: coreServices.rootConfig,
          logger: coreServices.logger,
          auth: coreServices.auth,
          discovery: coreServices.discovery,
          database: coreServices.database,
          rootLifecycle: coreServices.rootLifecycle,
        },
        async init({
          config,
          logger,
          auth,
          discovery,
          database,
          rootLifecycle,
        }) {
          if (!config.getOptionalBoolean('plinth.scorecards.demoHistory')) {
            return;
          }
          const get = async <T>(path: string): Promise<T> => {
            const { token } = await auth.getPluginRequestToken({
              onBehalfOf: await auth.getOwnServiceCredentials(),
              targetPluginId: 'scorecards',
            });
            const response = await fetch(
              `${await discovery.getBaseUrl('scorecards')}${path}`,
              { headers: { Authorization: `Bearer ${token}` } },
            );
            if (!response.ok) throw await ResponseError.fromResponse(response);
            return (await response.json()) as T;
          };
          const scorecards = async (): Promise<DemoScorecard[]> => {
            const list = await get<{
              items: Array<{ scorecard: { identifier: string } }>;
            }>('/scorecards');
            return Promise.all(
              list.items.map(async ({ scorecard: { identifier } }) => {
                const { scorecard } = await get<{
                  scorecard: {
                    levels: Array<{ title: string }>;
                    rules: DemoScorecard['rules'];
                  };
                }>(`/scorecards/${encodeURIComponent(identifier)}/summary`);
                return {
                  identifier,
                  levels: scorecard.levels.map(level => level.title),
                  rules: scorecard.rules,
                };
              }),
            );
          };

          const load = async () => {
            const store = new DemoScorecardHistoryStore(
              await database.getClient(),
            );
            // Wait until the backend answers and its results have settled.
            const deadline = Date.now() + timing.maxWaitMs;
            for (;;) {
              const last = await store.lastEvaluation().catch(() => undefined);
              if (last !== undefined && Date.now() - last >= timing.quietMs) {
                break;
              }
              if (Date.now() > deadline) break;
              await new Promise(resolve => setTimeout(resolve, timing.pollMs));
            }
            const now = Date.now();
            for (const scorecard of await scorecards()) {
              const { entities, days } = await store.backfill(
                scorecard,
                now,
                HISTORY_DAYS,
              );
              logger.info(
                `Scorecard demo history of ${scorecard.identifier}: ${entities} entities given ${HISTORY_DAYS} days of levels, ${days} daily distributions added`,
              );
            }
          };
          rootLifecycle.addStartupHook(() => {
            load().catch(error =>
              logger.error(`Scorecard demo history not loaded: ${error}`),
            );
          });
        },
      });
    },
  });
}
