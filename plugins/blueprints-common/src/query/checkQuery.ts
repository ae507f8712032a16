import { propertyTypeOf } from '../blueprint/portFormat';
import type { Blueprint } from '../blueprint/types';
import { describeValue } from '../internal/messages';
import { hasOwn, ownValue } from '../internal/objects';
import { jsonPointer } from '../problems';
import { dateRangeBounds } from './evaluateQuery';
import type { PortDateRange, PortQuery } from './types';

/**
 * What a property of a blueprint holds, as queries compare it: a JSON type,
 * `date` for date-time strings, `unknown` when only the data will tell (a
 * mirror property).
 * @public
 */
export type QueryValueType =
  | 'string'
  | 'number'
  | 'boolean'
  | 'object'
  | 'array'
  | 'date'
  | 'unknown';

/**
 * One thing wrong with a query: where (a JSON pointer under the pointer given
 * to {@link checkQuery}) and what was expected.
 * @public
 */
export interface QueryProblem {
  pointer: string;
  message: string;
}

const META_TYPES: Record<string, QueryValueType> = {
  $identifier: 'string',
  $title: 'string',
  $team: 'array',
  $blueprint: 'string',
  $icon: 'string',
  $createdAt: 'date',
  $updatedAt: 'date',
  $createdBy: 'string',
  $updatedBy: 'string',
};

const PROPERTY_OPERATORS = new Set([
  '=',
  '!=',
  '>',
  '<',
  '>=',
  '<=',
  'contains',
  'doesNotContains',
  'beginsWith',
  'doesNotBeginsWith',
  'endsWith',
  'doesNotEndsWith',
  'containsAny',
  'in',
  'notIn',
  'isEmpty',
  'isNotEmpty',
  'between',
  'notBetween',
]);
const RELATION_OPERATORS = new Set([
  '=',
  '!=',
  'in',
  'notIn',
  'isEmpty',
  'isNotEmpty',
]);
const ORDERING = new Set(['>', '<', '>=', '<=']);
const STRING_ONLY = new Set([
  'beginsWith',
  'doesNotBeginsWith',
  'endsWith',
  'doesNotEndsWith',
]);
const NO_VALUE = new Set(['isEmpty', 'isNotEmpty']);

/**
 * The type of a property of a blueprint as a query sees it, or `undefined`
 * when the blueprint has no such property (plain, mirror, calculation,
 * aggregation or meta-property).
 * @public
 */
export function queryValueType(
  blueprint: Blueprint,
  key: string,
  extra?: Readonly<Record<string, QueryValueType>>,
): QueryValueType | undefined {
  const meta = ownValue(META_TYPES, key);
  if (meta) return meta;
  const added = ownValue(extra, key);
  if (added) return added;
  const plain =
    ownValue(blueprint.schema?.properties, key) ??
    ownValue(blueprint.calculationProperties, key);
  if (plain) {
    const type = propertyTypeOf(plain) ?? 'unknown';
    return type === 'string' && plain.format === 'date-time' ? 'date' : type;
  }
  if (hasOwn(blueprint.aggregationProperties, key)) return 'number';
  if (hasOwn(blueprint.mirrorProperties, key)) return 'unknown';
  return undefined;
}

/** The names a user can pick from, for "expected one of" messages. */
function propertyNames(blueprint: Blueprint): string[] {
  return [
    ...Object.keys(blueprint.schema?.properties ?? {}),
    ...Object.keys(blueprint.mirrorProperties ?? {}),
    ...Object.keys(blueprint.calculationProperties ?? {}),
    ...Object.keys(blueprint.aggregationProperties ?? {}),
  ];
}

function typeOfValue(value: unknown): QueryValueType {
  if (Array.isArray(value)) return 'array';
  if (value === null) return 'unknown';
  if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}/.test(value)) {
    return Number.isNaN(Date.parse(value)) ? 'string' : 'date';
  }
  return typeof value as QueryValueType;
}

function checkRange(value: unknown): string | undefined {
  if (!value || typeof value !== 'object' || Array.isArray(value)) {
    return 'expected a date range: {"from": <ISO date>, "to": <ISO date>} or {"preset": "lastWeek" | "last3Months" | …}';
  }
  const range = value as Record<string, unknown>;
  if ('preset' in range) {
    return dateRangeBounds(range as PortDateRange, 0)
      ? undefined
      : `unknown date preset ${describeValue(
          range.preset,
        )}; expected today, tomorrow, yesterday, lastWeek, last2Weeks, lastMonth, last3Months, last6Months or last12Months`;
  }
  if (!('from' in range) || !('to' in range)) {
    return 'a date range needs both "from" and "to" (ISO 8601 dates), or a "preset"';
  }
  return dateRangeBounds(range as PortDateRange, 0)
    ? undefined
    : `"from" and "to" must be ISO 8601 dates; got ${describeValue(
        range.from,
      )} and ${describeValue(range.to)}`;
}

function comparable(property: QueryValueType, value: QueryValueType): boolean {
  if (property === 'unknown' || value === 'unknown') return true;
  return property === value;
}

/**
 * Checks a Port query against the blueprint it runs over: every condition
 * names a property or relation the blueprint has (or one of `extra`, values
 * the reader adds to entities, such as DORA figures), a known operator, and
 * a value of a fitting type; date ranges have dates or a preset. Returns the
 * problems, each at its JSON pointer under `pointer`.
 * @public
 */
