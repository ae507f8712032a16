/*
 * The scorecards tables: definitions and campaigns created through the API,
 * each entity's current result, the history of level changes and of daily
 * distributions, exemptions, the queue of entities to evaluate again, and
 * the fingerprint of each scorecard last evaluated in full.
 */

// @ts-check

/**
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('scorecard_definitions', table => {
    table.comment('Scorecards created through the API');
    table.string('identifier', 255).primary().notNullable();
    table
      .text('definition', 'longtext')
      .notNullable()
      .comment('The scorecard, as JSON');
    table.string('updated_by', 255).notNullable().comment('User entity ref');
    table.timestamp('updated_at', { useTz: true }).notNullable();
  });

  await knex.schema.createTable('scorecard_campaigns', table => {
    table.comment('Campaigns created through the API');
    table.string('identifier', 255).primary().notNullable();
    table
      .text('definition', 'longtext')
      .notNullable()
      .comment('The campaign, as JSON');
    table.string('updated_by', 255).notNullable().comment('User entity ref');
    table.timestamp('updated_at', { useTz: true }).notNullable();
  });

  await knex.schema.createTable('scorecard_results', table => {
    table.comment('Each entity current result on each scorecard');
    table.string('scorecard', 255).notNullable();
    table.string('entity_ref', 512).notNullable().comment('Catalog ref');
    table.string('level', 255).notNullable();
    table.integer('level_index').notNullable().comment('0 is the first level');
    table
      .text('rules', 'longtext')
      .notNullable()
      .comment('Rule results, as JSON');
    table
      .text('facets', 'longtext')
      .notNullable()
      .comment('Title, teams, system, domain and scalar values, as JSON');
    table
      .string('hash', 64)
      .notNullable()
      .comment('Hash of level, rules and facets, to skip unchanged writes');
    table
      .bigInteger('evaluated_at')
      .notNullable()
      .comment('Milliseconds since the epoch');
    table.primary(['scorecard', 'entity_ref']);
    table.index(['entity_ref'], 'scorecard_results_entity_idx');
  });

  await knex.schema.createTable('scorecard_level_history', table => {
    table.comment('One row per level change of an entity on a scorecard');
    table.string('scorecard', 255).notNullable();
    table.string('entity_ref', 512).notNullable();
    table
      .string('level', 255)
      .nullable()
      .comment('The level reached; null when the scorecard stopped applying');
    table.integer('level_index').nullable();
    table
      .bigInteger('at')
      .notNullable()
      .comment('Milliseconds since the epoch');
    table.index(['scorecard', 'entity_ref', 'at'], 'scorecard_history_idx');
    table.index(['entity_ref'], 'scorecard_history_entity_idx');
  });

  await knex.schema.createTable('scorecard_daily', table => {
    table.comment('Each scorecard distribution at the end of each day');
    table.string('scorecard', 255).notNullable();
    table.string('day', 10).notNullable().comment('YYYY-MM-DD, UTC');
    table
      .text('distribution', 'longtext')
      .notNullable()
      .comment('Totals per level and passing counts per rule, as JSON');
    table.primary(['scorecard', 'day']);
  });

  await knex.schema.createTable('scorecard_exemptions', table => {
    table.comment('Entities let off a scorecard rule until a date');
    table.string('id', 64).primary().notNullable();
    table.string('scorecard', 255).notNullable();
    table.string('rule', 255).notNullable();
    table.string('entity_ref', 512).notNullable();
    table
      .bigInteger('until')
      .notNullable()
      .comment('Milliseconds since the epoch');
    table.text('reason').notNullable();
    table.string('granted_by', 255).notNullable().comment('User entity ref');
    table.bigInteger('created_at').notNullable();
    table.bigInteger('revoked_at').nullable();
    table.string('revoked_by', 255).nullable();
    table.index(['entity_ref'], 'scorecard_exemptions_entity_idx');
    table.index(['scorecard'], 'scorecard_exemptions_scorecard_idx');
  });

  await knex.schema.createTable('scorecard_queue', table => {
    table.comment('Entities to evaluate again');
    table.string('entity_ref', 512).primary().notNullable();
    table
      .bigInteger('queued_at')
      .notNullable()
      .comment('Milliseconds since the epoch of the latest enqueue');
  });

  await knex.schema.createTable('scorecard_state', table => {
    table.comment(
      'The definition each scorecard was last evaluated in full with',
    );
    table.string('scorecard', 255).primary().notNullable();
    table.string('fingerprint', 64).notNullable();
    table.bigInteger('evaluated_at').notNullable();
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('scorecard_state');
  await knex.schema.dropTable('scorecard_queue');
  await knex.schema.dropTable('scorecard_exemptions');
  await knex.schema.dropTable('scorecard_daily');
  await knex.schema.dropTable('scorecard_level_history');
  await knex.schema.dropTable('scorecard_results');
  await knex.schema.dropTable('scorecard_campaigns');
  await knex.schema.dropTable('scorecard_definitions');
};
