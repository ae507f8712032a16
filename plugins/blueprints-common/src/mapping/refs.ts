import { DEFAULT_NAMESPACE } from '@backstage/catalog-model';
import { entityTypeOf } from './kinds';
import { entityNameFor } from './names';

/**
 * The catalog entity ref of a blueprint's entity, from its Port identifier:
 * `component:default/CartService`, `pullrequest:default/acme-cart-42-…`.
 * The name keeps its case (references compare without regard to it).
 * @public
 */
export function blueprintEntityRef(
  blueprint: string,
  identifier: string,
  namespace: string = DEFAULT_NAMESPACE,
): string {
  const kind = entityTypeOf(blueprint).kind.toLocaleLowerCase('en-US');
  return `${kind}:${namespace}/${entityNameFor(identifier)}`;
}
