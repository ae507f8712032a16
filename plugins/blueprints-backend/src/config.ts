import { Config, readDurationFromConfig } from '@backstage/config';
import { HumanDuration } from '@backstage/types';

/** The plugin's configuration, as read from `plinth.blueprints`. */
export interface BlueprintsConfig {
  /** Files and folders of blueprints; relative paths from the working folder. */
  files: string[];
  /** How often the registry is refreshed from its sources. */
  refreshInterval: HumanDuration;
}

/** The refresh interval when none is configured. */
export const DEFAULT_REFRESH_INTERVAL: HumanDuration = { seconds: 30 };

/**
 * Reads `plinth.blueprints.files` and `plinth.blueprints.refreshInterval`;
 * both optional.
 */
export function readBlueprintsConfig(config: Config): BlueprintsConfig {
  const blueprints = config.getOptionalConfig('plinth.blueprints');
  return {
    files: blueprints?.getOptionalStringArray('files') ?? [],
    refreshInterval: blueprints?.has('refreshInterval')
      ? readDurationFromConfig(blueprints, { key: 'refreshInterval' })
      : DEFAULT_REFRESH_INTERVAL,
  };
}
