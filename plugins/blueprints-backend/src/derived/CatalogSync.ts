import { AuthService, LoggerService } from '@backstage/backend-plugin-api';
import { CATALOG_FILTER_EXISTS } from '@backstage/catalog-client';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  ANNOTATION_BLUEPRINT,
  BLUEPRINT_KIND,
  blueprintOfEntity,
  catalogEntityToPort,
  customKindFor,
  PLINTH_API_VERSION,
  timeDependentBlueprints,
} from '@plinth/plugin-blueprints-common';
import { BlueprintSource, DerivedEngine } from './DerivedEngine';
import { DerivedKey, DerivedStore, IndexedEntity } from './DerivedStore';

/**
 * Reads every entity of a blueprint from the catalog and hands the engine
 * what changed and what is gone. The catalog module's change feed keeps the
 * engine fresh between runs; this fills it at first start, catches entities
 * deleted from the catalog (which the feed never sees), repairs anything an
 * event lost, and queues the entities whose values change with time alone.
 */
export class CatalogSync {
  constructor(
    private readonly options: {
      catalog: CatalogService;
      auth: AuthService;
      engine: DerivedEngine;
      store: DerivedStore;
      blueprints: BlueprintSource;
      logger: LoggerService;
      /**
       * How long the catalog may take to stitch an entity the change feed
       * delivered: an entity written this recently before a run began is
       * not taken for deleted when the catalog's list lacks it (the next
       * run decides). 5 minutes by default.
       */
      settleMs?: number;
    },
  ) {}

  async run(): Promise<{ seen: number; changed: number }> {
    const { catalog, auth, engine, store, blueprints, logger } = this.options;
    // The feed reports entities as the catalog processes them, before they
    // are stitched and listed: a fresh one missing from the list is not gone.
    const settledBefore = Date.now() - (this.options.settleMs ?? 5 * 60_000);
    const blueprintOfKind = new Map(
      blueprints
        .list()
        .items.map(i => [
          customKindFor(i.blueprint.identifier).toLocaleLowerCase('en-US'),
          i.blueprint.identifier,
        ]),
    );
    const credentials = await auth.getOwnServiceCredentials();
    const seen = new Set<string>();
    let changed = 0;
    for await (const page of catalog.streamEntities(
      {
        filter: [
          {
            [`metadata.annotations.${ANNOTATION_BLUEPRINT}`]:
              CATALOG_FILTER_EXISTS,
          },
          { apiVersion: PLINTH_API_VERSION },
        ],
      },
      { credentials },
    )) {
      const entities: IndexedEntity[] = [];
      for (const entity of page) {
        if (
          entity.apiVersion === PLINTH_API_VERSION &&
          entity.kind === BLUEPRINT_KIND
        ) {
          continue;
        }
        const blueprint = blueprintOfEntity(entity, blueprintOfKind);
        if (!blueprint) continue;
        const port = catalogEntityToPort(entity, blueprint);
        seen.add(`${blueprint}:${port.identifier}`);
        entities.push({
          entityRef: stringifyEntityRef(entity).toLocaleLowerCase('en-US'),
          entity: port,
        });
      }
      changed += await engine.ingest({ entities, removed: [] });
    }
    const removed: DerivedKey[] = (await store.listEntityKeys())
      .filter(
        k =>
          !seen.has(`${k.blueprint}:${k.identifier}`) &&
          k.writtenAt <= settledBefore,
      )
      .map(({ blueprint, identifier }) => ({ blueprint, identifier }));
    if (removed.length) {
      changed += await engine.ingest({ entities: [], removed });
    }
    // Values that change with time alone are computed again on each run.
    const timed = timeDependentBlueprints(
      new Map(
        blueprints.list().items.map(i => [i.blueprint.identifier, i.blueprint]),
      ),
    );
    await store.enqueueBlueprints(timed);
    if (changed) {
      logger.info(
        `Catalog sync: ${seen.size} entities of blueprints, ${changed} new, changed or removed`,
      );
    }
    return { seen: seen.size, changed };
  }
}
