import type {
  LevelDistribution,
  RuleResult,
} from '@plinth/plugin-scorecards-common';

/** `YYYY-MM-DD` of an instant, in UTC: the day a distribution is kept for. */
export function dayOf(time: number): string {
  return new Date(time).toISOString().slice(0, 10);
}

/** A distribution of no entity. */
export function emptyDistribution(): LevelDistribution {
  return { total: 0, levels: {}, passing: {} };
}

function isPassing(result: RuleResult): boolean {
  return result.status === 'passed' || result.status === 'exempt';
}

/** Adds (`sign` 1) or takes away (-1) one result from a distribution. */
export function applyToDistribution(
  distribution: LevelDistribution,
  result: { level: string; rules: RuleResult[] },
  sign: 1 | -1,
): void {
  distribution.total += sign;
  distribution.levels[result.level] =
    (distribution.levels[result.level] ?? 0) + sign;
  if (distribution.levels[result.level] === 0) {
    delete distribution.levels[result.level];
  }
  for (const rule of result.rules) {
    if (!isPassing(rule)) continue;
    distribution.passing[rule.rule] =
      (distribution.passing[rule.rule] ?? 0) + sign;
    if (distribution.passing[rule.rule] === 0) {
      delete distribution.passing[rule.rule];
    }
  }
}
