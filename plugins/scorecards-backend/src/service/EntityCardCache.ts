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

interface Entry {
  json: string;
  expiresAt: number;
}

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
 */
export class EntityCardCache {
  private readonly ttlMs: number;
  private readonly maxEntities: number;
  private readonly maxChars: number;
  private readonly now: () => number;
  /** Cards by entity ref, least recently used first. */
  private readonly entries = new Map<string, Entry>();
  /** Reads under way, by entity ref; one invalidated is taken out. */
  private readonly reads = new Map<string, Promise<string>>();
  private chars = 0;

  constructor(options: EntityCardCacheOptions) {
    this.ttlMs = options.ttlMs;
    this.maxEntities = options.maxEntities ?? DEFAULT_CARD_CACHE_MAX_ENTITIES;
    this.maxChars = options.maxChars ?? MAX_CHARS;
    this.now = options.now ?? Date.now;
  }

  /**
   * The JSON of an entity's card items: kept, or read with `read` (one read
   * at a time per entity; concurrent callers share it), serialized and kept.
   */
  async items(
    entityRef: string,
    read: () => Promise<unknown[]>,
  ): Promise<string> {
    if (this.ttlMs <= 0) return JSON.stringify(await read());
    const entry = this.entries.get(entityRef);
    if (entry) {
      if (entry.expiresAt > this.now()) {
        // Most recently used: to the end of the map's order.
        this.entries.delete(entityRef);
        this.entries.set(entityRef, entry);
        return entry.json;
      }
      this.forget(entityRef);
    }
    const pending = this.reads.get(entityRef);
    if (pending) return pending;

    const startedAt = this.now();
    const reading = read().then(items => JSON.stringify(items));
    this.reads.set(entityRef, reading);
    try {
      const json = await reading;
      // Invalidated meanwhile (taken out, or another read in its place):
      // the answer may predate the write, so it is not kept.
      if (this.reads.get(entityRef) === reading) {
        this.keep(entityRef, { json, expiresAt: startedAt + this.ttlMs });
      }
      return json;
    } finally {
      if (this.reads.get(entityRef) === reading) this.reads.delete(entityRef);
    }
  }

  /** Forgets the cards of these entities: their results were written. */
  invalidate(entityRefs: Iterable<string>): void {
    for (const ref of entityRefs) {
      this.forget(ref);
      this.reads.delete(ref);
    }
  }

  /** Forgets every card: a scorecard changed, or its results were deleted. */
  clear(): void {
    this.entries.clear();
    this.reads.clear();
    this.chars = 0;
  }

  /** How many cards are kept. */
  get size(): number {
    return this.entries.size;
  }

  private keep(entityRef: string, entry: Entry) {
    this.forget(entityRef);
    if (entry.json.length > this.maxChars) return;
    this.entries.set(entityRef, entry);
    this.chars += entry.json.length;
    while (this.entries.size > this.maxEntities || this.chars > this.maxChars) {
      const oldest = this.entries.keys().next().value as string;
      this.forget(oldest);
    }
  }

  private forget(entityRef: string) {
    const entry = this.entries.get(entityRef);
    if (!entry) return;
    this.entries.delete(entityRef);
    this.chars -= entry.json.length;
  }
}
