import { AuthService } from '@backstage/backend-plugin-api';
import {
  CatalogVisibilityOptions,
  createCatalogVisibility,
} from '@plinth/backend-utils';
import {
  Entity,
  parseEntityRef,
  RELATION_OWNED_BY,
  RELATION_PART_OF,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { CatalogService } from '@backstage/plugin-catalog-node';
import type {
  DoraEntityFacets,
  DoraEntityResolver,
} from '@plinth/plugin-dora-common';
import type { DoraSourceContext } from '@plinth/plugin-dora-node';
import type { DoraVisibleEntities } from './DoraMetricsService';

function targetsOf(entity: Entity, type: string, kind?: string): string[] {
  return (entity.relations ?? [])
    .filter(r => r.type === type)
    .map(r => r.targetRef)
    .filter(ref => !kind || parseEntityRef(ref).kind === kind);
}

/**
 * The teams, system and domain of entities, from the catalog: owners
 * (`ownedBy`, by group name), the system an entity is part of, and that
 * system's domain (or the domain the entity is itself part of).
 */
export function catalogEntityResolver(options: {
  catalog: CatalogService;
  auth: AuthService;
}): DoraEntityResolver {
  const { catalog, auth } = options;
  const byRefs = async (refs: string[]) => {
    const found = new Map<string, Entity>();
    const credentials = await auth.getOwnServiceCredentials();
    for (let i = 0; i < refs.length; i += 500) {
      const slice = refs.slice(i, i + 500);
      const { items } = await catalog.getEntitiesByRefs(
        { entityRefs: slice, fields: ['kind', 'metadata', 'relations'] },
        { credentials },
      );
      items.forEach((entity, j) => entity && found.set(slice[j], entity));
    }
    return found;
  };
  return async entityRefs => {
    const entities = await byRefs(entityRefs);
    const systemRefs = [
      ...new Set(
        [...entities.values()].flatMap(e =>
          targetsOf(e, RELATION_PART_OF, 'system'),
        ),
      ),
    ];
    const systems = await byRefs(systemRefs);
    const facets = new Map<string, DoraEntityFacets>();
    for (const [ref, entity] of entities) {
      const system = targetsOf(entity, RELATION_PART_OF, 'system')[0];
      const domain =
        targetsOf(entity, RELATION_PART_OF, 'domain')[0] ??
        (system
          ? targetsOf(
              systems.get(system) ?? entity,
              RELATION_PART_OF,
              'domain',
            )[0]
          : undefined);
      facets.set(ref, {
        teams: targetsOf(entity, RELATION_OWNED_BY).map(
          owner => parseEntityRef(owner).name,
        ),
        system: system ? parseEntityRef(system).name : undefined,
        domain: domain ? parseEntityRef(domain).name : undefined,
      });
    }
    return facets;
  };
}

/**
 * The entity of a source's repository or service, by an annotation such as
 * those Backstage's GitHub and PagerDuty plugins use
 * (`github.com/project-slug`, `pagerduty.com/service-id`): the first
 * entity that has the value, or undefined.
 */
export function catalogAnnotationFinder(options: {
  catalog: CatalogService;
  auth: AuthService;
}): DoraSourceContext['findEntityByAnnotation'] {
  return async (annotation, value) => {
    const { items } = await options.catalog.getEntities(
      {
        filter: { [`metadata.annotations.${annotation}`]: value },
        fields: ['kind', 'metadata.name', 'metadata.namespace'],
      },
      { credentials: await options.auth.getOwnServiceCredentials() },
    );
    return items[0] ? stringifyEntityRef(items[0]) : undefined;
  };
}

/**
 * Of these entities, those the caller may see, as the catalog decides it
 * (`createCatalogVisibility` of `@plinth/backend-utils`): everything under
 * an unconditional `catalog.entity.read` (and for service callers), what the
 * catalog returns the caller under a conditional decision, nothing under a
 * deny.
 */
export function catalogVisibility(
  options: CatalogVisibilityOptions,
): DoraVisibleEntities {
  const visibility = createCatalogVisibility(options);
  return async (entityRefs, credentials) =>
    (await visibility.forCaller(credentials)).visible(entityRefs);
}
