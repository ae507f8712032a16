import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { durationToMilliseconds } from '@backstage/types';
import { createCatalogVisibility } from '@plinth/backend-utils';
import { eventsServiceRef } from '@backstage/plugin-events-node';
import { blueprintsServiceRef } from '@plinth/plugin-blueprints-node';
import { doraServiceRef } from '@plinth/plugin-dora-node';
import { scorecardPermissions } from '@plinth/plugin-scorecards-common';
import { readScorecardsConfig } from './config';
import { DatabaseScorecardStore } from './database/DatabaseScorecardStore';
import { ScorecardRegistry } from './definitions/ScorecardRegistry';
import { startEvaluation } from './evaluation/startEvaluation';
import { CardCacheFollower } from './service/CardCacheFollower';
import { EntityCardCache } from './service/EntityCardCache';
import { ScorecardQueries } from './service/ScorecardQueries';
import { ScorecardsService } from './service/ScorecardsService';
import { createRouter } from './service/router';

/**
 * The scorecards backend plugin, mounted at `/api/scorecards`: scorecards
 * from files (`plinth.scorecards.files`), catalog `Scorecard` entities and
 * the API, evaluated over the blueprints backend's entity views and each
 * entity's DORA figures — in full on a schedule and within seconds of a
 * change — with results, level history, daily distributions, exemptions and
 * campaigns.
 *
 * @example
 * ```ts
 * // packages/backend/src/index.ts
 * backend.add(import('@plinth/plugin-scorecards-backend'));
 * ```
 * @public
 */
export const scorecardsPlugin = createBackendPlugin({
  pluginId: 'scorecards',
  register(env) {
    env.registerInit({
      deps: {
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        database: coreServices.database,
        scheduler: coreServices.scheduler,
        rootLifecycle: coreServices.rootLifecycle,
        auth: coreServices.auth,
        httpAuth: coreServices.httpAuth,
        httpRouter: coreServices.httpRouter,
        permissions: coreServices.permissions,
        permissionsRegistry: coreServices.permissionsRegistry,
        auditor: coreServices.auditor,
        catalog: catalogServiceRef,
        events: eventsServiceRef,
        blueprints: blueprintsServiceRef,
        dora: doraServiceRef,
      },
      async init(deps) {
        const settings = readScorecardsConfig(deps.config);
        deps.permissionsRegistry.addPermissions(scorecardPermissions);

        const store = await DatabaseScorecardStore.create(deps);
        const registry = new ScorecardRegistry({
          store,
          blueprints: deps.blueprints,
          catalog: deps.catalog,
          auth: deps.auth,
          logger: deps.logger,
          files: settings.files,
          campaigns: settings.campaigns,
        });
        // Entity cards are forgotten when this replica writes their results
        // or a scorecard changes, and within a second of another replica
        // writing results (the follower); the TTL is a safety net.
        const cardCache = new EntityCardCache({
          ttlMs: durationToMilliseconds(settings.cardCache.ttl),
          maxEntities: settings.cardCache.maxEntities,
        });
        const follower = new CardCacheFollower({
          store,
          cache: cardCache,
          logger: deps.logger,
        });
        follower.start();
        deps.rootLifecycle.addShutdownHook(() => follower.stop());
        registry.onScorecardsChanged(() => cardCache.clear());
        const evaluation = await startEvaluation({
          store,
          registry,
          blueprints: deps.blueprints,
          dora: deps.dora,
          scheduler: deps.scheduler,
          rootLifecycle: deps.rootLifecycle,
          events: deps.events,
          logger: deps.logger,
          refreshInterval: settings.refreshInterval,
          evaluationInterval: settings.evaluationInterval,
          facets: settings.facets,
          onResultsWritten: refs =>
            refs === 'all' ? cardCache.clear() : cardCache.invalidate(refs),
        });
        const service = new ScorecardsService({
          store,
          registry,
          queries: new ScorecardQueries({ store, registry }),
          cardCache,
          catalog: deps.catalog,
          visibility: createCatalogVisibility(deps),
          evaluation,
          exemptionMaxMs: durationToMilliseconds(settings.exemptionMaxDuration),
        });
        deps.httpRouter.use(await createRouter({ ...deps, service }));
      },
    });
  },
});
