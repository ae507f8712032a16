import { AggregationProperty, Blueprint } from '../blueprint/types';
import { ownValue } from '../internal/objects';

/** The target of relation `relation` of blueprint `at`, if it has one. */
function targetOf(
  blueprints: ReadonlyMap<string, Blueprint>,
  at: string,
  relation: string,
): string | undefined {
  return ownValue(blueprints.get(at)?.relations, relation)?.target;
}

/**
 * One hop between entities: `forward` follows a relation the `from` blueprint
 * defines to its target; `backward` goes from a relation's target back to the
 * entities of `to` whose relation points at it.
 * @public
 */
export interface RelationStep {
  relation: string;
  direction: 'forward' | 'backward';
  from: string;
  to: string;
}

/** The step that undoes `step`. */
export function inverseStep(step: RelationStep): RelationStep {
  return {
    relation: step.relation,
    direction: step.direction === 'forward' ? 'backward' : 'forward',
    from: step.to,
    to: step.from,
  };
}

/** The walk that undoes `steps`, from where they end back to where they start. */
export function inverseWalk(steps: RelationStep[]): RelationStep[] {
  return steps.map(inverseStep).reverse();
}

/**
 * The forward steps of a dot path of relation keys (`system.domain`) from a
 * blueprint, or a message saying where the path breaks.
 * @public
 */
export function forwardSteps(
  start: string,
  relations: string[],
  blueprints: ReadonlyMap<string, Blueprint>,
): RelationStep[] | string {
  const steps: RelationStep[] = [];
  let at = start;
  for (const relation of relations) {
    const target = targetOf(blueprints, at, relation);
    if (!target) return `blueprint ${at} has no relation "${relation}"`;
    steps.push({ relation, direction: 'forward', from: at, to: target });
    at = target;
  }
  return steps;
}

/**
 * The step of relation `relation` out of blueprint `at`: forward when `at`
 * defines it, else backward from the blueprint that defines it towards `at`.
 */
function stepFrom(
  at: string,
  relation: string,
  blueprints: ReadonlyMap<string, Blueprint>,
): RelationStep | undefined {
  const target = targetOf(blueprints, at, relation);
  if (target) return { relation, direction: 'forward', from: at, to: target };
  for (const blueprint of blueprints.values()) {
    if (ownValue(blueprint.relations, relation)?.target === at) {
      return {
        relation,
        direction: 'backward',
        from: at,
        to: blueprint.identifier,
      };
    }
  }
  return undefined;
}

function walkOf(
  start: string,
  relations: string[],
  blueprints: ReadonlyMap<string, Blueprint>,
): RelationStep[] | undefined {
  const steps: RelationStep[] = [];
  let at = start;
  for (const relation of relations) {
    const step = stepFrom(at, relation, blueprints);
    if (!step) return undefined;
    steps.push(step);
    at = step.to;
  }
  return steps;
}

/** Every step out of a blueprint: its own relations, and those pointing at it. */
function stepsOutOf(
  at: string,
  blueprints: ReadonlyMap<string, Blueprint>,
): RelationStep[] {
  const steps: RelationStep[] = [];
  for (const [relation, def] of Object.entries(
    blueprints.get(at)?.relations ?? {},
  )) {
    steps.push({ relation, direction: 'forward', from: at, to: def.target });
  }
  for (const blueprint of blueprints.values()) {
    for (const [relation, def] of Object.entries(blueprint.relations ?? {})) {
      if (def.target === at) {
        steps.push({
          relation,
          direction: 'backward',
          from: at,
          to: blueprint.identifier,
        });
      }
    }
  }
  return steps;
}

/**
 * The shortest walks between two blueprints over relations in either
 * direction — every one of the shortest length, none that passes a blueprint
 * twice. Empty when they are not connected (or are the same blueprint).
 */
function shortestWalks(
  from: string,
  to: string,
  blueprints: ReadonlyMap<string, Blueprint>,
  maxLength = 6,
): RelationStep[][] {
  let frontier: RelationStep[][] = [[]];
  for (let length = 1; length <= maxLength; length++) {
    const next: RelationStep[][] = [];
    const found: RelationStep[][] = [];
    for (const walk of frontier) {
      const at = walk.length ? walk[walk.length - 1].to : from;
      const visited = new Set([from, ...walk.map(s => s.to)]);
      for (const step of stepsOutOf(at, blueprints)) {
        if (step.to === to) found.push([...walk, step]);
        else if (!visited.has(step.to)) next.push([...walk, step]);
      }
    }
    if (found.length) return found;
    frontier = next;
    if (frontier.length === 0) break;
  }
  return [];
}

/**
 * The walks from an entity of `source` to the entities an aggregation
 * property of it aggregates. With a `pathFilter`, exactly its paths (a path
 * with `fromBlueprint` is read from that blueprint's side and turned around);
 * without, Port considers every path between the two blueprints, and Plinth
 * takes every shortest one — deterministic, and what a data model usually
 * means.
 * @public
 */
export function aggregationWalks(
  source: string,
  aggregation: AggregationProperty,
  blueprints: ReadonlyMap<string, Blueprint>,
): RelationStep[][] {
  if (aggregation.pathFilter?.length) {
    const walks: RelationStep[][] = [];
    for (const filter of aggregation.pathFilter) {
      const path = filter.path ?? [];
      if (filter.fromBlueprint && filter.fromBlueprint !== source) {
        const walk = walkOf(filter.fromBlueprint, path, blueprints);
        if (walk && (walk[walk.length - 1]?.to ?? source) === source) {
          walks.push(inverseWalk(walk));
        }
      } else {
        const walk = walkOf(source, path, blueprints);
        if (walk && walk[walk.length - 1]?.to === aggregation.target) {
          walks.push(walk);
        }
      }
    }
    return walks;
  }
  return shortestWalks(source, aggregation.target, blueprints);
}
