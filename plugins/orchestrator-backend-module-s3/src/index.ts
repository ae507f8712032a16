/**
 * The orchestrator's s3 driver: a bucket per resource through the S3 API
 * (AWS or an S3-compatible store), and the backend module that adds it to
 * the orchestrator.
 *
 * @packageDocumentation
 */

export { orchestratorModuleS3Driver as default } from './module';
export { createS3Driver, type S3DriverOptions } from './driver/createS3Driver';
