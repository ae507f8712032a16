import {
  dailyDistributions,
  DemoResult,
  DemoScorecard,
  demoTrends,
  levelPath,
} from './scorecardHistory';

const DAY = 86_400_000;
const now = Date.parse('2026-12-07T12:00:00Z');

/** Production readiness as examples/plinth/scorecards/port defines it. */
const readiness: DemoScorecard = {
  identifier: 'ProductionReadiness',
  levels: ['Basic', 'Bronze', 'Silver', 'Gold'],
  rules: [
    { identifier: 'inSystem', level: 'Bronze' },
    { identifier: 'dependenciesDeclared', level: 'Silver' },
    { identifier: 'noOpenIncidents', level: 'Gold' },
  ],
};

const result = (
  name: string,
  levelIndex: number,
  failing: string[] = [],
): DemoResult => ({
  entityRef: `component:default/${name}`,
  level: readiness.levels[levelIndex],
  levelIndex,
  rules: readiness.rules.map(rule => ({
    rule: rule.identifier,
    status: failing.includes(rule.identifier) ? 'failed' : 'passed',
  })),
});

const results = [
  result('cartservice', 3),
  result('productsservice', 2, ['noOpenIncidents']),
  result('corekafkalibrary', 1, ['dependenciesDeclared', 'noOpenIncidents']),
  result('corepaymentlibrary', 1, ['dependenciesDeclared', 'noOpenIncidents']),
  result('newservice', 0, ['inSystem', 'dependenciesDeclared']),
];

describe('the demo scorecard history', () => {
  const trends = demoTrends(readiness, results);

  it('has entities improving, and others steady or slipping, on one scorecard', () => {
    const counts = [...trends.values()].reduce<Record<string, number>>(
      (all, trend) => ({ ...all, [trend]: (all[trend] ?? 0) + 1 }),
      {},
    );
    expect(counts.improving).toBeGreaterThanOrEqual(1);
    expect(
      (counts.steady ?? 0) + (counts.slipping ?? 0),
    ).toBeGreaterThanOrEqual(1);
    // Nobody improves to the lowest level, nor slips to the highest.
    expect(trends.get('component:default/newservice')).not.toBe('improving');
    expect(trends.get('component:default/cartservice')).not.toBe('slipping');
  });

  it('ends every entity at the level it has today, months after it starts, a week or more ago', () => {
    for (const r of results) {
      const path = levelPath(readiness, r, trends.get(r.entityRef)!, now, 180);
      const last = path[path.length - 1];
      expect([r.entityRef, last.level]).toEqual([r.entityRef, r.level]);
      expect(now - path[0].at).toBeGreaterThan(179 * DAY);
      expect(now - last.at).toBeGreaterThanOrEqual(6 * DAY);
      // Oldest first, one level at a time.
      for (let i = 1; i < path.length; i++) {
        expect(path[i].at).toBeGreaterThan(path[i - 1].at);
        expect(Math.abs(path[i].levelIndex - path[i - 1].levelIndex)).toBe(1);
      }
      expect(path.map(c => readiness.levels[c.levelIndex])).toEqual(
        path.map(c => c.level),
      );
    }
  });

  it('climbs for an improving entity and falls for a slipping one', () => {
    const starts = results.map(r => {
      const trend = trends.get(r.entityRef)!;
      const path = levelPath(readiness, r, trend, now, 180);
      return { trend, from: path[0].levelIndex, to: r.levelIndex };
    });
    const moved = (s: { trend: string; from: number; to: number }) =>
      ({
        improving: s.from < s.to,
        steady: s.from === s.to,
        slipping: s.from === s.to + 1,
      }[s.trend]);
    expect(starts.filter(s => !moved(s))).toEqual([]);
  });

  it('is the same on every run, so loading it again changes nothing', () => {
    const again = demoTrends(readiness, [...results].reverse());
    expect(again).toEqual(trends);
    const r = results[0];
    expect(levelPath(readiness, r, 'improving', now, 180)).toEqual(
      levelPath(readiness, r, 'improving', now, 180),
    );
  });

  it("counts each day's levels and passing rules from the histories", () => {
    const history = new Map(
      results.map(r => [
        r.entityRef,
        levelPath(readiness, r, trends.get(r.entityRef)!, now, 180),
      ]),
    );
    const days = dailyDistributions(
      readiness,
      results,
      history,
      '2026-06-10',
      '2026-12-06',
    );
    expect(days[0].day).toBe('2026-06-10');
    expect(days[days.length - 1].day).toBe('2026-12-06');
    for (const day of days) {
      expect(Object.values(day.levels).reduce((a, b) => a + b, 0)).toBe(
        day.total,
      );
    }
    // The last day is today's picture: every entity at its level, and each
    // rule passed by those passing it today.
    const last = days[days.length - 1];
    expect(last.total).toBe(results.length);
    expect(last.levels).toEqual({ Gold: 1, Silver: 1, Bronze: 2, Basic: 1 });
    expect(last.passing).toEqual({
      inSystem: 4,
      dependenciesDeclared: 2,
      // Cart Service, and the new service, which has no incident.
      noOpenIncidents: 2,
    });
    // Over the months the picture changed.
    const pictures = new Set(
      days.map(day => JSON.stringify([day.levels, day.passing])),
    );
    expect(pictures.size).toBeGreaterThan(3);
  });
});
