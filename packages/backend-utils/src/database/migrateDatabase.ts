import {
  DatabaseService,
  resolvePackagePath,
} from '@backstage/backend-plugin-api';
import type { Knex } from 'knex';

/**
 * Options of {@link migrateDatabase}.
 * @public
 */
export interface MigrateDatabaseOptions {
  /** The plugin's database service. */
  database: DatabaseService;
  /** The package whose migrations these are, e.g. `@plinth/plugin-dora-backend`. */
  packageName: string;
  /** The migrations folder inside the package; `migrations` by default. */
  directory?: string;
  /**
   * The table that records which of this folder's migrations ran; knex's
   * default (`knex_migrations`) unless a second store of the same plugin
   * database keeps its own folder.
   */
  tableName?: string;
}

/**
 * The knex client of a plugin's database, with the package's migrations
 * applied — unless the app switched migrations off for the plugin
 * (`backend.database.plugin.<id>.skipMigrations`). What every
 * `Database*Store.create()` of Plinth starts with: each migration folder is
 * run by exactly one store.
 *
 * @example
 * ```ts
 * static async create(options: { database: DatabaseService }) {
 *   const db = await migrateDatabase({
 *     database: options.database,
 *     packageName: '@plinth/plugin-dora-backend',
 *   });
 *   return new DatabaseDoraStore(db);
 * }
 * ```
 * @public
 */
export async function migrateDatabase(
  options: MigrateDatabaseOptions,
): Promise<Knex> {
  const { database, packageName } = options;
  const client = await database.getClient();
  if (!database.migrations?.skip) {
    try {
      await client.migrate.latest({
        directory: resolvePackagePath(
          packageName,
          options.directory ?? 'migrations',
        ),
        ...(options.tableName ? { tableName: options.tableName } : {}),
      });
    } catch (error) {
      // knex's words for a database migrated by files this version does not
      // ship: say which package and what to do.
      const missing = /the following files are missing: (.*)$/.exec(
        String((error as Error)?.message),
      );
      if (!missing) throw error;
      throw new Error(
        `The database of ${packageName} was migrated by ${missing[1]}, which this version does not have: it was made by an earlier development version of Plinth. In development, delete the database (npm start keeps it in data/sqlite) and start again.`,
      );
    }
  }
  return client;
}
