import type {
  BlueprintsEvent,
  CatalogEntitiesEvent,
  DerivedEntitiesEvent,
} from './types';

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const isStringArray = (value: unknown): value is string[] =>
  Array.isArray(value) && value.every(v => typeof v === 'string');

/**
 * Whether an events-service payload is a {@link BlueprintsEvent}: subscribers
 * check before they read, as any publisher may use a topic.
 * @public
 */
export function isBlueprintsEvent(
  payload: unknown,
): payload is BlueprintsEvent {
  if (!isObject(payload)) return false;
  if (payload.type === 'blueprints.changed') return true;
  return (
    payload.type === 'entities.changed' &&
    Array.isArray(payload.changes) &&
    payload.changes.every(
      c =>
        isObject(c) &&
        typeof c.blueprint === 'string' &&
        typeof c.identifier === 'string' &&
        (c.entity === undefined || isObject(c.entity)),
    )
  );
}

/**
 * Whether an events-service payload is a {@link DerivedEntitiesEvent}.
 * @public
 */
export function isDerivedEntitiesEvent(
  payload: unknown,
): payload is DerivedEntitiesEvent {
  return (
    isObject(payload) &&
    payload.type === 'derived.entities.changed' &&
    isStringArray(payload.entityRefs) &&
    isStringArray(payload.removed)
  );
}

/**
 * Whether an events-service payload is a {@link CatalogEntitiesEvent}: every
 * entity with its ref, identifier and blueprint.
 * @public
 */
export function isCatalogEntitiesEvent(
  payload: unknown,
): payload is CatalogEntitiesEvent {
  return (
    isObject(payload) &&
    payload.type === 'catalog.entities.changed' &&
    Array.isArray(payload.entities) &&
    payload.entities.every(
      item =>
        isObject(item) &&
        typeof item.entityRef === 'string' &&
        item.entityRef !== '' &&
        isObject(item.entity) &&
        typeof item.entity.identifier === 'string' &&
        item.entity.identifier !== '' &&
        typeof item.entity.blueprint === 'string' &&
        item.entity.blueprint !== '',
    )
  );
}
