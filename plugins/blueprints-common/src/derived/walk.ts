import { ownValue } from '../internal/objects';
import { RelationStep } from './paths';
import { EntityView, targetsOf } from './view';

/**
 * Where derived properties read related entities from, a level of a walk at a
 * time: the blueprints backend answers from its database, tests and the CLI
 * from memory.
 * @public
 */
export interface EntityGraph {
  /** The entities of a blueprint with these identifiers (those that exist). */
  getMany(blueprint: string, identifiers: string[]): Promise<EntityView[]>;
  /**
   * The entities of `blueprint` whose relation `relation` points at one of
   * `targets` (identifiers of entities of the relation's target blueprint).
   */
  sourcesOf(
    blueprint: string,
    relation: string,
    targets: string[],
  ): Promise<EntityView[]>;
}

/** `Blueprint:identifier`, unique across the catalog's blueprint entities. */
export function entityKey(blueprint: string, identifier: string): string {
  return `${blueprint}:${identifier}`;
}

function keyOf(entity: EntityView): string {
  return entityKey(entity.blueprint, entity.identifier);
}

/**
 * Walks from each of `starts` along `steps` and answers, per start (by
 * {@link entityKey}), the distinct entities reached. One graph call per
 * step, for all the starts together.
 * @public
 */
export async function walkMany(
  graph: EntityGraph,
  starts: EntityView[],
  steps: RelationStep[],
): Promise<Map<string, EntityView[]>> {
  // For each start, the keys of the entities it has reached so far.
  let reach = new Map<string, Set<string>>(
    starts.map(s => [keyOf(s), new Set([keyOf(s)])]),
  );
  let entities = new Map<string, EntityView>(starts.map(s => [keyOf(s), s]));

  for (const step of steps) {
    const at = [...entities.values()];
    const next = new Map<string, EntityView>();
    // For each entity of this level, the keys of the next level it leads to.
    const leadsTo = new Map<string, string[]>();
    if (step.direction === 'forward') {
      const wanted = new Set<string>();
      for (const entity of at) {
        const targets = targetsOf(ownValue(entity.relations, step.relation));
        leadsTo.set(
          keyOf(entity),
          targets.map(t => entityKey(step.to, t)),
        );
        targets.forEach(t => wanted.add(t));
      }
      const found = wanted.size
        ? await graph.getMany(step.to, [...wanted])
        : [];
      found.forEach(e => next.set(keyOf(e), e));
    } else {
      const ids = at.map(e => e.identifier);
      const found = ids.length
        ? await graph.sourcesOf(step.to, step.relation, ids)
        : [];
      for (const source of found) {
        next.set(keyOf(source), source);
        for (const target of targetsOf(
          ownValue(source.relations, step.relation),
        )) {
          const from = entityKey(step.from, target);
          const list = leadsTo.get(from) ?? [];
          list.push(keyOf(source));
          leadsTo.set(from, list);
        }
      }
    }
    const nextReach = new Map<string, Set<string>>();
    for (const [start, keys] of reach) {
      const reached = new Set<string>();
      for (const key of keys) {
        for (const to of leadsTo.get(key) ?? []) {
          if (next.has(to)) reached.add(to);
        }
      }
      nextReach.set(start, reached);
    }
    reach = nextReach;
    entities = next;
  }

  const result = new Map<string, EntityView[]>();
  for (const [start, keys] of reach) {
    result.set(start, [...keys].map(k => entities.get(k)!).filter(Boolean));
  }
  return result;
}
