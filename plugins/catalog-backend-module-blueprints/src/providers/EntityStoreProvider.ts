import {
  Blueprint,
  portEntityToBackstage,
  PortEntity,
  blueprintEntityRef,
} from '@plinth/plugin-blueprints-common';
import { BlueprintsService } from '@plinth/plugin-blueprints-node';
import { BlueprintCache } from '../BlueprintCache';
import { ConnectedProvider } from './ConnectedProvider';
import { deferred } from './locations';

const LOCATION = 'plinth-entity-store:blueprints';

/**
 * Brings the entities of the blueprints entity store (created through the
 * blueprints API and by self-service actions) into the catalog: all of them
 * on each refresh, and each change as the blueprints backend announces it.
 */
export class EntityStoreProvider extends ConnectedProvider {
  constructor(
    private readonly options: {
      service: BlueprintsService;
      cache: BlueprintCache;
      defaultOwner?: string;
    },
  ) {
    super();
  }

  getProviderName(): string {
    return 'plinth-entity-store';
  }

  async refresh(): Promise<void> {
    const connection = await this.connected();
    const { blueprints } = await this.options.cache.get();
    const { items } = await this.options.service.getStoredEntities();
    await connection.applyMutation({
      type: 'full',
      entities: items
        .filter(({ blueprint }) => blueprints.has(blueprint))
        .map(({ blueprint, entity }) =>
          this.toDeferred(entity, blueprint, blueprints),
        ),
    });
  }

  /** Applies the changes the blueprints backend announced. */
  async applyChanges(
    changes: Array<{
      blueprint: string;
      identifier: string;
      entity?: PortEntity;
    }>,
  ): Promise<void> {
    if (changes.length === 0) return;
    const connection = await this.connected();
    const { blueprints } = await this.options.cache.get();
    const known = changes.filter(({ blueprint }) => blueprints.has(blueprint));
    await connection.applyMutation({
      type: 'delta',
      added: known
        .filter(change => change.entity)
        .map(({ blueprint, entity }) =>
          this.toDeferred(entity!, blueprint, blueprints),
        ),
      removed: known
        .filter(change => !change.entity)
        .map(({ blueprint, identifier }) => ({
          // The catalog keys entities by their ref in lower case.
          entityRef: blueprintEntityRef(
            blueprint,
            identifier,
          ).toLocaleLowerCase('en-US'),
          locationKey: LOCATION,
        })),
    });
  }

  private toDeferred(
    entity: PortEntity,
    blueprint: string,
    blueprints: ReadonlyMap<string, Blueprint>,
  ) {
    return deferred(
      portEntityToBackstage(entity, blueprint, {
        blueprints,
        defaultOwner: this.options.defaultOwner,
      }),
      LOCATION,
    );
  }
}
