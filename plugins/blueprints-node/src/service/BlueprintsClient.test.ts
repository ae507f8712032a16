import {
  mockServices,
  registerMswTestHooks,
} from '@backstage/backend-test-utils';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { BlueprintsClient } from './BlueprintsClient';

const server = setupServer();

describe('BlueprintsClient', () => {
  registerMswTestHooks(server);

  const client = new BlueprintsClient({
    discovery: mockServices.discovery(),
    auth: mockServices.auth(),
  });

  it('reads the blueprints with a service token for the blueprints plugin', async () => {
    let authorization: string | null = null;
    server.use(
      http.get(
        'http://localhost:0/api/blueprints/blueprints',
        ({ request }) => {
          authorization = request.headers.get('authorization');
          return HttpResponse.json({ items: [], problems: [] });
        },
      ),
    );
    await expect(client.getBlueprints()).resolves.toEqual({
      items: [],
      problems: [],
    });
    expect(authorization).toMatch(/^Bearer .*"target":"blueprints"/);
  });

  it('reads the entity store', async () => {
    const items = [{ blueprint: 'System', entity: { identifier: 'Cart' } }];
    server.use(
      http.get('http://localhost:0/api/blueprints/entities', () =>
        HttpResponse.json({ items }),
      ),
    );
    await expect(client.getStoredEntities()).resolves.toEqual({ items });
  });

  it('turns an error answer into an error that says what went wrong', async () => {
    server.use(
      http.get('http://localhost:0/api/blueprints/entities', () =>
        HttpResponse.json(
          { error: { name: 'NotAllowedError', message: 'no' } },
          { status: 403 },
        ),
      ),
    );
    await expect(client.getStoredEntities()).rejects.toThrow(
      /Request failed with 403/,
    );
  });
});
