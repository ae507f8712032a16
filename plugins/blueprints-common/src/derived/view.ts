import { PortEntity, PortRelationValue } from '../entity/types';
import { hasOwn, ownValue } from '../internal/objects';

/**
 * An entity as derived properties and queries read it: its Port data, its
 * blueprint, and the derived values computed so far (mirror, calculation and
 * aggregation properties, by key).
 * @public
 */
export interface EntityView extends PortEntity {
  blueprint: string;
  derived?: Record<string, unknown>;
}

/**
 * The teams of an entity, always as a list.
 * @public
 */
export function teamsOf(entity: PortEntity): string[] {
  const team = entity.team;
  if (Array.isArray(team)) return team.filter(t => typeof t === 'string');
  return typeof team === 'string' && team !== '' ? [team] : [];
}

/** A relation's targets, always as a list. */
export function targetsOf(value: PortRelationValue | undefined): string[] {
  if (Array.isArray(value)) {
    return value.filter(t => typeof t === 'string' && t !== '');
  }
  return typeof value === 'string' && value !== '' ? [value] : [];
}

/**
 * The value of a property of an entity as Port names it: a meta-property
 * (`$identifier`, `$title`, `$team`, `$blueprint`, `$icon`, `$createdAt`,
 * `$updatedAt`, `$createdBy`, `$updatedBy`), a derived property, or a plain
 * one. `null` when it has none.
 * @public
 */
export function propertyValue(entity: EntityView, key: string): unknown {
  switch (key) {
    case '$identifier':
      return entity.identifier;
    case '$title':
      return entity.title ?? null;
    case '$team':
      return teamsOf(entity);
    case '$blueprint':
      return entity.blueprint;
    case '$icon':
      return entity.icon ?? null;
    case '$createdAt':
      return entity.createdAt ?? null;
    case '$updatedAt':
      return entity.updatedAt ?? null;
    case '$createdBy':
      return entity.createdBy ?? null;
    case '$updatedBy':
      return entity.updatedBy ?? null;
    default:
      if (hasOwn(entity.derived, key)) {
        return entity.derived![key] ?? null;
      }
      return ownValue(entity.properties, key) ?? null;
  }
}
