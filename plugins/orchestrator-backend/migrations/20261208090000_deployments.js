/*
 * Deployments: the set of an app's workloads (Score files, images, commits,
 * strategies) deployed to one environment, with a snapshot of what it used,
 * its stages and their logs, and where its manifests went. A deployment is
 * carried out by the run of the same id (action deploy), so it takes its turn
 * behind the environment's other runs and is resumed by another replica when
 * the one working on it dies. Times are epoch milliseconds.
 */

// @ts-check

/**
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('orchestrator_deployments', table => {
    table.comment(
      'Deployments of workloads to environments, with their stages',
    );
    table
      .string('id', 36)
      .primary()
      .comment('The id of the run carrying it out');
    table.string('app_ref', 255).notNullable();
    table.string('env_id', 64).notNullable();
    table
      .string('kind', 16)
      .notNullable()
      .comment('deploy, rollback or promotion');
    table.string('source_deployment', 36).nullable();
    table.string('source_env', 64).nullable();
    table
      .string('status', 16)
      .notNullable()
      .comment('queued, a stage, succeeded or failed');
    table.text('workloads').notNullable().comment('JSON: the deployed set');
    table.text('stages').notNullable().comment('JSON: stages and their logs');
    table
      .text('snapshot')
      .nullable()
      .comment('JSON: definitions and values used');
    table.text('delivery').nullable().comment('JSON: where the manifests went');
    table.text('comment').nullable();
    table.text('error').nullable();
    table.string('requested_by', 255).notNullable();
    table.bigInteger('created_at').notNullable();
    table.bigInteger('started_at').nullable();
    table.bigInteger('finished_at').nullable();
    table
      .bigInteger('reported_at')
      .nullable()
      .comment('When its DORA deployment event was recorded');
    table.index(
      ['app_ref', 'env_id', 'created_at'],
      'orchestrator_deployments_env_idx',
    );
    table.index(
      ['finished_at', 'reported_at'],
      'orchestrator_deployments_report_idx',
    );
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('orchestrator_deployments');
};
