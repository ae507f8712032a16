import {
  RELATION_API_CONSUMED_BY,
  RELATION_API_PROVIDED_BY,
  RELATION_CHILD_OF,
  RELATION_CONSUMES_API,
  RELATION_DEPENDENCY_OF,
  RELATION_DEPENDS_ON,
  RELATION_HAS_MEMBER,
  RELATION_HAS_PART,
  RELATION_MEMBER_OF,
  RELATION_OWNED_BY,
  RELATION_OWNER_OF,
  RELATION_PARENT_OF,
  RELATION_PART_OF,
  RELATION_PROVIDES_API,
} from '@backstage/catalog-model';
import type { Blueprint } from '../blueprint/types';
import { ownValue } from '../internal/objects';
import { builtInKindOf } from './kinds';
import {
  inverseNativeRelationField,
  NativeRelationField,
  nativeRelationField,
} from './nativeRelations';

/**
 * The catalog relation types of one blueprint relation: `type` as the source
 * entity has it, `reverse` as the target has it.
 * @public
 */
export interface BlueprintRelationTypes {
  type: string;
  reverse: string;
  /** Backstage's own relation types, which the catalog graph knows already. */
  native: boolean;
  /**
   * The native `spec` field that carries the relation: Backstage's own
   * processor emits its relations, not the catalog module.
   */
  field?: NativeRelationField;
}

/** The relations Backstage's own processor emits for each native field. */
const NATIVE_FIELD_RELATIONS: Record<NativeRelationField, [string, string]> = {
  owner: [RELATION_OWNED_BY, RELATION_OWNER_OF],
  system: [RELATION_PART_OF, RELATION_HAS_PART],
  domain: [RELATION_PART_OF, RELATION_HAS_PART],
  subdomainOf: [RELATION_PART_OF, RELATION_HAS_PART],
  subcomponentOf: [RELATION_PART_OF, RELATION_HAS_PART],
  dependsOn: [RELATION_DEPENDS_ON, RELATION_DEPENDENCY_OF],
  consumesApis: [RELATION_CONSUMES_API, RELATION_API_CONSUMED_BY],
  providesApis: [RELATION_PROVIDES_API, RELATION_API_PROVIDED_BY],
  parent: [RELATION_CHILD_OF, RELATION_PARENT_OF],
  children: [RELATION_PARENT_OF, RELATION_CHILD_OF],
  members: [RELATION_HAS_MEMBER, RELATION_MEMBER_OF],
  memberOf: [RELATION_MEMBER_OF, RELATION_HAS_MEMBER],
};

/**
 * The catalog relation types of relation `key` of `blueprint`, as the
 * catalog ends up holding them:
 *
 * - a relation that a native `spec` field of a built-in kind carries
 *   (`spec.system`, `spec.dependsOn`, …) has that field's Backstage types;
 * - an API's relation to a Component whose key or title says `provid…` or
 *   `consum…` is `apiProvidedBy`/`providesApi` or `apiConsumedBy`/`consumesApi`;
 * - any other, as the catalog module emits it, is `<key>` from the source and
 *   `<key>Of` from the target (`service` / `serviceOf`).
 * @public
 */
export function relationTypesOf(
  blueprint: Blueprint,
  key: string,
): BlueprintRelationTypes | undefined {
  const relation = ownValue(blueprint.relations, key);
  if (!relation) {
    return undefined;
  }
  const sourceKind = builtInKindOf(blueprint.identifier);
  const targetKind = builtInKindOf(relation.target);
  const field =
    sourceKind && nativeRelationField(sourceKind, key, relation, targetKind);
  if (field) {
    const [type, reverse] = NATIVE_FIELD_RELATIONS[field];
    return { type, reverse, native: true, field };
  }
  // A field of the target (a Component's providesApis), seen from the API.
  const inverse = inverseNativeRelationField(
    sourceKind,
    key,
    relation,
    targetKind,
  );
  if (inverse === 'providesApis') {
    return {
      type: RELATION_API_PROVIDED_BY,
      reverse: RELATION_PROVIDES_API,
      native: true,
    };
  }
  if (inverse === 'consumesApis') {
    return {
      type: RELATION_API_CONSUMED_BY,
      reverse: RELATION_CONSUMES_API,
      native: true,
    };
  }
  return { type: key, reverse: `${key}Of`, native: false };
}

/**
 * The relation pairs (`[type, reverse]`) the blueprints add to the catalog
 * beyond Backstage's own: one per distinct relation key, in the order the
 * blueprints name them.
 * @public
 */
export function blueprintRelationPairs(
  blueprints: Blueprint[],
): Array<[string, string]> {
  const pairs = new Map<string, [string, string]>();
  for (const blueprint of blueprints) {
    for (const key of Object.keys(blueprint.relations ?? {})) {
      const types = relationTypesOf(blueprint, key);
      if (types && !types.native && !pairs.has(types.type)) {
        pairs.set(types.type, [types.type, types.reverse]);
      }
    }
  }
  return [...pairs.values()];
}
