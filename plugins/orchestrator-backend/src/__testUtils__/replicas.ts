/*
 * Orchestrator replicas as processes (src/__testUtils__/replicaMain.ts), for
 * the process-level fault tests: start one on a port and a shared
 * PostgreSQL database prefix, call its API with the static token, kill it
 * with SIGKILL, and clean up the databases of a test afterwards.
 */
import { ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { Client } from 'pg';
import { freePort, sleep, waitFor } from './waiting';

export { freePort, waitFor };

/** What a replica process is started with (replicaMain.ts reads it). */
export interface ReplicaOptions {
  port: number;
  /** The backend's PostgreSQL database prefix: replicas with one share state. */
  databasePrefix: string;
  postgres: { host: string; port: number; user: string; password?: string };
  /** The static token calls carry. */
  token: string;
  /** The secret box's key: base64 of 32 bytes, the same for every replica. */
  secretKey: string;
  /** A catalog-info.yaml holding the app. */
  catalogFile: string;
  /** The executable the `slow-topic` definition (command driver) runs. */
  command: string;
  leaseSeconds: number;
  reaperSeconds: number;
  /** The S3 API the `s3` driver provisions buckets on (the test's s3rver). */
  s3Endpoint: string;
  /** Where deployments are committed, and this replica's clones. */
  gitops?: { repositoryUrl: string; workDir: string };
}

/** The machine's Redis and RabbitMQ, where the redis and amqp drivers provision. */
export const REDIS = { host: '127.0.0.1', port: 6379 };
export const RABBITMQ = {
  managementUrl: 'http://127.0.0.1:15672',
  username: 'guest',
  password: 'guest',
  amqpHost: '127.0.0.1',
};
/** s3rver's own credentials: it checks the key id only. */
export const S3_CREDENTIALS = {
  accessKeyId: 'S3RVER',
  secretAccessKey: 'S3RVER',
};

/** The machine's PostgreSQL, where replicas keep state and the driver provisions. */
export const POSTGRES = { host: '127.0.0.1', port: 5432, user: 'postgres' };

/** The app every replica's catalog holds. */
export const APP_PATH = '/apps/component/default/cartservice';

export const CATALOG_INFO = `apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: CartService
  namespace: default
spec:
  type: service
  owner: team-orders
  lifecycle: production
`;

/**
 * The command of the `slow-topic` definition: logs each call
 * (`<action> <key>`, on entry) to $PLINTH_COMMAND_LOG, and provisions in
 * about `seconds` seconds, so a run can be killed in the middle of it.
 */
export function slowCommandScript(seconds: number): string {
  return `#!/bin/sh
input=$(cat)
key=$(printf '%s' "$input" | sed -n 's/^{"action":"[a-z]*","key":"\\([^"]*\\)".*/\\1/p')
case "$input" in
  '{"action":"provision"'*) action=provision ;;
  *) action=deprovision ;;
esac
echo "$action $key" >> "$PLINTH_COMMAND_LOG"
if [ "$action" = provision ]; then
  sleep ${seconds}
  printf '{"outputs":{"name":"topic-%s"}}' "$(printf '%s' "$key" | cksum | cut -d' ' -f1)"
fi
`;
}

/** A running replica process. */
export interface Replica {
  name: string;
  port: number;
  url: string;
  child: ChildProcess;
  /** Where its stdout and stderr go. */
  logFile: string;
  /** The API, with the static token. */
  call(
    method: string,
    apiPath: string,
    body?: unknown,
    contentType?: string,
  ): Promise<{ status: number; body: any }>;
  /** SIGKILL, and waits until the process is gone. */
  kill(): Promise<void>;
  /** SIGTERM (a graceful stop), SIGKILL after 10 s. */
  stop(): Promise<void>;
}

const exited = (child: ChildProcess) =>
  child.exitCode !== null || child.signalCode !== null
    ? Promise.resolve()
    : new Promise<void>(resolve => child.once('exit', () => resolve()));

/**
 * Starts a replica and waits until its backend has started and the app is
 * in its catalog (the orchestrator answers for it).
 */
export async function startReplica(
  name: string,
  options: ReplicaOptions,
  more: { logDir: string; env?: NodeJS.ProcessEnv; timeoutMs?: number },
): Promise<Replica> {
  const logFile = path.join(more.logDir, `${name}.log`);
  const out = fs.openSync(logFile, 'a');
  const child = spawn(
    process.execPath,
    [
      '--require',
      require.resolve('@backstage/cli/config/nodeTransform.cjs'),
      path.join(__dirname, 'replicaMain.ts'),
      JSON.stringify(options),
    ],
    {
      cwd: path.resolve(__dirname, '../..'),
      env: {
        ...process.env,
        NODE_ENV: 'production',
        LOG_LEVEL: 'info',
        ...more.env,
      },
      stdio: ['ignore', out, out],
    },
  );
  fs.closeSync(out);
  const url = `http://127.0.0.1:${options.port}`;
  const call: Replica['call'] = async (method, apiPath, body, contentType) => {
    const headers: Record<string, string> = {
      authorization: `Bearer ${options.token}`,
    };
    let payload: string | undefined;
    if (body !== undefined) {
      headers['content-type'] = contentType ?? 'application/json';
      payload = typeof body === 'string' ? body : JSON.stringify(body);
    }
    const res = await fetch(`${url}/api/orchestrator${apiPath}`, {
      method,
      headers,
      body: payload,
    });
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      // not JSON
    }
    return { status: res.status, body: parsed };
  };
  const replica: Replica = {
    name,
    port: options.port,
    url,
    child,
    logFile,
    call,
    async kill() {
      if (child.exitCode === null && child.signalCode === null) {
        process.kill(child.pid!, 'SIGKILL');
      }
      await exited(child);
    },
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited(child);
      clearTimeout(timer);
    },
  };
  const deadline = Date.now() + (more.timeoutMs ?? 60_000);
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(
        `replica ${name} exited (${
          child.exitCode ?? child.signalCode
        }):\n${tail(logFile)}`,
      );
    }
    const res = await call('GET', `${APP_PATH}/environments`).catch(
      () => undefined,
    );
    if (res?.status === 200) return replica;
    if (Date.now() > deadline) {
      await replica.kill();
      throw new Error(
        `replica ${name} did not answer for the app in time (last: ${
          res ? `${res.status} ${JSON.stringify(res.body)}` : 'no answer'
        }):\n${tail(logFile)}`,
      );
    }
    await sleep(250);
  }
}

