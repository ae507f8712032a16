/*
 * When each entity was last written from the catalog, so that a full
 * comparison with the catalog does not remove an entity the change feed
 * delivered while the catalog had not yet stitched it (the feed reports
 * entities as they are processed; the comparison reads stitched ones).
 */

// @ts-check

/**
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('derived_entities', table => {
    table
      .bigInteger('written_at')
      .notNullable()
      .defaultTo(0)
      .comment('When the entity was last written, in epoch milliseconds');
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.alterTable('derived_entities', table => {
    table.dropColumn('written_at');
  });
};
