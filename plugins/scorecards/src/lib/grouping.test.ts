import { RuleResult } from '@plinth/plugin-scorecards-common';
import { productionReadiness, resultRows } from '../__testUtils__/fixtures';
import {
  countStatuses,
  distributionSegments,
  filterOptions,
  filterRows,
  percent,
  rulesByLevel,
  rulesInLevelOrder,
} from './grouping';
import { levelColor } from './levelColors';

describe('rulesByLevel', () => {
  it('groups the rules under their level, lowest level first', () => {
    const results: RuleResult[] = [
      { rule: 'deploy-frequency', level: 'Gold', status: 'failed' },
      { rule: 'has-owner', level: 'Bronze', status: 'passed' },
    ];
    const groups = rulesByLevel(productionReadiness, results);
    expect(groups.map(g => g.level?.title)).toEqual([
      'Bronze',
      'Silver',
      'Gold',
    ]);
    expect(
      groups[0].rules.map(r => [r.rule.identifier, r.result?.status]),
    ).toEqual([
      ['has-owner', 'passed'],
      ['has-readme', undefined],
    ]);
    expect(groups[2].rules[0].result?.status).toBe('failed');
  });

  it('puts rules of unknown levels, and results of unknown rules, last', () => {
    const groups = rulesByLevel(
      {
        ...productionReadiness,
        rules: [
          ...productionReadiness.rules,
          { identifier: 'odd', title: 'Odd', level: 'Platinum' },
        ],
      },
      [{ rule: 'gone', level: 'Bronze', status: 'passed' }],
    );
    expect(groups[0].rules.map(r => r.rule.identifier)).toContain('gone');
    const last = groups[groups.length - 1];
    expect(last.level).toBeUndefined();
    expect(last.rules.map(r => r.rule.title)).toEqual(['Odd']);
  });
});

describe('rulesInLevelOrder', () => {
  it('orders the rules by level whatever their order in the scorecard', () => {
    const header = {
      ...productionReadiness,
      rules: [...productionReadiness.rules].reverse(),
    };
    expect(rulesInLevelOrder(header).map(r => r.level)).toEqual([
      'Bronze',
      'Bronze',
      'Silver',
      'Gold',
    ]);
  });
});

describe('countStatuses', () => {
  it('counts every status', () => {
    expect(
      countStatuses([
        { rule: 'a', level: 'Bronze', status: 'passed' },
        { rule: 'b', level: 'Bronze', status: 'failed' },
        { rule: 'c', level: 'Bronze', status: 'failed' },
        { rule: 'd', level: 'Bronze', status: 'exempt' },
      ]),
    ).toEqual({ passed: 1, failed: 2, exempt: 1, error: 0 });
  });
});

describe('distributionSegments', () => {
  it('gives each level its count, share and colour, lowest first', () => {
    const segments = distributionSegments(productionReadiness.levels, {
      total: 4,
      levels: { Gold: 1, Basic: 3, Platinum: 9 },
    });
    expect(segments).toEqual([
      { title: 'Basic', color: levelColor('paleBlue'), count: 3, share: 0.75 },
      { title: 'Bronze', color: levelColor('bronze'), count: 0, share: 0 },
      { title: 'Silver', color: levelColor('silver'), count: 0, share: 0 },
      { title: 'Gold', color: levelColor('gold'), count: 1, share: 0.25 },
    ]);
  });

  it('has no shares without entities', () => {
    expect(
      distributionSegments(productionReadiness.levels, {
        total: 0,
        levels: {},
      }).every(s => s.share === 0),
    ).toBe(true);
  });
});

describe('percent', () => {
  it('rounds, and is 0 for nothing', () => {
    expect(percent(2, 3)).toBe(67);
    expect(percent(0, 0)).toBe(0);
  });
});

describe('heat map filters', () => {
  it('offers the teams, systems and domains present in the rows', () => {
    expect(filterOptions(resultRows)).toEqual({
      teams: ['cart-team', 'payments-team', 'platform-team'],
      systems: ['cart', 'payments'],
      domains: ['orders'],
    });
  });

  it('keeps the rows matching every filter set', () => {
    expect(
      filterRows(resultRows, { team: 'cart-team' }).map(r => r.title),
    ).toEqual(['Cart service', 'Checkout UI']);
    expect(
      filterRows(resultRows, { team: 'cart-team', system: 'payments' }).map(
        r => r.title,
      ),
    ).toEqual(['Checkout UI']);
    expect(filterRows(resultRows, { domain: 'orders' })).toHaveLength(3);
    expect(filterRows(resultRows, {})).toHaveLength(resultRows.length);
  });
});
