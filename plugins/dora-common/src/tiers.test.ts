import { DEFAULT_DORA_TIERS, doraTierOf, resolveDoraTiers } from './tiers';

describe('DORA tiers', () => {
  it('puts values at the bounds in the better tier', () => {
    expect(doraTierOf('deploymentsPerDay', 1)).toBe('elite');
    expect(doraTierOf('deploymentsPerDay', 1 / 7)).toBe('high');
    expect(doraTierOf('deploymentsPerDay', 0.1)).toBe('medium');
    expect(doraTierOf('deploymentsPerDay', 0)).toBe('low');
    expect(doraTierOf('leadTimeHours', 24)).toBe('elite');
    expect(doraTierOf('leadTimeHours', 24.01)).toBe('high');
    expect(doraTierOf('leadTimeHours', 721)).toBe('low');
    expect(doraTierOf('changeFailureRate', 0.05)).toBe('elite');
    expect(doraTierOf('changeFailureRate', 0.15)).toBe('medium');
    expect(doraTierOf('recoveryHours', 2)).toBe('high');
    expect(doraTierOf('reworkRate', 0.5)).toBe('low');
    expect(doraTierOf('reworkRate', null)).toBeNull();
  });

  it('takes configured bounds over the defaults', () => {
    const tiers = resolveDoraTiers({ leadTimeHours: { elite: 1 } });
    expect(tiers.leadTimeHours).toEqual({ elite: 1, high: 168, medium: 720 });
    expect(tiers.reworkRate).toEqual(DEFAULT_DORA_TIERS.reworkRate);
    expect(doraTierOf('leadTimeHours', 2, tiers)).toBe('high');
  });

  it('rejects bounds out of order or not numbers', () => {
    expect(() =>
      resolveDoraTiers({ deploymentsPerDay: { elite: 0.01 } }),
    ).toThrow(
      'tiers.deploymentsPerDay must have elite >= high >= medium, not 0.01, 0.14285714285714285, 0.03333333333333333',
    );
    expect(() =>
      resolveDoraTiers({ recoveryHours: { high: 'soon' as any } }),
    ).toThrow(
      'tiers.recoveryHours.high must be a number of at least 0, not soon',
    );
  });
});
