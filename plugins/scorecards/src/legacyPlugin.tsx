import {
  createApiFactory,
  createComponentExtension,
  createPlugin,
  createRoutableExtension,
  discoveryApiRef,
  fetchApiRef,
} from '@backstage/core-plugin-api';
import { scorecardsApiRef } from './api/ScorecardsApi';
import { ScorecardsClient } from './api/ScorecardsClient';
import {
  campaignRouteRef,
  campaignsRouteRef,
  doraRouteRef,
  rootRouteRef,
  scorecardRouteRef,
} from './routes';

/**
 * The scorecards plugin for apps of the old frontend system (`createApp`
 * from `@backstage/app-defaults`): the scorecards API, the
 * {@link ScorecardsPage} and the {@link EntityScorecardsCard}.
 *
 * Its optional external route `dora` links the overview to the DORA
 * dashboards of `@plinth/plugin-dora`; bind it in `bindRoutes`.
 *
 * @example
 * ```tsx
 * // packages/app/src/App.tsx
 * const app = createApp({
 *   bindRoutes({ bind }) {
 *     // Optional: the overview's DORA button.
 *     bind(scorecardsPlugin.externalRoutes, { dora: doraPlugin.routes.root });
 *   },
 * });
 * // …
 * <Route path="/scorecards" element={<ScorecardsPage />} />
 * ```
 * @public
 */
export const scorecardsPlugin = createPlugin({
  id: 'scorecards',
  apis: [
    createApiFactory({
      api: scorecardsApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: ({ discoveryApi, fetchApi }) =>
        new ScorecardsClient({ discoveryApi, fetchApi }),
    }),
  ],
  routes: {
    root: rootRouteRef,
    scorecard: scorecardRouteRef,
    campaigns: campaignsRouteRef,
    campaign: campaignRouteRef,
  },
  externalRoutes: {
    dora: doraRouteRef,
  },
});

/**
 * The scorecards overview, each scorecard's page and the campaign pages, for
 * the old frontend system: `<Route path="/scorecards" element={<ScorecardsPage />} />`.
 * @public
 */
export const ScorecardsPage = scorecardsPlugin.provide(
  createRoutableExtension({
    name: 'ScorecardsPage',
    component: () =>
      import('./components/ScorecardsRouter').then(m => () => (
        <m.ScorecardsRouter variant="legacy" />
      )),
    mountPoint: rootRouteRef,
  }),
);

/**
 * The current entity's scorecards, for the old frontend system's entity
 * pages: levels, rules by level, trend, and exemptions from failed rules.
 * @public
 */
export const EntityScorecardsCard = scorecardsPlugin.provide(
  createComponentExtension({
    name: 'EntityScorecardsCard',
    component: {
      lazy: () =>
        import('./components/EntityScorecardsCard').then(
          m => m.EntityScorecardsCard,
        ),
    },
  }),
);

/**
 * The current entity's level on each scorecard, for the top of the old
 * frontend system's entity overview, linking to the entity's Scorecards
 * tab; it renders nothing where no scorecard applies.
 *
 * @example
 * ```tsx
 * <EntityLayout.Route path="/" title="Overview">
 *   <Grid item md={4}><EntityScorecardsSummaryCard /></Grid>
 * </EntityLayout.Route>
 * <EntityLayout.Route path="/scorecards" title="Scorecards">
 *   <EntityScorecardsCard />
 * </EntityLayout.Route>
 * ```
 * @public
 */
export const EntityScorecardsSummaryCard = scorecardsPlugin.provide(
  createComponentExtension({
    name: 'EntityScorecardsSummaryCard',
    component: {
      lazy: () =>
        import('./components/EntityScorecardsSummaryCard').then(
          m => m.EntityScorecardsSummaryCard,
        ),
    },
  }),
);
