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
  /** The entity card cache (`plinth.scorecards.cardCache`). */
  cardCache: {
    /** How long another replica's results may take to show; 0: no cache. */
    ttl: HumanDuration;
    /** Entities whose card is kept at most. */
    maxEntities: number;
  };
}

function positiveInteger(
  c: Config | undefined,
  key: string,
  fallback: number,
): number {
  const value = c?.getOptionalNumber(key);
  if (value === undefined) return fallback;
  if (!Number.isInteger(value) || value < 1) {
    throw new Error(
      `Invalid config at 'plinth.scorecards.${key}': must be a whole number of at least 1, not ${value}`,
    );
  }
  return value;
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
    cardCache: {
      ttl: duration('cardCache.ttl', { minutes: 1 }),
      maxEntities: positiveInteger(c, 'cardCache.maxEntities', 10_000),
    },
  };
}
