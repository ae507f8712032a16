import { Progress } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { catalogGraphApiRef } from '@backstage/plugin-catalog-graph';
import { ReactNode } from 'react';
import useAsync from 'react-use/esm/useAsync';

/** A catalog graph API that must load before the graph reads it. */
interface LoadingCatalogGraphApi {
  ready(): Promise<void>;
}

function mustLoad(api: object): api is LoadingCatalogGraphApi {
  return typeof (api as Partial<LoadingCatalogGraphApi>).ready === 'function';
}

/**
 * Renders its children once the catalog graph API knows every relation type,
 * blueprint relations included (see `BlueprintCatalogGraphApi`): the catalog
 * graph reads its relations once, synchronously. With any other catalog
 * graph API it renders them at once.
 *
 * @example
 * ```tsx
 * <Route
 *   path="/catalog-graph"
 *   element={
 *     <BlueprintCatalogGraphReady>
 *       <CatalogGraphPage />
 *     </BlueprintCatalogGraphReady>
 *   }
 * />
 * ```
 * @public
 */
export function BlueprintCatalogGraphReady(props: { children?: ReactNode }) {
  const api = useApi(catalogGraphApiRef);
  const { loading } = useAsync(
    async () => (mustLoad(api) ? api.ready() : undefined),
    [api],
  );
  if (loading) {
    return <Progress />;
  }
  return <>{props.children}</>;
}
