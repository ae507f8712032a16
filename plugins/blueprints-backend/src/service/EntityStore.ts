import {
  BackstageCredentials,
  LoggerService,
} from '@backstage/backend-plugin-api';
import {
  ANNOTATION_LOCATION,
  DEFAULT_NAMESPACE,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { ConflictError, InputError, NotFoundError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { EventsService } from '@backstage/plugin-events-node';
import {
  ANNOTATION_BLUEPRINT,
  ANNOTATION_IDENTIFIER,
  BlueprintsEvent,
  entityNameFor,
  entityTypeOf,
  formatProblem,
  IDENTIFIER_PATTERN,
  PortEntity,
  Problem,
  StoredEntity,
  ValidationResponse,
  describeValue,
} from '@plinth/plugin-blueprints-common';
import {
  CatalogVisibility,
  invalidInput,
  principalRef,
} from '@plinth/backend-utils';
import type { BlueprintsStore, EntityKey } from '../database/BlueprintsStore';
import type { BlueprintRegistry } from './BlueprintRegistry';
import { announce } from './announce';

/**
 * The location type under which the catalog module provides the store's
 * entities (`plinth-entity-store:blueprints`).
 */
const ENTITY_STORE_LOCATION_TYPE = 'plinth-entity-store:';

/** Where problems of an entity sent to the API say it comes from. */
const REQUEST_SOURCE = 'request';

/** Set by the store; what a client sends for them is ignored. */
const STAMPS = [
  'createdAt',
  'updatedAt',
  'createdBy',
  'updatedBy',
  'scorecards',
] as const;

/** What `merge` merges key by key; any other field given replaces the old. */
const MERGED_MAPS: readonly string[] = ['properties', 'relations'];

/**
 * How `POST /blueprints/:blueprint/entities` writes, as Port's entity API:
 * `upsert` creates or replaces, `merge` (with `upsert`) changes only what
 * is given, `validationOnly` checks and answers without saving.
 */
export interface EntityWriteOptions {
  upsert?: boolean;
  merge?: boolean;
  validationOnly?: boolean;
}

/** The entity as written, and whether it was created. */
export interface EntityWriteResult {
  entity: PortEntity;
  created: boolean;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function keyOf(blueprint: string, identifier: string): string {
  return `${blueprint}\u0000${identifier}`;
}

/** The request body without the fields the store sets. */
function withoutStamps(body: Record<string, unknown>): Record<string, unknown> {
  const rest = { ...body };
  for (const key of STAMPS) {
    delete rest[key];
  }
  return rest;
}

/**
 * `existing` with what `body` gives: its properties and relations key by
 * key, its title, team and icon whole; the rest is kept.
 */
function mergeInto(
  existing: PortEntity,
  body: Record<string, unknown>,
): Record<string, unknown> {
  const merged = withoutStamps({ ...existing });
  for (const [key, value] of Object.entries(body)) {
    const before = merged[key];
    merged[key] =
      MERGED_MAPS.includes(key) && isObject(value) && isObject(before)
        ? { ...before, ...value }
        : value;
  }
  return merged;
}

/** The catalog ref an entity of the store gets: its blueprint's kind. */
function catalogRefOf(blueprint: string, identifier: string): string {
  return stringifyEntityRef({
    kind: entityTypeOf(blueprint).kind,
    namespace: DEFAULT_NAMESPACE,
    name: entityNameFor(identifier),
  });
}

/**
 * The entity store: Port-format entities created through the API, kept in
 * the plugin's database and validated against the registry's blueprints,
 * with relation targets that must exist in the store or in the catalog.
 * Changes are announced on
 * {@link @plinth/plugin-blueprints-common#BLUEPRINTS_EVENT_TOPIC}.
 */
export class EntityStore {
  private readonly store: BlueprintsStore;
  private readonly registry: BlueprintRegistry;
  private readonly catalog: CatalogService;
  private readonly events: EventsService;
  private readonly logger: LoggerService;
  private readonly visibility: CatalogVisibility;

  constructor(options: {
    store: BlueprintsStore;
    registry: BlueprintRegistry;
    catalog: CatalogService;
    events: EventsService;
    logger: LoggerService;
    /** Which entities each caller may see. */
    visibility: CatalogVisibility;
  }) {
    this.store = options.store;
    this.registry = options.registry;
    this.catalog = options.catalog;
    this.events = options.events;
    this.logger = options.logger;
    this.visibility = options.visibility;
  }

  /** Every entity of the store that the caller may see in the catalog. */
  async list(credentials: BackstageCredentials): Promise<StoredEntity[]> {
    const view = await this.visibility.forCaller(credentials);
    return view.filter(await this.store.listEntities(), stored =>
      catalogRefOf(stored.blueprint, stored.entity.identifier),
    );
  }

  /**
   * The entities of one blueprint that the caller may see in the catalog.
   * @throws NotFoundError when the blueprint is not applied
   */
  async listOf(
    blueprint: string,
    credentials: BackstageCredentials,
  ): Promise<PortEntity[]> {
    this.registry.require(blueprint);
    const view = await this.visibility.forCaller(credentials);
    const stored = await view.filter(
      await this.store.listEntities(blueprint),
      s => catalogRefOf(blueprint, s.entity.identifier),
    );
    return stored.map(s => s.entity);
  }

  /**
   * One entity, when the caller may see it in the catalog.
   * @throws NotFoundError when the blueprint is not applied, there is no
   *   such entity, or the caller may not see it (the same answer: a hidden
   *   entity's existence is not told)
   */
  async get(
    blueprint: string,
    identifier: string,
    credentials: BackstageCredentials,
  ): Promise<PortEntity> {
    this.registry.require(blueprint);
    const entity = await this.store.getEntity({ blueprint, identifier });
    const view = await this.visibility.forCaller(credentials);
    const ref = catalogRefOf(blueprint, identifier);
    if (!entity || !(await view.visible([ref])).has(ref)) {
      throw new NotFoundError(
        `no entity "${identifier}" of blueprint "${blueprint}"`,
      );
    }
    return entity;
  }

  /**
   * Creates an entity, or with `upsert` creates or replaces it, or with
   * `upsert` and `merge` changes only what the body gives.
   * @throws NotFoundError when the blueprint is not applied
   * @throws ConflictError when the entity exists and `upsert` is not set
   * @throws InputError when the result does not validate
   */
  async create(
    blueprint: string,
    body: Record<string, unknown>,
    options: EntityWriteOptions,
    credentials: BackstageCredentials,
  ): Promise<EntityWriteResult> {
    this.registry.require(blueprint);
    if (options.merge && !options.upsert) {
      throw new InputError(
        'merge=true changes an existing entity and needs upsert=true',
      );
    }
    const input = withoutStamps(body);
    const identifier = input.identifier;
    // A concurrent request may create (or delete) the entity between the
    // read and the write: the write then fails, and the request is decided
    // again on what is stored, so exactly one request creates it.
    for (let attempt = 1; ; attempt++) {
      const existing =
        typeof identifier === 'string' && IDENTIFIER_PATTERN.test(identifier)
          ? await this.store.getEntity({ blueprint, identifier })
          : undefined;
      if (existing && !options.upsert) {
        throw new ConflictError(
          `entity "${identifier}" of blueprint "${blueprint}" already exists; use upsert=true to replace it`,
        );
      }
      if (!existing && typeof identifier === 'string') {
        await this.refuseCatalogDuplicate(blueprint, identifier, credentials);
      }
      const next =
        existing && options.merge ? mergeInto(existing, input) : input;
      const entity = await this.checked(blueprint, next, existing, credentials);
      if (options.validationOnly) return { entity, created: !existing };
      try {
        await this.store.writeEntity(
          blueprint,
          entity,
          existing ? 'replace' : 'create',
        );
      } catch (error) {
        const raced = existing
          ? error instanceof NotFoundError
          : error instanceof ConflictError && options.upsert;
        if (raced && attempt < 3) continue;
        throw error;
      }
      await this.announceChanges([
        { blueprint, identifier: entity.identifier, entity },
      ]);
      return { entity, created: !existing };
    }
  }

  /**
   * Replaces an entity whole (`PUT`), or with `merge` changes only what the
   * body gives (`PATCH`).
   * @throws NotFoundError when the blueprint is not applied or there is no
   *   such entity
   * @throws InputError when the body names another identifier, or the
   *   result does not validate
   */
  async update(
    blueprint: string,
    identifier: string,
    body: Record<string, unknown>,
    options: { merge: boolean },
    credentials: BackstageCredentials,
  ): Promise<PortEntity> {
    const input = withoutStamps({ identifier, ...body });
    if (input.identifier !== identifier) {
      throw new InputError(
        `the identifier in the body, ${describeValue(
          input.identifier,
        )}, is not "${identifier}"; an entity cannot be renamed`,
      );
    }
    const existing = await this.get(blueprint, identifier, credentials);
    const next = options.merge ? mergeInto(existing, input) : input;
    const entity = await this.checked(blueprint, next, existing, credentials);
    await this.store.writeEntity(blueprint, entity, 'replace');
    await this.announceChanges([{ blueprint, identifier, entity }]);
    return entity;
  }

  /**
   * Deletes an entity, even one whose blueprint is gone.
   * @throws NotFoundError when there is no such entity
   */
  async delete(blueprint: string, identifier: string): Promise<void> {
    const deleted = await this.store.deleteEntity({ blueprint, identifier });
    if (!deleted) {
      throw new NotFoundError(
        this.registry.get(blueprint)
          ? `no entity "${identifier}" of blueprint "${blueprint}"`
          : `no blueprint "${blueprint}"`,
      );
    }
    await this.announceChanges([{ blueprint, identifier }]);
  }

  /**
   * Checks an entity as a write would, without saving: its blueprint is
   * `blueprint` when given, else the entity's own `blueprint`.
   */
  async validate(
    body: unknown,
    blueprint: string | undefined,
    credentials: BackstageCredentials,
  ): Promise<ValidationResponse> {
    const entity = isObject(body) ? withoutStamps(body) : body;
    const own = isObject(entity) ? entity.blueprint : undefined;
    const problems = await this.problems(
      entity,
      blueprint ?? (typeof own === 'string' ? own : undefined),
      credentials,
    );
    return { valid: problems.length === 0, problems };
  }

  /**
   * Validates what is to be written and stamps it.
   * @throws InputError with every problem
   */
  private async checked(
    blueprint: string,
    next: Record<string, unknown>,
    existing: PortEntity | undefined,
    credentials: BackstageCredentials,
  ): Promise<PortEntity> {
    const problems = await this.problems(next, blueprint, credentials);
    if (problems.length > 0) {
      throw invalidInput(problems, formatProblem);
    }
    const now = new Date().toISOString();
    const by = principalRef(credentials);
    return {
      ...(next as unknown as PortEntity),
      blueprint,
      createdAt: existing?.createdAt ?? now,
      createdBy: existing?.createdBy ?? by,
      updatedAt: now,
      updatedBy: by,
    };
  }

  /**
   * The problems of an entity against its blueprint, relation targets
   * included: each must be an entity of the store or of the catalog.
   */
  private async problems(
    entity: unknown,
    blueprint: string | undefined,
    credentials: BackstageCredentials,
  ): Promise<Problem[]> {
    const targets = this.relationTargets(entity, blueprint);
    const existing = await this.existing(targets, credentials);
    // An entity may relate to itself.
    const self = isObject(entity) ? entity.identifier : undefined;
    if (blueprint && typeof self === 'string') {
      existing.add(keyOf(blueprint, self));
    }
    return this.registry.entityValidator().validate(entity, {
      source: REQUEST_SOURCE,
      blueprint,
      exists: (target, identifier) => existing.has(keyOf(target, identifier)),
    });
  }

  /** The entities the relations of `entity` point to. */
  private relationTargets(
    entity: unknown,
    blueprint: string | undefined,
  ): EntityKey[] {
    const definition = blueprint && this.registry.get(blueprint)?.blueprint;
    if (!definition || !isObject(entity) || !isObject(entity.relations)) {
      return [];
    }
    const targets: EntityKey[] = [];
    for (const [key, value] of Object.entries(entity.relations)) {
      const relation = definition.relations?.[key];
      if (!relation) continue;
      for (const identifier of [value].flat()) {
        if (
          typeof identifier === 'string' &&
          IDENTIFIER_PATTERN.test(identifier)
        ) {
          targets.push({ blueprint: relation.target, identifier });
        }
      }
    }
    return targets;
  }

  /**
   * Which of the targets exist: first in the store, then, for the rest, in
   * the catalog, in one query, as entities annotated with their blueprint
   * and identifier, as the caller sees them.
   */
  private async existing(
    targets: EntityKey[],
    credentials: BackstageCredentials,
  ): Promise<Set<string>> {
    const found = new Set<string>();
    if (targets.length === 0) {
      return found;
    }
    for (const key of await this.store.findEntities(targets)) {
      found.add(keyOf(key.blueprint, key.identifier));
    }
    const missing = new Map<string, EntityKey>();
    for (const target of targets) {
      const key = keyOf(target.blueprint, target.identifier);
      if (!found.has(key)) {
        missing.set(key, target);
      }
    }
    if (missing.size === 0) {
      return found;
    }
    const { items } = await this.catalog.getEntities(
      {
        filter: [...missing.values()].map(target => ({
          [`metadata.annotations.${ANNOTATION_BLUEPRINT}`]: target.blueprint,
          [`metadata.annotations.${ANNOTATION_IDENTIFIER}`]: target.identifier,
        })),
        fields: ['metadata.annotations'],
      },
      { credentials },
    );
    // The catalog compares without case; identifiers are compared exactly.
    for (const item of items) {
      const annotations = item.metadata?.annotations ?? {};
      const blueprint = annotations[ANNOTATION_BLUEPRINT];
      const identifier = annotations[ANNOTATION_IDENTIFIER];
      if (blueprint && identifier) {
        found.add(keyOf(blueprint, identifier));
      }
    }
    return found;
  }

  /**
   * The store must not create an entity the catalog already has from
   * elsewhere (a file, a YAML location): the catalog would hold two.
   * @throws ConflictError naming where the catalog's one comes from
   */
  private async refuseCatalogDuplicate(
    blueprint: string,
    identifier: string,
    credentials: BackstageCredentials,
  ): Promise<void> {
    const ref = catalogRefOf(blueprint, identifier);
    const {
      items: [found],
    } = await this.catalog.getEntitiesByRefs(
      { entityRefs: [ref], fields: ['metadata.annotations'] },
      { credentials },
    );
    const location = found?.metadata?.annotations?.[ANNOTATION_LOCATION];
    if (found && !location?.startsWith(ENTITY_STORE_LOCATION_TYPE)) {
      throw new ConflictError(
        `entity "${identifier}" of blueprint "${blueprint}" already exists in the catalog (${ref}, from ${
          location ?? 'an unknown location'
        }); change it where it comes from`,
      );
    }
  }

  private async announceChanges(
    changes: Extract<BlueprintsEvent, { type: 'entities.changed' }>['changes'],
  ) {
    await announce(this.events, this.logger, {
      type: 'entities.changed',
      changes,
    });
  }
}
