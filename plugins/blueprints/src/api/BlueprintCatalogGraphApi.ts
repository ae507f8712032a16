import {
  ALL_RELATION_PAIRS,
  ALL_RELATIONS,
  CatalogGraphApi,
  DefaultRelations,
} from '@backstage/plugin-catalog-graph';
import { blueprintRelationPairs } from '@plinth/plugin-blueprints-common';
import { BlueprintsApi } from './BlueprintsApi';

/**
 * Options of {@link BlueprintCatalogGraphApi}.
 * @public
 */
export interface BlueprintCatalogGraphApiOptions {
  blueprintsApi: Pick<BlueprintsApi, 'listBlueprints'>;
  /** The relations known besides the blueprints'; Backstage's own by default. */
  knownRelations?: string[];
  /** The relation pairs known besides the blueprints'; Backstage's own by default. */
  knownRelationPairs?: Array<[string, string]>;
  /**
   * Which relations the graph shows until the user picks: all of them by
   * default, blueprint relations included.
   */
  defaultRelationTypes?: DefaultRelations;
}

interface Relations {
  knownRelations: string[];
  knownRelationPairs: Array<[string, string]>;
  defaultRelations: string[];
}

/**
 * A {@link @backstage/plugin-catalog-graph#CatalogGraphApi} that knows the
 * relation types of every blueprint relation, so the catalog graph draws
 * them and offers them in its relation filter: `<key>` and `<key>Of` for each
 * relation that no native Backstage relation carries (`service` /
 * `serviceOf`), besides Backstage's own.
 *
 * The catalog graph reads the relations synchronously, so they must be
 * loaded before it renders: call {@link BlueprintCatalogGraphApi.ready} and
 * wait for it (the `BlueprintCatalogGraphReady` wrapper does). Until then,
 * and if the blueprints cannot be read, only the base relations are known.
 *
 * @example
 * ```ts
 * createApiFactory({
 *   api: catalogGraphApiRef,
 *   deps: { blueprintsApi: blueprintsApiRef },
 *   factory: ({ blueprintsApi }) =>
 *     new BlueprintCatalogGraphApi({ blueprintsApi }),
 * });
 * ```
 * @public
 */
export class BlueprintCatalogGraphApi implements CatalogGraphApi {
  private readonly options: BlueprintCatalogGraphApiOptions;
  private relations: Relations;
  private loading: Promise<void> | undefined;
  private loaded = false;

  constructor(options: BlueprintCatalogGraphApiOptions) {
    this.options = options;
    this.relations = this.compute([]);
  }

  get knownRelations(): string[] {
    return this.relations.knownRelations;
  }

  get knownRelationPairs(): [string, string][] {
    return this.relations.knownRelationPairs;
  }

  get defaultRelations(): string[] {
    return this.relations.defaultRelations;
  }

  /**
   * Loads the blueprints' relation types, once; resolves when they are known.
   * Never rejects: when the blueprints cannot be read, the graph keeps the
   * base relations, and the next call tries again.
   */
  ready(): Promise<void> {
    if (this.loaded) {
      return Promise.resolve();
    }
    if (!this.loading) {
      this.loading = this.options.blueprintsApi
        .listBlueprints()
        .then(({ items }) => {
          this.relations = this.compute(
            blueprintRelationPairs(items.map(item => item.blueprint)),
          );
          this.loaded = true;
        })
        .catch(() => {
          this.loading = undefined;
        });
    }
    return this.loading;
  }

  private compute(extraPairs: Array<[string, string]>): Relations {
    const basePairs = this.options.knownRelationPairs ?? ALL_RELATION_PAIRS;
    const known = new Set(this.options.knownRelations ?? ALL_RELATIONS);
    const knownRelationPairs = [...basePairs];
    for (const [type, reverse] of extraPairs) {
      // A relation key that is already a relation of its own (a blueprint
      // relation named `dependsOn`, say) keeps its pair.
      if (!known.has(type) && !known.has(reverse)) {
        knownRelationPairs.push([type, reverse]);
      }
      known.add(type);
      known.add(reverse);
    }
    const knownRelations = [...known];
    const defaults = this.options.defaultRelationTypes ?? { exclude: [] };
    const defaultRelations =
      'include' in defaults
        ? knownRelations.filter(relation => defaults.include.includes(relation))
        : knownRelations.filter(
            relation => !defaults.exclude.includes(relation),
          );
    return { knownRelations, knownRelationPairs, defaultRelations };
  }
}
