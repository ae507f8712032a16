/**
 * The apiVersion of Plinth's own kinds: `Blueprint` and every custom
 * blueprint kind.
 * @public
 */
export const PLINTH_API_VERSION = 'plinth.dev/v1alpha1';

/**
 * The annotation that names the blueprint an entity belongs to.
 * @public
 */
export const ANNOTATION_BLUEPRINT = 'plinth.dev/blueprint';

/**
 * The annotation that keeps an entity's Port identifier, which its Backstage
 * name may not be able to hold.
 * @public
 */
export const ANNOTATION_IDENTIFIER = 'plinth.dev/identifier';

/**
 * Marks the `Blueprint` entities the catalog module publishes from the
 * registry (value `registry`), so the registry does not read them back as
 * blueprints authored in the catalog.
 * @public
 */
export const ANNOTATION_ORIGIN = 'plinth.dev/origin';

/** Port's meta-properties kept as annotations, for the way back. */
export const META_ANNOTATIONS = {
  createdAt: 'plinth.dev/created-at',
  updatedAt: 'plinth.dev/updated-at',
  createdBy: 'plinth.dev/created-by',
  updatedBy: 'plinth.dev/updated-by',
} as const;

/**
 * Kinds of `plinth.dev/v1alpha1` catalog entities that define Plinth itself
 * (a blueprint, a scorecard) rather than being entities of a blueprint.
 * @public
 */
export const PLINTH_DEFINITION_KINDS: ReadonlyArray<string> = [
  'Blueprint',
  'Scorecard',
];
