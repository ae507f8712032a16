import { BlueprintRelation } from '../blueprint/types';
import { BuiltInKind } from './kinds';

/**
 * A field of a built-in kind's `spec` that holds entity references.
 * @public
 */
export type NativeRelationField =
  | 'owner'
  | 'system'
  | 'domain'
  | 'subdomainOf'
  | 'subcomponentOf'
  | 'dependsOn'
  | 'consumesApis'
  | 'providesApis'
  | 'parent'
  | 'children'
  | 'members'
  | 'memberOf';

const SINGLE_VALUED: ReadonlySet<NativeRelationField> = new Set([
  'owner',
  'system',
  'domain',
  'subdomainOf',
  'subcomponentOf',
  'parent',
]);

/**
 * Whether a native field holds one reference (`system`) or a list (`dependsOn`).
 * @public
 */
export function isSingleValuedField(field: NativeRelationField): boolean {
  return SINGLE_VALUED.has(field);
}

function says(relationKey: string, relation: BlueprintRelation, word: RegExp) {
  return word.test(relationKey) || word.test(relation.title ?? '');
}

/**
 * The native `spec` field a blueprint relation maps onto, so the catalog graph,
 * API docs and every other plugin see it; `undefined` when Backstage has no
 * field for it (the catalog module then emits the relation itself).
 *
 * The field follows from the two kinds; where two fields fit, the relation's
 * key or title decides: `provid…` makes a Component→API relation
 * `providesApis` (else `consumesApis`), `parent…`/`subcomponent…` makes a
 * single Component→Component relation `subcomponentOf` (else `dependsOn`).
 *
 * @public
 */
export function nativeRelationField(
  sourceKind: BuiltInKind,
  relationKey: string,
  relation: BlueprintRelation,
  targetKind: BuiltInKind | undefined,
): NativeRelationField | undefined {
  const many = relation.many === true;
  let field: NativeRelationField | undefined;
  switch (`${sourceKind}>${targetKind}`) {
    case 'Component>System':
    case 'API>System':
    case 'Resource>System':
      field = 'system';
      break;
    case 'System>Domain':
      field = 'domain';
      break;
    case 'Domain>Domain':
      field = 'subdomainOf';
      break;
    case 'Component>Component':
      field =
        !many && says(relationKey, relation, /parent|subcomponent/i)
          ? 'subcomponentOf'
          : 'dependsOn';
      break;
    case 'Component>Resource':
    case 'Resource>Resource':
    case 'Resource>Component':
      field = 'dependsOn';
      break;
    case 'Component>API':
      field = says(relationKey, relation, /provid/i)
        ? 'providesApis'
        : 'consumesApis';
      break;
    case 'Group>Group':
      field = many ? 'children' : 'parent';
      break;
    case 'Group>User':
      field = 'members';
      break;
    case 'User>Group':
      field = 'memberOf';
      break;
    default:
      if (
        (targetKind === 'Group' || targetKind === 'User') &&
        sourceKind !== 'Group' &&
        sourceKind !== 'User' &&
        says(relationKey, relation, /owner|team/i)
      ) {
        field = 'owner';
      }
  }
  // A relation with many targets cannot fill a field that holds one.
  if (field && many && isSingleValuedField(field)) return undefined;
  return field;
}

/**
 * The native `spec` field of the relation's *target* that carries a
 * relation Backstage has no field for on the source: an API's relation to
 * the Component that provides it (key or title `provid…`, as the seed's
 * `provider`) is the Component's `providesApis`, one that consumes it
 * (`consum…`) the Component's `consumesApis`. `undefined` for every other
 * relation.
 *
 * @example
 * ```ts
 * inverseNativeRelationField('API', 'provider', { target: 'Component' }, 'Component');
 * // 'providesApis': Cart API's provider CartService gets providesApis: [api:default/CartAPI]
 * ```
 * @public
 */
export function inverseNativeRelationField(
  sourceKind: BuiltInKind | undefined,
  relationKey: string,
  relation: BlueprintRelation,
  targetKind: BuiltInKind | undefined,
): NativeRelationField | undefined {
  if (sourceKind !== 'API' || targetKind !== 'Component') return undefined;
  if (says(relationKey, relation, /provid/i)) return 'providesApis';
  if (says(relationKey, relation, /consum/i)) return 'consumesApis';
  return undefined;
}
