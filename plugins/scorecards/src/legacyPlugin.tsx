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
 * {@link ScorecardsPage} (with the DORA dashboards at `dora` below it), the
 * {@link EntityScorecardsCard} and the {@link EntityDoraCard}.
 *
 * @example
 * ```tsx
 * // packages/app/src/App.tsx
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
    dora: doraRouteRef,
  },
});

/**
 * The scorecards overview, each scorecard's page, the campaign pages and
 * the DORA dashboards (`/scorecards/dora`), for
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
export const EntityDoraCard = scorecardsPlugin.provide(
  createComponentExtension({
    name: 'EntityDoraCard',
    component: {
      lazy: () =>
        import('./components/EntityDoraCard').then(m => m.EntityDoraCard),
    },
  }),
);
