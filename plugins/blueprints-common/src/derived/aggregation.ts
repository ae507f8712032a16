import {
  AggregationCalculationSpec,
  AggregationProperty,
} from '../blueprint/types';
import { ownValue } from '../internal/objects';
import { matchesQuery } from '../query/evaluateQuery';
import { PortQuery } from '../query/types';
import { EntityView, propertyValue } from './view';

const HOUR = 3_600_000;
const UNIT_MS: Record<string, number> = {
  hour: HOUR,
  day: 24 * HOUR,
  week: 7 * 24 * HOUR,
  month: 30 * 24 * HOUR,
};

/** The value of an aggregation property, or why there is none. */
export interface AggregationResult {
  value: number | null;
  error?: string;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2
    ? sorted[middle]
    : (sorted[middle - 1] + sorted[middle]) / 2;
}

/**
 * How many `averageOf` units the entities span: from the earliest
 * `measureTimeBy` among them until now, at least one. `total` is one unit.
 */
function periods(
  entities: EntityView[],
  spec: { averageOf?: string; measureTimeBy?: string },
  now: number,
): number {
  const unit = ownValue(UNIT_MS, spec.averageOf ?? 'total');
  if (!unit) return 1;
  const times = entities
    .map(e =>
      Date.parse(String(propertyValue(e, spec.measureTimeBy ?? '$createdAt'))),
    )
    .filter(t => !Number.isNaN(t));
  if (times.length === 0) return 1;
  return Math.max(1, Math.ceil((now - Math.min(...times)) / unit));
}

function round(value: number): number {
  return Math.round(value * 1e6) / 1e6;
}

function byProperty(
  spec: Extract<AggregationCalculationSpec, { calculationBy: 'property' }>,
  entities: EntityView[],
  now: number,
): AggregationResult {
  const values = entities
    .map(e => propertyValue(e, spec.property))
    .filter((v): v is number => typeof v === 'number' && Number.isFinite(v));
  if (values.length === 0) {
    // A sum over nothing is 0; the other functions have no value.
    return { value: spec.func === 'sum' ? 0 : null };
  }
  switch (spec.func) {
    case 'sum':
      return { value: round(values.reduce((a, b) => a + b, 0)) };
    case 'min':
      return { value: Math.min(...values) };
    case 'max':
      return { value: Math.max(...values) };
    case 'median':
      return { value: round(median(values)) };
    case 'average': {
      const sum = values.reduce((a, b) => a + b, 0);
      const over =
        spec.averageOf && spec.averageOf !== 'total'
          ? periods(entities, spec, now)
          : values.length;
      return { value: round(sum / over) };
    }
    default:
      return {
        value: null,
        error: `unknown function "${(spec as { func: string }).func}"`,
      };
  }
}

/**
 * An aggregation property's value over the related entities of its target
 * blueprint (found by walking its paths): those matching its `query` are
 * counted, or averaged per `averageOf` period since the earliest
 * `measureTimeBy`; or their number `property` is summed, or its min, max,
 * median or average taken. A sum over no entities is 0, the others have no
 * value.
 * @public
 */
export function computeAggregation(
  aggregation: AggregationProperty,
  related: EntityView[],
  now: number = Date.now(),
): AggregationResult {
  const query = aggregation.query as PortQuery | undefined;
  const matching = query
    ? related.filter(e => matchesQuery(e, query, now))
    : related;
  const spec = aggregation.calculationSpec;
  if (spec.calculationBy === 'entities') {
    if (spec.func === 'count') return { value: matching.length };
    if (spec.func === 'average') {
      return {
        value: round(matching.length / periods(matching, spec, now)),
      };
    }
    return {
      value: null,
      error: `unknown function "${(spec as { func: string }).func}"`,
    };
  }
  if (spec.calculationBy === 'property') {
    return byProperty(spec, matching, now);
  }
  return {
    value: null,
    error: `unknown calculationBy "${
      (spec as { calculationBy: string }).calculationBy
    }"`,
  };
}
