import { ResponseError } from '@backstage/errors';
import { mockApis, registerMswTestHooks } from '@backstage/frontend-test-utils';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import {
  cartDeployments,
  cartEnvironments,
  definitions,
  dev3Diff,
  environment,
  environmentTypes,
  explanation,
  previewDetails,
} from '../__testUtils__/fixtures';
import { OrchestratorClient } from './OrchestratorClient';

const base = 'http://example.com/api/orchestrator';
const envs = `${base}/apps/component/default/CartService/environments`;

describe('OrchestratorClient', () => {
  const server = setupServer();
  registerMswTestHooks(server);

  const client = new OrchestratorClient({
    discoveryApi: mockApis.discovery(),
    fetchApi: { fetch: (input, init) => fetch(input, init) },
  });

  /** Records each request to `method path`, answering `body` with `status`. */
  function answer(
    method: 'get' | 'post' | 'put' | 'patch' | 'delete',
    path: string,
    body: unknown,
    status = 200,
  ) {
    const seen: Array<{ url: URL; body: unknown }> = [];
    server.use(
      http[method](path, async ({ request }) => {
        const text = await request.text();
        seen.push({
          url: new URL(request.url),
          body: text ? JSON.parse(text) : undefined,
        });
        return HttpResponse.json(body as object, { status });
      }),
    );
    return seen;
  }

  it('reads the platform: environment types, resource types, drivers and definitions', async () => {
    answer('get', `${base}/environment-types`, { items: environmentTypes });
    answer('get', `${base}/resource-types`, { items: [] });
    answer('get', `${base}/drivers`, {
      items: [{ id: 'postgres', resourceTypes: ['postgres'] }],
    });
    answer('get', `${base}/resource-definitions`, { items: definitions });
    await expect(client.getEnvironmentTypes()).resolves.toEqual(
      environmentTypes,
    );
    await expect(client.getResourceTypes()).resolves.toEqual([]);
    await expect(client.getDrivers()).resolves.toEqual([
      { id: 'postgres', resourceTypes: ['postgres'] },
    ]);
    await expect(client.getResourceDefinitions()).resolves.toEqual(definitions);
  });

  it('asks which definition a resource gets', async () => {
    const seen = answer('post', `${base}/explain`, explanation);
    const request = {
      app: 'component:default/CartService',
      environment: 'preview',
      type: 'postgres',
      resId: 'cart.db',
    };
    await expect(client.explain(request)).resolves.toEqual(explanation);
    expect(seen[0].body).toEqual(request);
  });

  it("reads an app's environments by its entity ref, or its parts", async () => {
    const seen = answer('get', envs, { items: cartEnvironments() });
    await client.listEnvironments('component:default/CartService');
    await client.listEnvironments({
      kind: 'component',
      namespace: 'default',
      name: 'CartService',
    });
    expect(seen.map(s => s.url.pathname)).toEqual([
      '/api/orchestrator/apps/component/default/CartService/environments',
      '/api/orchestrator/apps/component/default/CartService/environments',
    ]);
  });

  it('encodes the parts of the path', async () => {
    const seen = answer(
      'get',
      `${base}/apps/component/default/:name/environments/:env`,
      previewDetails(),
    );
    await client.getEnvironment('component:default/odd name', 'preview');
    expect(seen[0].url.pathname).toBe(
      '/api/orchestrator/apps/component/default/odd%20name/environments/preview',
    );
  });

  it('creates an environment with the body given', async () => {
    const created = { environment: environment('preview') };
    const seen = answer('post', envs, created, 201);
    await expect(
      client.createEnvironment('component:default/CartService', {
        id: 'preview',
        type: 'ephemeral',
        ttl: 'PT8H',
        from: 'development',
      }),
    ).resolves.toEqual(created);
    expect(seen[0].body).toEqual({
      id: 'preview',
      type: 'ephemeral',
      ttl: 'PT8H',
      from: 'development',
    });
  });

  it('sets and removes a TTL, locks, unlocks and deletes', async () => {
    const ttl = answer('patch', `${envs}/preview`, environment('preview'));
    const lock = answer('put', `${envs}/preview/lock`, environment('preview'));
    const unlock = answer(
      'delete',
      `${envs}/preview/lock`,
      environment('preview'),
    );
    const run = { id: 'run-1', status: 'queued' };
    const remove = answer('delete', `${envs}/preview`, { run }, 202);
    const app = 'component:default/CartService';

    await client.setEnvironmentTtl(app, 'preview', 'PT4H');
    await client.setEnvironmentTtl(app, 'preview', null);
    expect(ttl.map(s => s.body)).toEqual([{ ttl: 'PT4H' }, { ttl: null }]);

    await client.lockEnvironment(app, 'preview', 'release under test');
    expect(lock[0].body).toEqual({ reason: 'release under test' });
    await client.unlockEnvironment(app, 'preview');
    expect(unlock).toHaveLength(1);

    await expect(client.deleteEnvironment(app, 'preview')).resolves.toEqual(
      run,
    );
    expect(remove).toHaveLength(1);
  });

  it('reads the values of an app or of an environment', async () => {
    const appValues = answer(
      'get',
      `${base}/apps/component/default/CartService/values`,
      { items: [] },
    );
    const envValues = answer('get', `${envs}/preview/values`, { items: [] });
    await client.listValues('component:default/CartService');
    await client.listValues('component:default/CartService', 'preview');
    expect(appValues).toHaveLength(1);
    expect(envValues).toHaveLength(1);
  });

  it('lists the deployments of an environment, as many as asked', async () => {
    const items = cartDeployments().development.map(({ id }) => ({ id }));
    const seen = answer('get', `${envs}/development/deployments`, { items });
    const app = 'component:default/CartService';
    await expect(
      client.listDeployments(app, 'development', { limit: 21 }),
    ).resolves.toEqual(items);
    await client.listDeployments(app, 'development');
    expect(seen.map(s => s.url.search)).toEqual(['?limit=21', '']);
  });

  it('reads a deployment and what it changed', async () => {
    const [newest] = cartDeployments().development;
    const deployments = `${envs}/development/deployments`;
    const one = answer('get', `${deployments}/:id`, { deployment: newest });
    answer('get', `${deployments}/:id/diff`, dev3Diff);
    const app = 'component:default/CartService';
    await expect(
      client.getDeployment(app, 'development', newest.id),
    ).resolves.toEqual(newest);
    expect(one[0].url.pathname).toBe(
      `/api/orchestrator/apps/component/default/CartService/environments/development/deployments/${newest.id}`,
    );
    await expect(
      client.getDeploymentDiff(app, 'development', newest.id),
    ).resolves.toEqual(dev3Diff);
  });

  it('deploys, rolls back and promotes with the bodies given', async () => {
    const [newest, earlier] = cartDeployments().development;
    const app = 'component:default/CartService';
    const deploy = answer(
      'post',
      `${envs}/development/deployments`,
      { deployment: newest },
      202,
    );
    const rollback = answer(
      'post',
      `${envs}/development/deployments/${earlier.id}/rollback`,
      { deployment: newest },
      202,
    );
    const promote = answer(
      'post',
      `${envs}/production/promote`,
      { deployment: newest },
      202,
    );
    const request = {
      workloads: [{ name: 'cart', images: { api: 'cart-api:1.2.6' } }],
      comment: 'Fix the checkout',
    };
    await expect(client.deploy(app, 'development', request)).resolves.toEqual(
      newest,
    );
    expect(deploy[0].body).toEqual(request);

    await expect(
      client.rollbackDeployment(app, 'development', earlier.id, {
        comment: 'incident 7',
      }),
    ).resolves.toEqual(newest);
    await client.rollbackDeployment(app, 'development', earlier.id);
    expect(rollback.map(s => s.body)).toEqual([{ comment: 'incident 7' }, {}]);

    await expect(
      client.promoteEnvironment(app, 'production', { from: 'staging' }),
    ).resolves.toEqual(newest);
    expect(promote[0].body).toEqual({ from: 'staging' });
  });

  it('says why a locked environment took no deployment', async () => {
    answer(
      'post',
      `${envs}/staging/deployments`,
      {
        error: {
          name: 'ConflictError',
          message: 'Environment staging is locked: release 2.4 under test',
        },
        request: { method: 'POST', url: '/api/orchestrator/apps' },
        response: { statusCode: 409 },
      },
      409,
    );
    const error = await client
      .deploy('component:default/CartService', 'staging', { workloads: [] })
      .catch(e => e);
    expect(error).toMatchObject({
      statusCode: 409,
      cause: {
        name: 'ConflictError',
        message: 'Environment staging is locked: release 2.4 under test',
      },
    });
  });

  it("turns the backend's errors into response errors with its sentence", async () => {
    answer(
      'post',
      envs,
      {
        error: {
          name: 'ConflictError',
          message:
            'Environment "preview" of component:default/cartservice exists already',
        },
        request: { method: 'POST', url: '/api/orchestrator/apps' },
        response: { statusCode: 409 },
      },
      409,
    );
    const error = await client
      .createEnvironment('component:default/CartService', {
        id: 'preview',
        type: 'ephemeral',
      })
      .catch(e => e);
    expect(ResponseError.is(error)).toBe(true);
    expect(error).toMatchObject({
      statusCode: 409,
      cause: {
        name: 'ConflictError',
        message:
          'Environment "preview" of component:default/cartservice exists already',
      },
    });
  });
});