export function checkQuery(
  query: unknown,
  blueprint: Blueprint,
  pointer = '',
  extra?: Readonly<Record<string, QueryValueType>>,
): QueryProblem[] {
  const problems: QueryProblem[] = [];
  const at = (p: string, message: string) =>
    problems.push({ pointer: p, message });

  const checkCondition = (node: unknown, base: string) => {
    if (!node || typeof node !== 'object' || Array.isArray(node)) {
      at(base, 'expected a condition: {"property" or "relation", "operator"}');
      return;
    }
    const c = node as Record<string, unknown>;
    const operator = c.operator;
    if ('not' in c && typeof c.not !== 'boolean') {
      at(`${base}/not`, 'expected true or false');
    }
    if (typeof c.relation === 'string') {
      if (!hasOwn(blueprint.relations, c.relation)) {
        at(
          `${base}/relation`,
          `blueprint "${blueprint.identifier}" has no relation "${
            c.relation
          }"; it has ${
            Object.keys(blueprint.relations ?? {}).join(', ') || 'none'
          }`,
        );
      }
      if (typeof operator !== 'string' || !RELATION_OPERATORS.has(operator)) {
        at(
          `${base}/operator`,
          `unknown operator ${describeValue(
            operator,
          )} for a relation; expected one of ${[...RELATION_OPERATORS].join(
            ', ',
          )}`,
        );
      } else if (!NO_VALUE.has(operator) && c.value === undefined) {
        at(base, `operator "${operator}" needs a "value"`);
      }
      return;
    }
    if (typeof c.property !== 'string') {
      at(base, 'expected "property" or "relation" (a string)');
      return;
    }
    const type = queryValueType(blueprint, c.property, extra);
    if (type === undefined) {
      at(
        `${base}/property`,
        `blueprint "${blueprint.identifier}" has no property "${
          c.property
        }"; it has ${
          [...propertyNames(blueprint), ...Object.keys(extra ?? {})].join(
            ', ',
          ) || 'none'
        } and the meta-properties ${Object.keys(META_TYPES).join(', ')}`,
      );
    }
    if (typeof operator !== 'string' || !PROPERTY_OPERATORS.has(operator)) {
      at(
        `${base}/operator`,
        `unknown operator ${describeValue(operator)}; expected one of ${[
          ...PROPERTY_OPERATORS,
        ].join(', ')}`,
      );
      return;
    }
    if (NO_VALUE.has(operator)) return;
    if (c.value === undefined) {
      at(base, `operator "${operator}" needs a "value"`);
      return;
    }
    if (operator === 'between' || operator === 'notBetween') {
      const problem = checkRange(c.value);
      if (problem) at(`${base}/value`, problem);
      else if (type && type !== 'date' && type !== 'unknown') {
        at(
          `${base}/operator`,
          `"${operator}" compares dates, but "${c.property}" holds a ${type}`,
        );
      }
      return;
    }
    const valueType = typeOfValue(c.value);
    if (ORDERING.has(operator)) {
      if (valueType !== 'number' && valueType !== 'date') {
        at(
          `${base}/value`,
          `"${operator}" compares numbers or dates; got ${describeValue(
            c.value,
          )}`,
        );
      } else if (type && !comparable(type, valueType)) {
        at(
          `${base}/value`,
          `"${c.property}" holds a ${type}, which cannot be compared with the ${
            valueType === 'date' ? 'date' : valueType
          } ${describeValue(c.value)}`,
        );
      }
      return;
    }
    if (STRING_ONLY.has(operator) && typeof c.value !== 'string') {
      at(`${base}/value`, `"${operator}" expects a string value`);
      return;
    }
    if ((operator === '=' || operator === '!=') && type && type !== 'array') {
      const compatible =
        comparable(type, valueType) ||
        (type === 'date' && valueType === 'string') ||
        (type === 'string' && valueType === 'date');
      if (!compatible) {
        at(
          `${base}/value`,
          `"${
            c.property
          }" holds a ${type}, which is never equal to the ${valueType} ${describeValue(
            c.value,
          )}`,
        );
      }
    }
  };

  const walk = (node: unknown, base: string) => {
    if (!node || typeof node !== 'object' || Array.isArray(node)) {
      at(base, 'expected a query object with "combinator" and "conditions"');
      return;
    }
    const q = node as PortQuery & Record<string, unknown>;
    if (q.combinator !== 'and' && q.combinator !== 'or') {
      at(
        `${base}/combinator`,
        `expected "and" or "or"; got ${describeValue(q.combinator)}`,
      );
    }
    const key = Array.isArray(q.conditions) ? 'conditions' : 'rules';
    const members = q[key];
    if (!Array.isArray(members)) {
      at(base, 'expected "conditions" (or "rules"): a list of conditions');
      return;
    }
    members.forEach((member: unknown, index: number) => {
      const where = `${base}${jsonPointer(key, index)}`;
      if (member && typeof member === 'object' && 'combinator' in member) {
        walk(member, where);
      } else {
        checkCondition(member, where);
      }
    });
  };

  walk(query, pointer);
  return problems;
}
