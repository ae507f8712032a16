import { LoggerService } from '@backstage/backend-plugin-api';
import {
  formatProblem,
  portEntitiesToBackstage,
  validatePortDocuments,
} from '@plinth/plugin-blueprints-common';
import { readPortFiles } from '@plinth/plugin-blueprints-node';
import { resolve } from 'node:path';
import { BlueprintCache } from '../BlueprintCache';
import { ConnectedProvider } from './ConnectedProvider';
import { deferred } from './locations';

/**
 * Brings Port-format entities from files and folders into the catalog
 * (`catalog.providers.plinthBlueprints.entities`): each validated against the
 * registry's blueprints and mapped onto its Backstage kind. An invalid entity
 * is left out with a warning naming its file, field and what was expected;
 * every valid one is kept.
 */
export class PortFileEntityProvider extends ConnectedProvider {
  constructor(
    private readonly options: {
      paths: string[];
      cache: BlueprintCache;
      defaultOwner?: string;
      logger: LoggerService;
    },
  ) {
    super();
  }

  getProviderName(): string {
    return 'plinth-port-files';
  }

  async refresh(): Promise<void> {
    const connection = await this.connected();
    const { registered, blueprints } = await this.options.cache.get();
    const files = await readPortFiles(this.options.paths);
    const validated = validatePortDocuments(
      { blueprints: [], entities: files.entities },
      { knownBlueprints: registered.map(r => r.blueprint) },
    );
    for (const problem of [...files.problems, ...validated.problems]) {
      this.options.logger.warn(
        `Port entity left out of the catalog: ${formatProblem(problem)}`,
      );
    }
    // Mapped as a set: a relation whose native field sits on its target
    // (an API's provider) fills that field of the target (providesApis).
    const mapped = portEntitiesToBackstage(validated.entities, {
      blueprints,
      defaultOwner: this.options.defaultOwner,
    });
    const entities = mapped.map((entity, i) =>
      deferred(entity, `file:${resolve(validated.entities[i].source)}`),
    );
    await connection.applyMutation({ type: 'full', entities });
  }
}
