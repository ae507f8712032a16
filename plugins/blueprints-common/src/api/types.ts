import { Blueprint } from '../blueprint/types';
import { PortEntity } from '../entity/types';
import { Problem } from '../problems';

/*
 * The blueprints backend's REST API (`/api/blueprints`), as its clients see it.
 * The router validates requests against these shapes; the HTTP clients of the
 * catalog module and the frontend read them.
 */

/**
 * Where a blueprint comes from: a file named in `app-config.yaml`, a catalog
 * entity of kind `Blueprint`, or the API.
 * @public
 */
export type BlueprintOrigin = 'file' | 'catalog' | 'api';

/**
 * A blueprint in the registry, with where it came from and its version.
 * @public
 */
export interface RegisteredBlueprint {
  blueprint: Blueprint;
  origin: BlueprintOrigin;
  /** The file, the catalog entity ref, or `api`. */
  source: string;
  /** Starts at 1; grows by one with every change of the definition. */
  version: number;
  /** ISO 8601. */
  updatedAt: string;
}

/**
 * `GET /blueprints`: every applied blueprint, and the problems of those that
 * could not be applied (with their source and JSON pointer); the warnings
 * of applied blueprints too, with `severity: 'warning'`.
 * @public
 */
export interface BlueprintListResponse {
  items: RegisteredBlueprint[];
  problems: Problem[];
}

/**
 * One version of a blueprint, in `GET /blueprints/:identifier/versions`.
 * @public
 */
export interface BlueprintVersion {
  version: number;
  blueprint: Blueprint;
  origin: BlueprintOrigin;
  source: string;
  /** ISO 8601. */
  createdAt: string;
  /** The user or service that made the change, as an entity or service ref. */
  createdBy?: string;
}

/**
 * `GET /blueprints/:identifier/versions`, newest first.
 * @public
 */
export interface BlueprintVersionsResponse {
  items: BlueprintVersion[];
}

/**
 * `POST /validate/blueprint` and `POST /validate/entity`: whether the document
 * would be accepted, and why not; a valid blueprint's problems are its
 * warnings, if any. Nothing is saved.
 * @public
 */
export interface ValidationResponse {
  valid: boolean;
  problems: Problem[];
}

/**
 * An entity of the entity store, with its blueprint.
 * @public
 */
export interface StoredEntity {
  blueprint: string;
  entity: PortEntity;
}

/**
 * `GET /entities`: every entity of the entity store.
 * @public
 */
export interface StoredEntityListResponse {
  items: StoredEntity[];
}

/**
 * The topic on which the blueprints backend announces changes through the
 * Backstage events service.
 * @public
 */
export const BLUEPRINTS_EVENT_TOPIC = 'plinth.blueprints';

/**
 * What the blueprints backend announces on {@link BLUEPRINTS_EVENT_TOPIC}:
 * the set of blueprints changed, or entities of the store did (`entity`
 * absent for a deleted one).
 * @public
 */
export type BlueprintsEvent =
  | { type: 'blueprints.changed' }
  | {
      type: 'entities.changed';
      changes: Array<{
        blueprint: string;
        identifier: string;
        entity?: PortEntity;
      }>;
    };

/**
 * Which kind of derived property a value belongs to.
 * @public
 */
export type DerivedPropertyKind = 'mirror' | 'calculation' | 'aggregation';

/**
 * One derived property's value for one entity. `value` is `null` when there is
 * none (a relation not set, or the program failed); `error` then says why.
 * @public
 */
export interface DerivedValue {
  kind: DerivedPropertyKind;
  value: unknown;
  /** Why there is no value: the jq program failed or timed out, a mirror path broke, ... */
  error?: string;
  /** A colorized calculation property: shown in a colour. */
  colorized?: boolean;
  /** Its colour for this value, from the property's `colors` (else the UI picks). */
  color?: string;
  /** ISO 8601: when the value was last computed. */
  computedAt: string;
}

/**
 * An entity's ownership as its blueprint defines it: `Direct` (the entity's
 * own team) or `Inherited` through a relation path.
 * @public
 */
export interface DerivedOwnership {
  type: 'Direct' | 'Inherited';
  /** The relation path for `Inherited`, e.g. `system.domain`. */
  path?: string;
  /** The owning teams, as Port team identifiers / Backstage group names. */
  teams: string[];
}

/**
 * `GET /derived/by-ref/:kind/:namespace/:name`: an entity's derived properties,
 * keyed by property identifier, with its ownership. Answers 404 when the
 * entity is of no blueprint, or has not been computed yet.
 * @public
 */
export interface DerivedPropertiesResponse {
  entityRef: string;
  blueprint: string;
  identifier: string;
  values: Record<string, DerivedValue>;
  ownership: DerivedOwnership;
}

/**
 * `POST /derived/by-refs` with `{ entityRefs }`: the derived properties of
 * many entities, in the order asked, `null` for those without.
 * @public
 */
export interface DerivedPropertiesBatchResponse {
  items: Array<DerivedPropertiesResponse | null>;
}

/**
 * `GET /derived/owned-by/:team`: the entities a team owns, directly or by
 * inheritance, among those the caller may see.
 * @public
 */
export interface OwnedEntitiesResponse {
  items: Array<{
    entityRef: string;
    blueprint: string;
    identifier: string;
    ownership: DerivedOwnership;
  }>;
}

/**
 * The topic on which the catalog module tells the blueprints backend which
 * entities of blueprints the catalog processed with new content.
 * @public
 */
export const BLUEPRINTS_CATALOG_EVENT_TOPIC = 'plinth.blueprints.catalog';

/**
 * What the catalog module publishes on {@link BLUEPRINTS_CATALOG_EVENT_TOPIC}:
 * entities of blueprints as Port sees them, each with its catalog ref, that
 * changed since this replica of the catalog last processed them.
 * @public
 */
export interface CatalogEntitiesEvent {
  type: 'catalog.entities.changed';
  entities: Array<{
    entityRef: string;
    entity: PortEntity & { blueprint: string };
  }>;
}

/**
 * One entity as queries and scorecards read it: its Port data with its
 * derived values, its catalog ref, and its owning teams (direct or
 * inherited).
 * @public
 */
export interface EntityViewItem {
  entityRef: string;
  entity: PortEntity & {
    blueprint: string;
    /** Derived property key → value (`null` when it has none). */
    derived?: Record<string, unknown>;
  };
  teams: string[];
}

/**
 * `GET /derived/views?blueprint=&after=&limit=` (service callers only): a
 * page of a blueprint's entities, by identifier; `next` is the `after` of the
 * next page, absent on the last.
 * @public
 */
export interface EntityViewsResponse {
  items: EntityViewItem[];
  next?: string;
}

/**
 * `POST /derived/views/by-refs` with `{ entityRefs }` (service callers only):
 * entity views in the order asked, `null` for refs of no blueprint entity.
 * @public
 */
export interface EntityViewsBatchResponse {
  items: Array<EntityViewItem | null>;
}

/**
 * The topic on which the blueprints backend announces entities whose view
 * (data or derived values) was computed again, and entities that are gone.
 * @public
 */
export const BLUEPRINTS_DERIVED_EVENT_TOPIC = 'plinth.blueprints.derived';

/**
 * What the blueprints backend publishes on
 * {@link BLUEPRINTS_DERIVED_EVENT_TOPIC}.
 * @public
 */
export interface DerivedEntitiesEvent {
  type: 'derived.entities.changed';
  /** Catalog refs of entities computed again. */
  entityRefs: string[];
  /** Catalog refs of entities no longer in the catalog. */
  removed: string[];
}
