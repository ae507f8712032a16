import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { ResponseError } from '@backstage/errors';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { DEMO_SERVICES, generateDoraHistory } from './doraHistory';

/** Events per request: well under the API's batch limit. */
const BATCH = 5_000;

/**
 * The example app's DORA history: when `plinth.dora.demoHistory` is true,
 * a year of generated events for the seed's services is sent, once the
 * backend has started, through the same API as any other source
 * (`POST /api/scorecards/dora/events`). The events are the same on every
 * start, so sending them again changes nothing.
 */
export const doraDemoHistoryModule = createBackendModule({
  pluginId: 'scorecards',
  moduleId: 'dora-demo-history',
  register(reg) {
    reg.registerInit({
      deps: {
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        auth: coreServices.auth,
        discovery: coreServices.discovery,
        rootLifecycle: coreServices.rootLifecycle,
        catalog: catalogServiceRef,
      },
      async init({ config, logger, auth, discovery, rootLifecycle, catalog }) {
        if (!config.getOptionalBoolean('plinth.dora.demoHistory')) return;
        // The DORA backend reads each entity's owner and system from the
        // catalog when its events arrive: wait until the catalog has them.
        const catalogHasServices = async () => {
          const { items } = await catalog.getEntitiesByRefs(
            { entityRefs: DEMO_SERVICES, fields: ['relations'] },
            { credentials: await auth.getOwnServiceCredentials() },
          );
          return items.every(e =>
            e?.relations?.some(r => r.type === 'ownedBy'),
          );
        };
        const send = async () => {
          for (let i = 0; i < 60 && !(await catalogHasServices()); i++) {
            await new Promise(resolve => setTimeout(resolve, 5_000));
          }
          const events = generateDoraHistory(Date.now());
          const baseUrl = await discovery.getBaseUrl('scorecards');
          let created = 0;
          for (let i = 0; i < events.length; i += BATCH) {
            const { token } = await auth.getPluginRequestToken({
              onBehalfOf: await auth.getOwnServiceCredentials(),
              targetPluginId: 'scorecards',
            });
            const response = await fetch(`${baseUrl}/dora/events`, {
              method: 'POST',
              headers: {
                Authorization: `Bearer ${token}`,
                'Content-Type': 'application/json',
              },
              body: JSON.stringify(events.slice(i, i + BATCH)),
            });
            if (!response.ok) throw await ResponseError.fromResponse(response);
            created += (await response.json()).created ?? 0;
          }
          logger.info(
            `DORA demo history: ${events.length} events sent, ${created} new`,
          );
        };
        rootLifecycle.addStartupHook(() => {
          send().catch(error =>
            logger.error(`DORA demo history not loaded: ${error}`),
          );
        });
      },
    });
  },
});
