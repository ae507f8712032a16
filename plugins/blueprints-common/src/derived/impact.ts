import { Blueprint } from '../blueprint/types';
import { hasOwn } from '../internal/objects';
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
  /**
   * Whether the reader reads derived values (a mirror of a calculation, a
   * sum of an aggregation, ...) of the entity at the walk's start — then a
   * change of those values, not only of the entity, reaches the reader.
   */
  readsDerived: boolean;
  /** Which derived properties of the walk's start the reader reads. */
  reads: string[];
}

function isDerived(blueprint: Blueprint | undefined, key: string): boolean {
  return Boolean(
    blueprint &&
      (hasOwn(blueprint.mirrorProperties, key) ||
        hasOwn(blueprint.calculationProperties, key) ||
        hasOwn(blueprint.aggregationProperties, key)),
  );
}

/** The property keys a Port query reads, at any depth. */
function queryProperties(query: unknown): string[] {
  if (!query || typeof query !== 'object') return [];
  const q = query as {
    property?: unknown;
    rules?: unknown;
    conditions?: unknown;
  };
  const own = typeof q.property === 'string' ? [q.property] : [];
  const nested = [q.rules, q.conditions].flatMap(list =>
    Array.isArray(list) ? list.flatMap(queryProperties) : [],
  );
  return [...own, ...nested];
}

/**
 * The steps of inherited ownership, through every blueprint that inherits in
 * turn, to the one that owns directly.
 */
export function ownershipSteps(
  start: string,
  blueprints: ReadonlyMap<string, Blueprint>,
): RelationStep[] | undefined {
  const steps: RelationStep[] = [];
  const seen = new Set<string>();
  let current = blueprints.get(start);
  while (current?.ownership?.type === 'Inherited') {
    if (seen.has(current.identifier)) return undefined;
    seen.add(current.identifier);
    const next = forwardSteps(
      current.identifier,
      current.ownership.path.split('.'),
      blueprints,
    );
    if (typeof next === 'string' || next.length === 0) return undefined;
    steps.push(...next);
    current = blueprints.get(next[next.length - 1].to);
  }
  return steps.length ? steps : undefined;
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
  const add = (
    changed: string,
    affected: string,
    walk: RelationStep[],
    reads: string[],
  ) => {
    const byKey = impact.get(changed) ?? new Map<string, ImpactWalk>();
    const key = JSON.stringify([affected, walk]);
    const all = [...new Set([...(byKey.get(key)?.reads ?? []), ...reads])];
    byKey.set(key, {
      affected,
      walk,
      readsDerived: all.length > 0,
      reads: all,
    });
    impact.set(changed, byKey);
  };
  /**
   * Every prefix of `steps`: the entity at its end reaches the start back.
   * Only the entity at the very end has its values read.
   */
  const addPrefixes = (
    affected: string,
    steps: RelationStep[],
    derivedReadAtEnd: string[],
  ) => {
    for (let depth = 1; depth <= steps.length; depth++) {
      const prefix = steps.slice(0, depth);
      add(
        prefix[depth - 1].to,
        affected,
        inverseWalk(prefix),
        depth === steps.length ? derivedReadAtEnd : [],
      );
    }
  };

  for (const blueprint of blueprints.values()) {
    const id = blueprint.identifier;
    for (const mirror of Object.values(blueprint.mirrorProperties ?? {})) {
      const segments = mirror.path.split('.');
      const property = segments.pop()!;
      const steps = forwardSteps(id, segments, blueprints);
      if (typeof steps !== 'string' && steps.length) {
        const end = blueprints.get(steps[steps.length - 1].to);
        addPrefixes(id, steps, isDerived(end, property) ? [property] : []);
      }
    }
    for (const aggregation of Object.values(
      blueprint.aggregationProperties ?? {},
    )) {
      const target = blueprints.get(aggregation.target);
      const spec = aggregation.calculationSpec as { property?: string };
      const read = [
        ...(spec.property ? [spec.property] : []),
        ...queryProperties(aggregation.query),
      ];
      const derivedRead = read.filter(key => isDerived(target, key));
      for (const walk of aggregationWalks(id, aggregation, blueprints)) {
        addPrefixes(id, walk, derivedRead);
      }
    }
    const ownership = ownershipSteps(id, blueprints);
    if (ownership) addPrefixes(id, ownership, []);
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

/** Whether a query compares with the current time (a date preset). */
function readsNow(query: unknown): boolean {
  if (!query || typeof query !== 'object') return false;
  const q = query as { value?: unknown; rules?: unknown; conditions?: unknown };
  if (q.value && typeof q.value === 'object' && 'preset' in q.value) {
    return true;
  }
  return [q.rules, q.conditions].some(
    list => Array.isArray(list) && list.some(readsNow),
  );
}

/**
 * The blueprints whose derived values change with time alone: a jq program
 * that reads `now`, an average per period (the periods run until now), a
 * query with a date preset (`lastWeek`). Their values are computed again
 * periodically, not only on change.
 * @public
 */
export function timeDependentBlueprints(
  blueprints: ReadonlyMap<string, Blueprint>,
): string[] {
  return [...blueprints.values()]
    .filter(
      b =>
        Object.values(b.calculationProperties ?? {}).some(c =>
          /\bnow\b/.test(c.calculation),
        ) ||
        Object.values(b.aggregationProperties ?? {}).some(
          a =>
            readsNow(a.query) ||
            ((a.calculationSpec as { averageOf?: string }).averageOf ??
              'total') !== 'total',
        ),
    )
    .map(b => b.identifier);
}
