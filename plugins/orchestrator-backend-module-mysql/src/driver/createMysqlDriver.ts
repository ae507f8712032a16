import type {
  ResourceDriver,
  ResourceDriverRequest,
} from '@plinth/plugin-orchestrator-node';
import { randomBytes } from 'node:crypto';
import {
  Connection,
  createConnection,
  escape,
  escapeId,
  RowDataPacket,
} from 'mysql2/promise';
import { grantPatternOf, mysqlNamesOf } from './names';

/**
 * Where the driver provisions: a MySQL or MariaDB server and an account
 * that may create users and databases and grant on them.
 * @public
 */
export interface MysqlDriverOptions {
  /** The admin connection (host, port, user, password). */
  connection: {
    host: string;
    /** 3306 unless said. */
    port?: number;
    user: string;
    password?: string;
    /** The database the admin connects to; none unless said. */
    database?: string;
  };
  /** The host workloads reach the server by, when not the admin's host. */
  publicHost?: string;
  /** The port workloads reach the server by, when not the admin's port. */
  publicPort?: number;
}

/** How long a run waits for another run on the same resource, in seconds. */
const LOCK_TIMEOUT = 60;
/** MySQL's "Unknown thread id": the session ended before it was killed. */
const ER_NO_SUCH_THREAD = 1094;

async function withAdmin<T>(
  options: MysqlDriverOptions,
  work: (connection: Connection) => Promise<T>,
): Promise<T> {
  const connection = await createConnection({
    host: options.connection.host,
    port: options.connection.port ?? 3306,
    user: options.connection.user,
    password: options.connection.password,
    database: options.connection.database,
  });
  try {
    return await work(connection);
  } finally {
    await connection.end();
  }
}

/**
 * Runs `work` while holding the named lock of one resource: runs for one
 * resource take turns (concurrent ALTER USERs and GRANTs would collide).
 * The lock is the session's, so it also goes when the connection does.
 */
async function withLock<T>(
  connection: Connection,
  user: string,
  work: () => Promise<T>,
): Promise<T> {
  const name = `plinth.orchestrator.mysql:${user}`;
  const [rows] = await connection.query<RowDataPacket[]>(
    'SELECT GET_LOCK(?, ?) AS locked',
    [name, LOCK_TIMEOUT],
  );
  if (Number(rows[0]?.locked) !== 1) {
    throw new Error(
      `MySQL: another run on ${user} held its lock for over ${LOCK_TIMEOUT} s`,
    );
  }
  try {
    return await work();
  } finally {
    await connection.query('SELECT RELEASE_LOCK(?)', [name]);
  }
}

/**
 * The error of a statement that held a password, without it: mysql2's
 * errors carry the statement (`sql`), and a server's syntax error quotes
 * it, so neither leaves here.
 */
function withoutSecret(error: unknown, secret: string): Error {
  const { code, errno, message } = error as {
    code?: string;
    errno?: number;
    message?: string;
  };
  const clean = new Error(
    `MySQL: ${String(message ?? error)
      .split(secret)
      .join('[redacted]')}`,
  );
  return Object.assign(clean, { code, errno });
}

/**
 * A new random password; the fixed tail gives it every character class,
 * so password policies (`validate_password`) accept it.
 */
function newPassword(): string {
  return `${randomBytes(24).toString('base64url')}-aZ9`;
}

/**
 * The `mysql` driver: a database and a user of its own per resource, on
 * the configured MySQL or MariaDB server. Provisioning is create-if-absent
 * (a retry, or two runs at once, take turns under `GET_LOCK` and leave one
 * database and one user) and sets a new password each time it runs (the
 * last run's is the valid one); deprovisioning drops both, ending the
 * user's sessions, and succeeds when they are gone already. Names come
 * from the resource's key (`plinth_<readable part>_<hash>`), so nothing
 * the user wrote reaches SQL; they are quoted all the same.
 * @public
 */
export function createMysqlDriver(options: MysqlDriverOptions): ResourceDriver {
  const host = options.publicHost ?? options.connection.host;
  const port = options.publicPort ?? options.connection.port ?? 3306;

  return {
    id: 'mysql',
    resourceTypes: ['mysql'],

    async provision(request: ResourceDriverRequest) {
      const { database, user } = mysqlNamesOf(request.key);
      const password = newPassword();
      await withAdmin(options, connection =>
        withLock(connection, user, async () => {
          const account = `${escape(user)}@'%'`;
          const identified = `IDENTIFIED BY ${escape(password)}`;
          try {
            await connection.query(
              `CREATE USER IF NOT EXISTS ${account} ${identified}`,
            );
            await connection.query(`ALTER USER ${account} ${identified}`);
          } catch (error) {
            throw withoutSecret(error, password);
          }
          await connection.query(
            `CREATE DATABASE IF NOT EXISTS ${escapeId(
              database,
            )} CHARACTER SET utf8mb4`,
          );
          await connection.query(
            `GRANT ALL PRIVILEGES ON ${escapeId(
              grantPatternOf(database),
            )}.* TO ${account}`,
          );
        }),
      );
      request.logger.info(
        `MySQL database ${database} and user ${user} ready on ${host}:${port}`,
      );
      return {
        outputs: {
          host,
          port: String(port),
          name: database,
          database,
          username: user,
        },
        secrets: { password },
        state: { database, user },
      };
    },

    async deprovision(request) {
      const { database, user } = mysqlNamesOf(request.key);
      await withAdmin(options, connection =>
        withLock(connection, user, async () => {
          // The user first, so that none of its sessions comes back; then
          // its sessions, whose open transactions would hold the drop.
          await connection.query(`DROP USER IF EXISTS ${escape(user)}@'%'`);
          const [sessions] = await connection.query<RowDataPacket[]>(
            'SELECT ID AS id FROM information_schema.PROCESSLIST WHERE USER = ?',
            [user],
          );
          for (const { id } of sessions) {
            try {
              await connection.query('KILL CONNECTION ?', [Number(id)]);
            } catch (error) {
              if ((error as { errno?: number }).errno !== ER_NO_SUCH_THREAD) {
                throw error;
              }
            }
          }
          await connection.query(
            `DROP DATABASE IF EXISTS ${escapeId(database)}`,
          );
        }),
      );
      request.logger.info(
        `MySQL database ${database} and user ${user} dropped`,
      );
    },
  };
}
