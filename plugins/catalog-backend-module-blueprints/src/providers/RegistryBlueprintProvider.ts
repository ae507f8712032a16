import {
  ANNOTATION_ORIGIN,
  blueprintToEntity,
} from '@plinth/plugin-blueprints-common';
import { BlueprintCache } from '../BlueprintCache';
import { ConnectedProvider } from './ConnectedProvider';
import { deferred } from './locations';

/**
 * Publishes the blueprints of the registry that come from files or the API as
 * catalog entities of kind `Blueprint`, so the data model shows in the catalog
 * and its graph. Blueprints authored as catalog entities are there already.
 */
export class RegistryBlueprintProvider extends ConnectedProvider {
  constructor(private readonly cache: BlueprintCache) {
    super();
  }

  getProviderName(): string {
    return 'plinth-blueprints';
  }

  /** Replaces every published blueprint with the registry's current ones. */
  async refresh(): Promise<void> {
    const connection = await this.connected();
    const { registered } = await this.cache.get();
    const entities = registered
      .filter(({ origin }) => origin !== 'catalog')
      .map(({ blueprint, source }) => {
        const entity = blueprintToEntity(blueprint);
        entity.metadata.annotations = {
          ...entity.metadata.annotations,
          [ANNOTATION_ORIGIN]: 'registry',
        };
        return deferred(entity, `plinth-blueprints:${source}`);
      });
    await connection.applyMutation({ type: 'full', entities });
  }
}
