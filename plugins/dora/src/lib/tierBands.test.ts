import { DORA_KEYS } from './doraTiers';
import { tierBands } from './tierBands';

const info = (key: string) => DORA_KEYS.find(k => k.key === key)!;

describe('tierBands', () => {
  it('puts elite at the top for deployment frequency', () => {
    expect(tierBands(info('deploymentsPerDay'))).toEqual([
      { tier: 'low', from: 0, to: 1 / 30 },
      { tier: 'medium', from: 1 / 30, to: 1 / 7 },
      { tier: 'high', from: 1 / 7, to: 1 },
      { tier: 'elite', from: 1, to: Infinity },
    ]);
  });

  it('puts elite at the bottom for times, in hours', () => {
    expect(tierBands(info('recoveryHoursMedian'))).toEqual([
      { tier: 'elite', from: 0, to: 1 },
      { tier: 'high', from: 1, to: 24 },
      { tier: 'medium', from: 24, to: 168 },
      { tier: 'low', from: 168, to: Infinity },
    ]);
  });

  it('draws rates in percent', () => {
    expect(tierBands(info('changeFailureRate')).map(b => b.to)).toEqual([
      5,
      10,
      15,
      Infinity,
    ]);
  });
});
