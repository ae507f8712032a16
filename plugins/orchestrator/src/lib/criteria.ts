import { MatchingCriteria } from '@plinth/plugin-orchestrator-common';
import { plural } from './format';
import { shortEntityRef } from './refs';

/** A criterion's fields in the order they read, and how each reads. */
const FIELDS: ReadonlyArray<{
  field: keyof MatchingCriteria;
  label: string;
  format?: (value: string) => string;
}> = [
  { field: 'envType', label: 'env type' },
  { field: 'envId', label: 'environment' },
  { field: 'appId', label: 'app', format: shortEntityRef },
  { field: 'resId', label: 'resource' },
  { field: 'class', label: 'class' },
];

/** One condition of a criterion: `env type: ephemeral`, with the full value. */
export interface CriterionChip {
  label: string;
  /** The value as written, when the label shortens it (an app's entity ref). */
  title?: string;
}

/**
 * A matching criterion as chips, each a condition that must hold:
 * `env type: ephemeral`, `app: CartService`. A criterion with no field
 * applies everywhere (to the `default` class).
 */
export function criterionChips(criterion: MatchingCriteria): CriterionChip[] {
  const chips = FIELDS.flatMap(({ field, label, format }) => {
    const value = criterion[field];
    if (value === undefined) {
      return [];
    }
    const shown = format ? format(value) : value;
    return [
      shown === value
        ? { label: `${label}: ${shown}` }
        : { label: `${label}: ${shown}`, title: value },
    ];
  });
  return chips.length > 0 ? chips : [{ label: 'everywhere' }];
}

/**
 * Who uses a definition, counted: `2 resources in 2 environments of 1 app`.
 */
export function usageSummary(
  usedBy: ReadonlyArray<{ app: string; environment: string; resId: string }>,
): string {
  if (usedBy.length === 0) {
    return 'Not used';
  }
  const apps = new Set(usedBy.map(u => u.app));
  const environments = new Set(usedBy.map(u => `${u.app} ${u.environment}`));
  return `${plural(usedBy.length, 'resource')} in ${plural(
    environments.size,
    'environment',
  )} of ${plural(apps.size, 'app')}`;
}
