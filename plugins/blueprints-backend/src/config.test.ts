import { ConfigReader } from '@backstage/config';
import { readBlueprintsConfig } from './config';

describe('readBlueprintsConfig', () => {
  it('reads the files and the refresh interval', () => {
    const config = new ConfigReader({
      plinth: {
        blueprints: {
          files: ['../../examples/blueprints', 'more.yaml'],
          refreshInterval: { minutes: 2, seconds: 5 },
          derived: { catalogSyncInterval: '1h' },
        },
      },
    });
    expect(readBlueprintsConfig(config)).toEqual({
      files: ['../../examples/blueprints', 'more.yaml'],
      refreshInterval: { minutes: 2, seconds: 5 },
      derivedSyncInterval: { hours: 1 },
    });
  });

  it('reads the refresh interval as a string too', () => {
    const config = new ConfigReader({
      plinth: { blueprints: { refreshInterval: '2m' } },
    });
    expect(readBlueprintsConfig(config).refreshInterval).toEqual({
      minutes: 2,
    });
  });

  it('has no files, refreshes every 30 seconds and syncs derived properties every 30 minutes by default', () => {
    expect(readBlueprintsConfig(new ConfigReader({}))).toEqual({
      files: [],
      refreshInterval: { seconds: 30 },
      derivedSyncInterval: { minutes: 30 },
    });
  });

  it('refuses a refresh interval that is not a duration, naming the key', () => {
    const config = new ConfigReader({
      plinth: { blueprints: { refreshInterval: { sekonds: 30 } } },
    });
    expect(() => readBlueprintsConfig(config)).toThrow(/refreshInterval/);
  });

  it('refuses files that are not a list of strings', () => {
    const config = new ConfigReader({
      plinth: { blueprints: { files: 'blueprints.json' } },
    });
    expect(() => readBlueprintsConfig(config)).toThrow(/files/);
  });
});
