import { ConfigReader } from '@backstage/config';
import {
  durationToMilliseconds,
  JsonObject,
  JsonValue,
} from '@backstage/types';
import { readScorecardsConfig } from './config';

const read = (scorecards: JsonObject) =>
  readScorecardsConfig(new ConfigReader({ plinth: { scorecards } }));

describe('readScorecardsConfig', () => {
  it('has defaults for every key', () => {
    const settings = readScorecardsConfig(new ConfigReader({}));
    expect(settings).toMatchObject({
      files: [],
      refreshInterval: { seconds: 30 },
      evaluationInterval: { hours: 1 },
      exemptionMaxDuration: { years: 1 },
      cardCache: { ttl: { minutes: 1 }, maxEntities: 10_000 },
    });
  });

  it('reads the card cache in every duration form, 0 turning it off', () => {
    const ttlOf = (ttl: JsonValue) =>
      durationToMilliseconds(read({ cardCache: { ttl } }).cardCache.ttl);
    expect(ttlOf({ seconds: 2 })).toBe(2_000);
    expect(ttlOf('10s')).toBe(10_000);
    expect(ttlOf('PT1M')).toBe(60_000);
    expect(ttlOf({ seconds: 0 })).toBe(0);
    expect(ttlOf('0s')).toBe(0);
    expect(read({ cardCache: { maxEntities: 500 } }).cardCache).toEqual({
      ttl: { minutes: 1 },
      maxEntities: 500,
    });
  });

  it('refuses a card cache bound that is not a whole number of at least 1', () => {
    expect(() => read({ cardCache: { maxEntities: 0 } })).toThrow(
      "Invalid config at 'plinth.scorecards.cardCache.maxEntities': must be a whole number of at least 1, not 0",
    );
    expect(() => read({ cardCache: { ttl: 'soon' } })).toThrow(
      /Invalid duration 'soon'/,
    );
  });
});
