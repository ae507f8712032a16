/*
 * The DORA metrics tables: the change, deployment and incident events, the
 * changes of each deployment, the first successful deployment of each change
 * (kept at ingest, so that lead time is one indexed range), and the catalog
 * facets of the entities for grouping. Times are epoch milliseconds, so that
 * windows and differences are plain integer arithmetic on every database.
 */

// @ts-check

/**
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('dora_changes', table => {
    table.comment('DORA change events: commits and merged pull requests');
    table.string('id', 255).primary().notNullable().comment('The event id');
    table
      .string('entity_ref', 255)
      .notNullable()
      .comment('The catalog entity ref, lowercased');
    table
      .bigInteger('created_at')
      .notNullable()
      .comment('When the change was made, in epoch milliseconds');
    table
      .string('hash', 64)
      .notNullable()
      .comment('Hash of the event in normal form, to skip unchanged ones');
  });

  await knex.schema.createTable('dora_deployments', table => {
    table.comment('DORA deployment events');
    table.string('id', 255).primary().notNullable().comment('The event id');
    table
      .string('entity_ref', 255)
      .notNullable()
      .comment('The catalog entity ref, lowercased');
    table
      .string('environment', 64)
      .notNullable()
      .comment('The environment, lowercased');
    table.string('status', 16).notNullable().comment('success or failure');
    table.bigInteger('started_at').notNullable().comment('Epoch milliseconds');
    table
      .bigInteger('finished_at')
      .notNullable()
      .comment('Epoch milliseconds; the time every metric uses');
    table
      .integer('finished_day')
      .notNullable()
      .comment('The UTC day of finished_at, days since the epoch');
    table
      .boolean('rework')
      .notNullable()
      .comment('An unplanned deployment because of an incident');
    table
      .boolean('caused_incident')
      .notNullable()
      .defaultTo(false)
      .comment('Whether an incident names it in caused_by, kept at ingest');
    table
      .string('hash', 64)
      .notNullable()
      .comment('Hash of the event in normal form, to skip unchanged ones');
    table.index(['environment', 'finished_at'], 'dora_deployments_window_idx');
    table.index(
      ['entity_ref', 'environment', 'status', 'finished_at'],
      'dora_deployments_entity_idx',
    );
  });

  await knex.schema.createTable('dora_deployment_changes', table => {
    table.comment('The changes each deployment lists');
    table.string('deployment_id', 255).notNullable();
    table.string('change_id', 255).notNullable();
    table.primary(['deployment_id', 'change_id']);
    table.index(['change_id'], 'dora_deployment_changes_change_idx');
  });

  await knex.schema.createTable('dora_incidents', table => {
    table.comment('DORA incident events');
    table.string('id', 255).primary().notNullable().comment('The event id');
    table
      .string('entity_ref', 255)
      .notNullable()
      .comment('The catalog entity ref, lowercased');
    table.bigInteger('created_at').notNullable().comment('Epoch milliseconds');
    table
      .bigInteger('resolved_at')
      .nullable()
      .comment('Epoch milliseconds; null while open');
    table
      .string('caused_by', 255)
      .nullable()
      .comment('The id of the deployment that caused it');
    table
      .string('hash', 64)
      .notNullable()
      .comment('Hash of the event in normal form, to skip unchanged ones');
    table.index(['created_at'], 'dora_incidents_created_idx');
    table.index(['caused_by'], 'dora_incidents_caused_by_idx');
  });

  await knex.schema.createTable('dora_change_leads', table => {
    table.comment(
      'The first successful deployment of each change, per deployed entity and environment',
    );
    table.string('change_id', 255).notNullable();
    table
      .string('entity_ref', 255)
      .notNullable()
      .comment('The entity of the deployment');
    table.string('environment', 64).notNullable();
    table
      .bigInteger('deployed_at')
      .notNullable()
      .comment('finished_at of the first successful deployment');
    table
      .bigInteger('lead_ms')
      .notNullable()
      .comment('deployed_at minus the created_at of the change');
    table.primary(['change_id', 'entity_ref', 'environment']);
    table.index(
      ['environment', 'deployed_at', 'entity_ref', 'lead_ms'],
      'dora_change_leads_window_idx',
    );
  });

  await knex.schema.createTable('dora_entities', table => {
    table.comment('Catalog facets of the entities with DORA events');
    table.string('entity_ref', 255).primary().notNullable();
    table
      .string('system_ref', 255)
      .nullable()
      .comment('The system of the entity');
    table
      .string('domain_ref', 255)
      .nullable()
      .comment('The domain of that system');
    table
      .bigInteger('refreshed_at')
      .notNullable()
      .comment('When the facets were last read, in epoch milliseconds');
    table.index(['system_ref'], 'dora_entities_system_idx');
    table.index(['domain_ref'], 'dora_entities_domain_idx');
  });

  await knex.schema.createTable('dora_entity_teams', table => {
    table.comment('The owning teams of the entities with DORA events');
    table.string('entity_ref', 255).notNullable();
    table.string('team', 255).notNullable().comment('The team entity ref');
    table.primary(['entity_ref', 'team']);
    table.index(['team'], 'dora_entity_teams_team_idx');
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('dora_entity_teams');
  await knex.schema.dropTable('dora_entities');
  await knex.schema.dropTable('dora_change_leads');
  await knex.schema.dropTable('dora_incidents');
  await knex.schema.dropTable('dora_deployment_changes');
  await knex.schema.dropTable('dora_deployments');
  await knex.schema.dropTable('dora_changes');
};
