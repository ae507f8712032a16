/**
 * What the demo's scorecard history is made from: a scorecard's levels and
 * rules (as `GET /api/scorecards/scorecards/:id/summary` answers them), and
 * each entity's current result.
 */
export interface DemoScorecard {
  identifier: string;
  /** Level titles, lowest first. */
  levels: string[];
  /** Each rule and the level it is needed for. */
  rules: Array<{ identifier: string; level: string }>;
}

/** An entity's current result on a scorecard, as the backend stored it. */
export interface DemoResult {
  entityRef: string;
  level: string;
  levelIndex: number;
  rules: Array<{ rule: string; status: string }>;
}

/** A row of the level history: the entity reached `level` at `at`. */
export interface DemoLevelChange {
  entityRef: string;
  level: string;
  levelIndex: number;
  /** Milliseconds since the epoch. */
  at: number;
}

/** How an entity's level went over the months before today. */
export type DemoTrend = 'improving' | 'steady' | 'slipping';

const DAY = 86_400_000;
const HOUR = 3_600_000;

/** A small seeded generator (mulberry32): the same seed, the same history. */
function randomFor(seed: string): () => number {
  let h = 1779033703 ^ seed.length;
  for (let i = 0; i < seed.length; i++) {
    h = Math.imul(h ^ seed.charCodeAt(i), 3432918353);
    h = (h << 13) | (h >>> 19);
  }
  let a = h >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const CYCLE: DemoTrend[] = ['improving', 'steady', 'improving', 'slipping'];

/**
 * The trend of each entity of a scorecard: entities in a stable shuffled
 * order take turns improving, holding steady and slipping, so every
 * scorecard with a few entities shows each. An entity at the lowest level
 * cannot have improved to it, nor one at the highest have slipped to it.
 */
export function demoTrends(
  scorecard: DemoScorecard,
  results: DemoResult[],
): Map<string, DemoTrend> {
  const top = scorecard.levels.length - 1;
  const order = results
    .map(result => ({
      result,
      key: randomFor(`${scorecard.identifier}:${result.entityRef}`)(),
    }))
    .sort((a, b) => a.key - b.key);
  return new Map(
    order.map(({ result }, i) => {
      let trend = CYCLE[i % CYCLE.length];
      if (trend === 'improving' && result.levelIndex === 0) {
        trend = result.levelIndex < top ? 'slipping' : 'steady';
      } else if (trend === 'slipping' && result.levelIndex >= top) {
        trend = result.levelIndex > 0 ? 'improving' : 'steady';
      }
      return [result.entityRef, trend];
    }),
  );
}

/** A working-hours instant of the day `daysAgo` before `today`. */
function workingTime(today: number, daysAgo: number, r: () => number) {
  return today - daysAgo * DAY + Math.round((9 + r() * 8) * HOUR);
}

/**
 * An entity's level history over the `days` before `now`, ending at its
 * current level at least a week ago: improving entities climb one level at
 * a time from a lower one, steady ones hold their level, slipping ones fall
 * from the level above. The same inputs give the same history.
 */
export function levelPath(
  scorecard: DemoScorecard,
  result: DemoResult,
  trend: DemoTrend,
  now: number,
  days: number,
): DemoLevelChange[] {
  const r = randomFor(`${scorecard.identifier}:${result.entityRef}:path`);
  const today = Math.floor(now / DAY) * DAY;
  const change = (levelIndex: number, at: number): DemoLevelChange => ({
    entityRef: result.entityRef,
    level: scorecard.levels[levelIndex],
    levelIndex,
    at,
  });
  const start = workingTime(today, days, r);
  const current = result.levelIndex;
  if (trend === 'steady') return [change(current, start)];
  if (trend === 'slipping') {
    const fall = workingTime(today, 7 + Math.floor(r() * (days / 2 - 7)), r);
    return [change(current + 1, start), change(current, fall)];
  }
  // Improving: up to three steps up, spread over the months, the last one
  // a week or more ago.
  const from = Math.max(
    0,
    current - 1 - Math.floor(r() * Math.min(3, current)),
  );
  const steps = current - from;
  const daysAgo = Array.from(
    { length: steps },
    () => 7 + Math.floor(r() * (days - 14)),
  ).sort((a, b) => b - a);
  return [
    change(from, start),
    ...daysAgo.map((ago, i) =>
      change(from + i + 1, workingTime(today, ago, r)),
    ),
  ];
}

/** `YYYY-MM-DD` of an instant, in UTC. */
export function dayOf(time: number): string {
  return new Date(time).toISOString().slice(0, 10);
}

/**
 * A scorecard's distribution at the end of each day from `fromDay` to
 * `toDay` (inclusive), from every entity's level history: how many entities
 * were at each level, and how many passed each rule. An entity passed the
 * rules of its level and those below; of the rules above, those it passes
 * today, once it had reached today's level.
 */
export function dailyDistributions(
  scorecard: DemoScorecard,
  results: DemoResult[],
  history: Map<string, DemoLevelChange[]>,
  fromDay: string,
  toDay: string,
): Array<{
  day: string;
  total: number;
  levels: Record<string, number>;
  passing: Record<string, number>;
}> {
  const ruleLevel = new Map(
    scorecard.rules.map(rule => [
      rule.identifier,
      scorecard.levels.indexOf(rule.level),
    ]),
  );
  const days = [];
  for (
    let end = Date.parse(`${fromDay}T00:00:00Z`) + DAY;
    end <= Date.parse(`${toDay}T00:00:00Z`) + DAY;
    end += DAY
  ) {
    const distribution = {
      day: dayOf(end - DAY),
      total: 0,
      levels: {} as Record<string, number>,
      passing: {} as Record<string, number>,
    };
    for (const result of results) {
      const reached = (history.get(result.entityRef) ?? []).filter(
        c => c.at < end,
      );
      const then = reached[reached.length - 1];
      if (!then) continue;
      distribution.total += 1;
      distribution.levels[then.level] =
        (distribution.levels[then.level] ?? 0) + 1;
      for (const rule of result.rules) {
        const passesToday =
          rule.status === 'passed' || rule.status === 'exempt';
        const passed =
          (ruleLevel.get(rule.rule) ?? Infinity) <= then.levelIndex ||
          (passesToday && then.levelIndex >= result.levelIndex);
        if (passed) {
          distribution.passing[rule.rule] =
            (distribution.passing[rule.rule] ?? 0) + 1;
        }
      }
    }
    days.push(distribution);
  }
  return days;
}
