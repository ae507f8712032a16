import { Blueprint } from '../blueprint/types';
import { DerivedOwnership, DerivedValue } from '../api/types';
import { ownValue } from '../internal/objects';
import { computeAggregation } from './aggregation';
import { aggregationWalks, forwardSteps, RelationStep } from './paths';
import { ownershipSteps } from './impact';
import { EntityGraph, entityKey, walkMany } from './walk';
import { EntityView, propertyValue, teamsOf } from './view';

/**
 * One entity's derived properties, by key, and its ownership.
 * @public
 */
export interface DerivedResult {
  values: Record<string, DerivedValue>;
  ownership: DerivedOwnership;
}

/**
 * The outcome of one calculation property for one entity: its value, or why
 * there is none; and, for a colorized property, its colour.
 * @public
 */
export interface CalculationOutcome {
  value: unknown;
  error?: string;
  colorized?: boolean;
  color?: string;
}

/**
 * Computes the calculation properties of entities of one blueprint, given
 * their views with their mirror values in `derived` — the jq engine lives
 * outside this browser-safe package, so it comes in as this function.
 * Answers, per entity key, per property, its outcome.
 * @public
 */
export type CalculationRunner = (
  blueprint: Blueprint,
  entities: EntityView[],
) => Promise<Map<string, Record<string, CalculationOutcome>>>;

/** Options of {@link computeDerived}. */
export interface ComputeDerivedOptions {
  graph: EntityGraph;
  blueprints: ReadonlyMap<string, Blueprint>;
  calculate?: CalculationRunner;
  now?: number;
}

/** The options of one batch, with the walks it has made. */
type BatchOptions = ComputeDerivedOptions & {
  walks: Map<string, Promise<Map<string, EntityView[]>>>;
};

/**
 * `walkMany`, remembered for the batch: properties that walk the same path
 * (two aggregations over a service's deployments) read the entities once.
 */
function walkOnce(
  options: BatchOptions,
  entities: EntityView[],
  steps: RelationStep[],
): Promise<Map<string, EntityView[]>> {
  const key = JSON.stringify(steps);
  let reached = options.walks.get(key);
  if (!reached) {
    reached = walkMany(options.graph, entities, steps);
    options.walks.set(key, reached);
  }
  return reached;
}

function isMany(
  steps: RelationStep[],
  blueprints: ReadonlyMap<string, Blueprint>,
): boolean {
  return steps.some(
    s => ownValue(blueprints.get(s.from)?.relations, s.relation)?.many === true,
  );
}

async function mirrorValues(
  blueprint: Blueprint,
  entities: EntityView[],
  options: BatchOptions,
  at: string,
  results: Map<string, DerivedResult>,
) {
  for (const [key, mirror] of Object.entries(
    blueprint.mirrorProperties ?? {},
  )) {
    const segments = mirror.path.split('.');
    const property = segments.pop()!;
    const steps = forwardSteps(
      blueprint.identifier,
      segments,
      options.blueprints,
    );
    if (typeof steps === 'string') {
      for (const e of entities) {
        results.get(entityKey(e.blueprint, e.identifier))!.values[key] = {
          kind: 'mirror',
          value: null,
          error: `mirror path "${mirror.path}": ${steps}`,
          computedAt: at,
        };
      }
      continue;
    }
    const many = isMany(steps, options.blueprints);
    const reached = await walkOnce(options, entities, steps);
    for (const e of entities) {
      const k = entityKey(e.blueprint, e.identifier);
      const values = (reached.get(k) ?? [])
        .map(target => propertyValue(target, property))
        .filter(v => v !== null && v !== undefined);
      results.get(k)!.values[key] = {
        kind: 'mirror',
        value: many ? values : values[0] ?? null,
        computedAt: at,
      };
    }
  }
}

