import {
  Blueprint,
  EntityView,
  evaluateRule,
  failureWords,
  matchesQuery,
  PortQuery,
  propertyValue,
  requirementWords,
  RuleOutcome,
  RuleWording,
} from '@plinth/plugin-blueprints-common';
import { scorecardRuleLabeler } from './ruleLabels';
import {
  levelsOf,
  NumericThreshold,
  Scorecard,
  ScorecardRule,
} from '../scorecard/types';

/**
 * How an entity fares on one rule. `exempt` counts as passed; `error` (data
 * the rule cannot judge, such as a string where it compares numbers) counts
 * as failed.
 * @public
 */
export type RuleStatus = 'passed' | 'failed' | 'exempt' | 'error';

/**
 * One rule's result for one entity: the value looked at and, unless it
 * passed, why not.
 * @public
 */
export interface RuleResult {
  rule: string;
  level: string;
  status: RuleStatus;
  actual?: unknown;
  reason?: string;
  /** For an exempt rule: ISO 8601 end of the exemption. */
  exemptUntil?: string;
}

/**
 * One entity's result on one scorecard: the level reached and every rule.
 * @public
 */
export interface ScorecardEvaluation {
  scorecard: string;
  level: string;
  /** 0 for the first (default) level. */
  levelIndex: number;
  rules: RuleResult[];
}

/**
 * A scorecard prepared for evaluating many entities.
 * @public
 */
export interface CompiledScorecard {
  scorecard: Scorecard;
  /** Whether the scorecard applies to the entity (its blueprint and filter). */
  applies(entity: EntityView, now?: number): boolean;
  /**
   * The entity's result. `exemptions` maps a rule identifier to the end of
   * the entity's exemption from it (ISO 8601 or epoch milliseconds).
   */
  evaluate(
    entity: EntityView,
    options?: {
      now?: number;
      exemptions?: ReadonlyMap<string, string | number>;
    },
  ): ScorecardEvaluation;
}

function conditionKey(condition: object): string {
  if ('property' in condition) return String(condition.property);
  if ('relation' in condition) return String(condition.relation);
  return 'query';
}

/** A rule's Port query, condition by condition, so the reason is precise. */
function queryResult(
  entity: EntityView,
  query: PortQuery,
  now: number,
  wording: RuleWording,
): Omit<RuleResult, 'rule' | 'level'> {
  const conditions = query.conditions ?? query.rules ?? [];
  const failures: Array<{ key: string; outcome: RuleOutcome }> = [];
  let actual: unknown;
  for (const condition of conditions) {
    const outcome = evaluateRule(entity, condition, now, wording);
    if (conditions.length === 1) actual = outcome.actual;
    if (outcome.passed) {
      if (query.combinator === 'or') {
        return { status: 'passed', actual };
      }
    } else {
      failures.push({ key: conditionKey(condition), outcome });
    }
  }
  const passed =
    query.combinator === 'or' ? conditions.length === 0 : failures.length === 0;
  if (passed) return { status: 'passed', actual };
  if (conditions.length > 1) {
    actual = Object.fromEntries(
      failures.map(f => [f.key, f.outcome.actual ?? null]),
    );
  }
  const error = failures.find(f => f.outcome.error);
  const reasons = failures.map(f => f.outcome.reason).filter(Boolean);
  return {
    status: error ? 'error' : 'failed',
    actual,
    reason: error
      ? error.outcome.error
      : reasons.join(query.combinator === 'or' ? ', and ' : '; '),
  };
}

/** `actual <operator> value`; false for an operator that is none of Plinth's. */
function compareNumbers(
  actual: number,
  operator: NumericThreshold['operator'],
  value: number,
): boolean {
  switch (operator) {
    case '>':
      return actual > value;
    case '>=':
      return actual >= value;
    case '<':
      return actual < value;
    case '<=':
      return actual <= value;
    default:
      return false;
  }
}

function thresholdResult(
  entity: EntityView,
  threshold: NumericThreshold,
  wording: RuleWording,
): Omit<RuleResult, 'rule' | 'level'> {
  const actual = propertyValue(entity, threshold.property);
  const label = wording.label?.(threshold.property) ?? threshold.property;
  const failed = (value: unknown) =>
    failureWords(label, value, threshold.operator, threshold.value);
  if (actual === null || actual === undefined) {
    return { status: 'failed', actual: null, reason: failed(null) };
  }
  if (typeof actual !== 'number' || !isFinite(actual)) {
    return {
      status: 'error',
      actual,
      reason: `${label} is ${JSON.stringify(
        actual,
      )}, not a number; the threshold needs ${requirementWords(
        threshold.operator,
        threshold.value,
      )}`,
    };
  }
  const passed = compareNumbers(actual, threshold.operator, threshold.value);
  return passed
    ? { status: 'passed', actual }
    : { status: 'failed', actual, reason: failed(actual) };
}

function ruleOutcome(
  entity: EntityView,
  rule: ScorecardRule,
  now: number,
  wording: RuleWording,
): Omit<RuleResult, 'rule' | 'level'> {
  if (rule.threshold) return thresholdResult(entity, rule.threshold, wording);
  if (rule.query) return queryResult(entity, rule.query, now, wording);
  return {
    status: 'error',
    reason: 'the rule has neither query nor threshold',
  };
}

function toTime(value: string | number): number {
  return typeof value === 'number' ? value : Date.parse(value);
}

/**
 * Prepares a (valid) scorecard for evaluation. An entity reaches a level when
 * it passes every rule of that level and of every level below it; the first
 * level needs nothing. Given the scorecard's blueprint, the reasons of
 * failed rules name properties and relations by their titles.
 * @public
 */
export function compileScorecard(
  scorecard: Scorecard,
  context: { blueprint?: Blueprint } = {},
): CompiledScorecard {
  const wording: RuleWording = {
    label: scorecardRuleLabeler(context.blueprint),
  };
  const levels = levelsOf(scorecard);
  const levelIndex = new Map(levels.map((l, i) => [l.title, i]));
  const rules = scorecard.rules.map(rule => ({
    rule,
    index: levelIndex.get(rule.level) ?? levels.length,
  }));
  const filter = scorecard.filter;

  return {
    scorecard,
    applies(entity, now = Date.now()) {
      if (entity.blueprint !== scorecard.blueprint) return false;
      return !filter || matchesQuery(entity, filter, now);
    },
    evaluate(entity, options = {}) {
      const now = options.now ?? Date.now();
      // The lowest level index with a rule not passed caps the level.
      let cap = levels.length;
      const results: RuleResult[] = rules.map(({ rule, index }) => {
        const outcome = ruleOutcome(entity, rule, now, wording);
        const result: RuleResult = {
          rule: rule.identifier,
          level: rule.level,
          ...outcome,
        };
        if (outcome.status !== 'passed') {
          const until = options.exemptions?.get(rule.identifier);
          if (until !== undefined && toTime(until) > now) {
            result.status = 'exempt';
            result.exemptUntil = new Date(toTime(until)).toISOString();
          } else if (index < cap) {
            cap = index;
          }
        }
        return result;
      });
      const reached = Math.max(0, Math.min(cap - 1, levels.length - 1));
      return {
        scorecard: scorecard.identifier,
        level: levels[reached].title,
        levelIndex: reached,
        rules: results,
      };
    },
  };
}
