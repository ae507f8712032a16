import { ConfigReader } from '@backstage/config';
import { DEFAULT_DORA_TIERS } from '@plinth/plugin-dora-common';
import { readDoraConfig } from './config';

describe('readDoraConfig', () => {
  it('gives the defaults without plinth.dora', () => {
    expect(readDoraConfig(new ConfigReader({}))).toEqual({
      tiers: DEFAULT_DORA_TIERS,
      maxBatchBytes: 10 * 1024 * 1024,
    });
  });

  it('reads the limit and the tiers', () => {
    const config = readDoraConfig(
      new ConfigReader({
        plinth: {
          dora: {
            maxBatchBytes: 1024,
            tiers: { leadTimeHours: { elite: 4 }, reworkRate: { medium: 0.3 } },
          },
        },
      }),
    );
    expect(config.maxBatchBytes).toBe(1024);
    expect(config.tiers.leadTimeHours).toEqual({
      elite: 4,
      high: 168,
      medium: 720,
    });
    expect(config.tiers.reworkRate.medium).toBe(0.3);
  });

  it('names a wrong key', () => {
    expect(() =>
      readDoraConfig(
        new ConfigReader({ plinth: { dora: { maxBatchBytes: -1 } } }),
      ),
    ).toThrow('plinth.dora.maxBatchBytes must be a whole number of bytes');
    expect(() =>
      readDoraConfig(
        new ConfigReader({
          plinth: { dora: { tiers: { changeFailureRate: { elite: 0.5 } } } },
        }),
      ),
    ).toThrow('plinth.dora.tiers.changeFailureRate must have elite <= high');
  });
});
