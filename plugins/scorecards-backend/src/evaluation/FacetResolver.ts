import type {
  Blueprint,
  EntityViewItem,
} from '@plinth/plugin-blueprints-common';
import type { Facets } from '../database/ScorecardStore';
import type { EntityViewSource } from './EntityViewSource';

/** The blueprints whose entities stand for a system and a domain. */
export interface FacetBlueprints {
  system: string;
  domain: string;
}

/**
 * How long the entities on the way to a system or domain are kept: a system
 * moved to another domain shows in results within this time, or at the next
 * full evaluation.
 */
const CACHE_MS = 10_000;
const MAX_DEPTH = 3;

/**
 * The shortest chain of relations from one blueprint to another (`system`,
 * or `system.domain`), or undefined when there is none within three steps.
 */
export function relationPath(
  blueprints: ReadonlyMap<string, Blueprint>,
  from: string,
  to: string,
): string[] | undefined {
  if (from === to) return [];
  const seen = new Set([from]);
  let frontier: Array<{ blueprint: string; path: string[] }> = [
    { blueprint: from, path: [] },
  ];
  for (let depth = 0; depth < MAX_DEPTH && frontier.length; depth++) {
    const next: typeof frontier = [];
    for (const { blueprint, path } of frontier) {
      const relations = blueprints.get(blueprint)?.relations ?? {};
      for (const [key, relation] of Object.entries(relations).sort()) {
        if (relation.target === to) return [...path, key];
        if (!seen.has(relation.target)) {
          seen.add(relation.target);
          next.push({ blueprint: relation.target, path: [...path, key] });
        }
      }
    }
    frontier = next;
  }
  return undefined;
}

function firstTarget(value: unknown): string | undefined {
  if (Array.isArray(value)) return value.find(v => typeof v === 'string');
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/**
 * What a result remembers of its entity: title, owning teams, the system and
 * domain it belongs to (followed through the blueprints' relations), and its
 * scalar values for grouping by any property.
 */
export class FacetResolver {
  private cache = new Map<
    string,
    { at: number; views: Map<string, EntityViewItem> }
  >();

  constructor(
    private readonly options: {
      source: EntityViewSource;
      facets: FacetBlueprints;
    },
  ) {}

  /**
   * Loads the entities on the way from these entities to their system and
   * domain: a blueprint's entities are read again when the copy is older
   * than {@link CACHE_MS} or lacks one that is needed.
   */
  async prepare(
    blueprints: ReadonlyMap<string, Blueprint>,
    items: EntityViewItem[],
    now = Date.now(),
  ): Promise<void> {
    const byBlueprint = new Map<string, EntityViewItem['entity'][]>();
    for (const { entity } of items) {
      const list = byBlueprint.get(entity.blueprint) ?? [];
      list.push(entity);
      byBlueprint.set(entity.blueprint, list);
    }
    for (const [start, entities] of byBlueprint) {
      for (const target of Object.values(this.options.facets)) {
        let current = entities;
        let blueprint = start;
        for (const key of relationPath(blueprints, start, target) ?? []) {
          const next = blueprints.get(blueprint)!.relations![key].target;
          if (next === target) break;
          const ids = [
            ...new Set(
              current
                .map(e => firstTarget(e.relations?.[key]))
                .filter((id): id is string => id !== undefined),
            ),
          ];
          const views = await this.load(next, ids, now);
          current = ids.flatMap(id => {
            const found = views.get(id);
            return found ? [found.entity] : [];
          });
          blueprint = next;
        }
      }
    }
  }

  private async load(
    blueprint: string,
    needed: string[],
    now: number,
  ): Promise<Map<string, EntityViewItem>> {
    const cached = this.cache.get(blueprint);
    if (
      cached &&
      now - cached.at < CACHE_MS &&
      // Entities missing from a copy read a moment ago do not exist.
      (now - cached.at < 1000 || needed.every(id => cached.views.has(id)))
    ) {
      return cached.views;
    }
    const views = new Map<string, EntityViewItem>();
    for await (const page of this.options.source.pages(blueprint)) {
      for (const item of page) views.set(item.entity.identifier, item);
    }
    this.cache.set(blueprint, { at: now, views });
    return views;
  }

  /** The facets of an entity; call {@link FacetResolver.prepare} first. */
  facets(
    item: EntityViewItem,
    blueprints: ReadonlyMap<string, Blueprint>,
  ): Facets {
    const { entity } = item;
    const values: Facets['values'] = {};
    for (const [key, value] of Object.entries({
      ...entity.properties,
      ...entity.derived,
    })) {
      if (typeof value === 'string') values[key] = value.slice(0, 200);
      else if (
        typeof value === 'number' ||
        typeof value === 'boolean' ||
        value === null
      ) {
        values[key] = value;
      }
    }
    return {
      title: entity.title || entity.identifier,
      teams: item.teams,
      system: this.follow(item, blueprints, this.options.facets.system),
      domain: this.follow(item, blueprints, this.options.facets.domain),
      values,
    };
  }

  private follow(
    item: EntityViewItem,
    blueprints: ReadonlyMap<string, Blueprint>,
    target: string,
  ): string | undefined {
    const path = relationPath(blueprints, item.entity.blueprint, target);
    if (!path) return undefined;
    let entity: EntityViewItem['entity'] | undefined = item.entity;
    for (const key of path) {
      const identifier = firstTarget(entity?.relations?.[key]);
      if (identifier === undefined) return undefined;
      const next: string | undefined = blueprints.get(entity!.blueprint)
        ?.relations?.[key]?.target;
      if (next === target) return identifier;
      entity = next
        ? this.cache.get(next)?.views.get(identifier)?.entity
        : undefined;
    }
    return entity?.identifier;
  }
}
