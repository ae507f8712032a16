import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import {
  catalogProcessingExtensionPoint,
  catalogServiceRef,
} from '@backstage/plugin-catalog-node';
import { eventsServiceRef } from '@backstage/plugin-events-node';
import {
  BLUEPRINTS_EVENT_TOPIC,
  isBlueprintsEvent,
} from '@plinth/plugin-blueprints-common';
import { blueprintsServiceRef } from '@plinth/plugin-blueprints-node';
import { BlueprintCache } from './BlueprintCache';
import { readModuleConfig } from './config';
import { BlueprintEntitiesProcessor } from './processor/BlueprintEntitiesProcessor';
import { CatalogChangeFeed } from './processor/CatalogChangeFeed';
import { CatalogRefLookup } from './processor/CatalogRefLookup';
import { EntityStoreProvider } from './providers/EntityStoreProvider';
import { PortFileEntityProvider } from './providers/PortFileEntityProvider';
import { RegistryBlueprintProvider } from './providers/RegistryBlueprintProvider';
import { BlueprintSync } from './BlueprintSync';

/**
 * The catalog module of Plinth's blueprints: the processor that recognises,
 * validates and relates every blueprint kind, and the providers of the
 * registry's blueprints, Port-format entity files and the entity store.
 * @public
 */
export const catalogModuleBlueprints = createBackendModule({
  pluginId: 'catalog',
  moduleId: 'plinth-blueprints',
  register(reg) {
    reg.registerInit({
      deps: {
        catalog: catalogProcessingExtensionPoint,
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        scheduler: coreServices.scheduler,
        events: eventsServiceRef,
        blueprints: blueprintsServiceRef,
        catalogService: catalogServiceRef,
        auth: coreServices.auth,
      },
      async init({
        catalog,
        config,
        logger,
        scheduler,
        events,
        blueprints,
        catalogService,
        auth,
      }) {
        const options = readModuleConfig(config);
        const cache = new BlueprintCache({ service: blueprints, logger });
        const providers = {
          blueprints: new RegistryBlueprintProvider(cache),
          files: new PortFileEntityProvider({
            paths: options.entityPaths,
            cache,
            logger,
            defaultOwner: options.defaultOwner,
          }),
          store: new EntityStoreProvider({
            service: blueprints,
            cache,
            defaultOwner: options.defaultOwner,
          }),
        };
        catalog.addProcessor(
          new BlueprintEntitiesProcessor(cache, {
            refs: new CatalogRefLookup({ catalog: catalogService, auth }),
            feed: new CatalogChangeFeed({ events, logger }),
          }),
        );
        catalog.addEntityProvider(Object.values(providers));

        const sync = new BlueprintSync({ cache, providers, logger });
        await scheduler.scheduleTask({
          id: 'plinth-blueprints-catalog-sync',
          ...options.schedule,
          fn: () => sync.refreshAll(),
        });
        await events.subscribe({
          id: 'plinth-blueprints-catalog',
          topics: [BLUEPRINTS_EVENT_TOPIC],
          onEvent: async ({ eventPayload }) => {
            if (isBlueprintsEvent(eventPayload))
              await sync.onEvent(eventPayload);
          },
        });
      },
    });
  },
});
