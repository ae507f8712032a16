import type { LoggerService } from '@backstage/backend-plugin-api';
import { ConflictError, InputError, NotFoundError } from '@backstage/errors';
import type { JsonObject } from '@backstage/types';
import type {
  ResourceDriver,
  ResourceSqlResult,
  SecretBox,
} from '@plinth/plugin-orchestrator-node';
import { resourceContext } from '../database/DatabaseOrchestratorStore';
import type { OrchestratorStore } from '../database/OrchestratorStore';
import { refused } from './refusals';

/** How long SQL may run before it is cancelled. */
const SQL_TIMEOUT_MS = 90_000;

/**
 * SQL on an environment's database resources (schema changes, data loads),
 * run by the resource's driver as the resource's own user, in one
 * transaction; a dry run is run and rolled back, so the server checks it.
 */
export class ResourceSqlService {
  constructor(
    private readonly options: {
      store: OrchestratorStore;
      drivers: ReadonlyMap<string, ResourceDriver>;
      secrets: SecretBox;
      logger: LoggerService;
    },
  ) {}

  async run(
    target: { app: string; env: string; resId: string },
    request: { sql: string; dryRun: boolean },
    by: string,
    options: { allowLocked: boolean },
  ): Promise<ResourceSqlResult> {
    const { app, env, resId } = target;
    const { store, drivers, secrets, logger } = this.options;
    const environment = await store.getEnvironment(app, env);
    if (!environment) throw refused('missing', app, env);
    if (environment.lock && !options.allowLocked && !request.dryRun) {
      throw new ConflictError(
        `Environment "${env}" of ${app} is locked (${environment.lock.reason}); unlock it, or ask for the plinth.orchestrator.deploy.locked permission`,
      );
    }
    const row = (await store.listResources(app, env)).find(
      r => r.resId === resId,
    );
    if (!row) {
      throw new NotFoundError(
        `Environment "${env}" of ${app} has no resource "${resId}"`,
      );
    }
    if (row.status !== 'ready') {
      throw new ConflictError(
        `Resource ${resId} is ${row.status}, not ready: SQL runs once it is provisioned`,
      );
    }
    const driver = drivers.get(row.driver);
    if (!driver?.runSql) {
      throw new InputError(
        `Resource ${resId} (${row.type}, driver ${row.driver}) takes no SQL: only database drivers such as postgres run it`,
      );
    }
    const opened = row.sealedSecrets
      ? JSON.parse(
          secrets.open(row.sealedSecrets, resourceContext(app, env, resId)),
        )
      : {};
    const signal = AbortSignal.timeout(SQL_TIMEOUT_MS);
    const result = await driver.runSql({
      resource: {
        resId,
        type: row.type,
        outputs: row.outputs ?? {},
        secrets: opened,
        state: (row.state ?? {}) as JsonObject,
      },
      sql: request.sql,
      dryRun: request.dryRun,
      logger,
      signal,
    });
    // Who changed which database, for the audit; the SQL itself may carry
    // data, so only its commands.
    logger.info(
      `${by} ${
        request.dryRun ? 'dry-ran' : 'ran'
      } SQL on ${resId} of environment ${env} of ${app}: ${result.statements
        .map(s => s.command)
        .join(', ')}`,
    );
    return result;
  }
}
