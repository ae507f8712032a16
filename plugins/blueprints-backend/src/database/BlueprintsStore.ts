import type {
  Blueprint,
  BlueprintOrigin,
  BlueprintVersion,
  PortEntity,
  Problem,
  RegisteredBlueprint,
  StoredEntity,
} from '@plinth/plugin-blueprints-common';

/**
 * A blueprint created through the API, as the store keeps it.
 */
export interface ApiBlueprintRecord {
  blueprint: Blueprint;
  /** ISO 8601. */
  createdAt: string;
  createdBy: string;
  /** ISO 8601. */
  updatedAt: string;
  updatedBy: string;
}

/**
 * One blueprint of the set the registry applies, with where it came from.
 */
export interface AppliedBlueprintInput {
  blueprint: Blueprint;
  origin: BlueprintOrigin;
  source: string;
  /**
   * Who a new version is recorded as made by, when the definition differs
   * from the latest version: a user or service ref, `file:<path>`, or the
   * catalog entity ref.
   */
  changedBy: string;
}

/** A change to the blueprints created through the API. */
export type ApiBlueprintChange =
  | { type: 'create'; blueprint: Blueprint; by: string }
  | { type: 'update'; blueprint: Blueprint; by: string }
  | { type: 'delete'; identifier: string };

/** The applied set and the problems of what was left out. */
export interface RegistrySnapshot {
  items: RegisteredBlueprint[];
  problems: Problem[];
}

/** What {@link BlueprintsStore.saveRegistry} wrote. */
export interface SavedRegistry extends RegistrySnapshot {
  /** Whether the applied set differs from the one stored before. */
  changed: boolean;
}

/** Identifies one entity of the entity store. */
export interface EntityKey {
  blueprint: string;
  identifier: string;
}

/**
 * Where the blueprints backend keeps its state: the blueprints created
 * through the API, every version of every blueprint, the applied set
 * (shared by all replicas), and the entity store.
 */
export interface BlueprintsStore {
  /** The blueprints created through the API, oldest first. */
  listApiBlueprints(): Promise<ApiBlueprintRecord[]>;

  /**
   * Replaces the applied set, in one transaction: applies `apiChange`
   * first, when given, then records a new version of every blueprint whose
   * definition differs from its latest version, then stores the set and the
   * problems. Either all of it is written or none.
   *
   * @throws ConflictError when a created blueprint exists, or a deleted one
   *   still has entities in the entity store
   * @throws NotFoundError when an updated or deleted blueprint does not exist
   */
  saveRegistry(options: {
    applied: AppliedBlueprintInput[];
    problems: Problem[];
    apiChange?: ApiBlueprintChange;
  }): Promise<SavedRegistry>;

  /** The applied set as last saved, by any replica. */
  getRegistry(): Promise<RegistrySnapshot>;

  /** Every version of a blueprint, newest first; empty when never known. */
  listVersions(identifier: string): Promise<BlueprintVersion[]>;

  /** The entities of the store, of one blueprint or all, by blueprint and identifier. */
  listEntities(blueprint?: string): Promise<StoredEntity[]>;

  getEntity(key: EntityKey): Promise<PortEntity | undefined>;

  /** Which of the given entities exist in the store. */
  findEntities(keys: EntityKey[]): Promise<EntityKey[]>;

  countEntities(blueprint: string): Promise<number>;

  /**
   * Writes one entity: `create` fails with a ConflictError when it exists,
   * `replace` with a NotFoundError when it does not, `upsert` does either.
   */
  writeEntity(
    blueprint: string,
    entity: PortEntity,
    mode: 'create' | 'replace' | 'upsert',
  ): Promise<void>;

  /** Deletes one entity; false when there was none. */
  deleteEntity(key: EntityKey): Promise<boolean>;
}
