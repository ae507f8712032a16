import {
  GetObjectCommand,
  HeadBucketCommand,
  ListBucketsCommand,
  PutObjectCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import type { ResourceDriverRequest } from '@plinth/plugin-orchestrator-node';
import { driverRequest } from '@plinth/plugin-orchestrator-node/testUtils';
import { ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createS3Driver, S3DriverOptions } from './createS3Driver';
import { isValidBucketName, s3BucketNameOf } from './names';

jest.setTimeout(60_000);

// s3rver knows one account: S3RVER / S3RVER. It checks the access key id
// of a request, not its signature.
const credentials = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' };
const run = `${process.pid}-${Date.now()}`;

// s3rver runs in a process of its own: its ListObjectsV2 continuation
// tokens use DES, which Node's OpenSSL 3 offers only with its legacy
// provider, so listings of more than one page need that flag.
const S3RVER = `
const S3rver = require(process.argv[1]);
const server = new S3rver({ port: 0, address: '127.0.0.1', silent: true, directory: process.argv[2] });
server.run().then(address => process.stdout.write(JSON.stringify(address) + '\\n'));
process.stdin.on('end', () => server.close().then(() => process.exit(0)));
process.stdin.resume();
`;

let server: ChildProcess | undefined;
let directory: string;
let options: S3DriverOptions;
let driver: ReturnType<typeof createS3Driver>;

beforeAll(async () => {
  directory = mkdtempSync(join(tmpdir(), 'plinth-s3rver-'));
  const child = spawn(
    process.execPath,
    [
      '--openssl-legacy-provider',
      '-e',
      S3RVER,
      require.resolve('s3rver'),
      directory,
    ],
    { stdio: ['pipe', 'pipe', 'inherit'] },
  );
  server = child;
  const port = await new Promise<number>((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      if (out.includes('\n')) resolve(JSON.parse(out).port);
    });
    child.once('error', reject);
    child.once('exit', code => reject(new Error(`s3rver exited (${code})`)));
  });
  options = {
    endpoint: `http://127.0.0.1:${port}`,
    region: 'us-east-1',
    forcePathStyle: true,
    credentials,
  };
  driver = createS3Driver(options);
});

afterAll(async () => {
  const child = server;
  if (child && child.exitCode === null) {
    const exited = new Promise(resolve => child.once('exit', resolve));
    child.stdin!.end();
    const timer = setTimeout(() => child.kill(), 5_000);
    await exited;
    clearTimeout(timer);
  }
  if (directory) rmSync(directory, { recursive: true, force: true });
});

function request(key: string): ResourceDriverRequest {
  return driverRequest({ key: `${key}-${run}`, type: 's3' });
}

/** The store, as its admin sees it. */
function admin(): S3Client {
  return new S3Client({
    endpoint: options.endpoint,
    region: 'us-east-1',
    forcePathStyle: true,
    credentials,
  });
}

/** How many buckets of that name the store has. */
async function count(bucket: string): Promise<number> {
  const { Buckets = [] } = await admin().send(new ListBucketsCommand({}));
  return Buckets.filter(b => b.Name === bucket).length;
}

/** A client as a workload builds it: from the outputs and secrets alone. */
function workloadClient(
  outputs: Record<string, string>,
  secrets: Record<string, string>,
): S3Client {
  return new S3Client({
    endpoint: outputs.endpoint,
    region: outputs.region,
    forcePathStyle: true,
    credentials: {
      accessKeyId: secrets.access_key_id,
      secretAccessKey: secrets.secret_key,
    },
  });
}

