import type {
  BackstageCredentials,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import type { Config } from '@backstage/config';
import { readDurationFromConfig } from '@backstage/config';
import { catalogEntityReadPermission } from '@backstage/plugin-catalog-common/alpha';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { durationToMilliseconds } from '@backstage/types';
import DataLoader from 'dataloader';
import { LRUCache } from 'lru-cache';

/** Refs per catalog request. */
const REFS_PER_REQUEST = 1000;

/**
 * How long a caller's decision and the catalog's answers are reused when
 * `plinth.catalogVisibility.cacheTtl` is not set.
 * @public
 */
export const DEFAULT_VISIBILITY_CACHE_TTL_MS = 10_000;

/** Callers and (caller, entity) answers kept at most. */
const MAX_CALLERS = 10_000;
const MAX_ANSWERS = 200_000;
/** Refs of recent requests remembered for asking ahead, and how many a request adds. */
const MAX_KNOWN_REFS = 5_000;
const PREFETCH_REFS = 500;

/**
 * What one caller may see of the catalog, decided once per request: made by
 * {@link CatalogVisibility.forCaller}.
 * @public
 */
export interface VisibleEntities {
  /**
   * True when the caller may see every entity (an unconditional allow of
   * `catalog.entity.read`): routes may skip filtering.
   */
  readonly all: boolean;
  /** The refs of `entityRefs` the caller may see (in the form given). */
  visible(entityRefs: readonly string[]): Promise<Set<string>>;
  /** The items whose entity the caller may see, in order. */
  filter<T>(items: readonly T[], refOf: (item: T) => string): Promise<T[]>;
}

/**
 * Which entities a caller may see, as the catalog decides it: what every
 * Plinth read route serves about an entity is filtered through it.
 *
 * The catalog's read permission (`catalog.entity.read`) decides: an
 * unconditional allow shows every entity, even one the catalog has not
 * ingested yet, without asking the catalog; a deny shows none; a
 * conditional decision (a policy that hides some entities) shows those the
 * catalog returns to the caller.
 *
 * Decisions and the catalog's answers are reused for the same caller for a
 * few seconds (`cacheTtlMs`; see {@link createCatalogVisibility}).
 * @public
 */
export interface CatalogVisibility {
  /** The caller's view: one permission decision, then catalog reads as needed. */
  forCaller(credentials: BackstageCredentials): Promise<VisibleEntities>;
}

/**
 * Options of {@link createCatalogVisibility}.
 * @public
 */
export interface CatalogVisibilityOptions {
  catalog: CatalogService;
  permissions: PermissionsService;
  /** Where `plinth.catalogVisibility.cacheTtl` is read from. */
  config?: Config;
  /**
   * How long, in milliseconds, a caller's decision and the catalog's answer
   * for an entity are reused; 0 asks afresh on every request. Wins over the
   * config; {@link DEFAULT_VISIBILITY_CACHE_TTL_MS} when neither is given.
   */
  cacheTtlMs?: number;
}

type Scope = 'all' | 'none' | 'catalog';

/**
 * Who a cached answer is for: the principal and the expiry of its token. A
 * user token carries the user's ownership claims, which conditional
 * decisions are made of; a new token (a new sign-in, a refresh) has another
 * expiry, so nothing is reused across tokens. Callers of other kinds are
 * not cached.
 */
function callerKey(credentials: BackstageCredentials): string | undefined {
  const principal = credentials.principal as {
    type?: string;
    userEntityRef?: string;
    subject?: string;
    actor?: { subject?: string };
    accessRestrictions?: unknown;
  };
  const expiry = credentials.expiresAt?.getTime() ?? '';
  if (principal?.type === 'user' && principal.userEntityRef) {
    return `user\n${principal.userEntityRef}\n${
      principal.actor?.subject ?? ''
    }\n${expiry}`;
  }
  if (principal?.type === 'service' && principal.subject) {
    return `service\n${principal.subject}\n${JSON.stringify(
      principal.accessRestrictions ?? null,
    )}\n${expiry}`;
  }
  return undefined;
}

/** The cache TTL from the options, the config, or the default. */
function cacheTtlOf(options: CatalogVisibilityOptions): number {
  if (options.cacheTtlMs !== undefined) return options.cacheTtlMs;
  const key = 'plinth.catalogVisibility.cacheTtl';
  if (options.config?.has(key)) {
    return durationToMilliseconds(
      readDurationFromConfig(options.config, { key }),
    );
  }
  return DEFAULT_VISIBILITY_CACHE_TTL_MS;
}

/**
 * The {@link CatalogVisibility} of the catalog service and the permission
 * framework.
 *
 * A caller's decision, and the catalog's answer for each entity it asked
 * about, are reused for that caller for `cacheTtlMs` (10 seconds by
 * default, and never past the token's expiry), so that a page of reads
 * costs one decision rather than one per request. A change of policy or of
 * an entity's ownership therefore counts within that time, as it reaches
 * the catalog itself within its processing loop (minutes); a change of
 * group membership counts with the user's next token, which carries the
 * claims conditional decisions are made of and is cached apart.
 *
 * @example
 * ```ts
 * const visibility = createCatalogVisibility({ catalog, permissions, config });
 * const view = await visibility.forCaller(credentials);
 * const rows = view.all ? results : await view.filter(results, r => r.entityRef);
 * ```
 * @public
 */
export function createCatalogVisibility(
  options: CatalogVisibilityOptions,
): CatalogVisibility {
  const { catalog, permissions } = options;
  const ttl = cacheTtlOf(options);
  const scopes =
    ttl > 0
      ? new LRUCache<string, Promise<Scope>>({ max: MAX_CALLERS, ttl })
      : undefined;
  const answers =
    ttl > 0
      ? new LRUCache<string, boolean>({ max: MAX_ANSWERS, ttl })
      : undefined;

  /** The cache entry's life: the TTL, cut short by the token's expiry. */
  const lifeOf = (credentials: BackstageCredentials) => {
    const left = credentials.expiresAt
      ? credentials.expiresAt.getTime() - Date.now()
      : Infinity;
    return Math.max(1, Math.min(ttl, left));
  };

  async function decide(credentials: BackstageCredentials): Promise<Scope> {
    const [decision] = await permissions.authorizeConditional(
      [{ permission: catalogEntityReadPermission }],
      { credentials },
    );
    if (decision.result === AuthorizeResult.ALLOW) return 'all';
    if (decision.result === AuthorizeResult.DENY) return 'none';
    return 'catalog';
  }

  function scopeOf(
    credentials: BackstageCredentials,
    key: string | undefined,
  ): Promise<Scope> {
    if (!scopes || key === undefined) return decide(credentials);
    const cached = scopes.get(key);
    if (cached) return cached;
    // Concurrent requests of one caller share the one decision.
    const pending = decide(credentials);
    scopes.set(key, pending, { ttl: lifeOf(credentials) });
    pending.catch(() => scopes.delete(key));
    return pending;
  }

  /** One catalog request for these refs, with the caller's credentials. */
  async function lookUp(
    refs: readonly string[],
    credentials: BackstageCredentials,
  ): Promise<boolean[]> {
    const found: boolean[] = [];
    for (let i = 0; i < refs.length; i += REFS_PER_REQUEST) {
      const slice = refs.slice(i, i + REFS_PER_REQUEST);
      const { items } = await catalog.getEntitiesByRefs(
        { entityRefs: slice, fields: ['kind'] },
        { credentials },
      );
      slice.forEach((_, j) => found.push(!!items[j]));
    }
    return found;
  }

  /**
   * Refs any caller asked about lately. A catalog request costs about the
   * same for one ref as for hundreds, so a caller's request also asks about
   * these (up to {@link PREFETCH_REFS}): the next pages it opens are answered
   * from its own cache. The answers are kept for that caller only.
   */
  const known = new LRUCache<string, true>({ max: MAX_KNOWN_REFS });
  /** Answers on their way, so that no ref is asked about twice at once. */
  const inFlight = new Map<string, Promise<boolean>>();

  /** One catalog request for a caller's missing refs, and known ones. */
  async function askWithPrefetch(
    refs: readonly string[],
    credentials: BackstageCredentials,
    key: string,
  ): Promise<boolean[]> {
    const asked = new Set(refs);
    // Asking ahead fills a request up to the catalog's page, never beyond.
    const limit = Math.min(REFS_PER_REQUEST, refs.length + PREFETCH_REFS);
    for (const ref of known.keys()) {
      if (asked.size >= limit) break;
      const answerKey = `${key}\n${ref}`;
      if (!answers!.has(answerKey) && !inFlight.has(answerKey)) asked.add(ref);
    }
    const list = [...asked];
    const call = lookUp(list, credentials);
    const life = lifeOf(credentials);
    list.forEach((ref, i) => {
      const answerKey = `${key}\n${ref}`;
      const answer = call.then(found => found[i]);
      inFlight.set(answerKey, answer);
      answer.then(
        found => {
          answers!.set(answerKey, found, { ttl: life });
          inFlight.delete(answerKey);
        },
        () => inFlight.delete(answerKey),
      );
    });
    const found = await call;
    // A batch may name a ref twice (two requests of one turn): by ref, not index.
    const answerOf = new Map(list.map((ref, i) => [ref, found[i]]));
    return refs.map(ref => answerOf.get(ref)!);
  }

  /**
   * Per caller, the refs its concurrent requests ask about in one event
   * loop turn go to the catalog together.
   */
  const loaders = answers
    ? new LRUCache<string, DataLoader<string, boolean>>({
        max: MAX_CALLERS,
        ttl,
      })
    : undefined;
  function loaderOf(key: string, credentials: BackstageCredentials) {
    let loader = loaders!.get(key);
    if (!loader) {
      loader = new DataLoader<string, boolean>(
        refs => askWithPrefetch(refs, credentials, key),
        {
          cache: false,
          maxBatchSize: REFS_PER_REQUEST,
          batchScheduleFn: callback => setImmediate(callback),
        },
      );
      loaders!.set(key, loader, { ttl: lifeOf(credentials) });
    }
    return loader;
  }

  async function askCatalog(
    refs: string[],
    credentials: BackstageCredentials,
    key: string | undefined,
  ): Promise<Set<string>> {
    if (!answers || key === undefined) {
      const found = await lookUp(refs, credentials);
      return new Set(refs.filter((_, i) => found[i]));
    }
    const seen = new Set<string>();
    const unknown: string[] = [];
    const pending: Promise<void>[] = [];
    for (const ref of refs) {
      known.set(ref, true);
      const answerKey = `${key}\n${ref}`;
      const answer = answers.get(answerKey);
      const onItsWay = answer === undefined && inFlight.get(answerKey);
      if (answer) seen.add(ref);
      else if (onItsWay) {
        pending.push(onItsWay.then(found => void (found && seen.add(ref))));
      } else if (answer === undefined) unknown.push(ref);
    }
    if (unknown.length > 0) {
      const found = await loaderOf(key, credentials).loadMany(unknown);
      unknown.forEach((ref, i) => {
        const answer = found[i];
        if (answer instanceof Error) throw answer;
        if (answer) seen.add(ref);
      });
    }
    await Promise.all(pending);
    return seen;
  }

  return {
    async forCaller(credentials) {
      const key = callerKey(credentials);
      const scope = await scopeOf(credentials, key);
      const all = scope === 'all';
      const visible = async (entityRefs: readonly string[]) => {
        const refs = [...new Set(entityRefs)];
        if (all) return new Set(refs);
        if (scope === 'none' || refs.length === 0) return new Set<string>();
        return askCatalog(refs, credentials, key);
      };
      return {
        all,
        visible,
        async filter(items, refOf) {
          if (all) return [...items];
          const seen = await visible(items.map(refOf));
          return items.filter(item => seen.has(refOf(item)));
        },
      };
    },
  };
}
