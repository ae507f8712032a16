import { InputError } from '@backstage/errors';
import type { JsonObject } from '@backstage/types';
import { driverRequest } from './__testUtils__/request';
import { createServicePortDriver } from './servicePortDriver';

const driver = createServicePortDriver();
const servicePort = (params: JsonObject) =>
  driver.provision(
    driverRequest({ key: 'web.backend', type: 'service-port', params }),
  );

describe('createServicePortDriver', () => {
  it("gives the other workload's service name and the port", async () => {
    expect(await servicePort({ workload: 'products', port: 8080 })).toEqual({
      outputs: { hostname: 'products', port: '8080' },
      secrets: {},
      state: {},
    });
  });

  it('names the param that is missing or wrong', async () => {
    const cases: Array<[JsonObject, string]> = [
      [
        { port: 80 },
        'Resource "web.backend" (service-port): params.workload is required: the name of the workload to call.',
      ],
      [
        { workload: 'Products_API', port: 80 },
        'params.workload "Products_API" names no workload',
      ],
      [{ workload: 'products' }, 'params.port is required'],
      [{ workload: 'products', port: 0 }, 'params.port must be a port number'],
    ];
    for (const [params, message] of cases) {
      const run = servicePort(params);
      await expect(run).rejects.toThrow(InputError);
      await expect(run).rejects.toThrow(message);
    }
  });
});
