import {
  mockServices,
  TestDatabaseId,
  TestDatabases,
} from '@backstage/backend-test-utils';
import { DatabaseScorecardStore } from '../database/DatabaseScorecardStore';

/** A fresh test database, migrated by the store as the plugin does it. */
export async function createTestStore(
  databases: TestDatabases,
  databaseId: TestDatabaseId,
): Promise<DatabaseScorecardStore> {
  return DatabaseScorecardStore.create({
    database: mockServices.database({ knex: await databases.init(databaseId) }),
  });
}
