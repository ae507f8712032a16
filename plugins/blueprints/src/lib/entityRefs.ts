import { CompoundEntityRef, parseEntityRef } from '@backstage/catalog-model';

/**
 * An entity ref as written in an entity (`guests`, `group:guests`,
 * `group:default/guests`) made complete with the kind and namespace it
 * implies; `undefined` when the text is no entity ref at all.
 *
 * `EntityRefLink` builds its link from the ref alone, ignoring its
 * `defaultKind`, so a ref without a kind must be completed before it is
 * rendered.
 *
 * @example
 * ```ts
 * completeEntityRef('guests', 'group');
 * // { kind: 'group', namespace: 'default', name: 'guests' }
 * ```
 */
export function completeEntityRef(
  ref: unknown,
  defaultKind: string,
  defaultNamespace: string = 'default',
): CompoundEntityRef | undefined {
  if (typeof ref !== 'string' || ref.trim() === '') {
    return undefined;
  }
  try {
    return parseEntityRef(ref.trim(), { defaultKind, defaultNamespace });
  } catch {
    return undefined;
  }
}
