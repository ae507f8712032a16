import type { LoggerService } from '@backstage/backend-plugin-api';
import { isError } from '@backstage/errors';
import type { EntityViewItem } from '@plinth/plugin-blueprints-common';
import type { DoraMetrics } from '@plinth/plugin-dora-common';
import type { DoraService } from '@plinth/plugin-dora-node';
import { doraScorecardValues } from '@plinth/plugin-scorecards-common';

const DAY = 86_400_000;

/**
 * Adds each entity's DORA figures (last 90 days, production) to its derived
 * values, for scorecard rules to read (`DORA_SCORECARD_PROPERTIES`). The
 * figures of every entity are computed in one query and kept for `ttlMs`,
 * so a full evaluation asks once.
 *
 * Without the DORA backend (its API answers 404), every entity's figures are
 * null and rules over them fail; any other failure is thrown, so that the
 * evaluation is tried again later and no level drops for an outage.
 */
export function doraInputs(
  dora: Pick<DoraService, 'getMetrics'>,
  logger: LoggerService,
  ttlMs = 60_000,
): {
  augment: (items: EntityViewItem[], now: number) => Promise<void>;
  /** Forgets the figures: new events arrived. */
  invalidate: () => void;
} {
  let cache: { at: number; byRef: Map<string, DoraMetrics> } | undefined;
  let missingLogged = false;
  const invalidate = () => {
    cache = undefined;
  };
  const figures = async (now: number): Promise<Map<string, DoraMetrics>> => {
    try {
      const report = await dora.getMetrics({
        from: new Date(now - 90 * DAY).toISOString(),
        to: new Date(now).toISOString(),
        environment: 'production',
        groupBy: 'entity',
      });
      missingLogged = false;
      return new Map(
        report.groups.flatMap(g => (g.key ? [[g.key, g.metrics]] : [])),
      );
    } catch (error) {
      const status = isError(error)
        ? (error as { statusCode?: number }).statusCode
        : undefined;
      if (status !== 404) throw error;
      if (!missingLogged) {
        logger.info(
          'No DORA backend answers at /api/dora: DORA figures are empty for scorecard rules (install @plinth/plugin-dora-backend to have them)',
        );
        missingLogged = true;
      }
      return new Map();
    }
  };
  const augment = async (items: EntityViewItem[], now: number) => {
    if (!cache || Math.abs(now - cache.at) > ttlMs) {
      cache = { at: now, byRef: await figures(now) };
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
