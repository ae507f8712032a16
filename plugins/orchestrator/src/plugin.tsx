import { convertLegacyRouteRefs } from '@backstage/core-compat-api';
import {
  ApiBlueprint,
  createFrontendPlugin,
  discoveryApiRef,
  fetchApiRef,
  PageBlueprint,
} from '@backstage/frontend-plugin-api';
import { EntityContentBlueprint } from '@backstage/plugin-catalog-react/alpha';
import CloudQueueIcon from '@material-ui/icons/CloudQueue';
import { orchestratorApiRef } from './api/OrchestratorApi';
import { OrchestratorClient } from './api/OrchestratorClient';
import { rootRouteRef } from './routes';

/** The orchestrator backend's client. */
const orchestratorApiExtension = ApiBlueprint.make({
  params: defineParams =>
    defineParams({
      api: orchestratorApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: ({ discoveryApi, fetchApi }) =>
        new OrchestratorClient({ discoveryApi, fetchApi }),
    }),
});

const routes = convertLegacyRouteRefs({
  root: rootRouteRef,
});

/**
 * The admin page: environment types, resource definitions, resource types
 * and explain. Its title and icon make its nav item.
 */
const orchestratorPage = PageBlueprint.make({
  params: {
    path: '/orchestrator',
    routeRef: routes.root,
    title: 'Platform orchestrator',
    icon: <CloudQueueIcon fontSize="inherit" />,
    loader: () =>
      import('./components/OrchestratorRootPage').then(m => (
        <m.OrchestratorRootPage variant="nfs" />
      )),
  },
});

/** The `Environments` tab of apps: catalog Components and Systems. */
const environmentsContent = EntityContentBlueprint.make({
  name: 'environments',
  params: {
    path: 'environments',
    title: 'Environments',
    group: 'deployment',
    filter: { kind: { $in: ['component', 'system'] } },
    loader: () =>
      import('./components/EntityOrchestratorContent').then(m => (
        <m.EntityOrchestratorContent />
      )),
  },
});

/**
 * The platform orchestrator plugin for the new frontend system: the
 * `Platform orchestrator` page (`/orchestrator`, with its nav item), the
 * orchestrator API, and the `Environments` tab of every catalog Component
 * and System.
 *
 * @example
 * ```ts
 * import orchestratorPlugin from '@plinth/plugin-orchestrator';
 *
 * export default createApp({ features: [orchestratorPlugin] });
 * ```
 * @public
 */
export const orchestratorFrontendPlugin = createFrontendPlugin({
  pluginId: 'orchestrator',
  title: 'Platform orchestrator',
  icon: <CloudQueueIcon fontSize="inherit" />,
  info: { packageJson: () => import('../package.json') },
  routes,
  extensions: [orchestratorApiExtension, orchestratorPage, environmentsContent],
});
