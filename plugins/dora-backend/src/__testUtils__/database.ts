import type { LoggerService } from '@backstage/backend-plugin-api';
import {
  mockServices,
  TestDatabaseId,
  TestDatabases,
} from '@backstage/backend-test-utils';
import { Knex } from 'knex';
import { DatabaseDoraStore } from '../database/DatabaseDoraStore';

/** A fresh test database, migrated by the store as the plugin does it. */
export async function createTestStore(
  databases: TestDatabases,
  databaseId: TestDatabaseId,
  logger: LoggerService = mockServices.logger.mock(),
): Promise<{ knex: Knex; store: DatabaseDoraStore }> {
  const knex = await databases.init(databaseId);
  const store = await DatabaseDoraStore.create({
    database: mockServices.database({ knex }),
    logger,
  });
  return { knex, store };
}
