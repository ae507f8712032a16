import {
  mockServices,
  TestDatabaseId,
  TestDatabases,
} from '@backstage/backend-test-utils';
import { DatabaseDerivedStore } from '../derived/DatabaseDerivedStore';

/** A fresh test database with the derived engine's store, migrated by itself. */
export async function createDerivedTestStore(
  databases: TestDatabases,
  databaseId: TestDatabaseId,
): Promise<DatabaseDerivedStore> {
  return DatabaseDerivedStore.create({
    database: mockServices.database({
      knex: await databases.init(databaseId),
    }),
  });
}
