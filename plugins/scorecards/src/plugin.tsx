import { convertLegacyRouteRefs } from '@backstage/core-compat-api';
import {
  ApiBlueprint,
  createFrontendPlugin,
  discoveryApiRef,
  fetchApiRef,
  PageBlueprint,
} from '@backstage/frontend-plugin-api';
import { EntityCardBlueprint } from '@backstage/plugin-catalog-react/alpha';
import AssessmentIcon from '@material-ui/icons/Assessment';
import { scorecardsApiRef } from './api/ScorecardsApi';
import { ScorecardsClient } from './api/ScorecardsClient';
import {
  campaignRouteRef,
  campaignsRouteRef,
  doraRouteRef,
  rootRouteRef,
  scorecardRouteRef,
} from './routes';

/** The scorecards backend's client. */
const scorecardsApiExtension = ApiBlueprint.make({
  params: defineParams =>
    defineParams({
      api: scorecardsApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: ({ discoveryApi, fetchApi }) =>
        new ScorecardsClient({ discoveryApi, fetchApi }),
    }),
});

const routes = convertLegacyRouteRefs({
  root: rootRouteRef,
  scorecard: scorecardRouteRef,
  campaigns: campaignsRouteRef,
  campaign: campaignRouteRef,
});

/**
 * Bound in `app-config.yaml` (`app.routes.bindings`), e.g.
 * `scorecards.dora: dora.root`.
 */
const externalRoutes = convertLegacyRouteRefs({
  dora: doraRouteRef,
});

/** The overview, each scorecard's page and the campaign pages. */
const scorecardsPage = PageBlueprint.make({
  params: {
    path: '/scorecards',
    routeRef: routes.root,
    title: 'Scorecards',
    icon: <AssessmentIcon fontSize="inherit" />,
    loader: () =>
      import('./components/ScorecardsRouter').then(m => (
        <m.ScorecardsRouter variant="nfs" />
      )),
  },
});

/**
 * The scorecards card, on the overview of every entity: the card says so
 * itself when no scorecard applies.
 */
const scorecardsCard = EntityCardBlueprint.make({
  name: 'scorecards',
  params: {
    type: 'content',
    loader: () =>
      import('./components/EntityScorecardsCard').then(m => (
        <m.EntityScorecardsCard />
      )),
  },
});

/**
 * The scorecards plugin for the new frontend system: the `Scorecards` page
 * (`/scorecards`: every scorecard with its level distribution, each
 * scorecard's summary, heat map and history, the campaigns), the scorecards
 * API, and the scorecards card on the overview of every entity.
 *
 * Its optional external route `dora` links the overview to the DORA
 * dashboards of `@plinth/plugin-dora`: bind it with
 * `app.routes.bindings: { scorecards.dora: dora.root }`.
 *
 * @example
 * ```ts
 * import scorecardsPlugin from '@plinth/plugin-scorecards';
 *
 * export default createApp({ features: [scorecardsPlugin] });
 * ```
 * @public
 */
export const scorecardsFrontendPlugin = createFrontendPlugin({
  pluginId: 'scorecards',
  title: 'Scorecards',
  icon: <AssessmentIcon fontSize="inherit" />,
  info: { packageJson: () => import('../package.json') },
  routes,
  externalRoutes,
  extensions: [scorecardsApiExtension, scorecardsPage, scorecardsCard],
});
