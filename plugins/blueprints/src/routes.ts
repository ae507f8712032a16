import {
  createExternalRouteRef,
  createRouteRef,
  createSubRouteRef,
} from '@backstage/core-plugin-api';

/** The data-model page, `/blueprints` where the app mounts it. */
export const rootRouteRef = createRouteRef({ id: 'blueprints' });

/** One blueprint's page. */
export const blueprintRouteRef = createSubRouteRef({
  id: 'blueprints/blueprint',
  parent: rootRouteRef,
  path: '/:identifier',
});

/** The form that creates an entity of one blueprint. */
export const createEntityRouteRef = createSubRouteRef({
  id: 'blueprints/create-entity',
  parent: rootRouteRef,
  path: '/:identifier/create',
});

/**
 * The catalog's entity list, which the blueprint page links to filtered by
 * the blueprint's kind. Bound to the catalog plugin's index page by default.
 */
export const catalogIndexRouteRef = createExternalRouteRef({
  id: 'blueprints/catalog-index',
  optional: true,
  defaultTarget: 'catalog.catalogIndex',
});
