import {
  CompoundEntityRef,
  Entity,
  getCompoundEntityRef,
  parseEntityRef,
  RELATION_DEPENDENCY_OF,
  RELATION_DEPENDS_ON,
  RELATION_OWNED_BY,
  RELATION_OWNER_OF,
} from '@backstage/catalog-model';
import {
  Blueprint,
  BlueprintRelation,
  builtInKindOf,
  entityNameFor,
  entityTypeOf,
  PortEntity,
  relationTypesOf,
} from '@plinth/plugin-blueprints-common';

/**
 * One relation, both directions: `type` from the source, `reverse` from the
 * target, as the catalog stores them.
 */
export interface RelationPair {
  source: CompoundEntityRef;
  type: string;
  target: CompoundEntityRef;
  reverse: string;
}

/** One target of one of an entity's blueprint relations. */
export interface RelationTarget {
  key: string;
  relation: BlueprintRelation;
  /** The target's Port identifier. */
  identifier: string;
  target: CompoundEntityRef;
}

/**
 * Every target of an entity's blueprint relations, as catalog refs: the
 * target blueprint's kind, the entity's namespace, the mapped name.
 */
export function relationTargetsOf(
  port: PortEntity,
  blueprint: Blueprint,
  namespace: string,
): RelationTarget[] {
  const targets: RelationTarget[] = [];
  for (const [key, relation] of Object.entries(blueprint.relations ?? {})) {
    const value = port.relations?.[key];
    for (const identifier of Array.isArray(value) ? value : [value]) {
      if (typeof identifier !== 'string' || identifier === '') continue;
      targets.push({
        key,
        relation,
        identifier,
        target: {
          kind: entityTypeOf(relation.target).kind,
          namespace,
          name: entityNameFor(identifier),
        },
      });
    }
  }
  return targets;
}

/**
 * The relations the catalog module emits for an entity of a blueprint: every
 * blueprint relation that no native `spec` field carries (Backstage's own
 * processor emits those), and ownership for custom kinds.
 */
export function relationsOf(
  entity: Entity,
  port: PortEntity,
  blueprint: Blueprint,
): RelationPair[] {
  const source = getCompoundEntityRef(entity);
  const sourceKind = builtInKindOf(blueprint.identifier);
  const pairs: RelationPair[] = [];
  for (const { key, target } of relationTargetsOf(
    port,
    blueprint,
    source.namespace,
  )) {
    const types = relationTypesOf(blueprint, key);
    // A native `spec` field's relations are Backstage's own processor's.
    if (!types || types.field) continue;
    pairs.push({ source, type: types.type, reverse: types.reverse, target });
  }
  // Backstage's own processor handles ownership of built-in kinds only.
  const owner = (entity.spec as { owner?: unknown } | undefined)?.owner;
  if (!sourceKind && typeof owner === 'string') {
    pairs.push({
      source,
      type: RELATION_OWNED_BY,
      reverse: RELATION_OWNER_OF,
      target: parseEntityRef(owner, {
        defaultKind: 'Group',
        defaultNamespace: source.namespace,
      }),
    });
  }
  return pairs;
}

/**
 * The relations between `Blueprint` entities, so the catalog graph draws the
 * data model: each blueprint depends on the blueprints its relations target.
 */
export function blueprintRelationsOf(
  entity: Entity,
  blueprint: Blueprint,
): RelationPair[] {
  const source = getCompoundEntityRef(entity);
  const targets = new Set(
    Object.values(blueprint.relations ?? {}).map(r => r.target),
  );
  return [...targets].map(target => ({
    source,
    type: RELATION_DEPENDS_ON,
    reverse: RELATION_DEPENDENCY_OF,
    target: {
      kind: entity.kind,
      namespace: source.namespace,
      name: entityNameFor(target),
    },
  }));
}
