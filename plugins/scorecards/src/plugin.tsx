import { convertLegacyRouteRefs } from '@backstage/core-compat-api';
import {
  ApiBlueprint,
  coreExtensionData,
  createExtensionInput,
  createFrontendPlugin,
  discoveryApiRef,
  fetchApiRef,
  PageBlueprint,
} from '@backstage/frontend-plugin-api';
import {
  EntityCardBlueprint,
  EntityContentBlueprint,
} from '@backstage/plugin-catalog-react/alpha';
import AssessmentIcon from '@material-ui/icons/Assessment';
import { scorecardsApiRef } from './api/ScorecardsApi';
import { ScorecardsClient } from './api/ScorecardsClient';
import {
  campaignRouteRef,
  campaignsRouteRef,
  doraRouteRef,
  rootRouteRef,
  SCORECARDS_TAB_PATH,
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
 * The kinds with a Scorecards tab and summary, by default: components and
 * systems. Apps whose scorecards measure other kinds configure the `filter`
 * of `entity-content:scorecards/scorecards` and
 * `entity-card:scorecards/summary`.
 */
const scoredKinds = { kind: { $in: ['component', 'system'] } };

/**
 * The Scorecards tab of entity pages (`/scorecards` below the entity), on
 * the {@link scoredKinds} by default. It shows the cards attached to its
 * `cards` input that are for the entity: the scorecards card, and the DORA
 * card of `@plinth/plugin-dora`.
 */
const scorecardsContent = EntityContentBlueprint.makeWithOverrides({
  name: 'scorecards',
  inputs: {
    cards: createExtensionInput([
      coreExtensionData.reactElement,
      EntityContentBlueprint.dataRefs.filterFunction.optional(),
      EntityContentBlueprint.dataRefs.filterExpression.optional(),
      EntityCardBlueprint.dataRefs.type.optional(),
    ]),
  },
  factory: (originalFactory, { inputs }) =>
    originalFactory({
      path: `/${SCORECARDS_TAB_PATH}`,
      title: 'Scorecards',
      filter: scoredKinds,
      loader: async () => {
        const { EntityScorecardsContent } = await import(
          './components/EntityScorecardsContent'
        );
        // String filter expressions are deprecated in Backstage: cards
        // with one show on every entity here.
        const cards = inputs.cards.map(card => ({
          element: card.get(coreExtensionData.reactElement),
          filter: card.get(EntityContentBlueprint.dataRefs.filterFunction),
        }));
        return <EntityScorecardsContent cards={cards} />;
      },
    }),
});

/**
 * The scorecards card, on the Scorecards tab: every scorecard that applies
 * to the entity, its rules and trend; it says so itself when none applies.
 */
const scorecardsCard = EntityCardBlueprint.make({
  name: 'scorecards',
  attachTo: { id: 'entity-content:scorecards/scorecards', input: 'cards' },
  params: {
    type: 'content',
    loader: () =>
      import('./components/EntityScorecardsCard').then(m => (
        <m.EntityScorecardsCard />
      )),
  },
});

/**
 * The entity's level on each scorecard, near the top of the overview of
 * the entities with a Scorecards tab, linking to it; nothing where no
 * scorecard applies.
 */
const scorecardsSummaryCard = EntityCardBlueprint.make({
  name: 'summary',
  params: {
    type: 'info',
    filter: scoredKinds,
    loader: () =>
      import('./components/EntityScorecardsSummaryCard').then(m => (
        <m.EntityScorecardsSummaryCard />
      )),
  },
});

/**
 * The scorecards plugin for the new frontend system: the `Scorecards` page
 * (`/scorecards`: every scorecard with its level distribution, each
 * scorecard's summary, heat map and history, the campaigns), the scorecards
 * API, the Scorecards tab of entity pages (`entity-content:scorecards/scorecards`,
 * with the scorecards card, and the DORA card of `@plinth/plugin-dora` where
 * the app has it) and a summary of the entity's levels near the top of its
 * overview (`entity-card:scorecards/summary`).
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
  extensions: [
    scorecardsApiExtension,
    scorecardsPage,
    scorecardsContent,
    scorecardsCard,
    scorecardsSummaryCard,
  ],
});
