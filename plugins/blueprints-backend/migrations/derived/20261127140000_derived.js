/*
 * The derived-property engine's tables: its copy of the catalog's blueprint
 * entities (Port view) and their relations, the computed values, the queue of
 * entities to compute again, and the blueprint versions last computed.
 */

// @ts-check

/**
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('derived_entities', table => {
    table.comment(
      'The entities of blueprints in the catalog, as Port sees them',
    );
    table
      .string('blueprint', 255)
      .notNullable()
      .comment('Blueprint identifier');
    table.string('identifier', 255).notNullable().comment('Port identifier');
    table
      .string('entity_ref', 512)
      .notNullable()
      .comment('The catalog entity ref');
    table
      .text('data', 'longtext')
      .notNullable()
      .comment('The Port entity, as JSON');
    table
      .string('hash', 64)
      .notNullable()
      .comment('Hash of data, to skip unchanged deliveries');
    table.primary(['blueprint', 'identifier']);
    table.index(['entity_ref'], 'derived_entities_ref_idx');
  });

  await knex.schema.createTable('derived_relations', table => {
    table.comment('The relations of derived_entities, for walking backwards');
    table.string('blueprint', 255).notNullable().comment('Source blueprint');
    table.string('identifier', 255).notNullable().comment('Source identifier');
    table.string('relation', 255).notNullable().comment('Relation key');
    table.string('target', 255).notNullable().comment('Target identifier');
    table.index(
      ['blueprint', 'relation', 'target'],
      'derived_relations_target_idx',
    );
    table.index(['blueprint', 'identifier'], 'derived_relations_source_idx');
  });

  await knex.schema.createTable('derived_values', table => {
    table.comment(
      'The computed derived properties and ownership of each entity',
    );
    table.string('blueprint', 255).notNullable();
    table.string('identifier', 255).notNullable();
    table
      .text('derived', 'longtext')
      .notNullable()
      .comment('Property key → DerivedValue, as JSON');
    table
      .text('ownership', 'longtext')
      .notNullable()
      .comment('DerivedOwnership, as JSON');
    table
      .timestamp('computed_at', { useTz: true })
      .notNullable()
      .comment('When computed');
    table.primary(['blueprint', 'identifier']);
  });

  await knex.schema.createTable('derived_owners', table => {
    table.comment('The owning teams of each entity, direct or inherited');
    table.string('blueprint', 255).notNullable();
    table.string('identifier', 255).notNullable();
    table.string('team', 255).notNullable().comment('Port team identifier');
    table.index(['team'], 'derived_owners_team_idx');
    table.index(['blueprint', 'identifier'], 'derived_owners_entity_idx');
  });

  await knex.schema.createTable('derived_queue', table => {
    table.comment('Entities whose derived properties are to be computed again');
    table.string('blueprint', 255).notNullable();
    table.string('identifier', 255).notNullable();
    table
      .bigInteger('queued_at')
      .notNullable()
      .comment('Milliseconds since the epoch of the latest enqueue');
    table.primary(['blueprint', 'identifier']);
    table.index(['queued_at'], 'derived_queue_queued_at_idx');
  });

  await knex.schema.createTable('derived_blueprints', table => {
    table.comment(
      'The blueprint versions the stored values were computed with',
    );
    table.string('identifier', 255).primary().notNullable();
    table.integer('version').notNullable();
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('derived_blueprints');
  await knex.schema.dropTable('derived_queue');
  await knex.schema.dropTable('derived_owners');
  await knex.schema.dropTable('derived_values');
  await knex.schema.dropTable('derived_relations');
  await knex.schema.dropTable('derived_entities');
};
