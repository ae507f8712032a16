import { parseEntityRef } from '@backstage/catalog-model';

/**
 * An entity ref as short as it stays clear: its name, with its namespace
 * when not `default` (`CartService`, `payments/ledger`); the text itself
 * when it is no entity ref.
 */
export function shortEntityRef(ref: string): string {
  try {
    const { namespace, name } = parseEntityRef(ref, {
      defaultKind: 'component',
      defaultNamespace: 'default',
    });
    return namespace === 'default' ? name : `${namespace}/${name}`;
  } catch {
    return ref;
  }
}
