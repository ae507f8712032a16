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
  const permissions: PermissionsService = {
    async authorize(requests) {
      return requests.map(() => ({ result: AuthorizeResult.ALLOW }));
    },
    async authorizeConditional(requests, options) {
      return requests.map(() =>
        isHiddenFor(options?.credentials, hidden)
          ? {
              result: AuthorizeResult.CONDITIONAL,
              pluginId: 'catalog',
              resourceType: 'catalog-entity',
              conditions: {
                resourceType: 'catalog-entity',
                rule: 'IS_ENTITY_OWNER',
                params: { claims: [] },
              },
            }
          : { result: AuthorizeResult.ALLOW },
      ) as any;
    },
  };
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
