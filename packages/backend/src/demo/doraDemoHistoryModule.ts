import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { ResponseError } from '@backstage/errors';
import { generateDoraHistory } from './doraHistory';

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
      },
      async init({ config, logger, auth, discovery, rootLifecycle }) {
        if (!config.getOptionalBoolean('plinth.dora.demoHistory')) return;
        const send = async () => {
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
