import {
  RouteFunc,
  RouteRef,
  SubRouteRef,
  useRouteRef,
} from '@backstage/core-plugin-api';

/**
 * `useRouteRef`, or `undefined` when the app has not mounted the route (a
 * card used in an app without the blueprints page, say).
 */
export function useOptionalRouteRef<Params extends { [key in string]: string }>(
  routeRef: RouteRef<Params> | SubRouteRef<Params>,
): RouteFunc<Params> | undefined {
  try {
    return useRouteRef(routeRef);
  } catch {
    return undefined;
  }
}
