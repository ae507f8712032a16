import { createBackendModule } from '@backstage/backend-plugin-api';
import { catalogProcessingExtensionPoint } from '@backstage/plugin-catalog-node';
import { ScorecardEntityProcessor } from './ScorecardEntityProcessor';

/**
 * The catalog module that accepts Plinth `Scorecard` entities.
 *
 * @example
 * ```ts
 * backend.add(import('@plinth/plugin-catalog-backend-module-scorecards'));
 * ```
 * @public
 */
export const catalogModuleScorecards = createBackendModule({
  pluginId: 'catalog',
  moduleId: 'plinth-scorecards',
  register(reg) {
    reg.registerInit({
      deps: { catalog: catalogProcessingExtensionPoint },
      async init({ catalog }) {
        catalog.addProcessor(new ScorecardEntityProcessor());
      },
    });
  },
});