describe('createS3Driver, on a real S3 API (s3rver)', () => {
  const made: ResourceDriverRequest[] = [];
  afterAll(async () => {
    for (const r of made) await driver.deprovision({ ...r, state: {} });
    // Nothing of this run stays in the store.
    for (const r of made) {
      if (await count(s3BucketNameOf(r.key))) {
        throw new Error(`bucket left: ${s3BucketNameOf(r.key)}`);
      }
    }
  });

  it('provisions a bucket a workload can use', async () => {
    const files = request('cart.files');
    made.push(files);
    const { outputs, secrets, state } = await driver.provision(files);
    expect(outputs).toEqual({
      endpoint: options.endpoint,
      region: 'us-east-1',
      bucket: s3BucketNameOf(files.key),
    });
    expect(isValidBucketName(outputs.bucket)).toBe(true);
    expect(secrets).toEqual({
      access_key_id: credentials.accessKeyId,
      secret_key: credentials.secretAccessKey,
    });
    expect(state).toEqual({ bucket: outputs.bucket });

    const workload = workloadClient(outputs, secrets);
    await workload.send(
      new PutObjectCommand({
        Bucket: outputs.bucket,
        Key: 'carts/42.json',
        Body: '{"items":3}',
      }),
    );
    const got = await workload.send(
      new GetObjectCommand({ Bucket: outputs.bucket, Key: 'carts/42.json' }),
    );
    expect(await got.Body?.transformToString()).toBe('{"items":3}');

    // An unknown access key id is refused: the secrets are what counts.
    await expect(
      workloadClient(outputs, { ...secrets, access_key_id: 'NOBODY' }).send(
        new HeadBucketCommand({ Bucket: outputs.bucket }),
      ),
    ).rejects.toMatchObject({ $metadata: { httpStatusCode: 403 } });
  });

  it('keeps one bucket, and what is in it, when run twice', async () => {
    const files = request('twice.files');
    made.push(files);
    const first = await driver.provision(files);
    await workloadClient(first.outputs, first.secrets).send(
      new PutObjectCommand({
        Bucket: first.outputs.bucket,
        Key: 'kept',
        Body: 'x',
      }),
    );
    const again = await driver.provision(files);
    expect(again).toEqual(first);
    expect(await count(first.outputs.bucket)).toBe(1);
    const kept = await admin().send(
      new GetObjectCommand({ Bucket: first.outputs.bucket, Key: 'kept' }),
    );
    expect(await kept.Body?.transformToString()).toBe('x');
  });

  it('leaves one bucket when five runs provision at once', async () => {
    const files = request('concurrent.files');
    made.push(files);
    const results = await Promise.all(
      Array.from({ length: 5 }, () => driver.provision(files)),
    );
    expect(new Set(results.map(r => r.outputs.bucket)).size).toBe(1);
    expect(await count(results[0].outputs.bucket)).toBe(1);
  });

  it('leaves one bucket when five replicas provision at once', async () => {
    const files = request('replicas.files');
    made.push(files);
    // Separate drivers, as separate backend instances would be: their
    // CreateBuckets race on the store itself.
    const results = await Promise.all(
      Array.from({ length: 5 }, () => createS3Driver(options).provision(files)),
    );
    expect(new Set(results.map(r => r.outputs.bucket)).size).toBe(1);
    expect(await count(results[0].outputs.bucket)).toBe(1);
  });

  it('deletes a bucket with objects in it, over several pages, and succeeds when it is gone', async () => {
    const files = request('gone.files');
    made.push(files);
    const { outputs, state } = await driver.provision(files);
    const client = admin();
    const keys = [
      ...Array.from({ length: 1005 }, (_, i) => `objects/${i}.txt`),
      'nested/deeper/still/file.bin',
      "odd key with spaces, 'quotes' & ü",
    ];
    for (let i = 0; i < keys.length; i += 50) {
      await Promise.all(
        keys
          .slice(i, i + 50)
          .map(Key =>
            client.send(
              new PutObjectCommand({ Bucket: outputs.bucket, Key, Body: Key }),
            ),
          ),
      );
    }
    await driver.deprovision({ ...files, state });
    expect(await count(outputs.bucket)).toBe(0);
    await driver.deprovision({ ...files, state });
    expect(await count(outputs.bucket)).toBe(0);
  });

  it("gives a key with quotes, slashes, '%', '#', '?' and unicode a valid bucket name", async () => {
    const nasty = request(`app'; DROP/../%2F#?/ü💥`);
    made.push(nasty);
    const { outputs, secrets, state } = await driver.provision(nasty);
    expect(isValidBucketName(outputs.bucket)).toBe(true);
    expect(outputs.bucket).toMatch(/^plinth-[a-z0-9-]+-[0-9a-f]{12}$/);
    expect(await count(outputs.bucket)).toBe(1);
    await workloadClient(outputs, secrets).send(
      new PutObjectCommand({ Bucket: outputs.bucket, Key: 'k', Body: 'v' }),
    );
    await driver.deprovision({ ...nasty, state });
    expect(await count(outputs.bucket)).toBe(0);
  });

  it('hands workloads the public endpoint and the region', async () => {
    const files = request('public.files');
    made.push(files);
    const { outputs } = await createS3Driver({
      ...options,
      region: 'eu-west-1',
      publicEndpoint: 'http://s3.plinth.internal:9000',
    }).provision(files);
    expect(outputs).toMatchObject({
      endpoint: 'http://s3.plinth.internal:9000',
      region: 'eu-west-1',
    });
    expect(await count(outputs.bucket)).toBe(1);
  });

  it('says what failed, but never the credentials', async () => {
    const secretAccessKey = `not-the-key-${run}`;
    const accessKeyId = `UNKNOWN${process.pid}`;
    const wrong = createS3Driver({
      ...options,
      credentials: { accessKeyId, secretAccessKey },
    });
    const files = request('refused.files');
    const error: Error = await wrong.provision(files).then(
      () => {
        throw new Error('provisioned with unknown credentials');
      },
      e => e,
    );
    expect(error.message).toMatch(
      /^S3 HeadBucket of bucket plinth-[a-z0-9-]+ failed with HTTP 403: .*refused/,
    );
    expect(error.message).not.toContain(secretAccessKey);
    expect(error.message).not.toContain(accessKeyId);
    expect(await count(s3BucketNameOf(files.key))).toBe(0);
  });

  it('stops when the request is aborted', async () => {
    const files = request('aborted.files');
    const controller = new AbortController();
    controller.abort();
    await expect(
      driver.provision({ ...files, signal: controller.signal }),
    ).rejects.toThrow(/S3 HeadBucket of bucket plinth-[a-z0-9-]+ failed/);
    expect(await count(s3BucketNameOf(files.key))).toBe(0);
  });
});

describe('s3BucketNameOf', () => {
  it('gives one key one valid name, other keys others', () => {
    const long = 'a'.repeat(500);
    expect(s3BucketNameOf('cart.files')).toBe(s3BucketNameOf('cart.files'));
    expect(s3BucketNameOf('cart.files')).not.toBe(s3BucketNameOf('cart-files'));
    expect(s3BucketNameOf(`${long}x`)).not.toBe(s3BucketNameOf(`${long}y`));
    for (const key of [
      long,
      '',
      '💥',
      '192.168.0.1',
      '..',
      '-a-',
      'xn--abc',
      'A_B.C',
      `${'a'.repeat(42)}-${'b'.repeat(10)}`,
    ]) {
      expect(isValidBucketName(s3BucketNameOf(key))).toBe(true);
    }
  });

  it('knows a bad bucket name', () => {
    for (const bad of [
      'ab',
      'a'.repeat(64),
      'A-b',
      '-ab',
      'a..b',
      '10.0.0.1',
    ]) {
      expect(isValidBucketName(bad)).toBe(false);
    }
  });
});
