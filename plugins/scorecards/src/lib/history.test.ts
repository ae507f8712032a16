import { historyDays, productionReadiness } from '../__testUtils__/fixtures';
import {
  currentLevelSince,
  distributionSeries,
  levelSteps,
  passRateSeries,
} from './history';

describe('distributionSeries', () => {
  it('gives each day its count per level, 0 for levels not named', () => {
    const series = distributionSeries(productionReadiness, historyDays);
    expect(series[0]).toEqual({
      day: '2026-11-25',
      level0: 2,
      level1: 1,
      level2: 0,
      level3: 0,
    });
    expect(series).toHaveLength(historyDays.length);
  });
});

describe('passRateSeries', () => {
  it("gives each rule's pass rate per day, in level order", () => {
    const series = passRateSeries(productionReadiness, historyDays);
    // has-owner, has-readme, test-coverage, deploy-frequency
    expect(series[0]).toEqual({
      day: '2026-11-25',
      rule0: 66.7,
      rule1: 33.3,
      rule2: 0,
      rule3: 0,
    });
  });

  it('breaks the lines on days without entities', () => {
    const series = passRateSeries(productionReadiness, [
      { day: '2026-11-01', total: 0, levels: {}, passing: {} },
    ]);
    expect(series[0].rule0).toBeNull();
  });
});

describe('levelSteps', () => {
  const history = [
    { level: 'Bronze', levelIndex: 1, at: '2026-11-12T08:00:00Z' },
    { level: 'Basic', levelIndex: 0, at: '2026-09-01T08:00:00Z' },
  ];

  it('orders the changes and extends the current level to the last evaluation', () => {
    expect(
      levelSteps(
        history,
        { level: 'Bronze', levelIndex: 1 },
        '2026-11-27T10:00:00Z',
      ).map(s => [new Date(s.time).toISOString(), s.levelIndex]),
    ).toEqual([
      ['2026-09-01T08:00:00.000Z', 0],
      ['2026-11-12T08:00:00.000Z', 1],
      ['2026-11-27T10:00:00.000Z', 1],
    ]);
  });

  it('is one point for an entity without history', () => {
    expect(
      levelSteps([], { level: 'Basic', levelIndex: 0 }, '2026-11-27T10:00:00Z'),
    ).toHaveLength(1);
  });

  it('says since when the entity holds its level', () => {
    expect(currentLevelSince(history, 1)).toBe('2026-11-12T08:00:00Z');
    expect(currentLevelSince(history, 2)).toBeUndefined();
    expect(currentLevelSince([], 0)).toBeUndefined();
  });
});
