import { EntityView, propertyValue, targetsOf } from '../derived/view';
import { ownValue } from '../internal/objects';
import {
  PortDateRange,
  PortPropertyRule,
  PortQuery,
  PortQueryRule,
  PortRelationRule,
} from './types';
import { failureWords, RuleLabeler } from './ruleWords';

/**
 * How {@link evaluateRule} words its reasons.
 * @public
 */
export interface RuleWording {
  /** The title of a property or relation; its identifier when none. */
  label?: RuleLabeler;
}

function labelOf(name: string, wording: RuleWording): string {
  return wording.label?.(name) ?? name;
}

/**
 * The outcome of one condition for one entity: whether it passed, the value
 * it looked at, and, when it failed, why — in words a user can act on.
 * @public
 */
export interface RuleOutcome {
  passed: boolean;
  actual: unknown;
  reason?: string;
  /**
   * Set when the condition could not be judged on this entity's data — a
   * string compared with a number, a date range over a value that is not a
   * date. The condition then fails, and `error` says why.
   */
  error?: string;
}

const DAY = 86_400_000;

function isQuery(rule: PortQueryRule): rule is PortQuery {
  return 'combinator' in rule;
}

function isRelationRule(rule: PortQueryRule): rule is PortRelationRule {
  return 'relation' in rule;
}

function isEmpty(value: unknown): boolean {
  if (value === null || value === undefined || value === '') return true;
  if (Array.isArray(value)) return value.length === 0;
  if (typeof value === 'object') return Object.keys(value).length === 0;
  return false;
}

function equal(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || !a || !b) {
    return false;
  }
  return JSON.stringify(a) === JSON.stringify(b);
}

/** `=` on a list (such as `$team`) asks whether the list holds the value. */
function equals(actual: unknown, expected: unknown): boolean {
  if (Array.isArray(actual) && !Array.isArray(expected)) {
    return actual.some(a => equal(a, expected));
  }
  return equal(actual, expected);
}

function asTime(value: unknown): number | undefined {
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}/.test(value)) {
    return undefined;
  }
  const time = Date.parse(value);
  return Number.isNaN(time) ? undefined : time;
}

/** Numbers compare as numbers, ISO dates as instants; nothing else orders. */
function compare(actual: unknown, expected: unknown): number | undefined {
  if (typeof actual === 'number' && typeof expected === 'number') {
    return actual - expected;
  }
  const a = asTime(actual);
  const b = asTime(expected);
  if (a !== undefined && b !== undefined) return a - b;
  return undefined;
}

const ORDERINGS: Record<'>' | '<' | '>=' | '<=', (order: number) => boolean> = {
  '>': order => order > 0,
  '<': order => order < 0,
  '>=': order => order >= 0,
  '<=': order => order <= 0,
};

function startOfDay(time: number): number {
  return Math.floor(time / DAY) * DAY;
}

/** The bounds of a date range, presets counted back from `now` (UTC days). */
export function dateRangeBounds(
  range: PortDateRange,
  now: number,
): { from: number; to: number } | undefined {
  if ('preset' in range) {
    const today = startOfDay(now);
    const back = (days: number) => ({ from: now - days * DAY, to: now });
    switch (range.preset) {
      case 'today':
        return { from: today, to: today + DAY - 1 };
      case 'tomorrow':
        return { from: today + DAY, to: today + 2 * DAY - 1 };
      case 'yesterday':
        return { from: today - DAY, to: today - 1 };
      case 'lastWeek':
        return back(7);
      case 'last2Weeks':
        return back(14);
      case 'lastMonth':
        return back(30);
      case 'last3Months':
        return back(90);
      case 'last6Months':
        return back(180);
      case 'last12Months':
        return back(365);
      default:
        return undefined;
    }
  }
  const from = asTime(range.from);
  const to = asTime(range.to);
  return from !== undefined && to !== undefined ? { from, to } : undefined;
}

function show(value: unknown): string {
  if (value === null || value === undefined) return 'empty';
  return JSON.stringify(value);
}

/** `the number 3`, `the string "x"`, `the date 2026-01-01`: for type errors. */
function describe(value: unknown): string {
  if (value === null || value === undefined) return 'nothing';
  if (asTime(value) !== undefined) return `the date ${value}`;
  if (Array.isArray(value)) return `the list ${show(value)}`;
  return `the ${typeof value} ${show(value)}`;
}

/** A condition whose operands cannot be compared: failed, with an error. */
function mismatch(
  rule: PortPropertyRule,
  actual: unknown,
  expected: string,
  wording: RuleWording,
): RuleOutcome {
  const error = `${labelOf(rule.property, wording)} is ${describe(
    actual,
  )}, which cannot be compared (${rule.operator}) with ${expected}`;
  return { passed: false, actual, reason: error, error };
}

