import { DatabaseService } from '@backstage/backend-plugin-api';
import {
  chunks,
  IN_CHUNK,
  migrateDatabase,
  ROW_CHUNK,
} from '@plinth/backend-utils';
import type {
  DerivedOwnership,
  DerivedValue,
  EntityView,
  EntityViewItem,
  PortEntity,
} from '@plinth/plugin-blueprints-common';
import { teamsOf } from '@plinth/plugin-blueprints-common';
import { Knex } from 'knex';
import type {
  DerivedKey,
  DerivedStore,
  IndexedEntity,
  QueuedKey,
  StoredDerived,
} from './DerivedStore';

interface EntityRow {
  blueprint: string;
  identifier: string;
  entity_ref: string;
  data: string;
  hash: string;
  written_at?: number | string;
}

interface ValueRow {
  blueprint: string;
  identifier: string;
  derived: string;
  ownership: string;
  computed_at: Date | string | number;
}

function toIso(value: Date | string | number): string {
  return new Date(value).toISOString();
}

function relationRows(entity: PortEntity & { blueprint: string }) {
  const rows: Array<{
    blueprint: string;
    identifier: string;
    relation: string;
    target: string;
  }> = [];
  for (const [relation, value] of Object.entries(entity.relations ?? {})) {
    const targets = Array.isArray(value) ? value : [value];
    for (const target of new Set(targets)) {
      if (typeof target !== 'string' || target === '') continue;
      rows.push({
        blueprint: entity.blueprint,
        identifier: entity.identifier,
        relation,
        target,
      });
    }
  }
  return rows;
}

/**
 * {@link DerivedStore} on the plugin's database (SQLite, PostgreSQL). Its
 * tables have their own migrations (`migrations/derived`, recorded in
 * `knex_migrations_derived`), apart from the registry's.
 */
export class DatabaseDerivedStore implements DerivedStore {
  /**
   * Connects to the plugin's database and brings the engine's tables up to
   * date, unless migrations are switched off for the plugin.
   */
  static async create(options: {
    database: DatabaseService;
  }): Promise<DatabaseDerivedStore> {
    const db = await migrateDatabase({
      database: options.database,
      packageName: '@plinth/plugin-blueprints-backend',
      directory: 'migrations/derived',
      tableName: 'knex_migrations_derived',
    });
    return new DatabaseDerivedStore(db);
  }

  private constructor(private readonly db: Knex) {}

  /** The stored entities of these keys, with their hashes. */
  async getEntities(
    keys: DerivedKey[],
  ): Promise<Map<string, IndexedEntity & { hash: string }>> {
    const result = new Map<string, IndexedEntity & { hash: string }>();
    for (const [blueprint, identifiers] of this.byBlueprint(keys)) {
      for (const chunk of chunks(identifiers, IN_CHUNK)) {
        const rows = await this.db<EntityRow>('derived_entities')
          .where('blueprint', blueprint)
          .whereIn('identifier', chunk);
        for (const row of rows) {
          result.set(`${row.blueprint}:${row.identifier}`, {
            entityRef: row.entity_ref,
            entity: JSON.parse(row.data),
            hash: row.hash,
          });
        }
      }
    }
    return result;
  }

  /**
   * Saves entities and their relations, and removes others, in one
   * transaction.
   */
  async writeEntities(
    upserts: Array<IndexedEntity & { hash: string }>,
    removals: DerivedKey[],
  ): Promise<void> {
    const writtenAt = Date.now();
    await this.db.transaction(async tx => {
      const touched = [...upserts.map(u => u.entity), ...removals];
      for (const [blueprint, identifiers] of this.byBlueprint(touched)) {
        for (const chunk of chunks(identifiers, IN_CHUNK)) {
          await tx('derived_relations')
            .where('blueprint', blueprint)
            .whereIn('identifier', chunk)
            .delete();
        }
      }
      for (const [blueprint, identifiers] of this.byBlueprint(removals)) {
        for (const chunk of chunks(identifiers, IN_CHUNK)) {
          for (const table of [
            'derived_entities',
            'derived_values',
            'derived_owners',
          ]) {
            await tx(table)
              .where('blueprint', blueprint)
              .whereIn('identifier', chunk)
              .delete();
          }
        }
      }
      for (const chunk of chunks(upserts, ROW_CHUNK)) {
        await tx<EntityRow>('derived_entities')
          .insert(
            chunk.map(u => ({
              blueprint: u.entity.blueprint,
              identifier: u.entity.identifier,
              entity_ref: u.entityRef,
              data: JSON.stringify(u.entity),
              hash: u.hash,
              written_at: writtenAt,
            })),
          )
          .onConflict(['blueprint', 'identifier'])
          .merge();
      }
      const relations = upserts.flatMap(u => relationRows(u.entity));
      for (const chunk of chunks(relations, ROW_CHUNK)) {
        await tx('derived_relations').insert(chunk);
      }
    });
  }

