import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import { useApiHolder } from '@backstage/core-plugin-api';
import { catalogApiRef } from '@backstage/plugin-catalog-react';
import { useCallback, useMemo } from 'react';
import useAsync from 'react-use/esm/useAsync';

/**
 * The entity ref in normal form, or undefined when the text is none; a bare
 * name is one of `bareKind` when given (a team's group name).
 */
function normalRef(text: string, bareKind?: string): string | undefined {
  if (!text.includes(':') && !bareKind) return undefined;
  try {
    return stringifyEntityRef(
      parseEntityRef(text, {
        defaultKind: bareKind,
        defaultNamespace: 'default',
      }),
    );
  } catch {
    return undefined;
  }
}

/**
 * How to name the entities among `texts` (entity refs, or team and system
 * names): by their titles in the catalog (or names); while the catalog is
 * read, or for an entity it does not know, by the name in the ref. Bare
 * names are left as they are, unless `bareKind` says what they name (`group`
 * for the teams DORA groups by).
 */
export function useEntityTitles(
  texts: ReadonlyArray<string | null>,
  bareKind?: string,
): (text: string) => string {
  const catalogApi = useApiHolder().get(catalogApiRef);
  const refs = useMemo(
    () =>
      [
        ...new Set(
          texts.flatMap(text => (text ? normalRef(text, bareKind) ?? [] : [])),
        ),
      ].sort(),
    [texts, bareKind],
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
      const ref = normalRef(text, bareKind);
      if (!ref) return text;
      return titles?.get(ref) ?? parseEntityRef(ref).name;
    },
    [titles, bareKind],
  );
}
