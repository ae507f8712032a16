import { LoggerService } from '@backstage/backend-plugin-api';
import { BlueprintsEvent } from '@plinth/plugin-blueprints-common';
import { BlueprintCache } from './BlueprintCache';
import { EntityStoreProvider } from './providers/EntityStoreProvider';
import { PortFileEntityProvider } from './providers/PortFileEntityProvider';
import { RegistryBlueprintProvider } from './providers/RegistryBlueprintProvider';

/**
 * Keeps the catalog in step with the blueprints backend: everything on the
 * schedule, and on its events just what changed — a new set of blueprints
 * re-maps every provider's entities, a change in the entity store is applied
 * as it is.
 */
export class BlueprintSync {
  constructor(
    private readonly options: {
      cache: BlueprintCache;
      providers: {
        blueprints: RegistryBlueprintProvider;
        files: PortFileEntityProvider;
        store: EntityStoreProvider;
      };
      logger: LoggerService;
    },
  ) {}

  async refreshAll(): Promise<void> {
    await this.options.cache.refresh();
    const { blueprints, files, store } = this.options.providers;
    // One source failing leaves the others to refresh.
    const results = await Promise.allSettled([
      blueprints.refresh(),
      files.refresh(),
      store.refresh(),
    ]);
    for (const result of results) {
      if (result.status === 'rejected') {
        this.options.logger.error(
          `Plinth blueprints catalog sync failed: ${
            result.reason?.message ?? result.reason
          }`,
        );
      }
    }
  }

  /**
   * Handles an event of the blueprints backend. It returns at once and does
   * the work after: the publisher waits for its subscribers, and the work
   * calls the publisher back.
   */
  async onEvent(event: BlueprintsEvent): Promise<void> {
    let work: Promise<void> | undefined;
    if (event.type === 'blueprints.changed') {
      work = this.refreshAll();
    } else if (event.type === 'entities.changed') {
      work = this.options.providers.store.applyChanges(event.changes);
    }
    work?.catch(error =>
      this.options.logger.error(
        `Plinth blueprints catalog sync after ${event.type} failed: ${error.message}`,
      ),
    );
  }
}
