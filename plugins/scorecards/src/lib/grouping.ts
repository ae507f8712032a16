import {
  LevelDistribution,
  RuleResult,
  RuleStatus,
  ScorecardHeader,
  ScorecardLevel,
  ScorecardResultRow,
} from '@plinth/plugin-scorecards-common';
import { drawnLevels, levelColor } from './levelColors';

/** A rule of a scorecard as its header describes it. */
export type HeaderRule = ScorecardHeader['rules'][number];

/** The rules of one level, with the entity's result on each. */
export interface LevelRules {
  /** The level; `undefined` for rules naming a level the scorecard lacks. */
  level?: ScorecardLevel;
  /** Position of the level, lowest first; the number of levels when unknown. */
  index: number;
  rules: Array<{ rule: HeaderRule; result?: RuleResult }>;
}

/**
 * An entity's rule results grouped by the level that needs them, lowest
 * level first, each level's rules in the scorecard's order. Levels without
 * rules are left out; rules whose level the scorecard does not define come
 * last. Results for rules the header does not name are shown under their
 * own identifier.
 */
export function rulesByLevel(
  scorecard: ScorecardHeader,
  results: ReadonlyArray<RuleResult>,
): LevelRules[] {
  const resultOf = new Map(results.map(r => [r.rule, r]));
  const rules: HeaderRule[] = [...scorecard.rules];
  const known = new Set(rules.map(r => r.identifier));
  for (const result of results) {
    if (!known.has(result.rule)) {
      rules.push({
        identifier: result.rule,
        title: result.rule,
        level: result.level,
      });
    }
  }
  const levelIndex = new Map(scorecard.levels.map((l, i) => [l.title, i]));
  const groups = new Map<number, LevelRules>();
  for (const rule of rules) {
    const index = levelIndex.get(rule.level) ?? scorecard.levels.length;
    let group = groups.get(index);
    if (!group) {
      group = { level: scorecard.levels[index], index, rules: [] };
      groups.set(index, group);
    }
    group.rules.push({ rule, result: resultOf.get(rule.identifier) });
  }
  return [...groups.values()].sort((a, b) => a.index - b.index);
}

/** How many of an entity's rules are in each status. */
export function countStatuses(
  results: ReadonlyArray<RuleResult>,
): Record<RuleStatus, number> {
  const counts: Record<RuleStatus, number> = {
    passed: 0,
    failed: 0,
    exempt: 0,
    error: 0,
  };
  for (const result of results) {
    counts[result.status] += 1;
  }
  return counts;
}

/** One level's part of a level distribution. */
export interface DistributionSegment {
  title: string;
  color: string;
  count: number;
  /** count / total, 0 when there are no entities. */
  share: number;
}

/**
 * A level distribution as the parts of a stacked bar, lowest level first.
 * Counts for levels the scorecard no longer has are left out.
 */
export function distributionSegments(
  levels: ReadonlyArray<ScorecardLevel>,
  distribution: Pick<LevelDistribution, 'total' | 'levels'>,
): DistributionSegment[] {
  return drawnLevels(levels).map(level => {
    const count = distribution.levels[level.title] ?? 0;
    return {
      title: level.title,
      color: levelColor(level.color),
      count,
      share: distribution.total > 0 ? count / distribution.total : 0,
    };
  });
}

/** `passing / total` as a whole percentage; 0 when there is nothing. */
export function percent(passing: number, total: number): number {
  return total > 0 ? Math.round((passing / total) * 100) : 0;
}

/** The heat map's filters; an unset field does not filter. */
export interface ResultFilter {
  team?: string;
  system?: string;
  domain?: string;
}

/** The values the heat map's filters offer: those present in the rows, sorted. */
export function filterOptions(rows: ReadonlyArray<ScorecardResultRow>): {
  teams: string[];
  systems: string[];
  domains: string[];
} {
  const teams = new Set<string>();
  const systems = new Set<string>();
  const domains = new Set<string>();
  for (const row of rows) {
    row.teams.forEach(team => teams.add(team));
    if (row.system) systems.add(row.system);
    if (row.domain) domains.add(row.domain);
  }
  const sorted = (values: Set<string>) =>
    [...values].sort((a, b) => a.localeCompare(b, 'en-US'));
  return {
    teams: sorted(teams),
    systems: sorted(systems),
    domains: sorted(domains),
  };
}

/** The rows that match every filter that is set. */
export function filterRows(
  rows: ReadonlyArray<ScorecardResultRow>,
  filter: ResultFilter,
): ScorecardResultRow[] {
  return rows.filter(
    row =>
      (!filter.team || row.teams.includes(filter.team)) &&
      (!filter.system || row.system === filter.system) &&
      (!filter.domain || row.domain === filter.domain),
  );
}

/** The rules of a scorecard in the heat map's column order: by level, lowest first. */
export function rulesInLevelOrder(scorecard: ScorecardHeader): HeaderRule[] {
  return rulesByLevel(scorecard, []).flatMap(group =>
    group.rules.map(r => r.rule),
  );
}
