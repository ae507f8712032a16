import { ConfigReader } from '@backstage/config';
import { readS3DriverConfig } from './config';

describe('readS3DriverConfig', () => {
  it('reads the S3 API, with the default region', () => {
    const options = readS3DriverConfig(
      new ConfigReader({
        plinth: {
          orchestrator: {
            drivers: {
              s3: {
                endpoint: 'http://minio:9000',
                forcePathStyle: true,
                credentials: { accessKeyId: 'id', secretAccessKey: 'key' },
                publicEndpoint: 'http://minio.internal:9000',
              },
            },
          },
        },
      }),
    );
    expect(options).toEqual({
      endpoint: 'http://minio:9000',
      region: 'us-east-1',
      forcePathStyle: true,
      credentials: { accessKeyId: 'id', secretAccessKey: 'key' },
      publicEndpoint: 'http://minio.internal:9000',
    });
  });

  it('reads AWS, with neither endpoint', () => {
    expect(
      readS3DriverConfig(
        new ConfigReader({
          plinth: {
            orchestrator: {
              drivers: {
                s3: {
                  region: 'eu-central-1',
                  credentials: { accessKeyId: 'id', secretAccessKey: 'key' },
                },
              },
            },
          },
        }),
      ),
    ).toEqual({
      endpoint: undefined,
      region: 'eu-central-1',
      forcePathStyle: undefined,
      credentials: { accessKeyId: 'id', secretAccessKey: 'key' },
      publicEndpoint: undefined,
    });
  });

  it('names the missing key', () => {
    expect(() =>
      readS3DriverConfig(
        new ConfigReader({
          plinth: {
            orchestrator: {
              drivers: { s3: { credentials: { accessKeyId: 'id' } } },
            },
          },
        }),
      ),
    ).toThrow(
      /plinth\.orchestrator\.drivers\.s3\.credentials\.secretAccessKey/,
    );
    expect(() =>
      readS3DriverConfig(
        new ConfigReader({ plinth: { orchestrator: { drivers: { s3: {} } } } }),
      ),
    ).toThrow(/plinth\.orchestrator\.drivers\.s3\.credentials/);
  });
});
