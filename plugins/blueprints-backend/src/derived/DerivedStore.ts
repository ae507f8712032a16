import type {
  DerivedOwnership,
  DerivedValue,
  EntityGraph,
  EntityViewItem,
  PortEntity,
} from '@plinth/plugin-blueprints-common';

/** An entity of a blueprint, by the pair that names it in Port. */
export interface DerivedKey {
  blueprint: string;
  identifier: string;
}

/** An entity as the engine keeps it: its Port view and its catalog ref. */
export interface IndexedEntity {
  entityRef: string;
  entity: PortEntity & { blueprint: string };
}

/** The derived properties of one entity, as stored. */
export interface StoredDerived extends DerivedKey {
  entityRef: string;
  values: Record<string, DerivedValue>;
  ownership: DerivedOwnership;
  computedAt: string;
}

/** A queued entity, with when it was queued. */
export type QueuedKey = DerivedKey & { queuedAt: number };

/**
 * What the derived-property engine keeps: its copy of the catalog's
 * blueprint entities and their relations, the computed values, the work
 * queue, and the blueprint versions the values were computed with. It is
 * also the {@link @plinth/plugin-blueprints-common#EntityGraph} the engine
 * walks, a level at a time.
 */
export interface DerivedStore extends EntityGraph {
  /** The stored entities of these keys, with their hashes. */
  getEntities(
    keys: DerivedKey[],
  ): Promise<Map<string, IndexedEntity & { hash: string }>>;
  /** Saves entities and their relations, and removes others, in one transaction. */
  writeEntities(
    upserts: Array<IndexedEntity & { hash: string }>,
    removals: DerivedKey[],
  ): Promise<void>;
  /**
   * Every stored entity's key, ref, hash and when it was last written
   * (epoch ms), for a full comparison.
   */
  listEntityKeys(): Promise<
    Array<DerivedKey & { entityRef: string; hash: string; writtenAt: number }>
  >;

  /**
   * Puts entities in the queue, or moves them to its back: an entry queued
   * again always gets a later time than it had.
   */
  enqueue(keys: DerivedKey[], at?: number): Promise<void>;
  /** Puts every entity of these blueprints in the queue. */
  enqueueBlueprints(blueprints: string[], at?: number): Promise<void>;
  /** The blueprints with entities in the queue. */
  queuedBlueprints(): Promise<string[]>;
  /** The oldest queued entities (of a blueprint), with when they were queued. */
  peekQueue(limit: number, blueprint?: string): Promise<QueuedKey[]>;
  /**
   * Takes computed entities off the queue, unless they were queued again
   * since they were read: they stay for another round.
   */
  dequeue(items: QueuedKey[]): Promise<void>;
  /** How many entities wait in the queue. */
  queueLength(): Promise<number>;
  /** Refreshes the database's statistics after a large change. */
  analyze(): Promise<void>;

  /** Saves computed values. */
  writeValues(
    values: Array<
      DerivedKey & Omit<StoredDerived, 'entityRef' | keyof DerivedKey>
    >,
  ): Promise<void>;
  /** The entities a team owns, directly or by inheritance. */
  ownedBy(
    team: string,
  ): Promise<
    Array<DerivedKey & { entityRef: string; ownership: DerivedOwnership }>
  >;
  /** The stored derived values and ownership of these entities. */
  getDerivedValues(
    keys: DerivedKey[],
  ): Promise<
    Map<
      string,
      { values: Record<string, DerivedValue>; ownership: DerivedOwnership }
    >
  >;
  /** The stored derived properties of the entities of these catalog refs. */
  getDerivedByRefs(refs: string[]): Promise<Map<string, StoredDerived>>;
  /**
   * A page of a blueprint's entity views, by identifier after `after`, with
   * their refs and owning teams.
   */
  listViews(
    blueprint: string,
    after: string | undefined,
    limit: number,
  ): Promise<EntityViewItem[]>;
  /** The entity views of these catalog refs. */
  getViewsByRefs(refs: string[]): Promise<Map<string, EntityViewItem>>;
  /** The catalog refs of these entities. */
  entityRefsOf(keys: DerivedKey[]): Promise<string[]>;

  /** The blueprint versions the stored values were computed with. */
  getBlueprintVersions(): Promise<Map<string, number>>;
  setBlueprintVersions(versions: Map<string, number>): Promise<void>;
}
