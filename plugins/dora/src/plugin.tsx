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

/**
 * The DORA metrics card, on the overview of every entity: the card says so
 * itself when the entity has no DORA events.
 */
const doraCard = EntityCardBlueprint.make({
  name: 'dora',
  params: {
    type: 'content',
    loader: () =>
      import('./components/EntityDoraCard').then(m => <m.EntityDoraCard />),
  },
});

/**
 * The DORA plugin for the new frontend system: the `DORA` page (`/dora`:
 * dashboards for developers, managers and executives), the DORA API, and
 * the DORA card on the overview of every entity.
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
  extensions: [doraApiExtension, doraPage, doraCard],
});
