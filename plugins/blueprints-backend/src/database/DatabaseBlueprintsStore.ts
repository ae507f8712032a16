import {
  DatabaseService,
  isDatabaseConflictError,
} from '@backstage/backend-plugin-api';
import { chunks, migrateDatabase } from '@plinth/backend-utils';
import { ConflictError, NotFoundError } from '@backstage/errors';
import type {
  Blueprint,
  BlueprintOrigin,
  BlueprintVersion,
  PortEntity,
  Problem,
  RegisteredBlueprint,
  StoredEntity,
} from '@plinth/plugin-blueprints-common';
import { Knex } from 'knex';
import type {
  ApiBlueprintChange,
  ApiBlueprintRecord,
  AppliedBlueprintInput,
  BlueprintsStore,
  EntityKey,
  RegistrySnapshot,
  SavedRegistry,
} from './BlueprintsStore';
import { stableJson } from '../lib/stableJson';

/** Rows per statement: well under SQLite's limit on bound variables. */
const CHUNK = 100;

const STATE_ID = 'current';

type Timestamp = Date | string | number;

interface ApiBlueprintRow {
  identifier: string;
  definition: string;
  created_at: Timestamp;
  created_by: string;
  updated_at: Timestamp;
  updated_by: string;
}

interface VersionRow {
  identifier: string;
  version: number;
  definition: string;
  origin: string;
  source: string;
  created_at: Timestamp;
  created_by: string | null;
}

interface AppliedRow {
  identifier: string;
  position: number;
  definition: string;
  origin: string;
  source: string;
  version: number;
  updated_at: Timestamp;
}

interface EntityRow {
  blueprint: string;
  identifier: string;
  entity: string;
}

/** PostgreSQL gives back dates, SQLite the text that went in. */
function toIso(value: Timestamp): string {
  return new Date(value).toISOString();
}

/**
 * What identifies an applied set: which blueprints, in which version, from
 * where; not their order.
 */
function signature(
  rows: Array<Pick<AppliedRow, 'identifier' | 'version' | 'origin' | 'source'>>,
): string {
  return rows
    .map(r =>
      JSON.stringify([r.identifier, Number(r.version), r.origin, r.source]),
    )
    .sort()
    .join('\n');
}

/**
 * The registry's and the entity store's state in the plugin's database
 * (the derived engine's tables are `DatabaseDerivedStore`'s).
 */
export class DatabaseBlueprintsStore implements BlueprintsStore {
  /**
   * Connects to the plugin's database and brings its tables up to date,
   * unless migrations are switched off for the plugin.
   */
  static async create(options: {
    database: DatabaseService;
  }): Promise<DatabaseBlueprintsStore> {
    const db = await migrateDatabase({
      database: options.database,
      packageName: '@plinth/plugin-blueprints-backend',
    });
    return new DatabaseBlueprintsStore(db);
  }

  private constructor(private readonly db: Knex) {}

  async listApiBlueprints(): Promise<ApiBlueprintRecord[]> {
    const rows = await this.db<ApiBlueprintRow>('api_blueprints')
      .select()
      .orderBy([
        { column: 'created_at', order: 'asc' },
        { column: 'identifier', order: 'asc' },
      ]);
    return rows.map(row => ({
      blueprint: JSON.parse(row.definition),
      createdAt: toIso(row.created_at),
      createdBy: row.created_by,
      updatedAt: toIso(row.updated_at),
      updatedBy: row.updated_by,
    }));
  }

