import { convertLegacyRouteRefs } from '@backstage/core-compat-api';
import {
  ApiBlueprint,
  createFrontendModule,
  createFrontendPlugin,
  discoveryApiRef,
  fetchApiRef,
  PageBlueprint,
  PluginWrapperBlueprint,
} from '@backstage/frontend-plugin-api';
import { catalogGraphApiRef } from '@backstage/plugin-catalog-graph';
import { EntityCardBlueprint } from '@backstage/plugin-catalog-react/alpha';
import AccountTreeIcon from '@material-ui/icons/AccountTree';
import { BlueprintCatalogGraphApi } from './api/BlueprintCatalogGraphApi';
import { blueprintsApiRef } from './api/BlueprintsApi';
import { BlueprintsClient } from './api/BlueprintsClient';
import {
  isBlueprintDefinitionEntity,
  isBlueprintEntity,
} from './lib/blueprintEntity';
import {
  blueprintRouteRef,
  catalogIndexRouteRef,
  createEntityRouteRef,
  rootRouteRef,
} from './routes';

/** The blueprints backend's client. */
const blueprintsApiExtension = ApiBlueprint.make({
  params: defineParams =>
    defineParams({
      api: blueprintsApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: ({ discoveryApi, fetchApi }) =>
        new BlueprintsClient({ discoveryApi, fetchApi }),
    }),
});

const routes = convertLegacyRouteRefs({
  root: rootRouteRef,
  blueprint: blueprintRouteRef,
  createEntity: createEntityRouteRef,
});

/** The data model, each blueprint's page and the entity-creation form. */
const dataModelPage = PageBlueprint.make({
  params: {
    path: '/blueprints',
    routeRef: routes.root,
    title: 'Data model',
    icon: <AccountTreeIcon fontSize="inherit" />,
    loader: () =>
      import('./components/BlueprintsRouter').then(m => (
        <m.BlueprintsRouter variant="nfs" />
      )),
  },
});

/** The properties card, on the overview of every entity of a blueprint. */
const propertiesCard = EntityCardBlueprint.make({
  name: 'properties',
  params: {
    type: 'content',
    filter: isBlueprintEntity,
    loader: () =>
      import('./components/EntityBlueprintPropertiesCard').then(m => (
        <m.EntityBlueprintPropertiesCard />
      )),
  },
});

/** The relations card, on the overview of every entity of a blueprint. */
const relationsCard = EntityCardBlueprint.make({
  name: 'relations',
  params: {
    type: 'info',
    filter: isBlueprintEntity,
    loader: () =>
      import('./components/EntityBlueprintRelationsCard').then(m => (
        <m.EntityBlueprintRelationsCard />
      )),
  },
});

/** On `Blueprint` entities: what the blueprint defines, and its page. */
const definitionCard = EntityCardBlueprint.make({
  name: 'definition',
  params: {
    type: 'info',
    filter: isBlueprintDefinitionEntity,
    loader: () =>
      import('./components/EntityBlueprintDefinitionCard').then(m => (
        <m.EntityBlueprintDefinitionCard />
      )),
  },
});

/**
 * The blueprints plugin for the new frontend system: the `Data model` page
 * (`/blueprints`: the data model, each blueprint, the entity-creation form),
 * the blueprints API, and the entity cards — blueprint properties and
 * relations on the overview of every entity of a blueprint, the blueprint
 * definition on `Blueprint` entities.
 *
 * @example
 * ```ts
 * import blueprintsPlugin, {
 *   blueprintsCatalogGraphModule,
 * } from '@plinth/plugin-blueprints';
 *
 * export default createApp({
 *   features: [blueprintsPlugin, blueprintsCatalogGraphModule],
 * });
 * ```
 * @public
 */
export const blueprintsPlugin = createFrontendPlugin({
  pluginId: 'blueprints',
  title: 'Data model',
  icon: <AccountTreeIcon fontSize="inherit" />,
  info: { packageJson: () => import('../package.json') },
  routes,
  externalRoutes: convertLegacyRouteRefs({
    catalogIndex: catalogIndexRouteRef,
  }),
  extensions: [
    blueprintsApiExtension,
    dataModelPage,
    propertiesCard,
    relationsCard,
    definitionCard,
  ],
});

/**
 * Teaches the catalog graph the blueprints' relation types, so it draws the
 * relations of custom blueprints and offers them in its filter: replaces the
 * catalog graph's API (`api:catalog-graph`) with a
 * {@link BlueprintCatalogGraphApi}, and holds the catalog graph's page and
 * card until it has read the blueprints. Add it to the app beside the
 * catalog graph plugin.
 *
 * @example
 * ```ts
 * createApp({ features: [blueprintsPlugin, blueprintsCatalogGraphModule] });
 * ```
 * @public
 */
export const blueprintsCatalogGraphModule = createFrontendModule({
  pluginId: 'catalog-graph',
  extensions: [
    ApiBlueprint.make({
      params: defineParams =>
        defineParams({
          api: catalogGraphApiRef,
          deps: { blueprintsApi: blueprintsApiRef },
          factory: ({ blueprintsApi }) =>
            new BlueprintCatalogGraphApi({ blueprintsApi }),
        }),
    }),
    PluginWrapperBlueprint.make({
      name: 'blueprint-relations',
      params: defineParams =>
        defineParams({
          loader: async () => {
            const { BlueprintCatalogGraphReady } = await import(
              './components/BlueprintCatalogGraphReady'
            );
            return { component: BlueprintCatalogGraphReady };
          },
        }),
    }),
  ],
});
