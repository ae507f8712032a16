import { Config, readDurationFromConfig } from '@backstage/config';
import { HumanDuration } from '@backstage/types';

/** The plugin's configuration, as read from `plinth.blueprints`. */
export interface BlueprintsConfig {
  /** Files and folders of blueprints; relative paths from the working folder. */
  files: string[];
  /** How often the registry is refreshed from its sources. */
  refreshInterval: HumanDuration;
  /** How often derived properties are compared with the whole catalog. */
  derivedSyncInterval: HumanDuration;
}

/** The refresh interval when none is configured. */
export const DEFAULT_REFRESH_INTERVAL: HumanDuration = { seconds: 30 };

/** The derived properties' catalog sync interval when none is configured. */
export const DEFAULT_DERIVED_SYNC_INTERVAL: HumanDuration = { minutes: 30 };

/**
 * Reads `plinth.blueprints.files`, `plinth.blueprints.refreshInterval` and
 * `plinth.blueprints.derived.catalogSyncInterval`;
 * both optional.
 */
export function readBlueprintsConfig(config: Config): BlueprintsConfig {
  const blueprints = config.getOptionalConfig('plinth.blueprints');
  return {
    files: blueprints?.getOptionalStringArray('files') ?? [],
    refreshInterval: blueprints?.has('refreshInterval')
      ? readDurationFromConfig(blueprints, { key: 'refreshInterval' })
      : DEFAULT_REFRESH_INTERVAL,
    derivedSyncInterval: blueprints?.has('derived.catalogSyncInterval')
      ? readDurationFromConfig(blueprints, {
          key: 'derived.catalogSyncInterval',
        })
      : DEFAULT_DERIVED_SYNC_INTERVAL,
  };
}
