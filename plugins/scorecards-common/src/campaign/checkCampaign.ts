import {
  describeValue,
  identifierProblem,
  jsonPointer,
} from '@plinth/plugin-blueprints-common';
import { checkFreeText } from '../scorecard/checkScorecard';
import type { ScorecardDefinitionProblem } from '../scorecard/checkScorecard';
import type { Scorecard } from '../scorecard/types';

function isObject(value: unknown): value is Record<string, unknown> {
  return !!value && typeof value === 'object' && !Array.isArray(value);
}

/**
 * Checks a campaign: identifier (Port's identifier rule: see
 * `identifierProblem` of `@plinth/plugin-blueprints-common`), a title of at
 * most 200 characters and a description of at most 2,000, an ISO 8601
 * deadline, a target share between 0 and 1, and rules that name existing
 * scorecards and their rules (when the scorecards are given).
 * @public
 */
export function checkCampaign(
  raw: unknown,
  scorecards: ReadonlyMap<string, Scorecard> | undefined,
  pointer = '',
): ScorecardDefinitionProblem[] {
  const problems: ScorecardDefinitionProblem[] = [];
  const at = (p: string, message: string) =>
    problems.push({ pointer: `${pointer}${p}`, message });
  if (!isObject(raw)) {
    at('', 'expected a campaign: {identifier, title, deadline, rules}');
    return problems;
  }
  const identifierReason = identifierProblem(raw.identifier);
  if (identifierReason) {
    at('/identifier', `identifier ${identifierReason}`);
  }
  const title = typeof raw.title === 'string' ? raw.title : undefined;
  if (!title) {
    at('/title', 'expected a title');
  }
  checkFreeText({ title, description: raw.description }, '', at);
  if (
    typeof raw.deadline !== 'string' ||
    !/^\d{4}-\d{2}-\d{2}/.test(raw.deadline) ||
    Number.isNaN(Date.parse(raw.deadline))
  ) {
    at(
      '/deadline',
      `expected an ISO 8601 date; got ${describeValue(raw.deadline)}`,
    );
  }
  if (
    raw.target !== undefined &&
    (typeof raw.target !== 'number' || raw.target <= 0 || raw.target > 1)
  ) {
    at(
      '/target',
      `expected a share above 0 and at most 1; got ${describeValue(
        raw.target,
      )}`,
    );
  }
  if (!Array.isArray(raw.rules) || raw.rules.length === 0) {
    at('/rules', 'expected a non-empty list of {scorecard, rule}');
    return problems;
  }
  let blueprint: string | undefined;
  raw.rules.forEach((item, i) => {
    const base = jsonPointer('rules', i);
    if (
      !isObject(item) ||
      typeof item.scorecard !== 'string' ||
      typeof item.rule !== 'string'
    ) {
      at(base, 'expected {scorecard, rule}');
      return;
    }
    if (!scorecards) return;
    const scorecard = scorecards.get(item.scorecard);
    if (!scorecard) {
      at(`${base}/scorecard`, `no scorecard "${item.scorecard}"`);
      return;
    }
    if (!scorecard.rules.some(r => r.identifier === item.rule)) {
      at(
        `${base}/rule`,
        `scorecard "${item.scorecard}" has no rule "${
          item.rule
        }"; it has ${scorecard.rules.map(r => r.identifier).join(', ')}`,
      );
    }
    blueprint ??= scorecard.blueprint;
    if (scorecard.blueprint !== blueprint) {
      at(
        `${base}/scorecard`,
        `a campaign covers one blueprint's entities; "${item.scorecard}" is over ${scorecard.blueprint}, the campaign over ${blueprint}`,
      );
    }
  });
  return problems;
}
