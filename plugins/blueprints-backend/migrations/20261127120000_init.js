/*
 * The blueprints backend's tables. Times are stored as timestamps with time
 * zone; documents (blueprints, entities, problems) as JSON text. Written with
 * knex's schema builder so they run on SQLite and PostgreSQL alike.
 */

// @ts-check

/**
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('api_blueprints', table => {
    table.comment('Blueprints created through the API');
    table
      .string('identifier', 255)
      .primary()
      .notNullable()
      .comment('The blueprint identifier');
    table
      .text('definition', 'longtext')
      .notNullable()
      .comment('The blueprint, as JSON');
    table
      .timestamp('created_at', { useTz: true })
      .notNullable()
      .comment('When it was created');
    table
      .string('created_by', 255)
      .notNullable()
      .comment('The user or service that created it');
    table
      .timestamp('updated_at', { useTz: true })
      .notNullable()
      .comment('When it last changed');
    table
      .string('updated_by', 255)
      .notNullable()
      .comment('The user or service that last changed it');
  });

  await knex.schema.createTable('blueprint_versions', table => {
    table.comment(
      'Every definition each blueprint has had, from any origin; kept when the blueprint goes',
    );
    table
      .string('identifier', 255)
      .notNullable()
      .comment('The blueprint identifier');
    table
      .integer('version')
      .notNullable()
      .comment('Starts at 1 and grows by one with every change');
    table
      .text('definition', 'longtext')
      .notNullable()
      .comment('The blueprint, as JSON');
    table.string('origin', 16).notNullable().comment('file, catalog or api');
    table
      .text('source')
      .notNullable()
      .comment('The file, the catalog entity ref, or api');
    table
      .timestamp('created_at', { useTz: true })
      .notNullable()
      .comment('When this version was recorded');
    table
      .string('created_by', 255)
      .nullable()
      .comment(
        'Who made the change: a user or service ref, file:<path>, or a catalog entity ref',
      );
    table.primary(['identifier', 'version']);
  });

  await knex.schema.createTable('applied_blueprints', table => {
    table.comment(
      'The blueprints the registry applies now, shared by every replica',
    );
    table
      .string('identifier', 255)
      .primary()
      .notNullable()
      .comment('The blueprint identifier');
    table
      .integer('position')
      .notNullable()
      .comment('Order in the set: files, then the catalog, then the API');
    table
      .text('definition', 'longtext')
      .notNullable()
      .comment('The blueprint, as JSON');
    table.string('origin', 16).notNullable().comment('file, catalog or api');
    table
      .text('source')
      .notNullable()
      .comment('The file, the catalog entity ref, or api');
    table
      .integer('version')
      .notNullable()
      .comment('The version of blueprint_versions it is');
    table
      .timestamp('updated_at', { useTz: true })
      .notNullable()
      .comment('When that version was recorded');
  });

  await knex.schema.createTable('registry_state', table => {
    table.comment(
      'What the last refresh of the registry found: one row, id "current"',
    );
    table.string('id', 32).primary().notNullable().comment('Always "current"');
    table
      .text('problems', 'longtext')
      .notNullable()
      .comment('The problems of the blueprints left out, as a JSON array');
    table
      .timestamp('refreshed_at', { useTz: true })
      .notNullable()
      .comment('When the registry was last refreshed');
  });

  await knex.schema.createTable('store_entities', table => {
    table.comment('Port-format entities created through the API');
    table
      .string('blueprint', 255)
      .notNullable()
      .comment('The identifier of the entity blueprint');
    table
      .string('identifier', 255)
      .notNullable()
      .comment('The entity identifier');
    table
      .text('entity', 'longtext')
      .notNullable()
      .comment('The Port entity, as JSON');
    table
      .timestamp('created_at', { useTz: true })
      .notNullable()
      .comment('When it was created');
    table
      .timestamp('updated_at', { useTz: true })
      .notNullable()
      .comment('When it last changed');
    table.primary(['blueprint', 'identifier']);
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('store_entities');
  await knex.schema.dropTable('registry_state');
  await knex.schema.dropTable('applied_blueprints');
  await knex.schema.dropTable('blueprint_versions');
  await knex.schema.dropTable('api_blueprints');
};
