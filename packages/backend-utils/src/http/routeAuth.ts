import type {
  BackstageCredentials,
  BackstageNonePrincipal,
  BackstageServicePrincipal,
  BackstageUserPrincipal,
  HttpAuthService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { NotAllowedError } from '@backstage/errors';
import {
  AuthorizeResult,
  BasicPermission,
  ResourcePermission,
} from '@backstage/plugin-permission-common';
import type { Request } from 'express';

/**
 * Who may call a route: users, services, or both (the default).
 * @public
 */
export type RouteCaller = 'user' | 'service';

/**
 * The authentication and authorization every Plinth route starts with.
 * Made by {@link createRouteAuth}.
 * @public
 */
export interface RouteAuth {
  /**
   * Who calls; then waits for `ready`, so no route reads before the plugin
   * has loaded.
   * @throws AuthenticationError without valid credentials of an allowed kind
   */
  credentials(
    req: Request,
    options?: { allow?: RouteCaller[] },
  ): Promise<BackstageCredentials>;
  /**
   * Checks a basic permission, or a resource permission on one resource.
   * @throws NotAllowedError naming the permission when it is denied
   */
  authorize(
    credentials: BackstageCredentials,
    permission: BasicPermission,
  ): Promise<void>;
  authorize(
    credentials: BackstageCredentials,
    permission: ResourcePermission,
    resourceRef: string,
  ): Promise<void>;
  /**
   * {@link RouteAuth.credentials} then {@link RouteAuth.authorize}: who
   * calls, if they may do this.
   */
  authorized(
    req: Request,
    permission: BasicPermission,
  ): Promise<BackstageCredentials>;
  authorized(
    req: Request,
    permission: ResourcePermission,
    resourceRef: string,
  ): Promise<BackstageCredentials>;
}

/**
 * Options of {@link createRouteAuth}.
 * @public
 */
export interface RouteAuthOptions {
  httpAuth: HttpAuthService;
  permissions: PermissionsService;
  /** Who may call by default; users and services unless said. */
  allow?: RouteCaller[];
  /**
   * Awaited after authentication on every route, e.g. a registry's first
   * load, so a request during start-up waits rather than reads nothing.
   */
  ready?: () => Promise<void>;
}

/**
 * The caller checks of a plugin's routes, in one place: authentication
 * (users and services), permissions (basic, or resource-scoped with a
 * resource ref), and a `ready` wait.
 *
 * @example
 * ```ts
 * const auth = createRouteAuth({ httpAuth, permissions, ready: () => registry.ready() });
 * router.post('/scorecards', async (req, res) => {
 *   const credentials = await auth.authorized(req, scorecardCreatePermission);
 *   // ...
 * });
 * ```
 * @public
 */
export function createRouteAuth(options: RouteAuthOptions): RouteAuth {
  const { httpAuth, permissions, ready } = options;
  const defaultAllow = options.allow ?? ['user', 'service'];

  async function credentials(
    req: Request,
    callOptions?: { allow?: RouteCaller[] },
  ): Promise<BackstageCredentials> {
    const result = await httpAuth.credentials(req, {
      allow: callOptions?.allow ?? defaultAllow,
    });
    await ready?.();
    return result;
  }

  async function authorize(
    caller: BackstageCredentials,
    permission: BasicPermission | ResourcePermission,
    resourceRef?: string,
  ): Promise<void> {
    const request =
      permission.type === 'resource'
        ? { permission, resourceRef }
        : { permission };
    const [decision] = await permissions.authorize(
      [request as Parameters<PermissionsService['authorize']>[0][number]],
      { credentials: caller },
    );
    if (decision.result !== AuthorizeResult.ALLOW) {
      throw new NotAllowedError(
        resourceRef
          ? `not allowed: ${permission.name} on ${resourceRef}`
          : `not allowed: ${permission.name}`,
      );
    }
  }

  async function authorized(
    req: Request,
    permission: BasicPermission | ResourcePermission,
    resourceRef?: string,
  ): Promise<BackstageCredentials> {
    const caller = await credentials(req);
    await authorize(caller, permission, resourceRef);
    return caller;
  }

  return {
    credentials,
    authorize: authorize as RouteAuth['authorize'],
    authorized: authorized as RouteAuth['authorized'],
  };
}

/**
 * Who the caller is, as Plinth records it (`createdBy`, `grantedBy`, audit
 * rows): the user's entity ref (`user:default/jane`), the calling service's
 * subject (`plugin:catalog`), or `unknown` for an unauthenticated request.
 * @public
 */
export function principalRef(credentials: BackstageCredentials): string {
  const principal = credentials.principal as
    | BackstageUserPrincipal
    | BackstageServicePrincipal
    | BackstageNonePrincipal;
  switch (principal.type) {
    case 'user':
      return principal.userEntityRef;
    case 'service':
      return principal.subject;
    default:
      return 'unknown';
  }
}
