import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { eventsServiceRef } from '@backstage/plugin-events-node';
import { doraPermissions } from '@plinth/plugin-dora-common';
import {
  DoraEventSource,
  doraEventSourcesExtensionPoint,
} from '@plinth/plugin-dora-node';
import { readDoraConfig } from './config';
import { DatabaseDoraStore } from './database/DatabaseDoraStore';
import { doraChangeAnnouncer } from './service/announceChanges';
import {
  catalogAnnotationFinder,
  catalogEntityResolver,
  catalogVisibility,
} from './service/catalogResolvers';
import { DoraMetricsService } from './service/DoraMetricsService';
import { createDoraRouter } from './service/router';

/**
 * The DORA backend plugin, mounted at `/api/dora`: change, deployment and
 * incident events in (the events API, the webhooks of event sources that
 * modules add, other plugins through `doraServiceRef`), the five keys and
 * their tiers out, per entity, team, system and domain, over any window.
 *
 * @example
 * ```ts
 * // packages/backend/src/index.ts
 * backend.add(import('@plinth/plugin-dora-backend'));
 * backend.add(import('@plinth/plugin-dora-backend-module-github'));
 * ```
 * @public
 */
export const doraPlugin = createBackendPlugin({
  pluginId: 'dora',
  register(env) {
    const sources: DoraEventSource[] = [];
    env.registerExtensionPoint(doraEventSourcesExtensionPoint, {
      addSource(...added) {
        sources.push(...added);
      },
    });

    env.registerInit({
      deps: {
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        database: coreServices.database,
        scheduler: coreServices.scheduler,
        auth: coreServices.auth,
        httpAuth: coreServices.httpAuth,
        httpRouter: coreServices.httpRouter,
        permissions: coreServices.permissions,
        permissionsRegistry: coreServices.permissionsRegistry,
        catalog: catalogServiceRef,
        events: eventsServiceRef,
      },
      async init(deps) {
        const { config, logger, auth, catalog, events } = deps;
        const { tiers, maxBatchBytes, deliveryRetentionMs } =
          readDoraConfig(config);
        deps.permissionsRegistry.addPermissions(doraPermissions);

        const service = new DoraMetricsService({
          store: await DatabaseDoraStore.create(deps),
          logger,
          tiers,
          sources,
          deliveryRetentionMs,
          visibleEntities: catalogVisibility({
            catalog,
            permissions: deps.permissions,
            config: deps.config,
          }),
          resolveEntities: catalogEntityResolver({ catalog, auth }),
          findEntityByAnnotation: catalogAnnotationFinder({ catalog, auth }),
          onChanged: doraChangeAnnouncer({ events, logger }),
        });
        // Owners, systems and domains move in the catalog: read them again,
        // soon after start too (events sent while the catalog was filling
        // have no owners yet).
        await deps.scheduler.scheduleTask({
          id: 'dora-entity-facets',
          frequency: { minutes: 10 },
          initialDelay: { minutes: 1 },
          timeout: { minutes: 10 },
          scope: 'global',
          fn: () => service.refreshEntities(),
        });
        // Webhook delivery ids are kept for plinth.dora.webhooks.deliveryRetention.
        await deps.scheduler.scheduleTask({
          id: 'dora-webhook-deliveries',
          frequency: { hours: 1 },
          initialDelay: { minutes: 5 },
          timeout: { minutes: 10 },
          scope: 'global',
          fn: () => service.forgetOldDeliveries(),
        });

        deps.httpRouter.use(
          await createDoraRouter({ ...deps, service, maxBatchBytes }),
        );
        // Webhook deliveries authenticate with their source's signature.
        deps.httpRouter.addAuthPolicy({
          path: '/webhooks',
          allow: 'unauthenticated',
        });
      },
    });
  },
});
