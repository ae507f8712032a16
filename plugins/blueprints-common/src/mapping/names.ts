import { KubernetesValidatorFunctions } from '@backstage/catalog-model';
import { Problem } from '../problems';

/*
 * Port identifiers allow what Backstage names forbid (`@ + : / \`, up to 100
 * characters where Backstage stops at 63). The mapping here is deterministic
 * and documented in the package README:
 *
 * - an identifier that is already a valid Backstage name is kept as it is;
 * - any other is sanitised (each forbidden character becomes `-`, separators
 *   at either end are dropped), shortened, and suffixed with `-` and eight hex
 *   digits of a hash of the whole identifier, so that `a/b` and `a:b` stay apart.
 *
 * The original identifier is always kept in the `plinth.dev/identifier`
 * annotation, so the way back never needs to invert this function.
 */

const MAX_NAME_LENGTH = 63;
const HASH_LENGTH = 8;

/** FNV-1a, 32 bits: tiny, isomorphic and stable across releases. */
function fnv1a(text: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0).toString(16).padStart(HASH_LENGTH, '0');
}

/**
 * The Backstage `metadata.name` for a Port entity identifier.
 *
 * @example
 * ```ts
 * entityNameFor('CartService'); // 'CartService'
 * entityNameFor('github.com/acme/cart'); // 'github.com-acme-cart-<8 hex digits>'
 * ```
 * @public
 */
export function entityNameFor(identifier: string): string {
  if (KubernetesValidatorFunctions.isValidObjectName(identifier)) {
    return identifier;
  }
  const base = identifier
    .replace(/[^A-Za-z0-9._-]/g, '-')
    .replace(/^[^A-Za-z0-9]+/, '')
    .slice(0, MAX_NAME_LENGTH - HASH_LENGTH - 1)
    .replace(/[^A-Za-z0-9]+$/, '');
  const hash = fnv1a(identifier);
  return base ? `${base}-${hash}` : `p${hash}`;
}

/**
 * The Backstage `kind` for a custom blueprint identifier: letters and digits
 * only, each removed character capitalising the next letter
 * (`pull-request` → `PullRequest`, `_team_member` → `TeamMember`).
 * @public
 */
export function customKindFor(blueprintIdentifier: string): string {
  const kind = blueprintIdentifier
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map(part => part[0].toUpperCase() + part.slice(1))
    .join('');
  // A kind starts with a letter.
  return /^[A-Za-z]/.test(kind) ? kind : `B${kind}`;
}

/**
 * Finds Port identifiers of one blueprint that map onto the same Backstage
 * name. Backstage compares names without regard to case, so `Cart` and `cart`
 * collide too.
 * @public
 */
export function findNameCollisions(
  entities: Array<{ identifier: string; source: string; pointer?: string }>,
  blueprint: string,
): Problem[] {
  const seen = new Map<string, string>();
  const problems: Problem[] = [];
  for (const { identifier, source, pointer } of entities) {
    const name = entityNameFor(identifier).toLocaleLowerCase('en-US');
    const earlier = seen.get(name);
    if (earlier === undefined) {
      seen.set(name, identifier);
    } else if (earlier !== identifier) {
      problems.push({
        source,
        pointer: pointer ?? '',
        entity: `${blueprint}:${identifier}`,
        message: `identifier "${identifier}" maps onto the same Backstage name as "${earlier}" (${entityNameFor(
          identifier,
        )}); Backstage names ignore case, so give one of them another identifier`,
      });
    }
  }
  return problems;
}
