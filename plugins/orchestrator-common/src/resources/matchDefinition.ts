/**
 * When a resource definition applies: every field given must equal the
 * resource's; an empty criterion applies everywhere.
 * @public
 */
export interface MatchingCriteria {
  /** Environment type: development, staging, production, ephemeral… */
  envType?: string;
  /** Environment id. */
  envId?: string;
  /** App (its catalog entity ref). */
  appId?: string;
  /** Resource id: `<workload>.<resource>`, or a shared resource's Score `id`. */
  resId?: string;
  /** Resource class; a criterion without one applies to the `default` class only. */
  class?: string;
}

/**
 * Which driver provisions a resource type, with which inputs, where.
 * @public
 */
export interface ResourceDefinition {
  id: string;
  /** A human name for the admin page. */
  title?: string;
  type: string;
  /** The driver's id, such as `postgres` or `template`. */
  driver: string;
  /** The driver's inputs: plain values, and names of secrets they refer to. */
  driverInputs?: {
    values?: Record<string, unknown>;
    secretRefs?: Record<string, string>;
  };
  /** Where it applies; a definition without criteria applies nowhere. */
  criteria: MatchingCriteria[];
}

/**
 * A resource to find a definition for, and where it is.
 * @public
 */
export interface ResourceContext {
  /** The resource's name in its workload (for messages). */
  name: string;
  type: string;
  /** Score `class`; `default` when absent. */
  class?: string;
  /** See {@link resourceIdOf}. */
  resId: string;
  appId: string;
  envId: string;
  envType: string;
}

/**
 * One definition of the resource's type, and whether and how it applies.
 * @public
 */
export interface CandidateDefinition {
  definition: ResourceDefinition;
  /** The most specific criterion that applies, if one does. */
  criterion?: MatchingCriteria;
  /** Higher is more specific (see {@link SPECIFICITY}). */
  specificity?: number;
  /** Why it applies, or why not, as a sentence. */
  reason: string;
}

/**
 * What {@link explainMatch} found: the chosen definition, or an error
 * saying why none could be, and every candidate with its reason.
 * @public
 */
export interface MatchExplanation {
  chosen?: CandidateDefinition;
  error?: string;
  candidates: CandidateDefinition[];
}

/**
 * How much each criterion field counts: a resource id is the most specific,
 * then an environment, an app, an environment type. The weights are powers
 * of two, so no mix of lesser fields outweighs a greater one.
 * @public
 */
export const SPECIFICITY = {
  resId: 8,
  envId: 4,
  appId: 2,
  envType: 1,
} as const;

const FIELDS = ['resId', 'envId', 'appId', 'envType'] as const;
const FIELD_NAMES: Record<(typeof FIELDS)[number], string> = {
  resId: 'resource id',
  envId: 'environment',
  appId: 'app',
  envType: 'environment type',
};

/**
 * The resource id matching criteria name: a shared resource's Score `id`,
 * otherwise `<workload>.<resource name>`.
 * @public
 */
export function resourceIdOf(
  workload: string,
  name: string,
  scoreId?: string,
): string {
  return scoreId ?? `${workload}.${name}`;
}

function classOf(value: string | undefined): string {
  return value ?? 'default';
}

/** A criterion's specificity for the resource, or why it does not apply. */
function judge(
  criterion: MatchingCriteria,
  resource: ResourceContext,
): { specificity: number } | { miss: string } {
  if (classOf(criterion.class) !== classOf(resource.class)) {
    return {
      miss: `class "${classOf(criterion.class)}", not "${classOf(
        resource.class,
      )}"`,
    };
  }
  let specificity = 0;
  for (const field of FIELDS) {
    const wanted = criterion[field];
    if (wanted === undefined) continue;
    if (wanted !== resource[field]) {
      return {
        miss: `${FIELD_NAMES[field]} "${wanted}", not "${resource[field]}"`,
      };
    }
    specificity += SPECIFICITY[field];
  }
  return { specificity };
}

function describeCriterion(criterion: MatchingCriteria): string {
  const parts = FIELDS.filter(f => criterion[f] !== undefined).map(
    f => `${FIELD_NAMES[f]} ${criterion[f]}`,
  );
  if (criterion.class) parts.push(`class ${criterion.class}`);
  return parts.length ? parts.join(', ') : 'everywhere';
}

function where(resource: ResourceContext): string {
  return `resource "${resource.name}" (${resource.type}, class ${classOf(
    resource.class,
  )}) of ${resource.appId} in environment ${resource.envId} (${
    resource.envType
  })`;
}

/**
 * Which definition provisions a resource, and why: of the definitions of
 * its type, those with a criterion that applies compete and the most
 * specific wins. Two equally specific definitions, or none, are an error
 * naming them, or the resource and where it is.
 *
 * @example
 * ```ts
 * const { chosen, error } = explainMatch(definitions, {
 *   name: 'db', type: 'postgres', resId: 'cart.db',
 *   appId: 'component:default/cart', envId: 'development', envType: 'development',
 * });
 * ```
 * @public
 */
export function explainMatch(
  definitions: readonly ResourceDefinition[],
  resource: ResourceContext,
): MatchExplanation {
  const candidates: CandidateDefinition[] = definitions
    .filter(definition => definition.type === resource.type)
    .map(definition => {
      let best:
        | { criterion: MatchingCriteria; specificity: number }
        | undefined;
      const misses: string[] = [];
      for (const criterion of definition.criteria) {
        const verdict = judge(criterion, resource);
        if ('miss' in verdict) misses.push(verdict.miss);
        else if (!best || verdict.specificity > best.specificity) {
          best = { criterion, specificity: verdict.specificity };
        }
      }
      if (best) {
        return {
          definition,
          ...best,
          reason: `applies (${describeCriterion(best.criterion)})`,
        };
      }
      return {
        definition,
        reason:
          definition.criteria.length === 0
            ? 'has no matching criteria, so it applies nowhere'
            : `does not apply: it wants ${misses.join('; or ')}`,
      };
    });

  const applying = candidates
    .filter(c => c.specificity !== undefined)
    .sort((a, b) => b.specificity! - a.specificity!);
  if (applying.length === 0) {
    return {
      candidates,
      error: `No resource definition applies to ${where(resource)}: ${
        candidates.length === 0
          ? `there is no definition of type ${resource.type}`
          : `the definitions of type ${resource.type} (${candidates
              .map(c => c.definition.id)
              .join(', ')}) do not match it`
      }.`,
    };
  }
  const [first, second] = applying;
  if (second && second.specificity === first.specificity) {
    const tied = applying.filter(c => c.specificity === first.specificity);
    return {
      candidates,
      error: `Resource definitions ${tied
        .map(c => `"${c.definition.id}"`)
        .join(' and ')} apply equally to ${where(
        resource,
      )}; make one of them more specific.`,
    };
  }
  return { candidates, chosen: first };
}
