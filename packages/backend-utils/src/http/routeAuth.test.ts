import { MiddlewareFactory } from '@backstage/backend-defaults/rootHttpRouter';
import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import {
  AuthorizeResult,
  createPermission,
} from '@backstage/plugin-permission-common';
import express from 'express';
import Router from 'express-promise-router';
import request from 'supertest';
import { createRouteAuth, principalRef } from './routeAuth';

const edit = createPermission({
  name: 'test.thing.update',
  attributes: { action: 'update' },
});
const editOne = createPermission({
  name: 'test.thing.update-one',
  attributes: { action: 'update' },
  resourceType: 'test-thing',
});

function app(options: {
  result?: AuthorizeResult.ALLOW | AuthorizeResult.DENY;
  ready?: () => Promise<void>;
}) {
  const permissions = mockServices.permissions.mock({
    authorize: jest.fn(async requests =>
      requests.map(() => ({
        result: options.result ?? AuthorizeResult.ALLOW,
      })),
    ) as any,
  });
  const auth = createRouteAuth({
    httpAuth: mockServices.httpAuth(),
    permissions,
    ready: options.ready,
  });
  const router = Router();
  router.get('/read', async (req, res) => {
    const credentials = await auth.credentials(req);
    res.json({ by: principalRef(credentials) });
  });
  router.get('/service-only', async (req, res) => {
    await auth.credentials(req, { allow: ['service'] });
    res.json({});
  });
  router.post('/edit', async (req, res) => {
    const credentials = await auth.authorized(req, edit);
    res.json({ by: principalRef(credentials) });
  });
  router.post('/edit/:id', async (req, res) => {
    await auth.authorized(req, editOne, `thing:${req.params.id}`);
    res.json({});
  });
  const server = express().use(router);
  server.use(
    MiddlewareFactory.create({
      config: mockServices.rootConfig(),
      logger: mockServices.logger.mock(),
    }).error(),
  );
  return { client: request(server), permissions };
}

describe('createRouteAuth', () => {
  it('lets users and services read, and records who called', async () => {
    const { client } = app({});
    const user = await client.get('/read');
    expect(user.body).toEqual({ by: 'user:default/mock' });
    const service = await client.get('/read').set(
      'Authorization',
      mockCredentials.service.header({
        onBehalfOf: mockCredentials.service('plugin:catalog'),
        targetPluginId: 'test',
      }),
    );
    expect(service.body).toEqual({ by: 'plugin:catalog' });
  });

  it('answers 401 without credentials, 403 to a kind not allowed', async () => {
    const { client } = app({});
    const anonymous = await client
      .get('/read')
      .set('Authorization', mockCredentials.none.header());
    expect(anonymous.status).toBe(401);
    const user = await client.get('/service-only');
    expect(user.status).toBe(403);
  });

  it('answers 403 naming the permission, and the resource of a resource permission', async () => {
    const { client, permissions } = app({ result: AuthorizeResult.DENY });
    const basic = await client.post('/edit');
    expect(basic.status).toBe(403);
    expect(basic.body.error).toMatchObject({
      name: 'NotAllowedError',
      message: 'not allowed: test.thing.update',
    });
    const scoped = await client.post('/edit/42');
    expect(scoped.status).toBe(403);
    expect(scoped.body.error.message).toBe(
      'not allowed: test.thing.update-one on thing:42',
    );
    expect(permissions.authorize).toHaveBeenLastCalledWith(
      [{ permission: editOne, resourceRef: 'thing:42' }],
      expect.anything(),
    );
  });

  it('waits for the plugin to be ready before a route reads', async () => {
    let release!: () => void;
    const ready = new Promise<void>(resolve => {
      release = resolve;
    });
    const { client } = app({ ready: () => ready });
    let answered = false;
    const pending = client.get('/read').then(res => {
      answered = true;
      return res;
    });
    await new Promise(resolve => setTimeout(resolve, 50));
    expect(answered).toBe(false);
    release();
    expect((await pending).status).toBe(200);
  });
});
