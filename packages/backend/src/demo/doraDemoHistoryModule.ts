import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { doraServiceRef } from '@plinth/plugin-dora-node';
import { DEMO_SERVICES, generateDoraHistory } from './doraHistory';

/**
 * The example app's DORA history: when `plinth.dora.demoHistory` is true,
 * a year of generated events for the seed's services is recorded, once the
 * backend has started, through the DORA service any plugin records events
 * with (`doraServiceRef`, which calls `POST /api/dora/events`). The events
 * are the same on every start, so recording them again changes nothing.
 */
export const doraDemoHistoryModule = createBackendModule({
  pluginId: 'dora',
  moduleId: 'demo-history',
  register(reg) {
    reg.registerInit({
      deps: {
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        auth: coreServices.auth,
        rootLifecycle: coreServices.rootLifecycle,
        catalog: catalogServiceRef,
        dora: doraServiceRef,
      },
      async init({ config, logger, auth, rootLifecycle, catalog, dora }) {
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
          const { created, rejected } = await dora.recordEvents(events);
          logger.info(
            `DORA demo history: ${events.length} events sent, ${created} new${
              rejected.length ? `, ${rejected.length} rejected` : ''
            }`,
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
