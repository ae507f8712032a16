import { PLINTH_API_VERSION } from './annotations';
import { customKindFor } from './names';

/**
 * The Backstage kinds a blueprint can map onto. A blueprint whose identifier
 * names one of them (in any case; Port's own `_user` and `_team` too) becomes
 * that kind, so every other Backstage plugin keeps working with its entities.
 * @public
 */
export type BuiltInKind =
  | 'Domain'
  | 'System'
  | 'Component'
  | 'API'
  | 'Resource'
  | 'Group'
  | 'User';

const BUILT_IN_KINDS: ReadonlyMap<string, BuiltInKind> = new Map([
  ['domain', 'Domain'],
  ['system', 'System'],
  ['component', 'Component'],
  ['api', 'API'],
  ['resource', 'Resource'],
  ['group', 'Group'],
  ['user', 'User'],
  ['_team', 'Group'],
  ['_user', 'User'],
]);

/**
 * The built-in kind a blueprint maps onto, or `undefined` for a custom kind.
 * @public
 */
export function builtInKindOf(
  blueprintIdentifier: string,
): BuiltInKind | undefined {
  return BUILT_IN_KINDS.get(blueprintIdentifier.toLocaleLowerCase('en-US'));
}

/**
 * The `apiVersion` and `kind` of a blueprint's entities.
 *
 * @example
 * ```ts
 * entityTypeOf('Component'); // { apiVersion: 'backstage.io/v1alpha1', kind: 'Component' }
 * entityTypeOf('pull-request'); // { apiVersion: 'plinth.dev/v1alpha1', kind: 'PullRequest' }
 * ```
 * @public
 */
export function entityTypeOf(blueprintIdentifier: string): {
  apiVersion: string;
  kind: string;
} {
  const builtIn = builtInKindOf(blueprintIdentifier);
  return builtIn
    ? { apiVersion: 'backstage.io/v1alpha1', kind: builtIn }
    : {
        apiVersion: PLINTH_API_VERSION,
        kind: customKindFor(blueprintIdentifier),
      };
}
