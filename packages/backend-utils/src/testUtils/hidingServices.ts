import {
  BackstageCredentials,
  coreServices,
  createServiceFactory,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import {
  CatalogService,
  catalogServiceRef,
} from '@backstage/plugin-catalog-node';
import { AuthorizeResult } from '@backstage/plugin-permission-common';

/**
 * Who the test policy of {@link hidingServices} hides entities from.
 * @public
 */
export interface HiddenEntities {
  /** The user's entity ref, e.g. `user:default/outsider`. */
  from: string;
  entityRefs: string[];
}

function isHiddenFor(
  credentials: BackstageCredentials | undefined,
  hidden: HiddenEntities,
): boolean {
  const principal = credentials?.principal as
    | { type: string; userEntityRef?: string }
    | undefined;
  return principal?.type === 'user' && principal.userEntityRef === hidden.from;
}

const CONDITIONAL_READ = {
  result: AuthorizeResult.CONDITIONAL,
  pluginId: 'catalog',
  resourceType: 'catalog-entity',
  conditions: {
    resourceType: 'catalog-entity',
    rule: 'IS_ENTITY_OWNER',
    params: { claims: [] },
  },
} as const;

/**
 * For tests: a permission service under which the catalog decides, entity by
 * entity, what every user (or only `forUser`) may read — a conditional
 * `catalog.entity.read` decision — and ALLOW for every other permission and
 * for service callers, as the permission framework answers them.
 * @public
 */
export function catalogDecidesPermissions(options?: {
  forUser?: string;
}): PermissionsService {
  const decides = (credentials: BackstageCredentials | undefined) => {
    const principal = credentials?.principal as { type?: string } | undefined;
    if (principal?.type !== 'user') return false;
    return (
      options?.forUser === undefined ||
      isHiddenFor(credentials, { from: options.forUser, entityRefs: [] })
    );
  };
  return {
    async authorize(requests) {
      return requests.map(() => ({ result: AuthorizeResult.ALLOW }));
    },
    async authorizeConditional(requests, requestOptions) {
      return requests.map(() =>
        decides(requestOptions?.credentials)
          ? CONDITIONAL_READ
          : { result: AuthorizeResult.ALLOW },
      ) as any;
    },
  };
}

/**
 * For tests: a catalog service and a permission policy that hide some
 * entities from one user, as a policy with a conditional
 * `catalog.entity.read` decision does. The policy answers CONDITIONAL to
 * that user (ALLOW to everyone else, and to every other permission), and
 * the catalog — the given one, e.g. `catalogServiceMock({ entities })` —
 * leaves the hidden entities out of what it returns them.
 *
 * @example
 * ```ts
 * await startTestBackend({
 *   features: [
 *     myPlugin,
 *     ...hidingServices(catalogServiceMock({ entities }), {
 *       from: 'user:default/outsider',
 *       entityRefs: ['component:default/secret'],
 *     }),
 *   ],
 * });
 * ```
 * @public
 */
export function hidingServices(
  catalog: CatalogService,
  hidden: HiddenEntities,
) {
  const refs = new Set(hidden.entityRefs.map(r => r.toLocaleLowerCase()));
  const hidingCatalog = new Proxy(catalog, {
    get(target, property, receiver) {
      if (property === 'getEntitiesByRefs') {
        return async (
          request: Parameters<CatalogService['getEntitiesByRefs']>[0],
          options: Parameters<CatalogService['getEntitiesByRefs']>[1],
        ) => {
          const answer = await target.getEntitiesByRefs(request, options);
          if (!isHiddenFor(options?.credentials, hidden)) return answer;
          return {
            items: answer.items.map((item, i) =>
              refs.has(request.entityRefs[i].toLocaleLowerCase())
                ? undefined
                : item,
            ),
          };
        };
      }
      const value = Reflect.get(target, property, receiver);
      // The mock's methods use private fields: call them on the mock itself.
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
  const permissions = catalogDecidesPermissions({ forUser: hidden.from });
  return [
    createServiceFactory({
      service: catalogServiceRef,
      deps: {},
      factory: () => hidingCatalog,
    }),
    createServiceFactory({
      service: coreServices.permissions,
      deps: {},
      factory: () => permissions,
    }),
  ];
}
