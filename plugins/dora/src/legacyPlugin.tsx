import {
  createApiFactory,
  createComponentExtension,
  createPlugin,
  createRoutableExtension,
  discoveryApiRef,
  fetchApiRef,
} from '@backstage/core-plugin-api';
import { doraApiRef } from './api/DoraApi';
import { DoraClient } from './api/DoraClient';
import { rootRouteRef } from './routes';

/**
 * The DORA plugin for apps of the old frontend system (`createApp` from
 * `@backstage/app-defaults`): the DORA API, the {@link DoraPage} and the
 * {@link EntityDoraCard}.
 *
 * @example
 * ```tsx
 * // packages/app/src/App.tsx
 * <Route path="/dora" element={<DoraPage />} />
 * ```
 * @public
 */
export const doraPlugin = createPlugin({
  id: 'dora',
  apis: [
    createApiFactory({
      api: doraApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: ({ discoveryApi, fetchApi }) =>
        new DoraClient({ discoveryApi, fetchApi }),
    }),
  ],
  routes: {
    root: rootRouteRef,
  },
});

/**
 * The DORA dashboards for developers, managers and executives, for the old
 * frontend system: `<Route path="/dora" element={<DoraPage />} />`.
 * @public
 */
export const DoraPage = doraPlugin.provide(
  createRoutableExtension({
    name: 'DoraPage',
    component: () =>
      import('./components/DoraRootPage').then(m => () => (
        <m.DoraRootPage variant="legacy" />
      )),
    mountPoint: rootRouteRef,
  }),
);

/**
 * The current entity's DORA metrics, for the old frontend system's entity
 * pages: the five keys over the last 90 days in production, each with its
 * tier and weekly trend.
 *
 * @example
 * ```tsx
 * // packages/app/src/components/catalog/EntityPage.tsx
 * <Grid item md={6}>
 *   <EntityDoraCard />
 * </Grid>
 * ```
 * @public
 */
export const EntityDoraCard = doraPlugin.provide(
  createComponentExtension({
    name: 'EntityDoraCard',
    component: {
      lazy: () =>
        import('./components/EntityDoraCard').then(m => m.EntityDoraCard),
    },
  }),
);

/**
 * The tiers of the current entity's five DORA keys, for the top of the old
 * frontend system's entity overview, linking to the tab with the
 * {@link EntityDoraCard} (`scorecards` by default, see its `tabPath`); it
 * renders nothing where the entity has no DORA events.
 *
 * @example
 * ```tsx
 * <EntityLayout.Route path="/" title="Overview">
 *   <Grid item md={4}><EntityDoraSummaryCard /></Grid>
 * </EntityLayout.Route>
 * <EntityLayout.Route path="/scorecards" title="Scorecards">
 *   <EntityDoraCard />
 * </EntityLayout.Route>
 * ```
 * @public
 */
export const EntityDoraSummaryCard = doraPlugin.provide(
  createComponentExtension({
    name: 'EntityDoraSummaryCard',
    component: {
      lazy: () =>
        import('./components/EntityDoraSummaryCard').then(
          m => m.EntityDoraSummaryCard,
        ),
    },
  }),
);
