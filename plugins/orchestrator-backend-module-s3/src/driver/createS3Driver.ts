import {
  BucketLocationConstraint,
  CreateBucketCommand,
  DeleteBucketCommand,
  DeleteObjectsCommand,
  HeadBucketCommand,
  DeleteObjectsCommandOutput,
  ListObjectsV2Command,
  ListObjectsV2CommandOutput,
  S3Client,
  S3ServiceException,
} from '@aws-sdk/client-s3';
import type {
  ResourceDriver,
  ResourceDriverRequest,
} from '@plinth/plugin-orchestrator-node';
import { s3BucketNameOf } from './names';

/**
 * Where the driver provisions: an S3 API (AWS, or an S3-compatible store)
 * and credentials that may create, list, empty and delete buckets.
 * @public
 */
export interface S3DriverOptions {
  /** The S3 API's URL; left out for AWS. */
  endpoint?: string;
  /** The region buckets are made in; `us-east-1` unless said. */
  region?: string;
  /** Path-style URLs (`<endpoint>/<bucket>`), as most local stores want. */
  forcePathStyle?: boolean;
  /** The credentials the driver uses, and hands to workloads as secrets. */
  credentials: { accessKeyId: string; secretAccessKey: string };
  /** The S3 API's URL as workloads reach it, when not `endpoint`. */
  publicEndpoint?: string;
  /** How long one call to the S3 API may take; 30 s unless said. */
  timeoutMs?: number;
}

/** How often deprovisioning empties a bucket new objects keep coming to. */
const EMPTYING_ROUNDS = 5;

/**
 * The `s3` driver: a bucket of its own per resource on the configured S3
 * API. Provisioning is create-if-absent (HeadBucket, then CreateBucket; a
 * bucket a concurrent run made first is fine), so a retry, or runs at
 * once, leave one bucket. Its outputs are `endpoint`, `region` and
 * `bucket`, and its secrets `access_key_id` and `secret_key` are the
 * configured credentials: S3-compatible stores have no per-bucket users,
 * and on AWS a command or template driver would make an IAM user or role
 * of the bucket's own. Deprovisioning deletes every object, page by page,
 * then the bucket, and succeeds when it is gone already. The name comes
 * from the resource's key (`plinth-<readable part>-<hash>`, a valid bucket
 * name whatever the key holds). Errors name the call, the bucket and what
 * S3 said, never a credential.
 * @public
 */
