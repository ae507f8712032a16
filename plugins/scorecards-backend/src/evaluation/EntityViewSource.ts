import type { EntityViewItem } from '@plinth/plugin-blueprints-common';
import type { BlueprintsService } from '@plinth/plugin-blueprints-node';

/**
 * Where the evaluator reads entities from: their Port data, derived values
 * and owning teams. The blueprints backend in production.
 */
export interface EntityViewSource {
  /** Every entity of a blueprint, a page at a time. */
  pages(blueprint: string): AsyncIterable<EntityViewItem[]>;
  /** Entities by catalog ref, in order; `null` for refs of no blueprint entity. */
  byRefs(entityRefs: string[]): Promise<Array<EntityViewItem | null>>;
}

/** Entity views from the blueprints backend, `pageSize` at a time. */
export function blueprintsViewSource(
  blueprints: BlueprintsService,
  pageSize = 2000,
): EntityViewSource {
  return {
    async *pages(blueprint) {
      let after: string | undefined;
      do {
        const page = await blueprints.getEntityViews({
          blueprint,
          after,
          limit: pageSize,
        });
        if (page.items.length) yield page.items;
        after = page.next;
      } while (after !== undefined);
    },
    async byRefs(entityRefs) {
      if (entityRefs.length === 0) return [];
      return (await blueprints.getEntityViewsByRefs(entityRefs)).items;
    },
  };
}
