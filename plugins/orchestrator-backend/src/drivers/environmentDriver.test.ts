import { InputError } from '@backstage/errors';
import { driverRequest } from './__testUtils__/request';
import { createEnvironmentDriver } from './environmentDriver';

describe('createEnvironmentDriver', () => {
  const driver = createEnvironmentDriver();

  it('gives the shared values as outputs and the shared secrets as secrets', async () => {
    expect(driver.usesSharedValues).toBe(true);
    expect(
      await driver.provision(
        driverRequest({
          key: 'api.env',
          type: 'environment',
          sharedValues: {
            values: { LOG_LEVEL: 'debug', API_KEY: 'shown?' },
            secrets: { API_KEY: 'k-123' },
          },
        }),
      ),
    ).toEqual({
      // A name that is also a secret is never shown in clear.
      outputs: { LOG_LEVEL: 'debug' },
      secrets: { API_KEY: 'k-123' },
      state: {},
    });
  });

  it('says when it was given no shared values', async () => {
    const run = driver.provision(
      driverRequest({ key: 'api.env', type: 'environment' }),
    );
    await expect(run).rejects.toThrow(InputError);
    await expect(run).rejects.toThrow(
      'Resource "api.env" (environment): the environment driver was given no shared values',
    );
  });
});
