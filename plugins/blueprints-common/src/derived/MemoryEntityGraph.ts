import { EntityGraph, entityKey } from './walk';
import { EntityView, targetsOf } from './view';

/**
 * An {@link EntityGraph} over entities held in memory: for the CLI, the
 * browser and tests. The blueprints backend reads its database instead.
 * @public
 */
export class MemoryEntityGraph implements EntityGraph {
  private readonly byKey = new Map<string, EntityView>();
  /** `Blueprint:relation:target` → entities of that blueprint pointing at it. */
  private readonly sources = new Map<string, EntityView[]>();

  constructor(entities: Iterable<EntityView>) {
    for (const entity of entities) {
      this.byKey.set(entityKey(entity.blueprint, entity.identifier), entity);
      for (const [relation, value] of Object.entries(entity.relations ?? {})) {
        for (const target of targetsOf(value)) {
          const key = `${entity.blueprint}:${relation}:${target}`;
          const list = this.sources.get(key) ?? [];
          list.push(entity);
          this.sources.set(key, list);
        }
      }
    }
  }

  async getMany(blueprint: string, identifiers: string[]) {
    return identifiers
      .map(id => this.byKey.get(entityKey(blueprint, id)))
      .filter((e): e is EntityView => e !== undefined);
  }

  async sourcesOf(blueprint: string, relation: string, targets: string[]) {
    const found = new Map<string, EntityView>();
    for (const target of targets) {
      for (const e of this.sources.get(`${blueprint}:${relation}:${target}`) ??
        []) {
        found.set(entityKey(e.blueprint, e.identifier), e);
      }
    }
    return [...found.values()];
  }
}
