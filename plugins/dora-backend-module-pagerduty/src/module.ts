import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { doraEventSourcesExtensionPoint } from '@plinth/plugin-dora-node';
import { PagerDutyDoraSource } from './PagerDutyDoraSource';

/**
 * DORA incidents from PagerDuty's V3 webhook, at
 * `POST /api/dora/webhooks/pagerduty`, checked against
 * `plinth.dora.webhooks.pagerduty.token` and/or `.signingSecret`.
 *
 * @example
 * ```ts
 * // packages/backend/src/index.ts
 * backend.add(import('@plinth/plugin-dora-backend'));
 * backend.add(import('@plinth/plugin-dora-backend-module-pagerduty'));
 * ```
 * @public
 */
export const doraModulePagerDuty = createBackendModule({
  pluginId: 'dora',
  moduleId: 'pagerduty',
  register(reg) {
    reg.registerInit({
      deps: {
        config: coreServices.rootConfig,
        sources: doraEventSourcesExtensionPoint,
      },
      async init({ config, sources }) {
        const webhook = config.getOptionalConfig(
          'plinth.dora.webhooks.pagerduty',
        );
        sources.addSource(
          new PagerDutyDoraSource({
            token: webhook?.getOptionalString('token'),
            signingSecret: webhook?.getOptionalString('signingSecret'),
          }),
        );
      },
    });
  },
});