  /** Every stored entity's key, ref, hash and write time, for a full comparison. */
  async listEntityKeys(): Promise<
    Array<DerivedKey & { entityRef: string; hash: string; writtenAt: number }>
  > {
    const rows = await this.db<EntityRow>('derived_entities').select(
      'blueprint',
      'identifier',
      'entity_ref',
      'hash',
      'written_at',
    );
    return rows.map(r => ({
      blueprint: r.blueprint,
      identifier: r.identifier,
      entityRef: r.entity_ref,
      hash: r.hash,
      writtenAt: Number(r.written_at ?? 0),
    }));
  }

  async getMany(
    blueprint: string,
    identifiers: string[],
  ): Promise<EntityView[]> {
    const views: EntityView[] = [];
    for (const chunk of chunks([...new Set(identifiers)], IN_CHUNK)) {
      const rows = await this.viewQuery()
        .where('e.blueprint', blueprint)
        .whereIn('e.identifier', chunk);
      views.push(...rows.map(toView));
    }
    return views;
  }

  async sourcesOf(
    blueprint: string,
    relation: string,
    targets: string[],
  ): Promise<EntityView[]> {
    const views = new Map<string, EntityView>();
    for (const chunk of chunks([...new Set(targets)], IN_CHUNK)) {
      const rows = await this.viewQuery()
        .join('derived_relations as r', function on() {
          this.on('r.blueprint', '=', 'e.blueprint').andOn(
            'r.identifier',
            '=',
            'e.identifier',
          );
        })
        .where({ 'r.blueprint': blueprint, 'r.relation': relation })
        .whereIn('r.target', chunk);
      for (const row of rows) views.set(row.identifier, toView(row));
    }
    return [...views.values()];
  }

  /**
   * Puts entities in the queue, or moves them to its back: an entry queued
   * again always gets a later `queued_at` than it had.
   */
  async enqueue(keys: DerivedKey[], at = Date.now()): Promise<void> {
    const unique = new Map(
      keys.map(k => [`${k.blueprint}:${k.identifier}`, k]),
    );
    for (const chunk of chunks([...unique.values()], ROW_CHUNK)) {
      await this.db('derived_queue')
        .insert(
          chunk.map(k => ({
            blueprint: k.blueprint,
            identifier: k.identifier,
            queued_at: at,
          })),
        )
        .onConflict(['blueprint', 'identifier'])
        .merge({
          // Strictly later than before, whatever the clocks of the replicas
          // say: a computation that read the entry then leaves it queued.
          queued_at: this.db.raw(
            'CASE WHEN excluded.queued_at > derived_queue.queued_at THEN excluded.queued_at ELSE derived_queue.queued_at + 1 END',
          ),
        });
    }
  }

  /** Puts every entity of these blueprints in the queue. */
  async enqueueBlueprints(
    blueprints: string[],
    at = Date.now(),
  ): Promise<void> {
    for (const blueprint of blueprints) {
      const keys = await this.db<EntityRow>('derived_entities')
        .select('blueprint', 'identifier')
        .where('blueprint', blueprint);
      await this.enqueue(keys, at);
    }
  }

  /** The blueprints with entities in the queue. */
  async queuedBlueprints(): Promise<string[]> {
    const rows = await this.db('derived_queue').distinct('blueprint');
    return rows.map(r => r.blueprint);
  }

  /** The oldest queued entities of a blueprint, with when they were queued. */
  async peekQueue(limit: number, blueprint?: string): Promise<QueuedKey[]> {
    const query = this.db('derived_queue')
      .select('blueprint', 'identifier', 'queued_at')
      .orderBy([
        { column: 'queued_at', order: 'asc' },
        { column: 'blueprint', order: 'asc' },
        { column: 'identifier', order: 'asc' },
      ])
      .limit(limit);
    if (blueprint !== undefined) query.where('blueprint', blueprint);
    const rows = await query;
    return rows.map(r => ({
      blueprint: r.blueprint,
      identifier: r.identifier,
      queuedAt: Number(r.queued_at),
    }));
  }

  /**
   * Refreshes the database's statistics after a large change, so that its
   * query plans fit tables that just grew (PostgreSQL; SQLite plans fine).
   */
  async analyze(): Promise<void> {
    if (this.db.client.config.client === 'pg') {
      await this.db.raw(
        'ANALYZE derived_entities, derived_relations, derived_values, derived_queue',
      );
    }
  }