  async saveRegistry(options: {
    applied: AppliedBlueprintInput[];
    problems: Problem[];
    apiChange?: ApiBlueprintChange;
  }): Promise<SavedRegistry> {
    const now = new Date().toISOString();
    return this.db.transaction(async tx => {
      if (options.apiChange) {
        await this.applyApiChange(tx, options.apiChange, now);
      }

      const latest = await this.latestVersions(
        tx,
        options.applied.map(a => a.blueprint.identifier),
      );
      const newVersions: VersionRow[] = [];
      const items: RegisteredBlueprint[] = options.applied.map(applied => {
        const identifier = applied.blueprint.identifier;
        const last = latest.get(identifier);
        if (
          last &&
          stableJson(JSON.parse(last.definition)) ===
            stableJson(applied.blueprint)
        ) {
          return {
            blueprint: applied.blueprint,
            origin: applied.origin,
            source: applied.source,
            version: last.version,
            updatedAt: toIso(last.created_at),
          };
        }
        const version = (last?.version ?? 0) + 1;
        newVersions.push({
          identifier,
          version,
          definition: JSON.stringify(applied.blueprint),
          origin: applied.origin,
          source: applied.source,
          created_at: now,
          created_by: applied.changedBy,
        });
        return {
          blueprint: applied.blueprint,
          origin: applied.origin,
          source: applied.source,
          version,
          updatedAt: now,
        };
      });
      for (const chunk of chunks(newVersions, CHUNK)) {
        await tx('blueprint_versions').insert(chunk);
      }

      const before = await tx<AppliedRow>('applied_blueprints').select(
        'identifier',
        'version',
        'origin',
        'source',
      );
      const changed =
        signature(before) !==
        signature(
          items.map(item => ({
            identifier: item.blueprint.identifier,
            version: item.version,
            origin: item.origin,
            source: item.source,
          })),
        );

      await tx('applied_blueprints').delete();
      const rows: AppliedRow[] = items.map((item, position) => ({
        identifier: item.blueprint.identifier,
        position,
        definition: JSON.stringify(item.blueprint),
        origin: item.origin,
        source: item.source,
        version: item.version,
        updated_at: item.updatedAt,
      }));
      for (const chunk of chunks(rows, CHUNK)) {
        await tx('applied_blueprints').insert(chunk);
      }
      await tx('registry_state')
        .insert({
          id: STATE_ID,
          problems: JSON.stringify(options.problems),
          refreshed_at: now,
        })
        .onConflict('id')
        .merge(['problems', 'refreshed_at']);

      return { items, problems: options.problems, changed };
    });
  }

  private async applyApiChange(
    tx: Knex.Transaction,
    change: ApiBlueprintChange,
    now: string,
  ) {
    switch (change.type) {
      case 'create': {
        const identifier = change.blueprint.identifier;
        const existing = await tx('api_blueprints')
          .where({ identifier })
          .first('identifier');
        if (existing) {
          throw new ConflictError(`blueprint "${identifier}" already exists`);
        }
        try {
          await tx('api_blueprints').insert({
            identifier,
            definition: JSON.stringify(change.blueprint),
            created_at: now,
            created_by: change.by,
            updated_at: now,
            updated_by: change.by,
          });
        } catch (error) {
          if (isDatabaseConflictError(error)) {
            throw new ConflictError(`blueprint "${identifier}" already exists`);
          }
          throw error;
        }
        return;
      }
      case 'update': {
        const identifier = change.blueprint.identifier;
        const updated = await tx('api_blueprints')
          .where({ identifier })
          .update({
            definition: JSON.stringify(change.blueprint),
            updated_at: now,
            updated_by: change.by,
          });
        if (updated === 0) {
          throw new NotFoundError(`no blueprint "${identifier}"`);
        }
        return;
      }
      case 'delete': {
        const identifier = change.identifier;
        const count = await this.countEntitiesIn(tx, identifier);
        if (count > 0) {
          throw new ConflictError(
            `blueprint "${identifier}" has ${count} ${
              count === 1 ? 'entity' : 'entities'
            } in the entity store; delete them first`,
          );
        }
        const deleted = await tx('api_blueprints')
          .where({ identifier })
          .delete();
        if (deleted === 0) {
          throw new NotFoundError(`no blueprint "${identifier}"`);
        }
        return;
      }
      default:
        throw new Error(`unknown change ${(change as { type: string }).type}`);
    }
  }

  /** The latest version row of each of the given blueprints. */
  private async latestVersions(
    tx: Knex.Transaction,
    identifiers: string[],
  ): Promise<Map<string, VersionRow>> {
    const latest = new Map<string, VersionRow>();
    for (const chunk of chunks(identifiers, CHUNK)) {
      const rows = await tx<VersionRow>('blueprint_versions as v')
        .select('v.*')
        .whereIn('v.identifier', chunk)
        .where(
          'v.version',
          tx('blueprint_versions as w')
            .max('w.version')
            .where('w.identifier', tx.ref('v.identifier')),
        );
      for (const row of rows) {
        latest.set(row.identifier, { ...row, version: Number(row.version) });
      }
    }
    return latest;
  }

  async getRegistry(): Promise<RegistrySnapshot> {
    const [rows, state] = await Promise.all([
      this.db<AppliedRow>('applied_blueprints').select().orderBy('position'),
      this.db('registry_state').where({ id: STATE_ID }).first('problems'),
    ]);
    return {
      items: rows.map(row => ({
        blueprint: JSON.parse(row.definition) as Blueprint,
        origin: row.origin as BlueprintOrigin,
        source: row.source,
        version: Number(row.version),
        updatedAt: toIso(row.updated_at),
      })),
      problems: state ? (JSON.parse(state.problems) as Problem[]) : [],
    };
  }

