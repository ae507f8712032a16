import {
  mockCredentials,
  mockServices,
  registerMswTestHooks,
} from '@backstage/backend-test-utils';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import type { ResponseError } from '@backstage/errors';
import { PluginServiceClient } from './PluginServiceClient';

const server = setupServer();

describe('PluginServiceClient', () => {
  registerMswTestHooks(server);

  const api = new PluginServiceClient({
    discovery: mockServices.discovery(),
    auth: mockServices.auth(),
    pluginId: 'things',
  });

  it('calls the plugin with a service token for it, and reads the JSON answer', async () => {
    let authorization: string | null = null;
    let body: unknown;
    server.use(
      http.get('http://localhost:0/api/things/items', ({ request }) => {
        authorization = request.headers.get('authorization');
        return HttpResponse.json({ items: [1] });
      }),
      http.post('http://localhost:0/api/things/items', async ({ request }) => {
        body = await request.json();
        return HttpResponse.json({ created: 1 });
      }),
    );
    await expect(api.get('/items')).resolves.toEqual({ items: [1] });
    expect(authorization).toMatch(/^Bearer .*"target":"things"/);
    await expect(api.post('/items', [{ id: 'a' }])).resolves.toEqual({
      created: 1,
    });
    expect(body).toEqual([{ id: 'a' }]);
  });

  it('throws a ResponseError with the status and what the plugin answered', async () => {
    server.use(
      http.get('http://localhost:0/api/things/items', () =>
        HttpResponse.json(
          { error: { name: 'NotAllowedError', message: 'no' } },
          { status: 403 },
        ),
      ),
    );
    const error = await api.get('/items').then(
      () => undefined,
      (e: ResponseError) => e,
    );
    expect(error).toMatchObject({ name: 'ResponseError', statusCode: 403 });
    expect(error?.message).toMatch(/403/);
    expect(JSON.stringify(error?.body)).toContain('NotAllowedError');
  });

  it('sends text bodies as they are, acts on behalf of a user, and reads a 204 as nothing', async () => {
    let contentType: string | null = null;
    let text = '';
    let authorization: string | null = null;
    server.use(
      http.put('http://localhost:0/api/things/items/a', async ({ request }) => {
        contentType = request.headers.get('content-type');
        authorization = request.headers.get('authorization');
        text = await request.text();
        return HttpResponse.json({ ok: true });
      }),
      http.delete(
        'http://localhost:0/api/things/items/a',
        () => new HttpResponse(null, { status: 204 }),
      ),
    );
    await api.put('/items/a', 'name: a\n', {
      contentType: 'application/yaml',
      credentials: mockCredentials.user('user:default/ada'),
    });
    expect(contentType).toBe('application/yaml');
    expect(text).toBe('name: a\n');
    expect(authorization).toContain('user:default/ada');
    await expect(api.delete('/items/a')).resolves.toBeUndefined();
  });
});
