import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { eventsServiceRef } from '@backstage/plugin-events-node';
import { blueprintsServiceRef } from '@plinth/plugin-blueprints-node';
import {
  doraPermissions,
  scorecardPermissions,
} from '@plinth/plugin-scorecards-common';
import { readScorecardsConfig } from './config';
import {
  createDoraRouter,
  DoraService,
  DoraStore,
  readDoraConfig,
} from './dora';
import {
  catalogEntityResolver,
  catalogWebhookEntityResolver,
} from './dora/catalogResolvers';
import { doraInputs } from './evaluation/doraInputs';
import { wireEvaluation } from './evaluation/wireEvaluation';
import { ScorecardStore } from './database/ScorecardStore';
import { ScorecardQueries } from './service/ScorecardQueries';
import { ScorecardRegistry } from './service/ScorecardRegistry';
import { createRouter } from './service/router';

/**
 * The scorecards backend plugin, mounted at `/api/scorecards`: scorecards
 * from files (`plinth.scorecards.files`), catalog `Scorecard` entities and
 * the API, evaluated over the blueprints backend's entity views — in full on
 * a schedule and within seconds of a change — with results, level history,
 * daily distributions, exemptions and campaigns.
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
      },
      async init(deps) {
        const { config, logger, database, auth, catalog, blueprints } = deps;
        const settings = readScorecardsConfig(config);
        const doraSettings = readDoraConfig(config);
        deps.permissionsRegistry.addPermissions([
          ...scorecardPermissions,
          ...doraPermissions,
        ]);

        const store = await ScorecardStore.create({ database });
        const registry = new ScorecardRegistry({
          store,
          blueprints,
          catalog,
          auth,
          logger,
          files: settings.files,
          campaigns: settings.campaigns,
        });
        // DORA: events in (API and webhooks), the five keys out. Its router
        // is mounted first: it reads raw bodies (webhook signatures, large
        // batches) before the scorecards router parses JSON.
        const doraStore = await DoraStore.create({ database, logger });
        // New DORA events change their entities' figures, which scorecard
        // rules read: those entities are evaluated again (set below, once
        // evaluation is wired).
        let onDoraChanged = async (_entityRefs: string[]) => {};
        const dora = new DoraService({
          onChanged: entityRefs => onDoraChanged(entityRefs),
          store: doraStore,
          logger,
          tiers: doraSettings.tiers,
          resolveEntities: catalogEntityResolver({ catalog, auth }),
          resolveWebhookEntity: catalogWebhookEntityResolver({ catalog, auth }),
        });
        // Scorecards: evaluated over the blueprints backend's entities, with
        // each entity's DORA figures among what rules read.
        const doraFigures = doraInputs(dora);
        const requestEvaluation = await wireEvaluation({
          ...deps,
          settings,
          store,
          registry,
          augment: doraFigures.augment,
        });
        onDoraChanged = async entityRefs => {
          doraFigures.invalidate();
          await store.enqueue(entityRefs);
          await requestEvaluation();
        };
        // Owners, systems and domains move in the catalog: read them again.
        await deps.scheduler.scheduleTask({
          id: 'scorecards-dora-entity-facets',
          frequency: { minutes: 10 },
          // Soon after start too: events sent while the catalog was still
          // filling have no owners yet.
          initialDelay: { minutes: 1 },
          timeout: { minutes: 10 },
          scope: 'global',
          fn: () => dora.refreshEntities(),
        });
        deps.httpRouter.use(
          await createDoraRouter({
            httpAuth: deps.httpAuth,
            permissions: deps.permissions,
            logger,
            service: dora,
            maxBatchBytes: doraSettings.maxBatchBytes,
            webhooks: doraSettings.webhooks,
          }),
        );
        // Webhook deliveries authenticate with their signature or token.
        deps.httpRouter.addAuthPolicy({
          path: '/dora/webhooks',
          allow: 'unauthenticated',
        });

        deps.httpRouter.use(
          await createRouter({
            httpAuth: deps.httpAuth,
            permissions: deps.permissions,
            auditor: deps.auditor,
            catalog,
            store,
            registry,
            queries: new ScorecardQueries({ store, registry }),
            requestEvaluation,
          }),
        );
      },
    });
  },
});
