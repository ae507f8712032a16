/*
 * The resources each resource reads outputs of (its params' placeholders),
 * so the Environments tab can draw the resource graph. Rows made before it
 * have none recorded until they are provisioned again.
 */

// @ts-check

/**
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('orchestrator_resources', table => {
    table
      .text('depends_on')
      .nullable()
      .comment('JSON: ids of the resources whose outputs its params read');
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.alterTable('orchestrator_resources', table => {
    table.dropColumn('depends_on');
  });
};
