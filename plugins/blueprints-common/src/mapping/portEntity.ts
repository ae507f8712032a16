import { DEFAULT_NAMESPACE, Entity } from '@backstage/catalog-model';
import { JsonObject } from '@backstage/types';
import { Blueprint } from '../blueprint/types';
import { PortEntity, PortRelationValue } from '../entity/types';
import { ownValue } from '../internal/objects';
import {
  ANNOTATION_BLUEPRINT,
  ANNOTATION_IDENTIFIER,
  META_ANNOTATIONS,
} from './annotations';
import { BuiltInKind, builtInKindOf, entityTypeOf } from './kinds';
import { entityNameFor } from './names';
import {
  inverseNativeRelationField,
  isSingleValuedField,
  nativeRelationField,
  NativeRelationField,
} from './nativeRelations';

/**
 * What mapping a Port entity needs besides the entity.
 * @public
 */
export interface PortEntityMappingOptions {
  /** Looks up a blueprint: the entity's own and its relations' targets. */
  blueprints: ReadonlyMap<string, Blueprint>;
  /** The catalog namespace of the entities; `default` when absent. */
  namespace?: string;
  /**
   * The owner of entities of built-in kinds that need one (Component, API,
   * Resource, System, Domain) when the entity names no team.
   * Defaults to `group:default/unknown`.
   */
  defaultOwner?: string;
}

/**
 * `kind:namespace/name`, the name's case kept (`stringifyEntityRef` lowers it):
 * references compare without regard to case, and pages show them as written.
 */
function entityRef(kind: string, namespace: string, name: string): string {
  return `${kind.toLocaleLowerCase('en-US')}:${namespace}/${name}`;
}

function relationTargets(value: PortRelationValue | undefined): string[] {
  if (value === null || value === undefined) return [];
  return Array.isArray(value) ? value : [value];
}

