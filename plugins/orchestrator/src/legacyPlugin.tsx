import {
  createApiFactory,
  createComponentExtension,
  createPlugin,
  createRoutableExtension,
  discoveryApiRef,
  fetchApiRef,
} from '@backstage/core-plugin-api';
import { orchestratorApiRef } from './api/OrchestratorApi';
import { OrchestratorClient } from './api/OrchestratorClient';
import { rootRouteRef } from './routes';

/**
 * The platform orchestrator plugin for apps of the old frontend system
 * (`createApp` from `@backstage/app-defaults`): the orchestrator API, the
 * {@link OrchestratorPage} and the {@link EntityOrchestratorContent}.
 *
 * @example
 * ```tsx
 * // packages/app/src/App.tsx
 * <Route path="/orchestrator" element={<OrchestratorPage />} />
 * ```
 * @public
 */
export const orchestratorPlugin = createPlugin({
  id: 'orchestrator',
  apis: [
    createApiFactory({
      api: orchestratorApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: ({ discoveryApi, fetchApi }) =>
        new OrchestratorClient({ discoveryApi, fetchApi }),
    }),
  ],
  routes: {
    root: rootRouteRef,
  },
});

/**
 * The platform orchestrator's admin page for the old frontend system:
 * environment types, resource definitions, resource types and explain.
 * `<Route path="/orchestrator" element={<OrchestratorPage />} />`.
 * @public
 */
export const OrchestratorPage = orchestratorPlugin.provide(
  createRoutableExtension({
    name: 'OrchestratorPage',
    component: () =>
      import('./components/OrchestratorRootPage').then(m => () => (
        <m.OrchestratorRootPage variant="legacy" />
      )),
    mountPoint: rootRouteRef,
  }),
);

/**
 * The current app's environments, for the old frontend system's entity
 * pages of Components and Systems: status, TTL countdown, lock, resources,
 * workloads and runs, and the actions the user is allowed.
 *
 * @example
 * ```tsx
 * // packages/app/src/components/catalog/EntityPage.tsx
 * <EntityLayout.Route path="/environments" title="Environments">
 *   <EntityOrchestratorContent />
 * </EntityLayout.Route>
 * ```
 * @public
 */
export const EntityOrchestratorContent = orchestratorPlugin.provide(
  createComponentExtension({
    name: 'EntityOrchestratorContent',
    component: {
      lazy: () =>
        import('./components/EntityOrchestratorContent').then(
          m => m.EntityOrchestratorContent,
        ),
    },
  }),
);
