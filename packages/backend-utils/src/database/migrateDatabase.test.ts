import { resolvePackagePath } from '@backstage/backend-plugin-api';
import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import { readdirSync } from 'node:fs';
import { migrateDatabase } from './migrateDatabase';

jest.setTimeout(60_000);

describe('migrateDatabase', () => {
  const databases = TestDatabases.create();

  it.each(databases.eachSupportedId())(
    "runs a package's migrations once, into the table given, on %p",
    async databaseId => {
      const knex = await databases.init(databaseId);
      const database = mockServices.database({ knex });
      // The scorecards backend's migrations: a package of this workspace.
      const options = {
        database,
        packageName: '@plinth/plugin-scorecards-backend',
        tableName: 'test_knex_migrations',
      };
      await migrateDatabase(options);
      await migrateDatabase(options);
      expect(await knex.schema.hasTable('scorecard_results')).toBe(true);
      // Each of the package's migrations ran once, in order.
      const shipped = readdirSync(
        resolvePackagePath('@plinth/plugin-scorecards-backend', 'migrations'),
      )
        .filter(file => file.endsWith('.js'))
        .sort();
      const ran = await knex('test_knex_migrations')
        .select('name')
        .orderBy('id');
      expect(ran.map(r => r.name)).toEqual(shipped);
      expect(shipped[0]).toBe('20261127180000_scorecards.js');
    },
  );

  it('leaves the database alone when migrations are skipped', async () => {
    const knex = await databases.init('SQLITE_3');
    await migrateDatabase({
      database: mockServices.database({ knex, migrations: { skip: true } }),
      packageName: '@plinth/plugin-scorecards-backend',
    });
    expect(await knex.schema.hasTable('scorecard_results')).toBe(false);
  });

  it('says what to do with a database migrated by files this version does not have', async () => {
    const knex = await databases.init('SQLITE_3');
    const database = mockServices.database({ knex });
    await migrateDatabase({
      database,
      packageName: '@plinth/plugin-scorecards-backend',
    });
    await knex('knex_migrations').insert({
      name: '20261127190000_dora.js',
      batch: 2,
      migration_time: new Date(),
    });
    await expect(
      migrateDatabase({
        database,
        packageName: '@plinth/plugin-scorecards-backend',
      }),
    ).rejects.toThrow(
      'The database of @plinth/plugin-scorecards-backend was migrated by 20261127190000_dora.js, which this version does not have',
    );
  });
});
