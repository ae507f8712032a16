import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { blueprintEntityDeletePermission } from '@plinth/plugin-blueprints-common';
// eslint-disable-next-line @backstage/no-mixed-plugin-imports -- the actions are tested against the real blueprints backend
import blueprintsPlugin from '@plinth/plugin-blueprints-backend';
import {
  BlueprintEntityStore,
  BlueprintsClient,
} from '@plinth/plugin-blueprints-node';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runStep } from '../__testUtils__/actionContext';
import {
  createEntityCreateAction,
  createEntityDeleteAction,
  createEntityUpdateAction,
} from './entities';

jest.setTimeout(60_000);

const CUSTOMER = {
  identifier: 'Customer',
  title: 'Customer',
  schema: {
    properties: {
      plan: {
        type: 'string',
        title: 'Plan tier',
        enum: ['starter', 'pro', 'enterprise'],
      },
      softwareVersion: { type: 'string', title: 'Software version' },
    },
    required: ['plan'],
  },
  relations: {},
};

async function startBlueprints(deny: string[] = []) {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'plinth-blueprints-'));
  await fs.writeFile(path.join(dir, 'customer.json'), JSON.stringify(CUSTOMER));
  const decide = (name: string) =>
    deny.includes(name) ? AuthorizeResult.DENY : AuthorizeResult.ALLOW;
  const permissions = mockServices.permissions.mock({
    authorize: async requests =>
      requests.map(r => ({ result: decide(r.permission.name) })) as any,
    authorizeConditional: async requests =>
      requests.map(r => ({ result: decide(r.permission.name) })) as any,
  });
  const { server } = await startTestBackend({
    features: [
      blueprintsPlugin,
      permissions.factory,
      // The catalog has ingested the store's customers (the blueprints
      // backend shows an entity only to those who may see it there).
      catalogServiceMock.factory({
        entities: ['acme', 'globex', 'initech'].map(name => ({
          apiVersion: 'backstage.io/v1alpha1',
          kind: 'Customer',
          metadata: {
            name,
            annotations: {
              'plinth.dev/blueprint': 'Customer',
              'plinth.dev/identifier': name,
              'backstage.io/managed-by-location': `plinth-entity-store:Customer/${name}`,
            },
          },
          spec: {},
        })),
      }),
      mockServices.rootConfig.factory({
        data: { plinth: { blueprints: { files: [dir] } } },
      }),
    ],
  });
  const baseUrl = `http://localhost:${server.port()}/api/blueprints`;
  const entities: BlueprintEntityStore = new BlueprintsClient({
    discovery: {
      getBaseUrl: async () => baseUrl,
      getExternalBaseUrl: async () => baseUrl,
    },
    auth: mockServices.auth(),
  });
  return entities;
}

describe('the entity actions', () => {
  it('create, update and delete a Customer, validated as the entity store validates', async () => {
    const entities = await startBlueprints();
    const create = createEntityCreateAction({ entities });
    const input = {
      blueprint: 'Customer',
      identifier: 'acme',
      title: 'Acme Corp',
      properties: { plan: 'starter', softwareVersion: '2.4' },
    };
    const dry = await runStep(create, input, { isDryRun: true });
    expect(dry.logs).toEqual(['Dry run: would create Customer acme.']);
    await expect(entities.getEntity('Customer', 'acme')).rejects.toThrow();

    const created = await runStep(create, input);
    expect(created.outputs).toEqual({
      identifier: 'acme',
      entityRef: 'customer:default/acme',
    });
    expect(await entities.getEntity('Customer', 'acme')).toMatchObject({
      title: 'Acme Corp',
      properties: { plan: 'starter', softwareVersion: '2.4' },
    });

    const update = createEntityUpdateAction({ entities });
    const upgraded = await runStep(update, {
      blueprint: 'Customer',
      identifier: 'acme',
      properties: { plan: 'enterprise' },
    });
    expect(upgraded.outputs.changed).toEqual([
      'plan: "starter" → "enterprise"',
    ]);
    expect(await entities.getEntity('Customer', 'acme')).toMatchObject({
      title: 'Acme Corp',
      properties: { plan: 'enterprise', softwareVersion: '2.4' },
    });

    const remove = createEntityDeleteAction({ entities });
    await runStep(
      remove,
      { blueprint: 'Customer', identifier: 'acme' },
      { isDryRun: true },
    );
    expect(await entities.getEntity('Customer', 'acme')).toBeDefined();
    const deleted = await runStep(remove, {
      blueprint: 'Customer',
      identifier: 'acme',
    });
    expect(deleted.logs).toEqual(['Delete Customer Acme Corp (acme).']);
    await expect(entities.getEntity('Customer', 'acme')).rejects.toThrow();
  });

  it('refuses an invalid entity in the dry run already, naming the property', async () => {
    const entities = await startBlueprints();
    const create = createEntityCreateAction({ entities });
    const input = {
      blueprint: 'Customer',
      identifier: 'globex',
      properties: { plan: 'platinum' },
    };
    for (const isDryRun of [true, false]) {
      await expect(runStep(create, input, { isDryRun })).rejects.toThrow(
        /^Could not create Customer globex: .*plan.*(starter|one of)/,
      );
    }
    await expect(entities.getEntity('Customer', 'globex')).rejects.toThrow();
    const update = createEntityUpdateAction({ entities });
    await runStep(create, { ...input, properties: { plan: 'pro' } });
    await expect(
      runStep(
        update,
        {
          blueprint: 'Customer',
          identifier: 'globex',
          properties: { plan: 'gold' },
        },
        { isDryRun: true },
      ),
    ).rejects.toThrow(/^Could not update Customer globex .*: .*plan/);
    expect(await entities.getEntity('Customer', 'globex')).toMatchObject({
      properties: { plan: 'pro' },
    });
  });

  it("fails with the store's reason for a user who may not delete", async () => {
    const entities = await startBlueprints([
      blueprintEntityDeletePermission.name,
    ]);
    await runStep(createEntityCreateAction({ entities }), {
      blueprint: 'Customer',
      identifier: 'initech',
      properties: { plan: 'pro' },
    });
    await expect(
      runStep(
        createEntityDeleteAction({ entities }),
        { blueprint: 'Customer', identifier: 'initech' },
        { credentials: mockCredentials.user('user:default/eve') },
      ),
    ).rejects.toThrow(/^Could not delete Customer initech \(initech\): /);
    expect(await entities.getEntity('Customer', 'initech')).toBeDefined();
  });
});