export function createS3Driver(options: S3DriverOptions): ResourceDriver {
  const region = options.region ?? 'us-east-1';
  const endpoint =
    options.publicEndpoint ??
    options.endpoint ??
    `https://s3.${region}.amazonaws.com`;
  const timeoutMs = options.timeoutMs ?? 30_000;
  const secrets = [
    options.credentials.accessKeyId,
    options.credentials.secretAccessKey,
  ];
  const client = new S3Client({
    region,
    endpoint: options.endpoint,
    forcePathStyle: options.forcePathStyle,
    credentials: {
      accessKeyId: options.credentials.accessKeyId,
      secretAccessKey: options.credentials.secretAccessKey,
    },
    // S3-compatible stores often lack the checksums newer SDKs send by
    // default; ask for them only where the API requires them.
    ...(options.endpoint
      ? {
          requestChecksumCalculation: 'WHEN_REQUIRED' as const,
          responseChecksumValidation: 'WHEN_REQUIRED' as const,
        }
      : {}),
  });
  const turns = new Map<string, Promise<void>>();

  /** Runs for one bucket take turns within this driver. */
  async function inTurn<T>(name: string, work: () => Promise<T>): Promise<T> {
    const previous = turns.get(name) ?? Promise.resolve();
    const run = previous.then(work);
    const tail = run.then(
      () => undefined,
      () => undefined,
    );
    turns.set(name, tail);
    try {
      return await run;
    } finally {
      if (turns.get(name) === tail) turns.delete(name);
    }
  }

  function signalOf(request: ResourceDriverRequest): AbortSignal {
    return AbortSignal.any([request.signal, AbortSignal.timeout(timeoutMs)]);
  }

  /** What S3 said, as an error naming the call, never a credential. */
  function failure(call: string, bucket: string, error: unknown): Error {
    const status = statusOf(error);
    const said = scrub(
      `${nameOf(error)}${messageOf(error) ? `: ${messageOf(error)}` : ''}`,
      secrets,
    );
    return new Error(
      `S3 ${call} of bucket ${bucket} failed${
        status ? ` with HTTP ${status}` : ''
      }: ${said}`,
    );
  }

  /** Whether the bucket exists and these credentials may use it. */
  async function exists(
    request: ResourceDriverRequest,
    bucket: string,
  ): Promise<boolean> {
    try {
      await client.send(new HeadBucketCommand({ Bucket: bucket }), {
        abortSignal: signalOf(request),
      });
      return true;
    } catch (error) {
      if (isNoSuchBucket(error)) return false;
      const failed = failure('HeadBucket', bucket, error);
      if (statusOf(error) === 403) {
        failed.message +=
          ' (the credentials are refused, or another account owns the name)';
      }
      throw failed;
    }
  }

  /** Deletes every object in the bucket; false when there is no bucket. */
  async function empty(
    request: ResourceDriverRequest,
    bucket: string,
  ): Promise<boolean> {
    // Each round lists the first page again: deleting what a page listed
    // moves what is left to the front, whatever the store's tokens mean.
    let previous = '';
    for (;;) {
      let page: ListObjectsV2CommandOutput;
      try {
        page = await client.send(new ListObjectsV2Command({ Bucket: bucket }), {
          abortSignal: signalOf(request),
        });
      } catch (error) {
        if (isNoSuchBucket(error)) return false;
        throw failure('ListObjectsV2', bucket, error);
      }
      const keys = (page.Contents ?? []).flatMap(object =>
        object.Key === undefined ? [] : [{ Key: object.Key }],
      );
      if (!keys.length) return true;
      // The same page again after deleting it: the store keeps them.
      const listed = JSON.stringify(keys);
      if (listed === previous) {
        throw new Error(
          `S3 DeleteObjects of bucket ${bucket} left ${keys.length} object(s) in place`,
        );
      }
      previous = listed;
      let deleted: DeleteObjectsCommandOutput;
      try {
        deleted = await client.send(
          new DeleteObjectsCommand({
            Bucket: bucket,
            Delete: { Objects: keys, Quiet: true },
          }),
          { abortSignal: signalOf(request) },
        );
      } catch (error) {
        if (isNoSuchBucket(error)) return false;
        throw failure('DeleteObjects', bucket, error);
      }
      if (deleted.Errors?.length) {
        const [first] = deleted.Errors;
        throw new Error(
          `S3 DeleteObjects of bucket ${bucket} failed for ${
            deleted.Errors.length
          } object(s), first ${JSON.stringify(first.Key)}: ${scrub(
            `${first.Code ?? 'Error'}: ${first.Message ?? ''}`,
            secrets,
          )}`,
        );
      }
    }
  }

  return {
    id: 's3',
    resourceTypes: ['s3'],

    async provision(request: ResourceDriverRequest) {
      const bucket = s3BucketNameOf(request.key);
      await inTurn(bucket, async () => {
        if (await exists(request, bucket)) return;
        try {
          await client.send(
            new CreateBucketCommand({
              Bucket: bucket,
              // us-east-1 is S3's default, which takes no constraint.
              ...(region === 'us-east-1'
                ? {}
                : {
                    CreateBucketConfiguration: {
                      LocationConstraint: region as BucketLocationConstraint,
                    },
                  }),
            }),
            { abortSignal: signalOf(request) },
          );
        } catch (error) {
          const name = nameOf(error);
          // Made meanwhile by another run: fine when it is ours.
          if (name === 'BucketAlreadyOwnedByYou') return;
          if (name === 'BucketAlreadyExists' && (await exists(request, bucket)))
            return;
          throw failure('CreateBucket', bucket, error);
        }
      });
      request.logger.info(`S3 bucket ${bucket} ready on ${endpoint}`);
      return {
        outputs: { endpoint, region, bucket },
        secrets: {
          access_key_id: options.credentials.accessKeyId,
          secret_key: options.credentials.secretAccessKey,
        },
        state: { bucket },
      };
    },

    async deprovision(request) {
      const bucket = s3BucketNameOf(request.key);
      await inTurn(bucket, async () => {
        for (let round = 1; ; round++) {
          if (!(await empty(request, bucket))) return;
          try {
            await client.send(new DeleteBucketCommand({ Bucket: bucket }), {
              abortSignal: signalOf(request),
            });
            return;
          } catch (error) {
            if (isNoSuchBucket(error)) return;
            // Written to while being emptied: empty it again.
            if (nameOf(error) === 'BucketNotEmpty' && round < EMPTYING_ROUNDS)
              continue;
            throw failure('DeleteBucket', bucket, error);
          }
        }
      });
      request.logger.info(`S3 bucket ${bucket} deleted from ${endpoint}`);
    },
  };
}

function nameOf(error: unknown): string {
  if (error instanceof S3ServiceException) return error.name;
  const { name, Code } = (error ?? {}) as { name?: unknown; Code?: unknown };
  if (typeof Code === 'string') return Code;
  return typeof name === 'string' ? name : 'Error';
}

function messageOf(error: unknown): string {
  const { message } = (error ?? {}) as { message?: unknown };
  return typeof message === 'string' ? message : String(error);
}

function statusOf(error: unknown): number | undefined {
  return (error as { $metadata?: { httpStatusCode?: number } } | undefined)
    ?.$metadata?.httpStatusCode;
}

/** HeadBucket says `NotFound` (a HEAD has no body), the rest `NoSuchBucket`. */
function isNoSuchBucket(error: unknown): boolean {
  const name = nameOf(error);
  return (
    name === 'NoSuchBucket' || name === 'NotFound' || statusOf(error) === 404
  );
}

/** Whatever S3 says, never a credential. */
function scrub(text: string, secrets: string[]): string {
  return secrets
    .filter(secret => secret.length > 0)
    .reduce((clean, secret) => clean.split(secret).join('***'), text);
}
