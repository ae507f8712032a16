import {
  mockServices,
  TestDatabaseId,
  TestDatabases,
} from '@backstage/backend-test-utils';
import { Knex } from 'knex';
import { DatabaseOrchestratorStore } from '../database/DatabaseOrchestratorStore';

/** A fresh test database, migrated by the store as the plugin does it. */
export async function createTestStore(
  databases: TestDatabases,
  databaseId: TestDatabaseId,
): Promise<{ knex: Knex; store: DatabaseOrchestratorStore }> {
  const knex = await databases.init(databaseId);
  const store = await DatabaseOrchestratorStore.create({
    database: mockServices.database({ knex }),
  });
  return { knex, store };
}

/** An environment row to create, at a time. */
export function environmentRow(
  app: string,
  id: string,
  now: number,
  more: { type?: string; expiresAt?: number; from?: string } = {},
) {
  return {
    app,
    id,
    type: more.type ?? 'development',
    owner: 'group:default/team-a',
    createdBy: 'user:default/ada',
    createdAt: now,
    from: more.from,
    expiresAt: more.expiresAt,
    status: 'ready' as const,
    updatedAt: now,
  };
}
