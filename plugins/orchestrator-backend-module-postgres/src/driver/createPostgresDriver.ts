import type {
  ResourceDriver,
  ResourceDriverRequest,
} from '@plinth/plugin-orchestrator-node';
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
  };
}
