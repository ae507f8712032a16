import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import orchestratorModulePostgresDriver from '@plinth/plugin-orchestrator-backend-module-postgres';
import request from 'supertest';
import { ENTITIES } from './__testUtils__/orchestrator';
import { orchestratorPlugin } from './plugin';

jest.setTimeout(60_000);

const CONFIG = {
  plinth: {
    orchestrator: {
      secrets: {
        keys: [{ id: 'test', key: Buffer.alloc(32, 7).toString('base64') }],
      },
      drivers: {
        postgres: { connection: { host: '127.0.0.1', user: 'postgres' } },
      },
      resourceDefinitions: [
        { id: 'pg', type: 'postgres', driver: 'postgres', criteria: [{}] },
      ],
    },
  },
};

describe('the orchestrator backend plugin', () => {
  it('serves its API with the built-in drivers and those of driver modules', async () => {
    const { server } = await startTestBackend({
      features: [
        orchestratorPlugin,
        orchestratorModulePostgresDriver,
        mockServices.rootConfig.factory({ data: CONFIG }),
        catalogServiceMock.factory({ entities: ENTITIES }),
      ],
    });
    const drivers = await request(server).get('/api/orchestrator/drivers');
    expect(drivers.status).toBe(200);
    expect(drivers.body.items.map((d: { id: string }) => d.id)).toEqual([
      'command',
      'dns',
      'environment',
      'postgres',
      'route',
      'service-port',
      'template',
      'volume',
    ]);
    const definitions = await request(server).get(
      '/api/orchestrator/resource-definitions',
    );
    expect(definitions.body.items).toEqual([
      expect.objectContaining({ id: 'pg', source: 'config', usedBy: [] }),
    ]);
    const unknownDriver = await request(server)
      .put('/api/orchestrator/resource-definitions/cache')
      .send({ type: 'redis', driver: 'redis', criteria: [{}] });
    expect(unknownDriver.status).toBe(400);
    expect(unknownDriver.body.error.message).toContain(
      'body driver: no driver "redis" is installed; the installed drivers are: command, dns, environment, postgres, route, service-port, template, volume',
    );
    const environments = await request(server).get(
      '/api/orchestrator/apps/component/default/cartservice/environments',
    );
    expect(environments.body).toEqual({ items: [] });
  });

  it('does not start without a key to seal secrets with, and says which key is missing', async () => {
    await expect(
      startTestBackend({
        features: [
          orchestratorPlugin,
          mockServices.rootConfig.factory({ data: {} }),
          catalogServiceMock.factory({ entities: ENTITIES }),
        ],
      }),
    ).rejects.toThrow(/plinth\.orchestrator\.secrets/);
  });
});
