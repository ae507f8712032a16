import { driverRequest } from './__testUtils__/request';
import { createVolumeDriver, volumeNameOf } from './volumeDriver';

describe('createVolumeDriver', () => {
  const driver = createVolumeDriver();
  const source = async (key: string) =>
    (await driver.provision(driverRequest({ key, type: 'volume' }))).outputs
      .source;

  it('names the volume after the resource key, with a hash', async () => {
    expect(await source('api.data')).toMatch(/^api-data-[0-9a-f]{12}$/);
    expect(await source('api.data')).toBe(volumeNameOf('api.data'));
  });

  it('gives DNS labels that never collide, whatever the key', async () => {
    const names = await Promise.all(
      [
        'api.data',
        'api_data',
        'API.DATA',
        'x'.repeat(200),
        `${'x'.repeat(200)}y`,
        '…',
      ].map(source),
    );
    expect(new Set(names).size).toBe(names.length);
    for (const name of names) {
      expect(name).toMatch(/^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/);
    }
  });
});
