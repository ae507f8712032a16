import type {
  ResourceSqlRequest,
  ResourceSqlResult,
  ResourceDriver,
  ResourceDriverRequest,
} from '@plinth/plugin-orchestrator-node';
import { InputError } from '@backstage/errors';
import { randomBytes } from 'node:crypto';
import { Client, ClientConfig, escapeIdentifier, escapeLiteral } from 'pg';
import { postgresNamesOf } from './names';

/**
 * Where the driver provisions: a PostgreSQL server and an account that may
 * create roles and databases.
 * @public
 */
export interface PostgresDriverOptions {
  /** The admin connection (host, port, user, password). */
  connection: Pick<ClientConfig, 'host' | 'port' | 'user' | 'password'> & {
    database?: string;
  };
  /** The host workloads reach the server by, when not the admin's host. */
  publicHost?: string;
  /** The port workloads reach the server by, when not the admin's port. */
  publicPort?: number;
}

/** PostgreSQL error codes met when two runs create the same thing at once. */
const DUPLICATE = new Set(['42710', '42P04', '23505']);

function isDuplicate(error: unknown): boolean {
  return DUPLICATE.has((error as { code?: string }).code ?? '');
}

async function withAdmin<T>(
  options: PostgresDriverOptions,
  work: (client: Client) => Promise<T>,
): Promise<T> {
  const client = new Client({
    ...options.connection,
    database: options.connection.database ?? 'postgres',
  });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/**
 * The `postgres` driver: a database and a role of its own per resource,
 * on the configured server. Provisioning is create-if-absent (a retry, or
 * two runs at once, take turns and leave one database and one role) and
 * sets a new password each time it runs (the last run's is the valid one); deprovisioning drops both, and succeeds when
 * they are gone already. Names come from the resource's key
 * (`plinth_<readable part>_<hash>`), so nothing the user wrote reaches
 * SQL; they are quoted all the same.
 * @public
 */
export function createPostgresDriver(
  options: PostgresDriverOptions,
): ResourceDriver {
  const host = options.publicHost ?? options.connection.host ?? 'localhost';
  const port = options.publicPort ?? options.connection.port ?? 5432;

  return {
    id: 'postgres',
    resourceTypes: ['postgres'],

    async provision(request: ResourceDriverRequest) {
      const { database, role } = postgresNamesOf(request.key);
      const password = randomBytes(24).toString('base64url');
      await withAdmin(options, async client => {
        // Runs for one resource take turns (a session lock, released when
        // the connection ends): concurrent ALTER ROLEs would collide.
        await client.query('SELECT pg_advisory_lock(hashtextextended($1, 0))', [
          `plinth.orchestrator.postgres:${role}`,
        ]);
        const roleSql = `${escapeIdentifier(
          role,
        )} WITH LOGIN PASSWORD ${escapeLiteral(password)}`;
        const { rowCount: roles } = await client.query(
          'SELECT 1 FROM pg_roles WHERE rolname = $1',
          [role],
        );
        if (!roles) {
          try {
            await client.query(`CREATE ROLE ${roleSql}`);
          } catch (error) {
            if (!isDuplicate(error)) throw error;
            await client.query(`ALTER ROLE ${roleSql}`);
          }
        } else {
          await client.query(`ALTER ROLE ${roleSql}`);
        }
        const { rowCount: databases } = await client.query(
          'SELECT 1 FROM pg_database WHERE datname = $1',
          [database],
        );
        if (!databases) {
          try {
            await client.query(
              `CREATE DATABASE ${escapeIdentifier(
                database,
              )} OWNER ${escapeIdentifier(role)}`,
            );
          } catch (error) {
            if (!isDuplicate(error)) throw error;
          }
        }
        // Only its role connects to it.
        await client.query(
          `REVOKE ALL ON DATABASE ${escapeIdentifier(database)} FROM PUBLIC`,
        );
      });
      request.logger.info(
        `PostgreSQL database ${database} and role ${role} ready on ${host}:${port}`,
      );
      return {
        outputs: {
          host,
          port: String(port),
          name: database,
          database,
          username: role,
        },
        secrets: { password },
        state: { database, role },
      };
    },

    async deprovision(request) {
      const { database, role } = postgresNamesOf(request.key);
      await withAdmin(options, async client => {
        await client.query(
          `DROP DATABASE IF EXISTS ${escapeIdentifier(database)} WITH (FORCE)`,
        );
        await client.query(`DROP ROLE IF EXISTS ${escapeIdentifier(role)}`);
      });
      request.logger.info(
        `PostgreSQL database ${database} and role ${role} dropped`,
      );
    },

    async runSql(request: ResourceSqlRequest): Promise<ResourceSqlResult> {
      checkNoTransactionControl(request.sql);
      const { outputs, secrets, state } = request.resource;
      // As the resource's own role, on the server the backend reaches.
      const client = new Client({
        host: options.connection.host,
        port: options.connection.port,
        user: String(state.role ?? outputs.username),
        password: secrets.password,
        database: String(state.database ?? outputs.name),
      });
      await client.connect();
      const abort = () => client.end().catch(() => undefined);
      request.signal.addEventListener('abort', abort, { once: true });
      try {
        await client.query('BEGIN');
        await client.query(`SET LOCAL statement_timeout = '60s'`);
        let answer;
        try {
          answer = await client.query(request.sql);
        } catch (error) {
          await client.query('ROLLBACK').catch(() => undefined);
          // The server's reason is the user's to read (a 400, not a 500).
          throw new InputError(`The SQL failed: ${(error as Error).message}`);
        }
        await client.query(request.dryRun ? 'ROLLBACK' : 'COMMIT');
        const results = Array.isArray(answer) ? answer : [answer];
        return {
          statements: results.map(r => ({
            command: r.command ?? 'SQL',
            rows: r.rowCount ?? null,
          })),
          rolledBack: request.dryRun,
        };
      } finally {
        request.signal.removeEventListener('abort', abort);
        await client.end().catch(() => undefined);
      }
    },
  };
}

/** Statements that would end the transaction the SQL runs in. */
const TRANSACTION_CONTROL =
  /^(begin|commit|rollback|end|abort|start\s+transaction|savepoint|release|prepare\s+transaction)\b/i;

/**
 * Refuses SQL that controls its own transaction: a dry run rolls back the
 * one it runs in, which a `COMMIT` inside would defeat.
 */
function checkNoTransactionControl(sql: string): void {
  sql.split(';').forEach((part, i) => {
    const statement = part.replace(/^(\s|--[^\n]*\n)+/, '');
    const match = TRANSACTION_CONTROL.exec(statement);
    if (match) {
      throw new InputError(
        `statement ${
          i + 1
        } is ${match[1].toUpperCase()}: the SQL runs in one transaction of its own, so it must not begin, commit or roll back one`,
      );
    }
  });
}
