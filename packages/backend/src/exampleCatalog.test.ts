import {
  mockCredentials,
  mockServices,
  startTestBackend,
  TestDatabases,
} from '@backstage/backend-test-utils';
import catalogPlugin from '@backstage/plugin-catalog-backend';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import request from 'supertest';
import { parse } from 'yaml';

// The backend process runs in packages/backend: catalog file locations in
// app-config.yaml are relative to it.
const backendDir = resolve(__dirname, '..');

/** The `catalog` section of the example app's own app-config.yaml. */
function exampleCatalogConfig() {
  const appConfig = parse(
    readFileSync(resolve(backendDir, '../../app-config.yaml'), 'utf8'),
  );
  const catalog = appConfig.catalog;
  return {
    ...catalog,
    locations: catalog.locations.map((location: { target: string }) => ({
      ...location,
      target: resolve(backendDir, location.target),
    })),
  };
}

/** Polls the catalog until the entity has been ingested and processed. */
async function waitForEntity(server: any, path: string) {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const response = await request(server)
      .get(`/api/catalog/entities/by-name/${path}`)
      .set('Authorization', mockCredentials.user.header());
    if (response.status === 200 && response.body.relations?.length) {
      return response.body;
    }
    if (Date.now() > deadline) {
      throw new Error(
        `${path} did not appear in the catalog: last answer ${response.status}`,
      );
    }
    await new Promise(r => setTimeout(r, 250));
  }
}

describe('the example catalog', () => {
  // SQLite always; PostgreSQL when BACKSTAGE_TEST_DATABASE_POSTGRES<N>_CONNECTION_STRING is set.
  const databases = TestDatabases.create();

  it.each(databases.eachSupportedId())(
    'ingests the configured locations with their relations on %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      const backend = await startTestBackend({
        features: [
          catalogPlugin,
          mockServices.database.factory({ knex }),
          mockServices.rootConfig.factory({
            data: { catalog: exampleCatalogConfig() },
          }),
        ],
      });
      try {
        const website = await waitForEntity(
          backend.server,
          'component/default/example-website',
        );
        expect(website.spec).toMatchObject({
          owner: 'guests',
          system: 'examples',
        });
        expect(website.relations).toEqual(
          expect.arrayContaining([
            { type: 'ownedBy', targetRef: 'group:default/guests' },
            { type: 'partOf', targetRef: 'system:default/examples' },
            { type: 'providesApi', targetRef: 'api:default/example-grpc-api' },
          ]),
        );

        // The organization data is allowed only from its own location.
        const guests = await waitForEntity(
          backend.server,
          'group/default/guests',
        );
        expect(guests.kind).toBe('Group');

        // The demo's teams are in a department, and have people.
        const cartTeam = await waitForEntity(
          backend.server,
          'group/default/cart-team',
        );
        expect(cartTeam.relations).toEqual(
          expect.arrayContaining([
            { type: 'childOf', targetRef: 'group:default/commerce' },
            { type: 'hasMember', targetRef: 'user:default/alice' },
          ]),
        );
      } finally {
        await backend.stop();
      }
    },
    60_000,
  );
});