function stringProperty(
  properties: Record<string, unknown> | undefined,
  key: string,
): string | undefined {
  const value = ownValue(properties, key);
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/** Port's API types, letters only and lower case, onto the API docs plugin's. */
const API_TYPES: ReadonlyMap<string, string> = new Map([
  ['openapi', 'openapi'],
  ['swagger', 'openapi'],
  ['asyncapi', 'asyncapi'],
  ['graphql', 'graphql'],
  ['grpc', 'grpc'],
  ['trpc', 'trpc'],
]);

/** Port's API-type wording onto the types the API docs plugin renders. */
function apiType(type: string | undefined): string {
  if (!type) return 'unknown';
  const compact = type.toLocaleLowerCase('en-US').replace(/[^a-z]/g, '');
  return API_TYPES.get(compact) ?? type;
}

/**
 * Builds the native `spec` fields of a built-in kind from the entity's team,
 * properties and relations. Port's own data stays in `spec.properties` and
 * `spec.relations`; these fields are derived from it.
 */
function nativeSpec(
  kind: BuiltInKind,
  entity: PortEntity,
  blueprint: Blueprint,
  options: PortEntityMappingOptions,
): Record<string, unknown> {
  const namespace = options.namespace ?? DEFAULT_NAMESPACE;
  const spec: Record<string, unknown> = {};
  const refs: Record<string, string[]> = {};

  for (const [key, relation] of Object.entries(blueprint.relations ?? {})) {
    const targetBlueprint = options.blueprints.get(relation.target);
    const targetKind = builtInKindOf(relation.target);
    const field = nativeRelationField(kind, key, relation, targetKind);
    const targets = relationTargets(ownValue(entity.relations, key));
    if (!field || !targetKind || !targetBlueprint || targets.length === 0) {
      continue;
    }
    refs[field] = [
      ...(refs[field] ?? []),
      ...targets.map(target =>
        entityRef(targetKind, namespace, entityNameFor(target)),
      ),
    ];
  }
  for (const [field, values] of Object.entries(refs)) {
    spec[field] = isSingleValuedField(field as any) ? values[0] : values;
  }

  const teams = relationTargets(entity.team);
  if (teams.length > 0) {
    spec.owner = entityRef('Group', namespace, entityNameFor(teams[0]));
  }

  const type = stringProperty(entity.properties, 'type');
  const lifecycle = stringProperty(entity.properties, 'lifecycle') ?? 'unknown';
  const owner =
    (spec.owner as string | undefined) ??
    options.defaultOwner ??
    'group:default/unknown';

  switch (kind) {
    case 'Component':
      return { type: type ?? 'unknown', lifecycle, ...spec, owner };
    case 'API': {
      // The API docs plugin renders `definition` by `type`: take both from a
      // property that holds an OpenAPI or AsyncAPI document, when there is one.
      const specProperty = Object.entries(blueprint.schema.properties).find(
        ([key, property]) =>
          (property.spec === 'open-api' || property.spec === 'async-api') &&
          stringProperty(entity.properties, key) !== undefined,
      );
      const definition = specProperty
        ? stringProperty(entity.properties, specProperty[0])!
        : `# ${entity.title ?? entity.identifier}\n# The Port entity ${
            entity.identifier
          } has no API definition.\n`;
      let definitionType = apiType(type);
      if (specProperty) {
        definitionType =
          specProperty[1].spec === 'open-api' ? 'openapi' : 'asyncapi';
      }
      return {
        type: definitionType,
        lifecycle,
        ...spec,
        owner,
        definition,
      };
    }
    case 'Resource':
      return { type: type ?? 'unknown', ...spec, owner };
    case 'System':
    case 'Domain':
      return { ...(type ? { type } : {}), ...spec, owner };
    case 'Group':
      return {
        type: type ?? 'team',
        children: [],
        ...spec,
      };
    case 'User':
    default:
      return { memberOf: [], ...spec };
  }
}

/**
 * Maps a Port entity onto a Backstage catalog entity.
 *
 * Port's data is kept whole: `spec.properties`, `spec.relations`, `spec.team`
 * and `spec.icon` hold it as Port has it, the identifier and blueprint sit in
 * annotations, and {@link backstageEntityToPort} gives back exactly the Port
 * entity. An entity of a built-in kind gets that kind's native fields too
 * (`spec.type`, `spec.owner`, `spec.system`, `spec.dependsOn`, …), so every
 * other Backstage plugin keeps working with it.
 *
 * The entity is not validated here: see `EntityValidator`.
 *
 * @example
 * ```ts
 * const entity = portEntityToBackstage(
 *   { identifier: 'CartService', title: 'Cart Service',
 *     properties: { type: 'service' }, relations: { system: 'Cart' } },
 *   'Component',
 *   { blueprints },
 * );
 * entity.spec?.system; // 'system:default/cart'
 * ```
 * @public
 */
export function portEntityToBackstage(
  entity: PortEntity,
  blueprintIdentifier: string,
  options: PortEntityMappingOptions,
): Entity {
  const blueprint = options.blueprints.get(blueprintIdentifier);
  if (!blueprint) {
    throw new Error(`there is no blueprint "${blueprintIdentifier}"`);
  }
  const { apiVersion, kind } = entityTypeOf(blueprintIdentifier);
  const builtIn = builtInKindOf(blueprintIdentifier);

  const annotations: Record<string, string> = {
    [ANNOTATION_BLUEPRINT]: blueprintIdentifier,
    [ANNOTATION_IDENTIFIER]: entity.identifier,
  };
  for (const [field, annotation] of Object.entries(META_ANNOTATIONS)) {
    const value = entity[field as keyof typeof META_ANNOTATIONS];
    if (typeof value === 'string') annotations[annotation] = value;
  }

  const portData: Record<string, unknown> = {};
  if (entity.properties !== undefined) portData.properties = entity.properties;
  if (entity.relations !== undefined) portData.relations = entity.relations;
  if (entity.team !== undefined) portData.team = entity.team;
  if (entity.icon !== undefined) portData.icon = entity.icon;

  const custom: Record<string, unknown> = {};
  if (!builtIn) {
    // Custom kinds get the fields the catalog's filters and tables read.
    const type = stringProperty(entity.properties, 'type');
    const team = relationTargets(entity.team)[0];
    if (type) custom.type = type;
    if (team) {
      custom.owner = entityRef(
        'Group',
        options.namespace ?? DEFAULT_NAMESPACE,
        entityNameFor(team),
      );
    }
  }

  const description = stringProperty(entity.properties, 'description');
  return {
    apiVersion,
    kind,
    metadata: {
      name: entityNameFor(entity.identifier),
      namespace: options.namespace ?? DEFAULT_NAMESPACE,
      ...(typeof entity.title === 'string' ? { title: entity.title } : {}),
      ...(description ? { description } : {}),
      annotations,
    },
    spec: {
      ...(builtIn ? nativeSpec(builtIn, entity, blueprint, options) : custom),
      ...portData,
    } as JsonObject,
  };
}

/**
 * A Port entity and the blueprint it belongs to, for
 * {@link portEntitiesToBackstage}.
 * @public
 */
export interface PortEntityOfBlueprint {
  entity: PortEntity;
  blueprint: string;
}

/** The keys of a mapped `spec` that hold Port's own data, after the native fields. */
const PORT_DATA_KEYS = new Set(['properties', 'relations', 'team', 'icon']);

/**
 * `spec` with `refs` added to the list field `field`, without repeats; a
 * new field goes before Port's own data, with the other native fields.
 */
function withRefs(
  spec: Record<string, unknown>,
  field: NativeRelationField,
  refs: string[],
): Record<string, unknown> {
  const existing = spec[field];
  if (Array.isArray(existing)) {
    const known = new Set(
      existing.map(r => String(r).toLocaleLowerCase('en-US')),
    );
    const added = refs.filter(r => !known.has(r.toLocaleLowerCase('en-US')));
    return { ...spec, [field]: [...existing, ...added] };
  }
  const result: Record<string, unknown> = {};
  let placed = false;
  for (const [key, value] of Object.entries(spec)) {
    if (!placed && PORT_DATA_KEYS.has(key)) {
      result[field] = refs;
      placed = true;
    }
    result[key] = value;
  }
  if (!placed) result[field] = refs;
  return result;
}

/**
 * Maps Port entities onto Backstage catalog entities, as
 * {@link portEntityToBackstage} maps each, and adds what only the set
 * shows: a relation whose native field sits on its *target* (see
 * `inverseNativeRelationField`) fills that field of the target when the
 * target is among the entities. The seed's Cart API, `provider:
 * CartService`, gives Cart Service `spec.providesApis:
 * [api:default/CartAPI]`, from which the catalog derives Cart API's
 * "provided by" (`apiProvidedBy`). Port's data is unchanged: Cart API keeps
 * `spec.relations.provider`, so {@link backstageEntityToPort} gives the
 * same Port entities back.
 *
 * @example
 * ```ts
 * const [api, service] = portEntitiesToBackstage(
 *   [
 *     { entity: { identifier: 'CartAPI', relations: { provider: 'CartService' } }, blueprint: 'API' },
 *     { entity: { identifier: 'CartService' }, blueprint: 'Component' },
 *   ],
 *   { blueprints },
 * );
 * service.spec?.providesApis; // ['api:default/CartAPI']
 * ```
 * @public
 */
export function portEntitiesToBackstage(
  entities: ReadonlyArray<PortEntityOfBlueprint>,
  options: PortEntityMappingOptions,
): Entity[] {
  const namespace = options.namespace ?? DEFAULT_NAMESPACE;
  const mapped = entities.map(({ entity, blueprint }) =>
    portEntityToBackstage(entity, blueprint, options),
  );
  const index = new Map<string, number>();
  entities.forEach(({ entity, blueprint }, i) => {
    index.set(`${blueprint}\u0000${entity.identifier}`, i);
  });
  // Target index → field → refs, in the order of the entities.
  const additions = new Map<number, Map<NativeRelationField, string[]>>();
  entities.forEach(({ entity, blueprint: identifier }) => {
    const blueprint = options.blueprints.get(identifier);
    const sourceKind = builtInKindOf(identifier);
    if (!blueprint || !sourceKind) return;
    for (const [key, relation] of Object.entries(blueprint.relations ?? {})) {
      const field = inverseNativeRelationField(
        sourceKind,
        key,
        relation,
        builtInKindOf(relation.target),
      );
      if (!field) continue;
      for (const target of relationTargets(ownValue(entity.relations, key))) {
        const at = index.get(`${relation.target}\u0000${target}`);
        if (at === undefined) continue;
        const fields = additions.get(at) ?? new Map();
        const refs = fields.get(field) ?? [];
        refs.push(
          entityRef(sourceKind, namespace, entityNameFor(entity.identifier)),
        );
        fields.set(field, refs);
        additions.set(at, fields);
      }
    }
  });
  for (const [at, fields] of additions) {
    let spec = (mapped[at].spec ?? {}) as Record<string, unknown>;
    for (const [field, refs] of fields) {
      spec = withRefs(spec, field, refs);
    }
    mapped[at] = { ...mapped[at], spec: spec as JsonObject };
  }
  return mapped;
}

/**
 * Gives back the Port entity that {@link portEntityToBackstage} mapped, from
 * the annotations and the Port data it kept. `undefined` for an entity that
 * did not come from a blueprint (no `plinth.dev/blueprint` annotation).
 * @public
 */
export function backstageEntityToPort(entity: Entity): PortEntity | undefined {
  const annotations = entity.metadata.annotations ?? {};
  const blueprint = annotations[ANNOTATION_BLUEPRINT];
  if (!blueprint) return undefined;
  const spec = (entity.spec ?? {}) as Record<string, any>;
  const port: PortEntity = {
    identifier: annotations[ANNOTATION_IDENTIFIER] ?? entity.metadata.name,
    blueprint,
  };
  if (entity.metadata.title !== undefined) port.title = entity.metadata.title;
  if (spec.icon !== undefined) port.icon = spec.icon;
  if (spec.team !== undefined) port.team = spec.team;
  if (spec.properties !== undefined) port.properties = spec.properties;
  if (spec.relations !== undefined) port.relations = spec.relations;
  for (const [field, annotation] of Object.entries(META_ANNOTATIONS)) {
    if (annotations[annotation] !== undefined) {
      port[field as keyof typeof META_ANNOTATIONS] = annotations[annotation];
    }
  }
  return port;
}
