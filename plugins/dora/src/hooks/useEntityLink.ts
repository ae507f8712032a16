import { useRouteRef } from '@backstage/core-plugin-api';
import {
  entityRouteParams,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import { useCallback } from 'react';

/** The catalog's entity route, or `undefined` when the app has no catalog. */
function useOptionalEntityRoute() {
  try {
    return useRouteRef(entityRouteRef);
  } catch {
    return undefined;
  }
}

/**
 * The link to an entity's catalog page, by entity ref (URL-encoded);
 * `undefined` when the app mounts no catalog or the text is not an entity
 * ref.
 */
export function useEntityLink(): (entityRef: string) => string | undefined {
  const entityRoute = useOptionalEntityRoute();
  return useCallback(
    (entityRef: string) => {
      if (!entityRoute) {
        return undefined;
      }
      try {
        return entityRoute(
          entityRouteParams(entityRef, { encodeParams: true }),
        );
      } catch {
        // Not an entity ref: no link.
        return undefined;
      }
    },
    [entityRoute],
  );
}
