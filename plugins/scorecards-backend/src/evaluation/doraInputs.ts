import type { EntityViewItem } from '@plinth/plugin-blueprints-common';
import {
  DoraMetrics,
  DoraMetricsReport,
  doraScorecardValues,
} from '@plinth/plugin-scorecards-common';

const DAY = 86_400_000;

/** What the DORA inputs read: the DORA service's metrics. */
export interface DoraMetricsSource {
  metrics(query: {
    from: number;
    to: number;
    environment: string;
    groupBy: 'entity';
  }): Promise<DoraMetricsReport>;
}

/**
 * Adds each entity's DORA figures (last 90 days, production) to its derived
 * values, for scorecard rules to read (`DORA_SCORECARD_PROPERTIES`). The
 * figures of every entity are computed in one query and kept for `ttlMs`,
 * so a full evaluation asks once.
 */
export function doraInputs(
  dora: DoraMetricsSource,
  ttlMs = 60_000,
): {
  augment: (items: EntityViewItem[], now: number) => Promise<void>;
  /** Forgets the figures: new events arrived. */
  invalidate: () => void;
} {
  let cache: { at: number; byRef: Map<string, DoraMetrics> } | undefined;
  const invalidate = () => {
    cache = undefined;
  };
  const augment = async (items: EntityViewItem[], now: number) => {
    if (!cache || Math.abs(now - cache.at) > ttlMs) {
      const report = await dora.metrics({
        from: now - 90 * DAY,
        to: now,
        environment: 'production',
        groupBy: 'entity',
      });
      cache = {
        at: now,
        byRef: new Map(
          report.groups.flatMap(g => (g.key ? [[g.key, g.metrics]] : [])),
        ),
      };
    }
    for (const item of items) {
      item.entity.derived = {
        ...item.entity.derived,
        ...doraScorecardValues(
          cache.byRef.get(item.entityRef.toLocaleLowerCase('en-US')),
        ),
      };
    }
  };
  return { augment, invalidate };
}
