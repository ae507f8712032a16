import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import { useApiHolder } from '@backstage/core-plugin-api';
import { catalogApiRef } from '@backstage/plugin-catalog-react';
import { useCallback, useMemo } from 'react';
import useAsync from 'react-use/esm/useAsync';

/** The entity ref in normal form, or undefined when the text is none. */
function normalRef(text: string): string | undefined {
  if (!text.includes(':')) return undefined;
  try {
    return stringifyEntityRef(parseEntityRef(text));
  } catch {
    return undefined;
  }
}

/**
 * How to name the entities among `texts` (entity refs, or team and system
 * names that are left as they are): by their titles in the catalog (or
 * names); while the catalog is read, or for an entity it does not know, by
 * the name in the ref.
 */
export function useEntityTitles(
  texts: ReadonlyArray<string | null>,
): (text: string) => string {
  const catalogApi = useApiHolder().get(catalogApiRef);
  const refs = useMemo(
    () =>
      [
        ...new Set(texts.flatMap(text => (text ? normalRef(text) ?? [] : []))),
      ].sort(),
    [texts],
  );
  const key = refs.join('\n');
  const { value: titles } = useAsync(async () => {
    const found = new Map<string, string>();
    if (!catalogApi || refs.length === 0) return found;
    const { items } = await catalogApi.getEntitiesByRefs({
      entityRefs: refs,
      fields: ['kind', 'metadata.name', 'metadata.namespace', 'metadata.title'],
    });
    items.forEach((entity, index) => {
      if (entity) {
        found.set(refs[index], entity.metadata.title ?? entity.metadata.name);
      }
    });
    return found;
    // The refs are compared by value.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [catalogApi, key]);
  return useCallback(
    (text: string) => {
      const ref = normalRef(text);
      if (!ref) return text;
      return titles?.get(ref) ?? parseEntityRef(ref).name;
    },
    [titles],
  );
}
