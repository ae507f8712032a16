import {
  LevelChange,
  ScorecardHeader,
  ScorecardHistoryDay,
} from '@plinth/plugin-scorecards-common';
import { rulesInLevelOrder } from './grouping';

/**
 * Chart rows key their series by position (`level0`, `rule2`): level and rule
 * titles may hold dots, which recharts would read as paths.
 */
export const levelKey = (index: number) => `level${index}`;
/** The chart key of the rule at `index` of {@link rulesInLevelOrder}. */
export const ruleKey = (index: number) => `rule${index}`;

/** One day of the level distribution chart: entities per level. */
export type DistributionPoint = { day: string } & Record<string, number>;

/**
 * The level distribution of each day, one key per level (see
 * {@link levelKey}); levels the day does not name count 0.
 */
export function distributionSeries(
  scorecard: ScorecardHeader,
  days: ReadonlyArray<ScorecardHistoryDay>,
): DistributionPoint[] {
  return days.map(day => {
    const point: DistributionPoint = { day: day.day } as DistributionPoint;
    scorecard.levels.forEach((level, index) => {
      point[levelKey(index)] = day.levels[level.title] ?? 0;
    });
    return point;
  });
}

/**
 * Each rule's pass rate (exempt included) per day, as a percentage, one key
 * per rule in level order (see {@link ruleKey}); `null` on days without
 * entities, so the line breaks rather than dropping to 0.
 */
export function passRateSeries(
  scorecard: ScorecardHeader,
  days: ReadonlyArray<ScorecardHistoryDay>,
): Array<{ day: string } & Record<string, number | null>> {
  const rules = rulesInLevelOrder(scorecard);
  return days.map(day => {
    const point: { day: string } & Record<string, number | null> = {
      day: day.day,
    } as { day: string } & Record<string, number | null>;
    rules.forEach((rule, index) => {
      const passing = day.passing[rule.identifier] ?? 0;
      point[ruleKey(index)] =
        day.total > 0 ? Math.round((passing / day.total) * 1000) / 10 : null;
    });
    return point;
  });
}

/** A point of an entity's level over time. */
export interface LevelStep {
  /** Epoch milliseconds. */
  time: number;
  levelIndex: number;
  level: string;
}

/**
 * An entity's level over time as the points of a step line: each change,
 * then the current level at `until` (its last evaluation), so the line
 * reaches the present. Changes that do not parse are left out.
 */
export function levelSteps(
  history: ReadonlyArray<LevelChange>,
  current: { level: string; levelIndex: number },
  until: string,
): LevelStep[] {
  const steps: LevelStep[] = history
    .map(change => ({
      time: Date.parse(change.at),
      levelIndex: change.levelIndex,
      level: change.level,
    }))
    .filter(step => !Number.isNaN(step.time))
    .sort((a, b) => a.time - b.time);
  const end = Date.parse(until);
  const last = steps[steps.length - 1];
  if (!Number.isNaN(end) && (!last || end > last.time)) {
    steps.push({ time: end, ...current });
  }
  return steps;
}

/**
 * When the entity reached its current level: the last change to it, or
 * `undefined` when the history does not say.
 */
export function currentLevelSince(
  history: ReadonlyArray<LevelChange>,
  levelIndex: number,
): string | undefined {
  const last = [...history]
    .sort((a, b) => Date.parse(a.at) - Date.parse(b.at))
    .pop();
  return last && last.levelIndex === levelIndex ? last.at : undefined;
}
