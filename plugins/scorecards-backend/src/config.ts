import { Config, readDurationFromConfig } from '@backstage/config';
import { HumanDuration } from '@backstage/types';
import type { FacetBlueprints } from './evaluation/FacetResolver';

/** The plugin's configuration, as read from `plinth.scorecards`. */
export interface ScorecardsConfig {
  files: string[];
  campaigns: unknown[];
  refreshInterval: HumanDuration;
  evaluationInterval: HumanDuration;
  facets: FacetBlueprints;
  /** How far ahead an exemption may end. */
  exemptionMaxDuration: HumanDuration;
}

/** Reads `plinth.scorecards`; every key is optional. */
export function readScorecardsConfig(config: Config): ScorecardsConfig {
  const c = config.getOptionalConfig('plinth.scorecards');
  const duration = (key: string, fallback: HumanDuration) =>
    c?.has(key) ? readDurationFromConfig(c, { key }) : fallback;
  return {
    files: c?.getOptionalStringArray('files') ?? [],
    campaigns:
      c?.getOptionalConfigArray('campaigns')?.map(item => item.get()) ?? [],
    refreshInterval: duration('refreshInterval', { seconds: 30 }),
    evaluationInterval: duration('evaluationInterval', { hours: 1 }),
    facets: {
      system: c?.getOptionalString('facets.system') ?? 'System',
      domain: c?.getOptionalString('facets.domain') ?? 'Domain',
    },
    exemptionMaxDuration: duration('exemptions.maxDuration', { years: 1 }),
  };
}
