import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';
import { CatalogProcessor } from '@backstage/plugin-catalog-node';
import { PLINTH_API_VERSION } from '@plinth/plugin-blueprints-common';
import {
  checkScorecard,
  SCORECARD_KIND,
  scorecardFromEntity,
} from '@plinth/plugin-scorecards-common';

/**
 * Accepts catalog entities of kind `Scorecard` (apiVersion
 * `plinth.dev/v1alpha1`) whose `spec` is a Port-format scorecard, and
 * refuses one of the wrong shape with every problem at its pointer. Whether
 * its blueprint and properties exist is the scorecards backend's to check:
 * it reports that with the other definitions' problems.
 * @public
 */
export class ScorecardEntityProcessor implements CatalogProcessor {
  getProcessorName(): string {
    return 'PlinthScorecardEntityProcessor';
  }

  async validateEntityKind(entity: Entity): Promise<boolean> {
    if (
      entity.apiVersion !== PLINTH_API_VERSION ||
      entity.kind !== SCORECARD_KIND
    ) {
      return false;
    }
    const problems = checkScorecard(
      scorecardFromEntity(entity),
      undefined,
      '/spec',
    );
    if (problems.length > 0) {
      throw new InputError(
        `${stringifyEntityRef(entity)} is not a valid scorecard: ${problems
          .map(p => `${p.pointer}: ${p.message}`)
          .join('; ')}`,
      );
    }
    return true;
  }
}