function propertyOutcome(
  entity: EntityView,
  rule: PortPropertyRule,
  now: number,
  wording: RuleWording,
): RuleOutcome {
  const actual = propertyValue(entity, rule.property);
  const expected = rule.value;
  let passed: boolean;
  switch (rule.operator) {
    case '=':
      passed = equals(actual, expected);
      break;
    case '!=':
      passed = !equals(actual, expected);
      break;
    case '>':
    case '<':
    case '>=':
    case '<=': {
      const order = compare(actual, expected);
      if (order === undefined && actual !== null) {
        return mismatch(rule, actual, `${describe(expected)}`, wording);
      }
      passed = order !== undefined && ORDERINGS[rule.operator](order);
      break;
    }
    case 'contains':
    case 'doesNotContains': {
      const contains =
        typeof actual === 'string'
          ? typeof expected === 'string' && actual.includes(expected)
          : Array.isArray(actual) && actual.some(a => equal(a, expected));
      passed = rule.operator === 'contains' ? contains : !contains;
      break;
    }
    case 'beginsWith':
    case 'doesNotBeginsWith': {
      const begins =
        typeof actual === 'string' &&
        typeof expected === 'string' &&
        actual.startsWith(expected);
      passed = rule.operator === 'beginsWith' ? begins : !begins;
      break;
    }
    case 'endsWith':
    case 'doesNotEndsWith': {
      const ends =
        typeof actual === 'string' &&
        typeof expected === 'string' &&
        actual.endsWith(expected);
      passed = rule.operator === 'endsWith' ? ends : !ends;
      break;
    }
    case 'containsAny': {
      const wanted = Array.isArray(expected) ? expected : [expected];
      passed =
        typeof actual === 'string'
          ? wanted.some(w => typeof w === 'string' && actual.includes(w))
          : Array.isArray(actual) &&
            actual.some(a => wanted.some(w => equal(a, w)));
      break;
    }
    case 'in':
    case 'notIn': {
      const options = Array.isArray(expected) ? expected : [expected];
      const values = Array.isArray(actual) ? actual : [actual];
      const within = values.some(v => options.some(o => equal(v, o)));
      passed = rule.operator === 'in' ? within : !within;
      break;
    }
    case 'isEmpty':
      passed = isEmpty(actual);
      break;
    case 'isNotEmpty':
      passed = !isEmpty(actual);
      break;
    case 'between':
    case 'notBetween': {
      const bounds =
        expected && typeof expected === 'object'
          ? dateRangeBounds(expected as PortDateRange, now)
          : undefined;
      const time = asTime(actual);
      if (time === undefined && actual !== null) {
        return mismatch(rule, actual, 'a date range', wording);
      }
      const within =
        bounds !== undefined &&
        time !== undefined &&
        time >= bounds.from &&
        time <= bounds.to;
      passed = rule.operator === 'between' ? within : !within;
      break;
    }
    default:
      return {
        passed: false,
        actual,
        reason: `unknown operator ${show(rule.operator)}`,
      };
  }
  if (rule.not) passed = !passed;
  return {
    passed,
    actual,
    reason: passed
      ? undefined
      : failureWords(
          labelOf(rule.property, wording),
          actual,
          rule.operator,
          expected,
          rule.not,
        ),
  };
}

function relationOutcome(
  entity: EntityView,
  rule: PortRelationRule,
  wording: RuleWording,
): RuleOutcome {
  const targets = targetsOf(ownValue(entity.relations, rule.relation));
  const options = Array.isArray(rule.value) ? rule.value : [rule.value];
  let passed: boolean;
  switch (rule.operator) {
    case '=':
    case 'in':
      passed = targets.some(t => options.includes(t));
      break;
    case '!=':
    case 'notIn':
      passed = !targets.some(t => options.includes(t));
      break;
    case 'isEmpty':
      passed = targets.length === 0;
      break;
    case 'isNotEmpty':
      passed = targets.length > 0;
      break;
    default:
      return {
        passed: false,
        actual: targets,
        reason: `unknown operator ${show(rule.operator)}`,
      };
  }
  if (rule.not) passed = !passed;
  return {
    passed,
    actual: targets,
    reason: passed
      ? undefined
      : failureWords(
          labelOf(rule.relation, wording),
          targets.length ? targets : null,
          rule.operator,
          rule.value,
          rule.not,
        ),
  };
}

/**
 * Evaluates one condition — on a property, a relation, or a nested query —
 * for an entity. `now` anchors date presets such as `lastWeek`; `wording`
 * names properties and relations in the reason by their titles.
 * @public
 */
export function evaluateRule(
  entity: EntityView,
  rule: PortQueryRule,
  now: number = Date.now(),
  wording: RuleWording = {},
): RuleOutcome {
  if (isQuery(rule)) {
    const passed = matchesQuery(entity, rule, now);
    return {
      passed,
      actual: null,
      reason: passed ? undefined : `the nested ${rule.combinator} query fails`,
    };
  }
  if (isRelationRule(rule)) return relationOutcome(entity, rule, wording);
  return propertyOutcome(entity, rule, now, wording);
}

/**
 * Whether an entity matches a Port query. An empty query matches everything.
 * @public
 */
export function matchesQuery(
  entity: EntityView,
  query: PortQuery,
  now: number = Date.now(),
): boolean {
  const rules = query.rules ?? query.conditions ?? [];
  if (query.combinator === 'or') {
    return (
      rules.length === 0 ||
      rules.some(rule => evaluateRule(entity, rule, now).passed)
    );
  }
  return rules.every(rule => evaluateRule(entity, rule, now).passed);
}
