import {
  AnyRouteRefParams,
  RouteFunc,
  RouteRef,
  SubRouteRef,
  useRouteRef,
} from '@backstage/core-plugin-api';

/**
 * `useRouteRef`, or `undefined` when the app has not mounted the route (the
 * entity card in an app without the scorecards page, say).
 */
export function useOptionalRouteRef<Params extends AnyRouteRefParams>(
  routeRef: RouteRef<Params> | SubRouteRef<Params>,
): RouteFunc<Params> | undefined {
  try {
    return useRouteRef(routeRef);
  } catch {
    return undefined;
  }
}
