import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import type { OrchestratorService } from '@plinth/plugin-orchestrator-node';
import { appRefOf } from './common';
import { SchemaChange, schemaChangesSql } from './schemaChanges';
import { explained, sideEffect } from './steps';

/**
 * `plinth:database:change`: schema changes (or SQL) on an environment's
 * database resource, in one transaction, as the resource's own user. A dry
 * run prints the SQL and has the server run it and roll back.
 * @public
 */
export function createDatabaseChangeAction(options: {
  orchestrator: OrchestratorService;
}) {
  const { orchestrator } = options;
  return createTemplateAction({
    id: 'plinth:database:change',
    description:
      "Changes the schema of an environment's database resource (add, drop, retype or rename a column, duplicate a table, or SQL) in one transaction, as the resource's own user; a dry run prints the SQL and has PostgreSQL check it and roll it back",
    supportsDryRun: true,
    examples: [
      {
        description: 'Add a column to the orders table in staging',
        example: `steps:
  - id: column
    name: Add the column
    action: plinth:database:change
    input:
      app: component:default/cartservice
      environment: staging
      resource: cart.db
      changes:
        - op: add-column
          table: orders
          column: coupon
          type: varchar(32)`,
      },
    ],
    schema: {
      input: {
        app: z =>
          z
            .string()
            .min(1)
            .describe(
              'The app: the entity ref of its Component or System, such as component:default/cartservice',
            ),
        environment: z =>
          z.string().min(1).describe('The environment whose database it is'),
        resource: z =>
          z
            .string()
            .min(1)
            .describe(
              'The database resource: <workload>.<resource name>, such as cart.db, or a shared resource id',
            ),
        changes: z =>
          z
            .array(
              z.discriminatedUnion('op', [
                z.object({
                  op: z.literal('add-column').describe('Add a column'),
                  table: z.string().describe('The table, or schema.table'),
                  column: z.string().describe('The new column'),
                  type: z
                    .string()
                    .describe('Its type, such as text or varchar(255)'),
                  nullable: z
                    .boolean()
                    .optional()
                    .describe('Whether it may be empty (yes unless false)'),
                  default: z.string().optional().describe('Its default value'),
                }),
                z.object({
                  op: z.literal('drop-column').describe('Remove a column'),
                  table: z.string().describe('The table'),
                  column: z.string().describe('The column to remove'),
                }),
                z.object({
                  op: z
                    .literal('alter-column-type')
                    .describe("Change a column's type"),
                  table: z.string().describe('The table'),
                  column: z.string().describe('The column'),
                  type: z.string().describe('Its new type'),
                }),
                z.object({
                  op: z.literal('rename-column').describe('Rename a column'),
                  table: z.string().describe('The table'),
                  column: z.string().describe('The column'),
                  to: z.string().describe('Its new name'),
                }),
                z.object({
                  op: z
                    .literal('duplicate-table')
                    .describe('Copy a table, its columns, indexes and rows'),
                  table: z.string().describe('The table to copy'),
                  to: z.string().describe('The new table'),
                  withData: z
                    .boolean()
                    .optional()
                    .describe('Whether to copy the rows (yes unless false)'),
                }),
                z.object({
                  op: z.literal('sql').describe('SQL as written'),
                  sql: z
                    .string()
                    .describe('Statements, ;-separated, with no COMMIT'),
                }),
              ]),
            )
            .min(1)
            .describe('The changes, made in order, all or none'),
      },
      output: {
        sql: z => z.string().describe('The SQL run (or checked, in a dry run)'),
        statements: z =>
          z
            .array(z.string())
            .describe('Each statement the server ran, and the rows it touched'),
      },
    },
    async handler(ctx) {
      const app = appRefOf(ctx.input.app);
      const { environment, resource } = ctx.input;
      const sql = schemaChangesSql(ctx.input.changes as SchemaChange[]);
      const credentials = await ctx.getInitiatorCredentials();
      const where = `${resource} in ${environment} of ${app}`;
      ctx.logger.info(`The SQL for ${where}:\n${sql}`);
      const run = (dryRun: boolean) =>
        explained(`${dryRun ? 'check' : 'run'} the SQL on ${where}`, () =>
          orchestrator.runSql(
            app,
            environment,
            resource,
            { sql, dryRun },
            { credentials },
          ),
        );
      const result = ctx.isDryRun
        ? await run(true)
        : await sideEffect(ctx, {
            key: `plinth:database:change:${app}:${environment}:${resource}`,
            describe: `run it on ${where}, in one transaction`,
            dry: null,
            run: async () => ({ ...(await run(false)) }),
          });
      // A new array of this realm (the answer's came from fetch's), as
      // the scaffolder's templating takes only plain arrays.
      const statements = Array.from(
        result?.statements ?? [],
        s => `${s.command}${s.rows === null ? '' : ` (${s.rows} rows)`}`,
      );
      ctx.logger.info(
        ctx.isDryRun
          ? `Dry run: PostgreSQL ran it and rolled it back: ${statements.join(
              ', ',
            )}.`
          : `Done: ${statements.join(', ')}.`,
      );
      ctx.output('sql', sql);
      ctx.output('statements', statements);
    },
  });
}
