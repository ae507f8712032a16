import { levelsOf, Scorecard } from '../scorecard/types';
import type { ScorecardHeader } from './types';

/**
 * What a result needs of its scorecard to be drawn: titles, levels, rules.
 * @public
 */
export function scorecardHeader(scorecard: Scorecard): ScorecardHeader {
  return {
    identifier: scorecard.identifier,
    title: scorecard.title ?? scorecard.identifier,
    blueprint: scorecard.blueprint,
    levels: [...levelsOf(scorecard)],
    rules: scorecard.rules.map(rule => ({
      identifier: rule.identifier,
      title: rule.title ?? rule.identifier,
      description: rule.description,
      level: rule.level,
    })),
  };
}
