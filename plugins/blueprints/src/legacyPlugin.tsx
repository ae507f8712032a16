import {
  createApiFactory,
  createComponentExtension,
  createPlugin,
  createRoutableExtension,
  discoveryApiRef,
  fetchApiRef,
} from '@backstage/core-plugin-api';
import { blueprintsApiRef } from './api/BlueprintsApi';
import { BlueprintsClient } from './api/BlueprintsClient';
import {
  blueprintRouteRef,
  catalogIndexRouteRef,
  createEntityRouteRef,
  rootRouteRef,
} from './routes';

/**
 * The blueprints plugin for apps of the old frontend system (`createApp`
 * from `@backstage/app-defaults`): the blueprints API, the
 * {@link BlueprintsPage} and the entity cards. Bind its `catalogIndex`
 * external route to the catalog's index page.
 *
 * @example
 * ```tsx
 * const app = createApp({
 *   bindRoutes({ bind }) {
 *     bind(blueprintsLegacyPlugin.externalRoutes, {
 *       catalogIndex: catalogPlugin.routes.catalogIndex,
 *     });
 *   },
 * });
 * ```
 * @public
 */
export const blueprintsLegacyPlugin = createPlugin({
  id: 'blueprints',
  apis: [
    createApiFactory({
      api: blueprintsApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: ({ discoveryApi, fetchApi }) =>
        new BlueprintsClient({ discoveryApi, fetchApi }),
    }),
  ],
  routes: {
    root: rootRouteRef,
    blueprint: blueprintRouteRef,
    createEntity: createEntityRouteRef,
  },
  externalRoutes: {
    catalogIndex: catalogIndexRouteRef,
  },
});

/**
 * The data model, each blueprint's page and the entity-creation form, for
 * the old frontend system: `<Route path="/blueprints" element={<BlueprintsPage />} />`.
 * @public
 */
export const BlueprintsPage = blueprintsLegacyPlugin.provide(
  createRoutableExtension({
    name: 'BlueprintsPage',
    component: () =>
      import('./components/BlueprintsRouter').then(m => () => (
        <m.BlueprintsRouter variant="legacy" />
      )),
    mountPoint: rootRouteRef,
  }),
);

/**
 * The blueprint properties of the current entity, for the old frontend
 * system's entity pages (inside `EntitySwitch.Case if={isBlueprintEntity}`).
 * @public
 */
export const EntityBlueprintPropertiesCard = blueprintsLegacyPlugin.provide(
  createComponentExtension({
    name: 'EntityBlueprintPropertiesCard',
    component: {
      lazy: () =>
        import('./components/EntityBlueprintPropertiesCard').then(
          m => m.EntityBlueprintPropertiesCard,
        ),
    },
  }),
);

/**
 * The blueprint relations of the current entity, for the old frontend
 * system's entity pages.
 * @public
 */
export const EntityBlueprintRelationsCard = blueprintsLegacyPlugin.provide(
  createComponentExtension({
    name: 'EntityBlueprintRelationsCard',
    component: {
      lazy: () =>
        import('./components/EntityBlueprintRelationsCard').then(
          m => m.EntityBlueprintRelationsCard,
        ),
    },
  }),
);

/**
 * What a `Blueprint` entity defines, and a link to its page, for the old
 * frontend system's entity pages.
 * @public
 */
export const EntityBlueprintDefinitionCard = blueprintsLegacyPlugin.provide(
  createComponentExtension({
    name: 'EntityBlueprintDefinitionCard',
    component: {
      lazy: () =>
        import('./components/EntityBlueprintDefinitionCard').then(
          m => m.EntityBlueprintDefinitionCard,
        ),
    },
  }),
);

/**
 * The overview of an entity of a custom blueprint kind, for the old frontend
 * system: the cards given as children (the catalog's about card), the
 * relations and the properties.
 * @public
 */
export const BlueprintEntityOverview = blueprintsLegacyPlugin.provide(
  createComponentExtension({
    name: 'BlueprintEntityOverview',
    component: {
      lazy: () =>
        import('./components/BlueprintEntityOverview').then(
          m => m.BlueprintEntityOverview,
        ),
    },
  }),
);
