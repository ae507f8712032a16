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

/**
 * An entity ref written out in full (`guests` as an owner is
 * `group:default/guests`), or undefined for text that is no entity ref:
 * `EntityRefLink` needs the kind, and a kindless ref would crash the page.
 */
export function fullEntityRef(
  ref: string,
  defaultKind: string,
): string | undefined {
  try {
    const { kind, namespace, name } = parseEntityRef(ref, {
      defaultKind,
      defaultNamespace: 'default',
    });
    return `${kind.toLocaleLowerCase('en-US')}:${namespace}/${name}`;
  } catch {
    return undefined;
  }
}