  async listVersions(identifier: string): Promise<BlueprintVersion[]> {
    const rows = await this.db<VersionRow>('blueprint_versions')
      .where({ identifier })
      .orderBy('version', 'desc');
    return rows.map(row => {
      const version: BlueprintVersion = {
        version: Number(row.version),
        blueprint: JSON.parse(row.definition),
        origin: row.origin as BlueprintOrigin,
        source: row.source,
        createdAt: toIso(row.created_at),
      };
      if (row.created_by) {
        version.createdBy = row.created_by;
      }
      return version;
    });
  }

  async listEntities(blueprint?: string): Promise<StoredEntity[]> {
    const query = this.db<EntityRow>('store_entities')
      .select('blueprint', 'identifier', 'entity')
      .orderBy([
        { column: 'blueprint', order: 'asc' },
        { column: 'identifier', order: 'asc' },
      ]);
    if (blueprint !== undefined) {
      query.where({ blueprint });
    }
    const rows = await query;
    return rows.map(row => ({
      blueprint: row.blueprint,
      entity: JSON.parse(row.entity),
    }));
  }

  async getEntity(key: EntityKey): Promise<PortEntity | undefined> {
    const row = await this.db<EntityRow>('store_entities')
      .where({ blueprint: key.blueprint, identifier: key.identifier })
      .first('entity');
    return row ? JSON.parse(row.entity) : undefined;
  }

  async findEntities(keys: EntityKey[]): Promise<EntityKey[]> {
    const byBlueprint = new Map<string, string[]>();
    for (const { blueprint, identifier } of keys) {
      byBlueprint.set(blueprint, [
        ...(byBlueprint.get(blueprint) ?? []),
        identifier,
      ]);
    }
    const found: EntityKey[] = [];
    for (const [blueprint, identifiers] of byBlueprint) {
      for (const chunk of chunks([...new Set(identifiers)], CHUNK)) {
        const rows = await this.db<EntityRow>('store_entities')
          .select('blueprint', 'identifier')
          .where({ blueprint })
          .whereIn('identifier', chunk);
        found.push(
          ...rows.map(row => ({
            blueprint: row.blueprint,
            identifier: row.identifier,
          })),
        );
      }
    }
    return found;
  }

  async countEntities(blueprint: string): Promise<number> {
    return this.countEntitiesIn(this.db, blueprint);
  }

  private async countEntitiesIn(db: Knex, blueprint: string): Promise<number> {
    const row = await db('store_entities')
      .where({ blueprint })
      .count({ count: '*' })
      .first();
    return Number(row?.count ?? 0);
  }

  async writeEntity(
    blueprint: string,
    entity: PortEntity,
    mode: 'create' | 'replace' | 'upsert',
  ): Promise<void> {
    const now = new Date().toISOString();
    const identifier = entity.identifier;
    const row = {
      blueprint,
      identifier,
      entity: JSON.stringify(entity),
      created_at: entity.createdAt ?? now,
      updated_at: entity.updatedAt ?? now,
    };
    const exists = () =>
      new ConflictError(
        `entity "${identifier}" of blueprint "${blueprint}" already exists`,
      );
    switch (mode) {
      case 'create':
        try {
          await this.db('store_entities').insert(row);
        } catch (error) {
          if (isDatabaseConflictError(error)) {
            throw exists();
          }
          throw error;
        }
        return;
      case 'replace': {
        const updated = await this.db('store_entities')
          .where({ blueprint, identifier })
          .update({ entity: row.entity, updated_at: row.updated_at });
        if (updated === 0) {
          throw new NotFoundError(
            `no entity "${identifier}" of blueprint "${blueprint}"`,
          );
        }
        return;
      }
      case 'upsert':
        await this.db('store_entities')
          .insert(row)
          .onConflict(['blueprint', 'identifier'])
          .merge(['entity', 'updated_at']);
        return;
      default:
        throw new Error(`unknown write mode ${mode}`);
    }
  }

  async deleteEntity(key: EntityKey): Promise<boolean> {
    const deleted = await this.db('store_entities')
      .where({ blueprint: key.blueprint, identifier: key.identifier })
      .delete();
    return deleted > 0;
  }
}
