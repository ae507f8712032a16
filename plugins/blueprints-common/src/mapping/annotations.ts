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

/** Port's meta-properties kept as annotations, for the way back. */
export const META_ANNOTATIONS = {
  createdAt: 'plinth.dev/created-at',
  updatedAt: 'plinth.dev/updated-at',
  createdBy: 'plinth.dev/created-by',
  updatedBy: 'plinth.dev/updated-by',
} as const;
