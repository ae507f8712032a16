import { Blueprint, formatFigure } from '@plinth/plugin-blueprints-common';

/** How a condition compares, as a verb phrase before its value. */
const COMPARISONS: Record<string, string> = {
  '=': 'is',
  '!=': 'is not',
  '>': 'is more than',
  '>=': 'is at least',
  '<': 'is less than',
  '<=': 'is at most',
  contains: 'contains',
  doesNotContains: 'does not contain',
  beginsWith: 'begins with',
  doesNotBeginsWith: 'does not begin with',
  endsWith: 'ends with',
  doesNotEndsWith: 'does not end with',
  containsAny: 'contains one of',
  in: 'is one of',
  notIn: 'is none of',
  isEmpty: 'is empty',
  isNotEmpty: 'has a value',
  between: 'is within',
  notBetween: 'is outside',
};

const WITHOUT_VALUE = new Set(['isEmpty', 'isNotEmpty']);

/** The title of a property or relation of `blueprint`, else its name. */
function labelIn(blueprint: Blueprint | undefined, name: string): string {
  return (
    blueprint?.schema.properties[name]?.title ??
    blueprint?.relations?.[name]?.title ??
    blueprint?.mirrorProperties?.[name]?.title ??
    blueprint?.calculationProperties?.[name]?.title ??
    blueprint?.aggregationProperties?.[name]?.title ??
    name
  );
}

function conditionWords(
  condition: Record<string, unknown>,
  blueprint: Blueprint | undefined,
): string {
  if (Array.isArray(condition.rules) || Array.isArray(condition.conditions)) {
    return `(${queryWords(condition, blueprint)})`;
  }
  const name =
    typeof condition.property === 'string'
      ? condition.property
      : String(condition.relation ?? '?');
  const operator = String(condition.operator ?? '=');
  const comparison = COMPARISONS[operator] ?? operator;
  const words = WITHOUT_VALUE.has(operator)
    ? `${labelIn(blueprint, name)} ${comparison}`
    : `${labelIn(blueprint, name)} ${comparison} ${formatFigure(
        condition.value,
      )}`;
  return condition.not ? `not (${words})` : words;
}

/**
 * A Port query over the entities of `blueprint` in words, its properties
 * and relations by their titles: `Status is open and Severity is one of
 * high, critical`. Empty for a query without conditions.
 */
export function queryWords(
  query: Record<string, unknown>,
  blueprint?: Blueprint,
): string {
  const list = (query.conditions ?? query.rules ?? []) as Array<
    Record<string, unknown>
  >;
  const joiner = query.combinator === 'or' ? ' or ' : ' and ';
  return list.map(c => conditionWords(c, blueprint)).join(joiner);
}