async function aggregationValues(
  blueprint: Blueprint,
  entities: EntityView[],
  options: BatchOptions,
  at: string,
  results: Map<string, DerivedResult>,
) {
  for (const [key, aggregation] of Object.entries(
    blueprint.aggregationProperties ?? {},
  )) {
    const walks = aggregationWalks(
      blueprint.identifier,
      aggregation,
      options.blueprints,
    );
    const related = new Map<string, Map<string, EntityView>>(
      entities.map(e => [entityKey(e.blueprint, e.identifier), new Map()]),
    );
    for (const walk of walks) {
      const reached = await walkOnce(options, entities, walk);
      for (const [start, list] of reached) {
        for (const target of list) {
          if (target.blueprint !== aggregation.target) continue;
          related
            .get(start)
            ?.set(entityKey(target.blueprint, target.identifier), target);
        }
      }
    }
    for (const e of entities) {
      const k = entityKey(e.blueprint, e.identifier);
      const { value, error } =
        walks.length === 0
          ? {
              value: null,
              error: `no relation path leads from ${blueprint.identifier} to ${aggregation.target}`,
            }
          : computeAggregation(
              aggregation,
              [...related.get(k)!.values()],
              options.now,
            );
      results.get(k)!.values[key] = {
        kind: 'aggregation',
        value,
        ...(error ? { error } : {}),
        computedAt: at,
      };
    }
  }
}

async function ownerships(
  blueprint: Blueprint,
  entities: EntityView[],
  options: BatchOptions,
  results: Map<string, DerivedResult>,
) {
  const ownership = blueprint.ownership;
  if (ownership?.type !== 'Inherited') {
    for (const e of entities) {
      results.get(entityKey(e.blueprint, e.identifier))!.ownership = {
        type: 'Direct',
        teams: teamsOf(e),
      };
    }
    return;
  }
  // Follow the path, and on through blueprints that inherit in turn.
  const steps = ownershipSteps(blueprint.identifier, options.blueprints);
  const reach = steps
    ? await walkOnce(options, entities, steps)
    : new Map<string, EntityView[]>();
  for (const e of entities) {
    const k = entityKey(e.blueprint, e.identifier);
    results.get(k)!.ownership = {
      type: 'Inherited',
      path: ownership.path,
      teams: [...new Set((reach.get(k) ?? []).flatMap(teamsOf))].sort(),
    };
  }
}

/**
 * Computes the derived properties of entities of one blueprint: mirror
 * properties (following relations, arrays through `many` relations),
 * aggregation properties (over the related entities of their target),
 * ownership, then calculation properties — which see the mirror values
 * among `.properties`, as in Port.
 * @public
 */
export async function computeDerived(
  blueprint: Blueprint,
  entities: EntityView[],
  options: ComputeDerivedOptions,
): Promise<Map<string, DerivedResult>> {
  const batch: BatchOptions = { ...options, walks: new Map() };
  const at = new Date(options.now ?? Date.now()).toISOString();
  const results = new Map<string, DerivedResult>(
    entities.map(e => [
      entityKey(e.blueprint, e.identifier),
      { values: {}, ownership: { type: 'Direct', teams: teamsOf(e) } },
    ]),
  );
  await mirrorValues(blueprint, entities, batch, at, results);
  await aggregationValues(blueprint, entities, batch, at, results);
  await ownerships(blueprint, entities, batch, results);

  if (options.calculate && blueprint.calculationProperties) {
    // Port gives a calculation the entity's properties and its mirror
    // properties; calculation on calculation, and on aggregations, is not
    // supported.
    const views = entities.map(e => {
      const values = results.get(entityKey(e.blueprint, e.identifier))!.values;
      return {
        ...e,
        derived: Object.fromEntries(
          Object.entries(values)
            .filter(([, v]) => v.kind === 'mirror')
            .map(([k, v]) => [k, v.value]),
        ),
      };
    });
    const calculated = await options.calculate(blueprint, views);
    for (const e of entities) {
      const k = entityKey(e.blueprint, e.identifier);
      for (const [key, outcome] of Object.entries(calculated.get(k) ?? {})) {
        results.get(k)!.values[key] = {
          kind: 'calculation',
          value: outcome.error ? null : outcome.value ?? null,
          ...(outcome.error ? { error: outcome.error } : {}),
          ...(outcome.colorized ? { colorized: true } : {}),
          ...(outcome.color ? { color: outcome.color } : {}),
          computedAt: at,
        };
      }
    }
  }
  return results;
}
