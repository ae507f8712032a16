import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { eventsServiceRef } from '@backstage/plugin-events-node';
import {
  blueprintPermissions,
  calculationRunner,
  jqCompileCheck,
} from '@plinth/plugin-blueprints-common';
import { createJqEngine } from '@plinth/plugin-blueprints-node';
import { createCatalogVisibility } from '@plinth/backend-utils';
import { readBlueprintsConfig } from './config';
import { DatabaseBlueprintsStore } from './database/DatabaseBlueprintsStore';
import { startDerivedEngine } from './derived/startDerivedEngine';
import { BlueprintRegistry } from './service/BlueprintRegistry';
import { EntityStore } from './service/EntityStore';
import { createRouter } from './service/router';
import { scheduleRegistry } from './service/scheduleRegistry';

/**
 * The blueprints backend plugin, mounted at `/api/blueprints`: the
 * blueprint registry (files named in `plinth.blueprints.files`, catalog
 * entities of kind `Blueprint`, and blueprints created through the API),
 * the Port-format entity store, the derived-property engine, and their REST
 * API.
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
      async init(deps) {
        const { logger } = deps;
        const settings = readBlueprintsConfig(deps.config);
        deps.permissionsRegistry.addPermissions(blueprintPermissions);

        // The jq engine of calculation properties: programs are checked when
        // a blueprint is loaded, and run by the derived-property engine.
        const jq = createJqEngine({ logger });
        logger.info(`Calculation properties run on ${jq.description}`);
        deps.rootLifecycle.addShutdownHook(() => jq.close());

        const store = await DatabaseBlueprintsStore.create(deps);
        const registry = new BlueprintRegistry({
          ...deps,
          store,
          files: settings.files,
          checkProgram: jqCompileCheck(jq),
        });
        await scheduleRegistry({
          ...deps,
          registry,
          refreshInterval: settings.refreshInterval,
        });
        const derived = await startDerivedEngine({
          ...deps,
          blueprints: registry,
          calculate: calculationRunner(jq),
          syncInterval: settings.derivedSyncInterval,
        });

        deps.httpRouter.use(
          await createRouter({
            ...deps,
            registry,
            entities: new EntityStore({
              ...deps,
              store,
              registry,
              visibility: createCatalogVisibility(deps),
            }),
            derived,
          }),
        );
      },
    });
  },
});
