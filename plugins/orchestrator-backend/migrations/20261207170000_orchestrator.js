/*
 * The orchestrator's state: environment types made through the API (those
 * of app-config are not stored), resource definitions made through the API
 * (those of app-config and files are not stored), apps' environments, the
 * Score workloads in them, the resources provisioned for them, shared values
 * and secrets (secret ones sealed with AES-256-GCM), and the runs that
 * provision and delete (one at a time per environment, leased, so that a
 * replica that dies mid-run is followed by another that resumes it).
 * Times are epoch milliseconds.
 */

// @ts-check

/**
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('orchestrator_environment_types', table => {
    table.comment('Environment types made through the API');
    table.string('id', 64).primary();
    table.text('description').notNullable().defaultTo('');
    table.bigInteger('created_at').notNullable();
    table.string('created_by', 255).notNullable();
  });

  await knex.schema.createTable('orchestrator_resource_definitions', table => {
    table.comment('Resource definitions made through the API');
    table.string('id', 128).primary();
    table
      .text('definition')
      .notNullable()
      .comment('JSON: title, type, driver, driverInputs, criteria');
    table.bigInteger('updated_at').notNullable();
    table.string('updated_by', 255).notNullable();
  });

  await knex.schema.createTable('orchestrator_environments', table => {
    table.comment('The environments of apps');
    table.string('app_ref', 255).notNullable().comment('The catalog entity');
    table.string('env_id', 64).notNullable();
    table.string('type', 64).notNullable();
    table.string('owner_ref', 255).notNullable();
    table.string('created_by', 255).notNullable();
    table.bigInteger('created_at').notNullable();
    table.string('from_env', 64).nullable();
    table.bigInteger('expires_at').nullable();
    table.bigInteger('reminded_at').nullable();
    table.text('lock_reason').nullable();
    table.string('locked_by', 255).nullable();
    table.bigInteger('locked_at').nullable();
    table
      .string('status', 16)
      .notNullable()
      .comment('ready, provisioning, failed or deleting');
    table.text('status_reason').nullable();
    table.bigInteger('updated_at').notNullable();
    table.primary(['app_ref', 'env_id']);
    table.index(['expires_at'], 'orchestrator_environments_expires_idx');
  });

  await knex.schema.createTable('orchestrator_workloads', table => {
    table.comment('The Score workloads of environments');
    table.string('app_ref', 255).notNullable();
    table.string('env_id', 64).notNullable();
    table.string('name', 63).notNullable();
    table.text('score').notNullable().comment('The Score file as written');
    table.bigInteger('updated_at').notNullable();
    table.string('updated_by', 255).notNullable();
    table.primary(['app_ref', 'env_id', 'name']);
  });

  await knex.schema.createTable('orchestrator_resources', table => {
    table.comment('Resources provisioned for the workloads of environments');
    table.string('app_ref', 255).notNullable();
    table.string('env_id', 64).notNullable();
    table
      .string('res_id', 255)
      .notNullable()
      .comment('workload.resource, or a shared resource id');
    table.string('type', 64).notNullable();
    table.string('class', 64).notNullable();
    table.string('definition_id', 128).notNullable();
    table.string('driver', 64).notNullable();
    table
      .string('res_key', 600)
      .notNullable()
      .comment('The stable key drivers name what they make after');
    table.text('params').notNullable().comment('JSON, placeholders resolved');
    table.text('used_by').notNullable().comment('JSON: workload names');
    table
      .string('status', 16)
      .notNullable()
      .comment('provisioning, ready, failed or deleting');
    table.text('outputs').nullable().comment('JSON, plain outputs');
    table.text('secrets').nullable().comment('Sealed JSON, secret outputs');
    table.text('state').nullable().comment('JSON, the state the driver keeps');
    table.text('error').nullable();
    table
      .string('created_run', 36)
      .nullable()
      .comment('The run that made it, cleared when that run succeeds');
    table.bigInteger('created_at').notNullable();
    table.bigInteger('updated_at').notNullable();
    table.primary(['app_ref', 'env_id', 'res_id']);
    table.index(['definition_id'], 'orchestrator_resources_definition_idx');
  });

  await knex.schema.createTable('orchestrator_values', table => {
    table.comment(
      'Shared values and secrets: of the platform (app ""), an app (env ""), or an environment',
    );
    table.string('app_ref', 255).notNullable();
    table.string('env_id', 64).notNullable();
    table.string('key', 128).notNullable();
    table.boolean('secret').notNullable();
    table.text('value').notNullable().comment('Sealed when secret');
    table.text('description').notNullable().defaultTo('');
    table.bigInteger('updated_at').notNullable();
    table.string('updated_by', 255).notNullable();
    table.primary(['app_ref', 'env_id', 'key']);
  });

  await knex.schema.createTable('orchestrator_runs', table => {
    table.comment(
      'Provisioning and deletion runs, one at a time per environment',
    );
    table.string('id', 36).primary();
    table.string('app_ref', 255).notNullable();
    table.string('env_id', 64).notNullable();
    table.string('action', 16).notNullable().comment('provision or delete');
    table
      .string('status', 16)
      .notNullable()
      .comment('queued, running, succeeded, failed or cancelled');
    table.string('lease_owner', 255).nullable();
    table.bigInteger('lease_until').nullable();
    table.integer('attempts').notNullable().defaultTo(0);
    table.text('error').nullable();
    table.string('requested_by', 255).notNullable();
    table.bigInteger('created_at').notNullable();
    table.bigInteger('started_at').nullable();
    table.bigInteger('finished_at').nullable();
    table.index(['app_ref', 'env_id', 'status'], 'orchestrator_runs_env_idx');
    table.index(['status', 'lease_until'], 'orchestrator_runs_status_idx');
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  for (const table of [
    'orchestrator_runs',
    'orchestrator_values',
    'orchestrator_resources',
    'orchestrator_workloads',
    'orchestrator_environments',
    'orchestrator_resource_definitions',
    'orchestrator_environment_types',
  ]) {
    await knex.schema.dropTable(table);
  }
};
