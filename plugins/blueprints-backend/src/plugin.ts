import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { eventsServiceRef } from '@backstage/plugin-events-node';
import {
  BLUEPRINTS_CATALOG_EVENT_TOPIC,
  BLUEPRINTS_DERIVED_EVENT_TOPIC,
  blueprintPermissions,
  CatalogEntitiesEvent,
  DerivedEntitiesEvent,
} from '@plinth/plugin-blueprints-common';
import { createJqEngine } from '@plinth/plugin-blueprints-node';
import { readBlueprintsConfig } from './config';
import { DatabaseBlueprintsStore } from './database/DatabaseBlueprintsStore';
import {
  calculationRunner,
  jqCompileCheck,
} from '@plinth/plugin-blueprints-common';
import { CatalogSync } from './derived/CatalogSync';
import { DerivedEngine } from './derived/DerivedEngine';
import { DerivedReader } from './derived/DerivedReader';
import { DerivedStore } from './derived/DerivedStore';
import { BlueprintRegistry } from './service/BlueprintRegistry';
import { EntityStore } from './service/EntityStore';
import { createRouter } from './service/router';

const COMPUTE_TASK = 'blueprints-derived-compute';

/**
 * The blueprints backend plugin, mounted at `/api/blueprints`: the
 * blueprint registry (files named in `plinth.blueprints.files`, catalog
 * entities of kind `Blueprint`, and blueprints created through the API),
 * the Port-format entity store, and their REST API.
 *
 * @example
 * ```ts
 * // packages/backend/src/index.ts
 * backend.add(import('@plinth/plugin-blueprints-backend'));
 * ```
 * @public
 */
export const blueprintsPlugin = createBackendPlugin({
  pluginId: 'blueprints',
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
        catalog: catalogServiceRef,
        events: eventsServiceRef,
      },
      async init({
        config,
        logger,
        database,
        scheduler,
        rootLifecycle,
        auth,
        httpAuth,
        httpRouter,
        permissions,
        permissionsRegistry,
        catalog,
        events,
      }) {
        const { files, refreshInterval, derivedSyncInterval } =
          readBlueprintsConfig(config);
        permissionsRegistry.addPermissions(blueprintPermissions);

        // The jq engine of calculation properties: programs are checked when
        // a blueprint is loaded, and run by the derived-property engine.
        const jq = createJqEngine({ logger });
        logger.info(`Calculation properties run on ${jq.description}`);
        rootLifecycle.addShutdownHook(() => jq.close());

        const store = await DatabaseBlueprintsStore.create({ database });
        const registry = new BlueprintRegistry({
          store,
          logger,
          catalog,
          auth,
          events,
          files,
          checkProgram: jqCompileCheck(jq),
        });
        const entities = new EntityStore({
          store,
          registry,
          catalog,
          events,
          logger,
        });

        // The first load waits for the whole backend to be up, as the
        // catalog may be one of its plugins; a request before then waits
        // for it instead.
        rootLifecycle.addStartupHook(() => {
          registry.start();
        });
        // One replica at a time reads the sources...
        await scheduler.scheduleTask({
          id: 'blueprints-refresh',
          frequency: refreshInterval,
          initialDelay: refreshInterval,
          timeout: { minutes: 5 },
          scope: 'global',
          fn: () => registry.refresh(),
        });
        // ...and every replica picks up what was saved.
        await scheduler.scheduleTask({
          id: 'blueprints-reload',
          frequency: refreshInterval,
          initialDelay: refreshInterval,
          timeout: { minutes: 1 },
          scope: 'local',
          fn: () => registry.reload(),
        });

        // Derived properties: the catalog module's change feed in, one
        // replica at a time computing the queue, and a full comparison with
        // the catalog now and then (the first fills the tables).
        const derivedStore = new DerivedStore(await database.getClient());
        const engine = new DerivedEngine({
          store: derivedStore,
          blueprints: registry,
          logger,
          calculate: calculationRunner(jq),
          // Readers of entity views (scorecards) follow through events, in
          // slices small enough for any event bus.
          onChange: async ({ entityRefs, removed }) => {
            for (
              let i = 0;
              i < Math.max(entityRefs.length, removed.length);
              i += 1000
            ) {
              const eventPayload: DerivedEntitiesEvent = {
                type: 'derived.entities.changed',
                entityRefs: entityRefs.slice(i, i + 1000),
                removed: removed.slice(i, i + 1000),
              };
              await events.publish({
                topic: BLUEPRINTS_DERIVED_EVENT_TOPIC,
                eventPayload,
              });
            }
          },
        });
        const sync = new CatalogSync({
          catalog,
          auth,
          engine,
          store: derivedStore,
          blueprints: registry,
          logger,
        });
        await scheduler.scheduleTask({
          id: COMPUTE_TASK,
          frequency: { seconds: 1 },
          timeout: { minutes: 5 },
          scope: 'global',
          fn: async () => {
            await registry.ready();
            await engine.run();
          },
        });
        await scheduler.scheduleTask({
          id: 'blueprints-derived-catalog-sync',
          frequency: derivedSyncInterval,
          initialDelay: { seconds: 15 },
          timeout: { minutes: 15 },
          scope: 'global',
          fn: async () => {
            await registry.ready();
            await sync.run();
          },
        });

        await events.subscribe({
          id: 'plinth-blueprints-derived',
          topics: [BLUEPRINTS_CATALOG_EVENT_TOPIC],
          onEvent: async ({ eventPayload }) => {
            await registry.ready();
            const { entities: delivered } =
              eventPayload as CatalogEntitiesEvent;
            const changed = await engine.ingest({
              entities: delivered,
              removed: [],
            });
            // Compute now rather than at the next tick; a run already going
            // picks the new work up from the queue.
            if (changed > 0) {
              await scheduler.triggerTask(COMPUTE_TASK).catch(error => {
                if (error?.name !== 'ConflictError') throw error;
              });
            }
          },
        });

        httpRouter.use(
          await createRouter({
            httpAuth,
            permissions,
            registry,
            entities,
            derived: new DerivedReader({ store: derivedStore, catalog }),
          }),
        );
      },
    });
  },
});
