import { LRUCache } from 'lru-cache';

/** Entities whose card is kept at most, when not configured. */
export const DEFAULT_CARD_CACHE_MAX_ENTITIES = 10_000;

/**
 * Characters of JSON kept at most, over every card: a bound on memory
 * (about 64 MB) whatever the cards' sizes.
 */
const MAX_CHARS = 32_000_000;

/** Options of {@link EntityCardCache}. */
export interface EntityCardCacheOptions {
  /**
   * How long a card is served from the cache, in milliseconds, counted from
   * when its read began; 0 reads every card afresh.
   */
  ttlMs: number;
  /** Entities whose card is kept at most (the least recently used go first). */
  maxEntities?: number;
  /** Characters of JSON kept at most over every card. */
  maxChars?: number;
  /** The clock, for tests. */
  now?: () => number;
}

/** How a card is read: the fetch context of the cache. */
type ReadItems = () => Promise<unknown[]>;

/**
 * Entity scorecard cards, per entity, as the JSON of their items: what
 * `GET /entity/:kind/:namespace/:name` sends, without a query or a
 * `JSON.stringify` when the card is kept.
 *
 * A card holds nothing of its caller: it is the entity's results as any
 * caller who may see the entity reads them, and whether the caller may see
 * it is decided on every request before the card is used. It is forgotten
 * when this replica writes results of the entity ({@link invalidate}) or a
 * scorecard changes ({@link clear}); results another replica writes show
 * once its time to live has passed, counted from when the kept read began.
 * A read under way when its entity is invalidated is answered but not kept.
 *
 * The cards are kept in an `LRUCache` (`lru-cache`), whose `fetch` shares
 * one read among concurrent callers. Deleting a key aborts the fetch under
 * way; with `ignoreFetchAbort`, the fetch still answers its callers, and
 * the cache keeps the answer only if the fetch still holds the key.
 */
export class EntityCardCache {
  private readonly ttlMs: number;
  private readonly cards: LRUCache<string, string, ReadItems>;

  constructor(options: EntityCardCacheOptions) {
    this.ttlMs = options.ttlMs;
    this.cards = new LRUCache<string, string, ReadItems>({
      max: options.maxEntities ?? DEFAULT_CARD_CACHE_MAX_ENTITIES,
      maxSize: options.maxChars ?? MAX_CHARS,
      sizeCalculation: json => json.length,
      perf: options.now && { now: options.now },
      // Read the clock on every check, not at most once a millisecond.
      ttlResolution: 0,
      ignoreFetchAbort: true,
      fetchMethod: async (
        entityRef,
        _stale,
        { options: set, signal, context },
      ) => {
        const clock = this.cards.perf;
        const startedAt = clock.now();
        const json = JSON.stringify(await context());
        // The cache serves an entry until its age exceeds its ttl; a card,
        // until its age reaches what remains of ttlMs: hence 1 ms less.
        const ttl = this.ttlMs - (clock.now() - startedAt) - 1;
        if (ttl > 0) {
          set.ttl = ttl;
        } else if (!signal.aborted) {
          // Too late to keep: still the key's fetch, so answered, not kept.
          this.cards.delete(entityRef);
        }
        return json;
      },
    });
  }

  /**
   * The JSON of an entity's card items: kept, or read with `read` (one read
   * at a time per entity; concurrent callers share it), serialized and kept.
   */
  async items(entityRef: string, read: ReadItems): Promise<string> {
    if (this.ttlMs <= 0) return JSON.stringify(await read());
    return this.cards.forceFetch(entityRef, { context: read });
  }

  /** Forgets the cards of these entities: their results were written. */
  invalidate(entityRefs: Iterable<string>): void {
    for (const ref of entityRefs) this.cards.delete(ref);
  }

  /** Forgets every card: a scorecard changed, or its results were deleted. */
  clear(): void {
    this.cards.clear();
  }

  /** How many fresh cards are kept (a read under way is not a card yet). */
  get size(): number {
    let cards = 0;
    for (const _ of this.cards.keys()) cards++;
    return cards;
  }
}
