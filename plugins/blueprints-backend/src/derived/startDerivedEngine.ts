import {
  AuthService,
  DatabaseService,
  LoggerService,
  SchedulerService,
} from '@backstage/backend-plugin-api';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { EventsService } from '@backstage/plugin-events-node';
import { HumanDuration } from '@backstage/types';
import {
  BLUEPRINTS_CATALOG_EVENT_TOPIC,
  BLUEPRINTS_DERIVED_EVENT_TOPIC,
  CalculationRunner,
  isCatalogEntitiesEvent,
} from '@plinth/plugin-blueprints-common';
import { CatalogSync } from './CatalogSync';
import { derivedEntitiesEvents } from './catalogEvents';
import { DatabaseDerivedStore } from './DatabaseDerivedStore';
import { BlueprintSource, DerivedEngine } from './DerivedEngine';
import { DerivedReader } from './DerivedReader';

const COMPUTE_TASK = 'blueprints-derived-compute';

/** What {@link startDerivedEngine} needs. */
export interface DerivedEngineOptions {
  database: DatabaseService;
  scheduler: SchedulerService;
  events: EventsService;
  catalog: CatalogService;
  auth: AuthService;
  logger: LoggerService;
  /** The applied blueprints, once their first load is done. */
  blueprints: BlueprintSource & { ready(): Promise<void> };
  /** Runs calculation properties' jq programs. */
  calculate: CalculationRunner;
  /** How often the engine's copy is compared with the whole catalog. */
  syncInterval: HumanDuration;
}

/**
 * Sets the derived-property engine going: the catalog module's change feed
 * in, one replica at a time computing the queue (every second, and at once
 * when a change arrives), a full comparison with the catalog now and then
 * (the first fills the tables), and the entities computed again announced
 * for readers of entity views. Answers the reader the API serves from.
 */
export async function startDerivedEngine(
  options: DerivedEngineOptions,
): Promise<DerivedReader> {
  const { scheduler, events, catalog, blueprints, logger } = options;
  const store = await DatabaseDerivedStore.create(options);
  const engine = new DerivedEngine({
    store,
    blueprints,
    logger,
    calculate: options.calculate,
    onChange: async change => {
      for (const eventPayload of derivedEntitiesEvents(change)) {
        await events.publish({
          topic: BLUEPRINTS_DERIVED_EVENT_TOPIC,
          eventPayload,
        });
      }
    },
  });
  const sync = new CatalogSync({
    catalog,
    auth: options.auth,
    engine,
    store,
    blueprints,
    logger,
  });

  await scheduler.scheduleTask({
    id: COMPUTE_TASK,
    frequency: { seconds: 1 },
    timeout: { minutes: 5 },
    scope: 'global',
    fn: async () => {
      await blueprints.ready();
      await engine.run();
    },
  });
  await scheduler.scheduleTask({
    id: 'blueprints-derived-catalog-sync',
    frequency: options.syncInterval,
    initialDelay: { seconds: 15 },
    timeout: { minutes: 15 },
    scope: 'global',
    fn: async () => {
      await blueprints.ready();
      await sync.run();
    },
  });

  await events.subscribe({
    id: 'plinth-blueprints-derived',
    topics: [BLUEPRINTS_CATALOG_EVENT_TOPIC],
    onEvent: async ({ eventPayload }) => {
      if (!isCatalogEntitiesEvent(eventPayload)) {
        logger.warn(
          `Ignored a message on ${BLUEPRINTS_CATALOG_EVENT_TOPIC} that is not a catalog.entities.changed event`,
        );
        return;
      }
      await blueprints.ready();
      const changed = await engine.ingest({
        entities: eventPayload.entities,
        removed: [],
      });
      // Compute now rather than at the next tick; a run already going
      // picks the new work up from the queue.
      if (changed > 0) {
        await scheduler.triggerTask(COMPUTE_TASK).catch(error => {
          if (error?.name !== 'ConflictError') throw error;
        });
      }
    },
  });

  return new DerivedReader({ store, catalog });
}