  /**
   * Takes computed entities off the queue — unless they were queued again
   * since they were read (a later `queued_at`): they stay for another round.
   * Entities queued together share their time, so this is a few statements.
   */
  async dequeue(items: QueuedKey[]): Promise<void> {
    const groups = new Map<string, { at: number; keys: DerivedKey[] }>();
    for (const item of items) {
      const group = groups.get(String(item.queuedAt)) ?? {
        at: item.queuedAt,
        keys: [],
      };
      group.keys.push(item);
      groups.set(String(item.queuedAt), group);
    }
    await this.db.transaction(async tx => {
      for (const { at, keys } of groups.values()) {
        for (const [blueprint, identifiers] of this.byBlueprint(keys)) {
          for (const chunk of chunks(identifiers, IN_CHUNK)) {
            await tx('derived_queue')
              .where('blueprint', blueprint)
              .whereIn('identifier', chunk)
              .where('queued_at', '<=', at)
              .delete();
          }
        }
      }
    });
  }

  /** How many entities wait in the queue. */
  async queueLength(): Promise<number> {
    const [{ count }] = await this.db('derived_queue').count({ count: '*' });
    return Number(count);
  }

  /** Saves computed values. */
  async writeValues(
    values: Array<
      DerivedKey & Omit<StoredDerived, 'entityRef' | keyof DerivedKey>
    >,
  ): Promise<void> {
    await this.db.transaction(async tx => {
      for (const chunk of chunks(values, ROW_CHUNK)) {
        await tx<ValueRow>('derived_values')
          .insert(
            chunk.map(v => ({
              blueprint: v.blueprint,
              identifier: v.identifier,
              derived: JSON.stringify(v.values),
              ownership: JSON.stringify(v.ownership),
              computed_at: new Date(v.computedAt),
            })),
          )
          .onConflict(['blueprint', 'identifier'])
          .merge();
      }
      for (const [blueprint, identifiers] of this.byBlueprint(values)) {
        for (const chunk of chunks(identifiers, IN_CHUNK)) {
          await tx('derived_owners')
            .where('blueprint', blueprint)
            .whereIn('identifier', chunk)
            .delete();
        }
      }
      const owners = values.flatMap(v =>
        v.ownership.teams.map(team => ({
          blueprint: v.blueprint,
          identifier: v.identifier,
          team,
        })),
      );
      for (const chunk of chunks(owners, ROW_CHUNK)) {
        await tx('derived_owners').insert(chunk);
      }
    });
  }

  /** The entities a team owns, directly or by inheritance. */
  async ownedBy(
    team: string,
  ): Promise<
    Array<DerivedKey & { entityRef: string; ownership: DerivedOwnership }>
  > {
    const rows = await this.db('derived_owners as o')
      .join('derived_entities as e', function on() {
        this.on('e.blueprint', '=', 'o.blueprint').andOn(
          'e.identifier',
          '=',
          'o.identifier',
        );
      })
      .join('derived_values as v', function on() {
        this.on('v.blueprint', '=', 'o.blueprint').andOn(
          'v.identifier',
          '=',
          'o.identifier',
        );
      })
      .where('o.team', team)
      .select('o.blueprint', 'o.identifier', 'e.entity_ref', 'v.ownership')
      .orderBy([
        { column: 'o.blueprint', order: 'asc' },
        { column: 'o.identifier', order: 'asc' },
      ]);
    return rows.map(r => ({
      blueprint: r.blueprint,
      identifier: r.identifier,
      entityRef: r.entity_ref,
      ownership: JSON.parse(r.ownership),
    }));
  }

  /** The stored derived values and ownership of these entities. */
  async getDerivedValues(
    keys: DerivedKey[],
  ): Promise<
    Map<
      string,
      { values: Record<string, DerivedValue>; ownership: DerivedOwnership }
    >
  > {
    const result = new Map<
      string,
      { values: Record<string, DerivedValue>; ownership: DerivedOwnership }
    >();
    for (const [blueprint, identifiers] of this.byBlueprint(keys)) {
      for (const chunk of chunks(identifiers, IN_CHUNK)) {
        const rows = await this.db<ValueRow>('derived_values')
          .where('blueprint', blueprint)
          .whereIn('identifier', chunk);
        for (const row of rows) {
          result.set(`${row.blueprint}:${row.identifier}`, {
            values: JSON.parse(row.derived),
            ownership: JSON.parse(row.ownership),
          });
        }
      }
    }
    return result;
  }

