import { ResponseError } from '@backstage/errors';
import { mockApis, registerMswTestHooks } from '@backstage/frontend-test-utils';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { blueprintList } from '../__testUtils__/fixtures';
import { BlueprintsClient } from './BlueprintsClient';
import { EntityRejectedError } from './EntityRejectedError';

const base = 'http://example.com/api/blueprints';

/** The body Backstage's error middleware answers an InputError with. */
function inputErrorBody(message: string) {
  return {
    error: { name: 'InputError', message },
    request: { method: 'POST', url: '/api/blueprints/blueprints/x/entities' },
    response: { statusCode: 400 },
  };
}

describe('BlueprintsClient', () => {
  const server = setupServer();
  registerMswTestHooks(server);

  const client = new BlueprintsClient({
    discoveryApi: mockApis.discovery(),
    fetchApi: { fetch: (input, init) => fetch(input, init) },
  });

  it('lists the blueprints and their problems', async () => {
    server.use(
      http.get(`${base}/blueprints`, () => HttpResponse.json(blueprintList)),
    );
    await expect(client.listBlueprints()).resolves.toEqual(blueprintList);
  });

  it('encodes identifiers that hold slashes', async () => {
    let requested = '';
    server.use(
      http.get(`${base}/blueprints/:identifier/versions`, ({ request }) => {
        requested = new URL(request.url).pathname;
        return HttpResponse.json({ items: [] });
      }),
    );
    await client.getBlueprintVersions('acme/pull-request');
    expect(requested).toBe(
      '/api/blueprints/blueprints/acme%2Fpull-request/versions',
    );
  });

  it('posts an entity with the write options', async () => {
    let body: unknown;
    let search = '';
    server.use(
      http.post(
        `${base}/blueprints/Environment/entities`,
        async ({ request }) => {
          body = await request.json();
          search = new URL(request.url).search;
          return HttpResponse.json(
            { entity: { identifier: 'dev', blueprint: 'Environment' } },
            { status: 201 },
          );
        },
      ),
    );
    const entity = await client.createEntity(
      'Environment',
      { identifier: 'dev', properties: { type: 'development' } },
      { validationOnly: true },
    );
    expect(entity).toEqual({ identifier: 'dev', blueprint: 'Environment' });
    expect(body).toEqual({
      identifier: 'dev',
      properties: { type: 'development' },
    });
    expect(search).toBe('?validation_only=true');
  });

  it('turns a 400 into the problems of the entity, each with its place', async () => {
    server.use(
      http.post(`${base}/blueprints/Environment/entities`, () =>
        HttpResponse.json(
          inputErrorBody(
            [
              'request: Environment:dev /properties/replicas: must be >= 0',
              'request: Environment:dev /relations/system: required relation "system" is missing',
              'request: Environment:dev: something about the whole entity',
            ].join('\n'),
          ),
          { status: 400 },
        ),
      ),
    );
    const error = await client
      .createEntity('Environment', { identifier: 'dev' })
      .catch(e => e);
    expect(error).toBeInstanceOf(EntityRejectedError);
    expect(error.problems).toEqual([
      {
        source: 'request',
        entity: 'Environment:dev',
        pointer: '/properties/replicas',
        message: 'must be >= 0',
      },
      {
        source: 'request',
        entity: 'Environment:dev',
        pointer: '/relations/system',
        message: 'required relation "system" is missing',
      },
      {
        source: 'request',
        pointer: '',
        message: 'request: Environment:dev: something about the whole entity',
      },
    ]);
  });

  it('takes a problems list from the 400 body when there is one', async () => {
    const problems = [
      { source: 'request', pointer: '/identifier', message: 'is taken' },
    ];
    server.use(
      http.post(`${base}/blueprints/Environment/entities`, () =>
        HttpResponse.json(
          { ...inputErrorBody('the entity has 1 problem'), problems },
          { status: 400 },
        ),
      ),
    );
    const error = await client
      .createEntity('Environment', { identifier: 'dev' })
      .catch(e => e);
    expect(error.problems).toEqual(problems);
  });

  it('passes other refusals on as response errors', async () => {
    server.use(
      http.post(`${base}/blueprints/Environment/entities`, () =>
        HttpResponse.json(
          {
            error: {
              name: 'ConflictError',
              message: 'entity "dev" already exists',
            },
            response: { statusCode: 409 },
          },
          { status: 409 },
        ),
      ),
    );
    const error = await client
      .createEntity('Environment', { identifier: 'dev' })
      .catch(e => e);
    expect(ResponseError.is(error)).toBe(true);
    expect(error.statusCode).toBe(409);
  });

  it('reads derived properties, and none for a 404', async () => {
    const derived = {
      entityRef: 'deployment:default/d1',
      blueprint: 'Deployment',
      identifier: 'd1',
      values: {
        environmentType: {
          kind: 'mirror',
          value: 'production',
          computedAt: '2026-11-27T10:00:00Z',
        },
      },
      ownership: { type: 'Direct', teams: ['cart-team'] },
    };
    server.use(
      http.get(`${base}/derived/by-ref/Deployment/default/d1`, () =>
        HttpResponse.json(derived),
      ),
      http.get(`${base}/derived/by-ref/Deployment/default/d2`, () =>
        HttpResponse.json(
          { error: { name: 'NotFoundError', message: 'not computed' } },
          { status: 404 },
        ),
      ),
      http.get(`${base}/derived/by-ref/Deployment/default/d3`, () =>
        HttpResponse.json(
          {
            error: { name: 'Error', message: 'boom' },
            response: { statusCode: 500 },
          },
          { status: 500 },
        ),
      ),
    );
    const ref = (name: string) => ({
      kind: 'Deployment',
      namespace: 'default',
      name,
    });
    await expect(client.getDerivedProperties(ref('d1'))).resolves.toEqual(
      derived,
    );
    await expect(client.getDerivedProperties(ref('d2'))).resolves.toBe(
      undefined,
    );
    await expect(client.getDerivedProperties(ref('d3'))).rejects.toMatchObject({
      statusCode: 500,
      cause: { message: 'boom' },
    });
  });

  it('asks for the derived properties of many entities at once', async () => {
    let body: unknown;
    server.use(
      http.post(`${base}/derived/by-refs`, async ({ request }) => {
        body = await request.json();
        return HttpResponse.json({ items: [null, null] });
      }),
    );
    await expect(
      client.getDerivedPropertiesByRefs([
        'deployment:default/d1',
        { kind: 'Deployment', namespace: 'default', name: 'd2' },
      ]),
    ).resolves.toEqual([null, null]);
    expect(body).toEqual({
      entityRefs: ['deployment:default/d1', 'deployment:default/d2'],
    });
  });
});
