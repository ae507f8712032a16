import { cartMetrics, legacyMetrics } from '../__testUtils__/doraFixtures';
import {
  badness,
  DORA_KEYS,
  formatHours,
  formatPercent,
  tierColor,
  tierLabel,
} from './doraTiers';

describe('doraTiers', () => {
  it('colours elite green, high light green, medium orange, low red', () => {
    expect(tierColor('elite')).toBe('#2e7d32');
    expect(tierColor('high')).toBe('#8bd17c');
    expect(tierColor('medium')).toBe('#e07a1f');
    expect(tierColor('low')).toBe('#c92a2a');
    expect(tierColor(null)).toBe('#9e9e9e');
  });

  it('names tiers', () => {
    expect(tierLabel('elite')).toBe('Elite');
    expect(tierLabel(null)).toBe('No data');
  });

  it('ranks worse metrics higher', () => {
    expect(badness(legacyMetrics)).toBeGreaterThan(badness(cartMetrics));
  });

  it('formats hours and rates', () => {
    expect(formatHours(0.5)).toBe('30 min');
    expect(formatHours(5.5)).toBe('5.5 h');
    expect(formatHours(72)).toBe('3 d');
    expect(formatHours(null)).toBe('—');
    expect(formatPercent(0.333)).toBe('33.3%');
  });

  it('formats each key', () => {
    expect(DORA_KEYS.map(k => k.format(cartMetrics))).toEqual([
      '1.22/day · 60 deployment days',
      'median 5.5 h · p90 30 h',
      '33%',
      'median 30 min',
      '5%',
    ]);
  });
});