  /** The stored derived properties of the entities of these catalog refs. */
  async getDerivedByRefs(refs: string[]): Promise<Map<string, StoredDerived>> {
    const result = new Map<string, StoredDerived>();
    for (const chunk of chunks([...new Set(refs)], IN_CHUNK)) {
      const rows = await this.db('derived_entities as e')
        .join('derived_values as v', function on() {
          this.on('v.blueprint', '=', 'e.blueprint').andOn(
            'v.identifier',
            '=',
            'e.identifier',
          );
        })
        .whereIn('e.entity_ref', chunk)
        .select(
          'e.blueprint',
          'e.identifier',
          'e.entity_ref',
          'v.derived',
          'v.ownership',
          'v.computed_at',
        );
      for (const row of rows) {
        result.set(row.entity_ref, {
          blueprint: row.blueprint,
          identifier: row.identifier,
          entityRef: row.entity_ref,
          values: JSON.parse(row.derived),
          ownership: JSON.parse(row.ownership),
          computedAt: toIso(row.computed_at),
        });
      }
    }
    return result;
  }

  /**
   * A page of a blueprint's entity views, by identifier after `after`, with
   * their refs and owning teams.
   */
  async listViews(
    blueprint: string,
    after: string | undefined,
    limit: number,
  ): Promise<EntityViewItem[]> {
    let query = this.viewItemQuery()
      .where('e.blueprint', blueprint)
      .orderBy('e.identifier')
      .limit(limit);
    if (after !== undefined) query = query.where('e.identifier', '>', after);
    return (await query).map(toViewItem);
  }

  /** The entity views of these catalog refs. */
  async getViewsByRefs(refs: string[]): Promise<Map<string, EntityViewItem>> {
    const result = new Map<string, EntityViewItem>();
    for (const chunk of chunks([...new Set(refs)], IN_CHUNK)) {
      const rows = await this.viewItemQuery().whereIn('e.entity_ref', chunk);
      for (const row of rows) result.set(row.entity_ref, toViewItem(row));
    }
    return result;
  }

  /** The catalog refs of these entities. */
  async entityRefsOf(keys: DerivedKey[]): Promise<string[]> {
    const refs: string[] = [];
    for (const [blueprint, identifiers] of this.byBlueprint(keys)) {
      for (const chunk of chunks(identifiers, IN_CHUNK)) {
        const rows = await this.db<EntityRow>('derived_entities')
          .where('blueprint', blueprint)
          .whereIn('identifier', chunk)
          .select('entity_ref');
        refs.push(...rows.map(r => r.entity_ref));
      }
    }
    return refs;
  }

  /** The blueprint versions the stored values were computed with. */
  async getBlueprintVersions(): Promise<Map<string, number>> {
    const rows = await this.db('derived_blueprints').select();
    return new Map(rows.map(r => [r.identifier, Number(r.version)]));
  }

  async setBlueprintVersions(versions: Map<string, number>): Promise<void> {
    await this.db.transaction(async tx => {
      await tx('derived_blueprints').delete();
      for (const chunk of chunks([...versions], ROW_CHUNK)) {
        await tx('derived_blueprints').insert(
          chunk.map(([identifier, version]) => ({ identifier, version })),
        );
      }
    });
  }

  private viewQuery() {
    return this.db('derived_entities as e')
      .leftJoin('derived_values as v', function on() {
        this.on('v.blueprint', '=', 'e.blueprint').andOn(
          'v.identifier',
          '=',
          'e.identifier',
        );
      })
      .select('e.blueprint', 'e.identifier', 'e.data', 'v.derived');
  }

  private viewItemQuery() {
    return this.viewQuery().select('e.entity_ref', 'v.ownership');
  }

  private byBlueprint(keys: DerivedKey[]): Map<string, string[]> {
    const map = new Map<string, Set<string>>();
    for (const key of keys) {
      const set = map.get(key.blueprint) ?? new Set<string>();
      set.add(key.identifier);
      map.set(key.blueprint, set);
    }
    return new Map([...map].map(([k, v]) => [k, [...v]]));
  }
}

function toViewItem(row: {
  entity_ref: string;
  data: string;
  derived?: string | null;
  ownership?: string | null;
}): EntityViewItem {
  const entity = toView(row) as EntityViewItem['entity'];
  const ownership: DerivedOwnership | undefined = row.ownership
    ? JSON.parse(row.ownership)
    : undefined;
  return {
    entityRef: row.entity_ref,
    entity,
    teams: ownership?.teams ?? teamsOf(entity),
  };
}

function toView(row: { data: string; derived?: string | null }): EntityView {
  const entity = JSON.parse(row.data) as EntityView;
  if (row.derived) {
    const values = JSON.parse(row.derived) as Record<string, DerivedValue>;
    entity.derived = Object.fromEntries(
      Object.entries(values).map(([k, v]) => [k, v.value]),
    );
  }
  return entity;
}
