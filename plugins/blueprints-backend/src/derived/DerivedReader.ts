import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  DerivedPropertiesResponse,
  EntityViewItem,
  EntityViewsResponse,
  OwnedEntitiesResponse,
} from '@plinth/plugin-blueprints-common';
import { DerivedStore } from './DerivedStore';

/**
 * Serves stored derived properties to callers who may see the entity: the
 * catalog decides, with the caller's own credentials, so derived values never
 * show what the catalog's permissions hide.
 */
export class DerivedReader {
  constructor(
    private readonly options: { store: DerivedStore; catalog: CatalogService },
  ) {}

  /** Per ref, in order: the derived properties, or `null`. */
  async get(
    entityRefs: string[],
    credentials: BackstageCredentials,
  ): Promise<Array<DerivedPropertiesResponse | null>> {
    const refs = entityRefs.map(r => r.toLocaleLowerCase('en-US'));
    if (refs.length === 0) return [];
    const { items } = await this.options.catalog.getEntitiesByRefs(
      { entityRefs: refs, fields: ['kind'] },
      { credentials },
    );
    const visible = refs.filter((_, i) => items[i]);
    const stored = await this.options.store.getDerivedByRefs(visible);
    return refs.map((ref, i) => {
      const found = items[i] ? stored.get(ref) : undefined;
      if (!found) return null;
      return {
        entityRef: ref,
        blueprint: found.blueprint,
        identifier: found.identifier,
        values: found.values,
        ownership: found.ownership,
      };
    });
  }

  /** The entities a team owns, directly or by inheritance, that the caller sees. */
  async ownedBy(
    team: string,
    credentials: BackstageCredentials,
  ): Promise<OwnedEntitiesResponse> {
    const owned = await this.options.store.ownedBy(team);
    if (owned.length === 0) return { items: [] };
    const { items } = await this.options.catalog.getEntitiesByRefs(
      { entityRefs: owned.map(o => o.entityRef), fields: ['kind'] },
      { credentials },
    );
    return {
      items: owned
        .filter((_, i) => items[i])
        .map(o => ({
          entityRef: o.entityRef,
          blueprint: o.blueprint,
          identifier: o.identifier,
          ownership: o.ownership,
        })),
    };
  }

  /** A page of a blueprint's entity views (for service callers). */
  async views(
    blueprint: string,
    after: string | undefined,
    limit: number,
  ): Promise<EntityViewsResponse> {
    const items = await this.options.store.listViews(blueprint, after, limit);
    return items.length === limit
      ? { items, next: items[items.length - 1].entity.identifier }
      : { items };
  }

  /** Entity views by catalog ref, in order, `null` where none (for service callers). */
  async viewsByRefs(
    entityRefs: string[],
  ): Promise<Array<EntityViewItem | null>> {
    const refs = entityRefs.map(r => r.toLocaleLowerCase('en-US'));
    const found = await this.options.store.getViewsByRefs(refs);
    return refs.map(ref => found.get(ref) ?? null);
  }
}
