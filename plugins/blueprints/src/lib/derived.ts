import {
  AggregationProperty,
  Blueprint,
  CalculationProperty,
  DerivedPropertyKind,
  MirrorProperty,
} from '@plinth/plugin-blueprints-common';
import { queryWords } from './queryWords';
import { ValueSchema } from './valueSchema';

/** One derived property of a blueprint, whatever its kind. */
export type DerivedDefinition =
  | { kind: 'mirror'; key: string; definition: MirrorProperty }
  | { kind: 'calculation'; key: string; definition: CalculationProperty }
  | { kind: 'aggregation'; key: string; definition: AggregationProperty };

/** The derived properties of a blueprint: mirror, calculation, aggregation. */
export function derivedDefinitions(blueprint: Blueprint): DerivedDefinition[] {
  return [
    ...Object.entries(blueprint.mirrorProperties ?? {}).map(
      ([key, definition]) => ({ kind: 'mirror' as const, key, definition }),
    ),
    ...Object.entries(blueprint.calculationProperties ?? {}).map(
      ([key, definition]) => ({
        kind: 'calculation' as const,
        key,
        definition,
      }),
    ),
    ...Object.entries(blueprint.aggregationProperties ?? {}).map(
      ([key, definition]) => ({
        kind: 'aggregation' as const,
        key,
        definition,
      }),
    ),
  ];
}

/** How each kind of derived property is named on the page. */
export const DERIVED_KIND_LABELS: Record<DerivedPropertyKind, string> = {
  mirror: 'mirror',
  calculation: 'calculation',
  aggregation: 'aggregation',
};

function titleOf(
  blueprints: ReadonlyMap<string, Blueprint>,
  identifier: string,
): string {
  return blueprints.get(identifier)?.title ?? identifier;
}

/**
 * What an aggregation computes, in words, with the target blueprint's
 * titles: `count of Incident entities related through service where
 * Status is open`, `average of Duration over Deployment entities per week`.
 */
export function describeAggregation(
  definition: AggregationProperty,
  blueprints: ReadonlyMap<string, Blueprint> = new Map(),
): string {
  const targetBlueprint = blueprints.get(definition.target);
  const paths = (definition.pathFilter ?? [])
    .map(filter =>
      [
        filter.path?.length ? `through ${filter.path.join('.')}` : '',
        filter.fromBlueprint
          ? `from ${titleOf(blueprints, filter.fromBlueprint)}`
          : '',
      ]
        .filter(Boolean)
        .join(' '),
    )
    .filter(Boolean);
  const condition = definition.query
    ? queryWords(definition.query, targetBlueprint)
    : '';
  const target = [
    `${titleOf(blueprints, definition.target)} entities`,
    paths.length ? `related ${paths.join(' or ')}` : '',
    condition ? `where ${condition}` : '',
  ]
    .filter(Boolean)
    .join(' ');
  const spec = definition.calculationSpec;
  const per =
    'averageOf' in spec && spec.averageOf && spec.averageOf !== 'total'
      ? ` per ${spec.averageOf}`
      : '';
  if (spec.calculationBy === 'entities') {
    return spec.func === 'count'
      ? `count of ${target}`
      : `average number of ${target}${per}`;
  }
  return `${spec.func} of ${labelOf(
    targetBlueprint,
    spec.property,
  )} over ${target}${per}`;
}

function labelOf(blueprint: Blueprint | undefined, property: string): string {
  return blueprint?.schema.properties[property]?.title ?? property;
}

/** What a derived property is, in one line, for a tooltip. */
export function describeDerived(
  derived: DerivedDefinition,
  blueprints: ReadonlyMap<string, Blueprint> = new Map(),
): string {
  switch (derived.kind) {
    case 'mirror':
      return `Mirrors ${derived.definition.path}`;
    case 'calculation':
      return `Calculated by jq: ${derived.definition.calculation}`;
    case 'aggregation':
    default:
      return `Aggregates the ${describeAggregation(
        derived.definition as AggregationProperty,
        blueprints,
      )}`;
  }
}

/**
 * The schema of the property a mirror path ends in, following the path's
 * relations through the blueprints (`environment.type` → the Environment
 * blueprint's `type`), so a mirrored enum keeps its colours. A path ending in
 * a meta-property (`$title`) is a plain string; `undefined` when the path
 * does not resolve.
 */
export function mirrorSchema(
  blueprints: ReadonlyMap<string, Blueprint>,
  blueprint: Blueprint,
  path: string,
): ValueSchema | undefined {
  const segments = path.split('.');
  const last = segments.pop();
  let current: Blueprint | undefined = blueprint;
  for (const segment of segments) {
    const relation: string | undefined = current?.relations?.[segment]?.target;
    current = relation ? blueprints.get(relation) : undefined;
    if (!current) {
      return undefined;
    }
  }
  if (!last || !current) {
    return undefined;
  }
  if (last.startsWith('$')) {
    return last === '$createdAt' || last === '$updatedAt'
      ? { type: 'string', format: 'date-time' }
      : { type: 'string' };
  }
  return current.schema.properties[last] as ValueSchema | undefined;
}

/** The schema a derived property's value is rendered with. */
export function derivedSchema(
  derived: DerivedDefinition,
  blueprint: Blueprint,
  blueprints: ReadonlyMap<string, Blueprint>,
): ValueSchema | undefined {
  switch (derived.kind) {
    case 'mirror':
      return mirrorSchema(blueprints, blueprint, derived.definition.path);
    case 'calculation':
      return derived.definition as ValueSchema;
    case 'aggregation':
    default:
      return { type: 'number' };
  }
}
