import { failureWords, formatFigure, requirementWords } from './ruleWords';

describe('formatFigure', () => {
  it('rounds numbers to two decimals, keeping small ones readable', () => {
    expect(formatFigure(12.3456)).toBe('12.35');
    expect(formatFigure(0.5)).toBe('0.5');
    expect(formatFigure(0.0333333)).toBe('0.03');
    expect(formatFigure(0.02222)).toBe('0.02');
    expect(formatFigure(0.00444)).toBe('0.004');
    expect(formatFigure(3)).toBe('3');
    expect(formatFigure(0)).toBe('0');
    expect(formatFigure(0.0333333, true)).toBe('0.0333');
  });

  it('shows strings, lists, date ranges and no value as words', () => {
    expect(formatFigure('elite')).toBe('elite');
    expect(formatFigure(['cart', 'orders'])).toBe('cart, orders');
    expect(formatFigure({ preset: 'lastWeek' })).toBe('last week');
    expect(formatFigure({ from: '2026-01-01', to: '2026-02-01' })).toBe(
      '2026-01-01 to 2026-02-01',
    );
    expect(formatFigure(null)).toBe('empty');
    expect(formatFigure([])).toBe('empty');
  });
});

describe('requirementWords', () => {
  it('says what each operator needs', () => {
    expect(requirementWords('>=', 0.0333)).toBe('at least 0.03');
    expect(requirementWords('=', 'elite')).toBe('to be elite');
    expect(requirementWords('isNotEmpty', undefined)).toBe('a value');
    expect(requirementWords('in', ['a', 'b'])).toBe('to be one of a, b');
    expect(requirementWords('=', 'elite', true)).toBe(
      'the opposite of: to be elite',
    );
  });
});

describe('failureWords', () => {
  it('reads like a sentence', () => {
    expect(failureWords('Deployments per day', 0.0222, '>=', 0.0333)).toBe(
      'Deployments per day is 0.02, needs at least 0.03',
    );
    expect(failureWords('Deployments per day', 0.0333, '>=', 0.0334)).toBe(
      'Deployments per day is 0.0333, needs at least 0.0334',
    );
    expect(failureWords('Owner', null, 'isNotEmpty', undefined)).toBe(
      'Owner has no value, needs a value',
    );
  });
});
