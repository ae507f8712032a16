import { InputError } from '@backstage/errors';
import type { JsonObject } from '@backstage/types';
import { driverRequest } from './__testUtils__/request';
import { createRouteDriver } from './routeDriver';

const driver = createRouteDriver();
const route = (params: JsonObject) =>
  driver.provision(driverRequest({ key: 'web.route', type: 'route', params }));

describe('createRouteDriver', () => {
  it('gives the host, path and port of the params', async () => {
    expect(
      await route({ host: 'Shop.Example.com', path: '/api', port: 8080 }),
    ).toEqual({
      outputs: { host: 'shop.example.com', path: '/api', port: '8080' },
      secrets: {},
      state: {},
    });
    expect(
      (await route({ host: 'shop.example.com', port: '80' })).outputs,
    ).toEqual({ host: 'shop.example.com', path: '/', port: '80' });
  });

  it('names the param that is missing or wrong', async () => {
    const cases: Array<[JsonObject, string]> = [
      [{ port: 80 }, 'Resource "web.route" (route): params.host is required'],
      [
        { host: 'shop_front.example.com', port: 80 },
        'params.host "shop_front.example.com" is not a host name',
      ],
      [{ host: 'shop.example.com' }, 'params.port is required'],
      [
        { host: 'shop.example.com', port: 70000 },
        'params.port must be a port number from 1 to 65535, not 70000.',
      ],
      [
        { host: 'shop.example.com', port: 'http' },
        'params.port must be a port number from 1 to 65535, not "http".',
      ],
      [
        { host: 'shop.example.com', port: 80, path: 'api' },
        'params.path must be a path starting with "/", such as /api, not "api".',
      ],
      [
        { host: 'shop.example.com', port: 80, path: '/api?x=1' },
        'params.path "/api?x=1" may not hold spaces, "?" or "#"',
      ],
    ];
    for (const [params, message] of cases) {
      const run = route(params);
      await expect(run).rejects.toThrow(InputError);
      await expect(run).rejects.toThrow(message);
    }
  });
});
