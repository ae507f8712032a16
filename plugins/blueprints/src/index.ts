/**
 * The Plinth blueprints plugin: the catalog's data model as Port-format
 * blueprints, in Backstage's UI — the data-model page, each blueprint's
 * page, the entity-creation form, typed entity properties and relations
 * cards, and the catalog graph taught the blueprints' relations.
 *
 * The default export is the plugin for the new frontend system; the
 * `blueprintsLegacyPlugin` family serves apps of the old one.
 *
 * @packageDocumentation
 */

export {
  blueprintsPlugin as default,
  blueprintsCatalogGraphModule,
} from './plugin';

export {
  blueprintsLegacyPlugin,
  BlueprintsPage,
  BlueprintEntityOverview,
  EntityBlueprintDefinitionCard,
  EntityBlueprintPropertiesCard,
  EntityBlueprintRelationsCard,
} from './legacyPlugin';
export type { BlueprintEntityOverviewProps } from './components/BlueprintEntityOverview';
export type { EntityBlueprintPropertiesCardProps } from './components/EntityBlueprintPropertiesCard';
export type { EntityBlueprintRelationsCardProps } from './components/EntityBlueprintRelationsCard';
export { BlueprintCatalogGraphReady } from './components/BlueprintCatalogGraphReady';

export { blueprintsApiRef } from './api/BlueprintsApi';
export type { BlueprintsApi, CreateEntityOptions } from './api/BlueprintsApi';
export { BlueprintsClient } from './api/BlueprintsClient';
export { EntityRejectedError } from './api/EntityRejectedError';
export { BlueprintCatalogGraphApi } from './api/BlueprintCatalogGraphApi';
export type { BlueprintCatalogGraphApiOptions } from './api/BlueprintCatalogGraphApi';

export {
  blueprintOfEntity,
  isBlueprintDefinitionEntity,
  isBlueprintEntity,
  isCustomBlueprintEntity,
} from './lib/blueprintEntity';
