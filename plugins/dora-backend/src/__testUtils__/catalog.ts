import type { BackstageCredentials } from '@backstage/backend-plugin-api';
import { mockCredentials } from '@backstage/backend-test-utils';
import { parseEntityRef } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';

/** The user from whom the test catalogs hide entities. */
export const GUEST = 'user:default/guest';

type Caller = { credentials: BackstageCredentials };
/** The guest, from whom the test catalogs hide entities. */
export const asGuest: Caller = { credentials: mockCredentials.user(GUEST) };
/** A user who sees every entity. */
export const asUser: Caller = { credentials: mockCredentials.user() };
/** Another plugin. */
export const asService: Caller = { credentials: mockCredentials.service() };

function userOf(credentials: BackstageCredentials | undefined) {
  const principal = credentials?.principal as
    | { type?: string; userEntityRef?: string }
    | undefined;
  return principal?.type === 'user' ? principal.userEntityRef : undefined;
}

/**
 * A catalog that knows `entities` (all refs asked about when not given) and
 * hides some of them from some users, as a permission policy does:
 * `getEntitiesByRefs` answers null for an entity the caller may not see, as
 * for one it does not know. Services see every entity.
 */
export function catalogHiding(options: {
  hiddenFrom: Record<string, string[]>;
  entities?: string[];
}) {
  const known = options.entities && new Set(options.entities);
  return catalogServiceMock.mock({
    async getEntitiesByRefs(request, requestOptions) {
      const credentials =
        requestOptions && 'credentials' in requestOptions
          ? requestOptions.credentials
          : undefined;
      const user = userOf(credentials);
      const hidden = new Set(user ? options.hiddenFrom[user] ?? [] : []);
      return {
        items: request.entityRefs.map(ref => {
          if (hidden.has(ref) || (known && !known.has(ref))) return undefined;
          const { kind, namespace, name } = parseEntityRef(ref);
          return {
            apiVersion: 'backstage.io/v1alpha1',
            kind,
            metadata: { name, namespace },
          };
        }),
      };
    },
  });
}