/** The last lines of a log file. */
export function tail(file: string, lines = 40): string {
  try {
    return fs.readFileSync(file, 'utf8').split('\n').slice(-lines).join('\n');
  } catch {
    return '(no log)';
  }
}

/** Fresh replica options of one test: its own database prefix and token. */
export function replicaOptions(
  base: Omit<ReplicaOptions, 'port' | 'token' | 'secretKey'> & {
    token?: string;
    secretKey?: string;
  },
  port: number,
): ReplicaOptions {
  return {
    token: base.token ?? randomBytes(24).toString('hex'),
    secretKey: base.secretKey ?? randomBytes(32).toString('base64'),
    ...base,
    port,
  };
}

/** A query on the machine's PostgreSQL (database `postgres`). */
export async function pgQuery<R extends Record<string, any>>(
  sql: string,
  params: unknown[] = [],
): Promise<R[]> {
  const client = new Client({ ...POSTGRES, database: 'postgres' });
  await client.connect();
  try {
    return (await client.query(sql, params)).rows as R[];
  } finally {
    await client.end();
  }
}

/** Drops every database whose name starts with the prefix. */
export async function dropDatabases(prefix: string): Promise<void> {
  const rows = await pgQuery<{ datname: string }>(
    'SELECT datname FROM pg_database WHERE starts_with(datname, $1)',
    [prefix],
  );
  for (const { datname } of rows) {
    await pgQuery(
      `DROP DATABASE IF EXISTS "${datname.replace(/"/g, '""')}" WITH (FORCE)`,
    );
  }
}
