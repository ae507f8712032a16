import { Blueprint } from '../blueprint/types';
import {
  aggregationWalks,
  forwardSteps,
  inverseWalk,
  RelationStep,
} from './paths';

/**
 * A walk from a changed entity to the entities whose derived properties read
 * it: follow `walk` from the changed one; the entities reached (of blueprint
 * `affected`) are to be computed again.
 * @public
 */
export interface ImpactWalk {
  affected: string;
  walk: RelationStep[];
}

/**
 * For each blueprint, the walks from one of its entities to every entity
 * whose mirror, aggregation or inherited ownership reads it — at any depth of
 * the path, since a change in the middle (a System's domain) changes what the
 * end sees (a Component's `system.domain.$title`). An entity's own derived
 * values are always computed again; they need no walk.
 *
 * Walking from both the old and the new version of a changed entity covers
 * changes of its relations too: the old targets and the new ones.
 * @public
 */
export function impactWalks(
  blueprints: ReadonlyMap<string, Blueprint>,
): Map<string, ImpactWalk[]> {
  const impact = new Map<string, Map<string, ImpactWalk>>();
  const add = (changed: string, affected: string, walk: RelationStep[]) => {
    const byKey = impact.get(changed) ?? new Map<string, ImpactWalk>();
    byKey.set(JSON.stringify([affected, walk]), { affected, walk });
    impact.set(changed, byKey);
  };
  /** Every prefix of `steps`: the entity at its end reaches the start back. */
  const addPrefixes = (affected: string, steps: RelationStep[]) => {
    for (let depth = 1; depth <= steps.length; depth++) {
      const prefix = steps.slice(0, depth);
      add(prefix[depth - 1].to, affected, inverseWalk(prefix));
    }
  };

  for (const blueprint of blueprints.values()) {
    const id = blueprint.identifier;
    for (const mirror of Object.values(blueprint.mirrorProperties ?? {})) {
      const steps = forwardSteps(
        id,
        mirror.path.split('.').slice(0, -1),
        blueprints,
      );
      if (typeof steps !== 'string') addPrefixes(id, steps);
    }
    for (const aggregation of Object.values(
      blueprint.aggregationProperties ?? {},
    )) {
      for (const walk of aggregationWalks(id, aggregation, blueprints)) {
        addPrefixes(id, walk);
      }
    }
    if (blueprint.ownership?.type === 'Inherited') {
      const steps = forwardSteps(
        id,
        blueprint.ownership.path.split('.'),
        blueprints,
      );
      if (typeof steps !== 'string') addPrefixes(id, steps);
    }
  }
  return new Map([...impact].map(([k, v]) => [k, [...v.values()]]));
}

/**
 * The blueprints whose derived values can read entities of `changed`
 * blueprints: they are computed again in full when a blueprint changes.
 * @public
 */
export function blueprintsReading(
  changed: string[],
  blueprints: ReadonlyMap<string, Blueprint>,
): string[] {
  const walks = impactWalks(blueprints);
  const result = new Set(changed);
  for (const id of changed) {
    for (const { affected } of walks.get(id) ?? []) result.add(affected);
  }
  return [...result];
}
