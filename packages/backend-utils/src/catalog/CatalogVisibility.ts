import type {
  BackstageCredentials,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { catalogEntityReadPermission } from '@backstage/plugin-catalog-common/alpha';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import { AuthorizeResult } from '@backstage/plugin-permission-common';

/** Refs per catalog request. */
const REFS_PER_REQUEST = 1000;

/**
 * What one caller may see of the catalog, decided once per request: made by
 * {@link CatalogVisibility.forCaller}.
 * @public
 */
export interface VisibleEntities {
  /**
   * True when the caller may see every entity (an unconditional allow of
   * `catalog.entity.read`): routes may skip filtering.
   */
  readonly all: boolean;
  /** The refs of `entityRefs` the caller may see (in the form given). */
  visible(entityRefs: readonly string[]): Promise<Set<string>>;
  /** The items whose entity the caller may see, in order. */
  filter<T>(items: readonly T[], refOf: (item: T) => string): Promise<T[]>;
}

/**
 * Which entities a caller may see, as the catalog decides it: what every
 * Plinth read route serves about an entity is filtered through it.
 *
 * The catalog's read permission (`catalog.entity.read`) decides, afresh for
 * every request, so a changed policy or group membership counts at once: an
 * unconditional allow shows every entity, even one the catalog has not
 * ingested yet, without asking the catalog; a deny shows none; a
 * conditional decision (a policy that hides some entities) shows those the
 * catalog returns to the caller at that moment.
 * @public
 */
export interface CatalogVisibility {
  /** The caller's view: one permission decision, then catalog reads as needed. */
  forCaller(credentials: BackstageCredentials): Promise<VisibleEntities>;
}

/**
 * The {@link CatalogVisibility} of the catalog service and the permission
 * framework.
 *
 * @example
 * ```ts
 * const visibility = createCatalogVisibility({ catalog, permissions });
 * const view = await visibility.forCaller(credentials);
 * const rows = view.all ? results : await view.filter(results, r => r.entityRef);
 * ```
 * @public
 */
export function createCatalogVisibility(options: {
  catalog: CatalogService;
  permissions: PermissionsService;
}): CatalogVisibility {
  const { catalog, permissions } = options;

  async function askCatalog(
    refs: string[],
    credentials: BackstageCredentials,
  ): Promise<Set<string>> {
    const seen = new Set<string>();
    for (let i = 0; i < refs.length; i += REFS_PER_REQUEST) {
      const slice = refs.slice(i, i + REFS_PER_REQUEST);
      const { items } = await catalog.getEntitiesByRefs(
        { entityRefs: slice, fields: ['kind'] },
        { credentials },
      );
      slice.forEach((ref, j) => items[j] && seen.add(ref));
    }
    return seen;
  }

  return {
    async forCaller(credentials) {
      const [decision] = await permissions.authorizeConditional(
        [{ permission: catalogEntityReadPermission }],
        { credentials },
      );
      const all = decision.result === AuthorizeResult.ALLOW;
      const none = decision.result === AuthorizeResult.DENY;
      const visible = async (entityRefs: readonly string[]) => {
        const refs = [...new Set(entityRefs)];
        if (all) return new Set(refs);
        if (none || refs.length === 0) return new Set<string>();
        return askCatalog(refs, credentials);
      };
      return {
        all,
        visible,
        async filter(items, refOf) {
          if (all) return [...items];
          const seen = await visible(items.map(refOf));
          return items.filter(item => seen.has(refOf(item)));
        },
      };
    },
  };
}
