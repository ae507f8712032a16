import { PLINTH_API_VERSION } from '@plinth/plugin-blueprints-common';
import {
  SCORECARD_KIND,
  scorecardFromEntity,
  ScorecardDocument,
} from '@plinth/plugin-scorecards-common';

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A catalog entity of kind `Scorecard` (as `examples/plinth/scorecards/catalog`). */
function isScorecardEntity(value: unknown): value is {
  metadata: { name: string; title?: string; description?: string };
  spec?: Record<string, unknown>;
} {
  return (
    isObject(value) &&
    value.apiVersion === PLINTH_API_VERSION &&
    value.kind === SCORECARD_KIND &&
    isObject(value.metadata) &&
    typeof value.metadata.name === 'string'
  );
}

/** A scorecard in Port's format: rules, and no blueprint schema. */
function isScorecard(value: unknown): boolean {
  return isObject(value) && Array.isArray(value.rules) && !('schema' in value);
}

/** Port's grouped form: `{ blueprint, data: [scorecards] }`. */
function isScorecardGroup(value: unknown): boolean {
  return (
    isObject(value) &&
    typeof value.blueprint === 'string' &&
    Array.isArray(value.data) &&
    value.data.length > 0 &&
    value.data.every(isScorecard)
  );
}

/**
 * The scorecard document a parsed file holds, or `undefined` when it holds
 * blueprints or entities: one scorecard, a list of them, Port's grouped
 * form, or a catalog `Scorecard` entity (its `spec`, with the entity's
 * name as identifier).
 */
export function scorecardDocumentOf(
  source: string,
  value: unknown,
): ScorecardDocument | undefined {
  if (isScorecardEntity(value)) {
    return { source, value: scorecardFromEntity(value), pointer: '/spec' };
  }
  const items = Array.isArray(value) ? value : [value];
  if (
    items.length > 0 &&
    items.every(item => isScorecard(item) || isScorecardGroup(item))
  ) {
    return { source, value };
  }
  return undefined;
}
