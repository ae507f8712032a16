import { ConfigReader } from '@backstage/config';
import { DEFAULT_DORA_TIERS } from '@plinth/plugin-dora-common';
import { readDoraConfig } from './config';

describe('readDoraConfig', () => {
  it('gives the defaults without plinth.dora', () => {
    expect(readDoraConfig(new ConfigReader({}))).toEqual({
      tiers: DEFAULT_DORA_TIERS,
      maxBatchBytes: 10 * 1024 * 1024,
      deliveryRetentionMs: 30 * 86_400_000,
    });
  });

  it('reads the retention of delivery ids as a duration object or text', () => {
    const retention = (value: string | Record<string, number>) =>
      readDoraConfig(
        new ConfigReader({
          plinth: { dora: { webhooks: { deliveryRetention: value } } },
        }),
      ).deliveryRetentionMs;
    expect(retention({ days: 7, hours: 12 })).toBe(7.5 * 86_400_000);
    expect(retention('P2W')).toBe(14 * 86_400_000);
    expect(retention('36h')).toBe(36 * 3_600_000);
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
    expect(() =>
      readDoraConfig(
        new ConfigReader({
          plinth: { dora: { webhooks: { deliveryRetention: 'soon' } } },
        }),
      ),
    ).toThrow(
      "plinth.dora.webhooks.deliveryRetention must be a duration, e.g. { days: 30 } or '30d'",
    );
    expect(() =>
      readDoraConfig(
        new ConfigReader({
          plinth: { dora: { webhooks: { deliveryRetention: { days: 0 } } } },
        }),
      ),
    ).toThrow(
      'plinth.dora.webhooks.deliveryRetention must be a duration above 0',
    );
  });
});
