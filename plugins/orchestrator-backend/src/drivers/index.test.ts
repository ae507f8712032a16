import { mockServices } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { driverRequest } from './__testUtils__/request';
import { createBuiltinDrivers } from './index';

describe('createBuiltinDrivers', () => {
  it('gives every built-in driver, configured from plinth.orchestrator.drivers', async () => {
    const drivers = createBuiltinDrivers(
      new ConfigReader({
        plinth: {
          orchestrator: {
            drivers: {
              command: { allowedCommands: ['/bin/true'], timeoutSeconds: 10 },
              dns: { pattern: '${resource.key}.example.com' },
            },
          },
        },
      }),
      mockServices.logger.mock(),
    );
    expect(drivers.map(d => d.id)).toEqual([
      'template',
      'command',
      'dns',
      'route',
      'volume',
      'service-port',
      'environment',
    ]);
    const dns = drivers.find(d => d.id === 'dns')!;
    expect(
      (await dns.provision(driverRequest({ key: 'web', type: 'dns' }))).outputs,
    ).toEqual({ host: 'web.example.com' });
    const command = drivers.find(d => d.id === 'command')!;
    await expect(
      command.provision(driverRequest({ inputs: { command: '/bin/false' } })),
    ).rejects.toThrow(
      'is not one of plinth.orchestrator.drivers.command.allowedCommands',
    );
  });

  it('works without config, and names a mistyped key', () => {
    expect(createBuiltinDrivers(new ConfigReader({}))).toHaveLength(7);
    expect(() =>
      createBuiltinDrivers(
        new ConfigReader({
          plinth: {
            orchestrator: { drivers: { command: { allowedCommands: 'x' } } },
          },
        }),
      ),
    ).toThrow(/plinth\.orchestrator\.drivers\.command\.allowedCommands/);
  });
});
