import { convertLegacyRouteRefs } from '@backstage/core-compat-api';
import {
  ApiBlueprint,
  createFrontendPlugin,
  discoveryApiRef,
  fetchApiRef,
  PageBlueprint,
} from '@backstage/frontend-plugin-api';
import { EntityCardBlueprint } from '@backstage/plugin-catalog-react/alpha';
import TimelineIcon from '@material-ui/icons/Timeline';
import { doraApiRef } from './api/DoraApi';
import { DoraClient } from './api/DoraClient';
import { rootRouteRef } from './routes';

/** The DORA backend's client. */
const doraApiExtension = ApiBlueprint.make({
  params: defineParams =>
    defineParams({
      api: doraApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: ({ discoveryApi, fetchApi }) =>
        new DoraClient({ discoveryApi, fetchApi }),
    }),
});

const routes = convertLegacyRouteRefs({
  root: rootRouteRef,
});

/** The DORA dashboards for developers, managers and executives. */
const doraPage = PageBlueprint.make({
  params: {
    path: '/dora',
    routeRef: routes.root,
    title: 'DORA',
    icon: <TimelineIcon fontSize="inherit" />,
    loader: () =>
      import('./components/DoraRootPage').then(m => (
        <m.DoraRootPage variant="nfs" />
      )),
  },
});

/** The kinds with DORA figures: components, and systems (of their parts). */
const doraKinds = { kind: { $in: ['component', 'system'] } };

/**
 * The DORA metrics card, on the Scorecards tab of entity pages (of
 * `@plinth/plugin-scorecards`; attach it to `entity-content:catalog/overview`
 * in an app without that plugin). It says so itself when the entity has no
 * DORA events.
 */
const doraCard = EntityCardBlueprint.make({
  name: 'dora',
  attachTo: { id: 'entity-content:scorecards/scorecards', input: 'cards' },
  params: {
    type: 'content',
    filter: doraKinds,
    loader: () =>
      import('./components/EntityDoraCard').then(m => <m.EntityDoraCard />),
  },
});

/**
 * The tiers of the entity's DORA keys, near the top of the overview, with a
 * link to the Scorecards tab; nothing where the entity has no DORA events.
 */
const doraSummaryCard = EntityCardBlueprint.make({
  name: 'summary',
  params: {
    type: 'info',
    filter: doraKinds,
    loader: () =>
      import('./components/EntityDoraSummaryCard').then(m => (
        <m.EntityDoraSummaryCard />
      )),
  },
});

/**
 * The DORA plugin for the new frontend system: the `DORA` page (`/dora`:
 * dashboards for developers, managers and executives), the DORA API, the
 * DORA card of components and systems on their Scorecards tab
 * (`entity-card:dora/dora`), and their DORA tiers near the top of their
 * overview (`entity-card:dora/summary`).
 *
 * @example
 * ```ts
 * import doraPlugin from '@plinth/plugin-dora';
 *
 * export default createApp({ features: [doraPlugin] });
 * ```
 * @public
 */
export const doraFrontendPlugin = createFrontendPlugin({
  pluginId: 'dora',
  title: 'DORA',
  icon: <TimelineIcon fontSize="inherit" />,
  info: { packageJson: () => import('../package.json') },
  routes,
  extensions: [doraApiExtension, doraPage, doraCard, doraSummaryCard],
});
