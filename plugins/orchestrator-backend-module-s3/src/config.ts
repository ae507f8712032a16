import type { Config } from '@backstage/config';
import type { S3DriverOptions } from './driver/createS3Driver';

const KEY = 'plinth.orchestrator.drivers.s3';

/**
 * The driver's S3 API from `plinth.orchestrator.drivers.s3`; a missing or
 * mistyped key fails the start naming it.
 */
export function readS3DriverConfig(config: Config): S3DriverOptions {
  const driver = config.getConfig(KEY);
  const credentials = driver.getConfig('credentials');
  return {
    endpoint: driver.getOptionalString('endpoint'),
    region: driver.getOptionalString('region') ?? 'us-east-1',
    forcePathStyle: driver.getOptionalBoolean('forcePathStyle'),
    credentials: {
      accessKeyId: credentials.getString('accessKeyId'),
      secretAccessKey: credentials.getString('secretAccessKey'),
    },
    publicEndpoint: driver.getOptionalString('publicEndpoint'),
  };
}
